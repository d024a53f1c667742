/**
 * Polynomial replacements of ReLU and max for PANNs: AppReLU(z) = (z + z p(z / bound)) / 2 with p an
 * odd composite minimax approximation of sgn of precision 2^-B, meaning
 * max over x in [-1, 1] of |x (1 + p(x)) / 2 - ReLU(x)| <= 2^-B.
 *
 * <ul>
 *   <li>{@link dev.sturdy.model.approx.Remez}: odd minimax of sgn on [a, b], the building block.</li>
 *   <li>{@link dev.sturdy.model.approx.SignPolynomialSearch}: the degree sequence and eps per B for
 *       the secure protocol's cost (fewest components, then the smallest sum of degrees, degrees at
 *       most 7), and {@link dev.sturdy.model.approx.SignPolynomialGenerator}, which writes the
 *       shipped resource.</li>
 *   <li>{@link dev.sturdy.model.approx.SignPolynomials}: the shipped polynomials (B = 4..20) and
 *       approxCNN's reference files.</li>
 *   <li>{@link dev.sturdy.model.approx.AppRelu}, {@link dev.sturdy.model.approx.AppMax}: plaintext
 *       evaluation in doubles.</li>
 *   <li>{@link dev.sturdy.model.approx.ActivationPlan}: the integers the secure protocol computes
 *       (input bits, scale and coefficients per component) and their exact simulation.</li>
 * </ul>
 *
 * <p>Shipped degrees (ReLU error as a fraction of 2^-B; the table with secure costs is in
 * docs/polynomials.md):
 * <pre>
 *   B   degrees                  error     B   degrees                  error
 *   4   3                        .929      13  5, 7, 7, 7, 7            .736
 *   5   3, 3                     .964      14  5, 5, 5, 5, 5, 7         .982
 *   6   5, 5                     .878      15  5, 7, 7, 5, 7, 7         .770
 *   7   3, 5, 5                  .800      16  7, 7, 7, 7, 7, 7         .826
 *   8   7, 5, 5                  .788      17  7, 7, 5, 5, 5, 7, 7      .792
 *   9   7, 7, 7                  .859      18  5, 7, 7, 7, 7, 7, 7      .848
 *   10  5, 5, 7, 5               .872      19  7, 7, 5, 5, 5, 5, 7, 7   .808
 *   11  7, 5, 7, 7               .939      20  5, 7, 7, 7, 7, 5, 7, 7   .862
 *   12  5, 5, 5, 5, 7            .928
 * </pre>
 */
package dev.sturdy.model.approx;
