/**
 * Polynomial replacements of ReLU and max for PANNs: AppReLU(z) = (z + z p(z / bound)) / 2 with p an
 * odd composite minimax approximation of sgn of precision 2^-B, meaning
 * max over x in [-1, 1] of |x (1 + p(x)) / 2 - ReLU(x)| <= 2^-B.
 *
 * <ul>
 *   <li>{@link dev.sturdy.model.approx.Remez}: odd minimax of sgn on [a, b], the building block.</li>
 *   <li>{@link dev.sturdy.model.approx.SignPolynomialSearch}: the degree sequence and eps per B
 *       (depth first, then Lee et al.'s mults, then MPC openings), and
 *       {@link dev.sturdy.model.approx.SignPolynomialGenerator}, which writes the shipped resource.</li>
 *   <li>{@link dev.sturdy.model.approx.SignPolynomials}: the shipped polynomials (B = 4..20) and
 *       approxCNN's reference files.</li>
 *   <li>{@link dev.sturdy.model.approx.AppRelu}, {@link dev.sturdy.model.approx.AppMax}: plaintext
 *       evaluation in doubles.</li>
 *   <li>{@link dev.sturdy.model.approx.EvaluationPlan}: the rounds and products the MPC protocol
 *       follows, with a fixed-point simulation; its javadoc has the fractional bits needed per B.</li>
 * </ul>
 *
 * <p>Shipped degrees (ReLU error as a fraction of 2^-B; approxCNN's degrees where they differ):
 * <pre>
 *   B   degrees               error   approxCNN
 *   6   3, 7                  .954
 *   7   7, 7                  .960
 *   8   7, 15                 .968
 *   9   15, 15                .990
 *   10  7, 7, 13              .913
 *   11  13, 7, 15             .911    7, 7, 27     (same depth 11, same 20 mults)
 *   12  13, 15, 15            .904    7, 15, 27    (same depth 12, same 23 mults)
 *   13  15, 15, 25            .961    15, 15, 27   (same depth 13, same 26 mults)
 *   14  27, 15, 29            .964    15, 27, 29   (same depth 14, same 29 mults)
 *   15  27, 29, 31            .972
 *   16  7, 7, 7, 15, 15       .934
 *   17  15, 7, 7, 15, 15      .916
 *   18  15, 15, 7, 15, 15     .894
 *   19  7, 15, 15, 15, 27     .979
 *   20  15, 15, 15, 15, 27    .952
 * </pre>
 */
package dev.sturdy.model.approx;
