package dev.sturdy.protocol.ops;

import dev.sturdy.model.approx.EvaluationPlan;
import dev.sturdy.model.approx.EvaluationPlan.Linear;
import dev.sturdy.model.approx.EvaluationPlan.Product;
import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs an {@link EvaluationPlan} on secret shares of a whole tensor (every element at once).
 * Per plan round: all its products in one network round, each operand term opened once for all
 * its products (a Beaver mask per term, {@link CorrelationRequest#maskProduct} per product); the
 * raw products (2f bits) truncated by f together; then the round's linear steps: integer
 * coefficients and constants are exact and local, real ones are summed at 2f bits and truncated
 * together. With LOCAL truncation that is one network round per plan round; with
 * DEALER each batch of truncations adds one round ({@link #rounds(TruncationMode)}).
 *
 * <p>Terms are dropped after their last use, so memory is a few tensors, not one per term.
 */
public final class SecurePlan {
    private final EvaluationPlan plan;
    private final int[] lastUse;

    public SecurePlan(EvaluationPlan plan) {
        this.plan = plan;
        this.lastUse = new int[plan.termCount()];
        Arrays.fill(lastUse, -1);
        note(plan.prologue(), -1);
        List<EvaluationPlan.Round> rounds = plan.roundList();
        for (int r = 0; r < rounds.size(); r++) {
            for (Product p : rounds.get(r).products()) {
                lastUse[p.left()] = r;
                lastUse[p.right()] = r;
            }
            note(rounds.get(r).linear(), r);
        }
        lastUse[plan.output()] = Integer.MAX_VALUE;
    }

    private void note(List<Linear> steps, int round) {
        for (Linear l : steps) {
            for (int in : l.inputs()) {
                lastUse[in] = Math.max(lastUse[in], round);
            }
        }
    }

    public EvaluationPlan plan() {
        return plan;
    }

    /** Shares of the plan's output term for shares of its input term x (f fractional bits). */
    public RingTensor evaluate(SecureOps ops, RingTensor x, TruncationMode mode) {
        RingTensor[] terms = new RingTensor[plan.termCount()];
        Masks masks = new Masks();
        terms[plan.input()] = x;
        applyLinear(ops, plan.prologue(), terms, mode);
        List<EvaluationPlan.Round> rounds = plan.roundList();
        int f = ops.session().fixedPoint().fractionalBits();
        for (int r = 0; r < rounds.size(); r++) {
            EvaluationPlan.Round round = rounds.get(r);
            List<RingTensor> raw = products(ops, round.products(), terms, masks);
            Round trunc = ops.round();
            List<Round.Pending> truncated = new ArrayList<>();
            for (RingTensor p : raw) {
                truncated.add(trunc.truncate(p, f, mode));
            }
            trunc.run();
            for (int i = 0; i < truncated.size(); i++) {
                terms[round.products().get(i).result()] = truncated.get(i).get();
            }
            applyLinear(ops, round.linear(), terms, mode);
            for (int t = 0; t < terms.length; t++) {
                if (lastUse[t] <= r && lastUse[t] != Integer.MAX_VALUE) {
                    terms[t] = null;
                    masks.remove(t);
                }
            }
        }
        return terms[plan.output()];
    }

    /** A term's Beaver mask share a and its opened d = term - a, reused by all its products. */
    private record Masked(int index, long[] a, long[] d) {
    }

    /** The masked terms of one evaluation, with the count of masks taken (positions for MASK_PRODUCT). */
    private static final class Masks extends HashMap<Integer, Masked> {
        int taken;
    }

    /**
     * One network round for a plan round's products: every operand not opened before takes a
     * MASK and is opened once (all in one message); each product takes a MASK_PRODUCT (a_i a_j)
     * and is (d_i + a_i)(d_j + a_j) = c + d_i a_j + d_j a_i + [party 0] d_i d_j. Raw, 2f bits.
     */
    private static List<RingTensor> products(SecureOps ops, List<Product> products, RingTensor[] terms, Masks masks) {
        Session s = ops.session();
        Round open = ops.round();
        Map<Integer, Round.Pending> opened = new HashMap<>();
        for (Product p : products) {
            for (int t : new int[] {p.left(), p.right()}) {
                if (!masks.containsKey(t)) {
                    int n = terms[t].size();
                    long[] a = s.correlations().take(CorrelationRequest.mask(n)).a();
                    masks.put(t, new Masked(masks.taken++, a, null));
                    long[] v = terms[t].data(), d = new long[n];
                    for (int i = 0; i < n; i++) {
                        d[i] = v[i] - a[i];
                    }
                    opened.put(t, open.open(new RingTensor(d, n)));
                }
            }
        }
        List<long[]> cs = new ArrayList<>();
        for (Product p : products) {
            int n = terms[p.left()].size();
            cs.add(s.correlations().take(CorrelationRequest.maskProduct(n, masks.taken - masks.get(p.left()).index(),
                    masks.taken - masks.get(p.right()).index())).c());
        }
        open.run();
        for (var e : opened.entrySet()) {
            Masked m = masks.get(e.getKey());
            masks.put(e.getKey(), new Masked(m.index(), m.a(), e.getValue().get().data()));
        }
        boolean p0 = s.id() == 0;
        List<RingTensor> out = new ArrayList<>();
        for (int k = 0; k < products.size(); k++) {
            Product p = products.get(k);
            Masked l = masks.get(p.left()), r = masks.get(p.right());
            long[] c = cs.get(k), al = l.a(), ar = r.a(), dl = l.d(), dr = r.d();
            for (int i = 0; i < c.length; i++) {
                c[i] += dl[i] * ar[i] + dr[i] * al[i] + (p0 ? dl[i] * dr[i] : 0L);
            }
            out.add(new RingTensor(c, terms[p.left()].shape()));
        }
        return out;
    }

    /** Linear steps in order; real-coefficient results are truncated in batches, flushed when read. */
    private static void applyLinear(SecureOps ops, List<Linear> steps, RingTensor[] terms, TruncationMode mode) {
        Session s = ops.session();
        FixedPoint fp = s.fixedPoint();
        int f = fp.fractionalBits();
        Round pending = null;
        List<Integer> pendingTerms = new ArrayList<>();
        List<Round.Pending> pendingResults = new ArrayList<>();
        for (Linear step : steps) {
            boolean readsPending = false;
            for (int in : step.inputs()) {
                readsPending |= terms[in] == null;
            }
            if (readsPending) {
                flush(pending, pendingTerms, pendingResults, terms);
                pending = null;
            }
            boolean exact = !isReal(step);
            int n = terms[step.inputs()[0]].size();
            long[] acc = new long[n];
            for (int j = 0; j < step.inputs().length; j++) {
                RingTensor t = terms[step.inputs()[j]];
                long c = exact ? (long) step.coefficients()[j] : fp.encode(step.coefficients()[j]);
                long[] v = t.data();
                for (int i = 0; i < n; i++) {
                    acc[i] += c * v[i];
                }
            }
            if (s.id() == 0 && step.constant() != 0) {
                long c = fp.encode(step.constant()) << (exact ? 0 : f);
                for (int i = 0; i < n; i++) {
                    acc[i] += c;
                }
            }
            RingTensor value = new RingTensor(acc, terms[step.inputs()[0]].shape());
            if (exact) {
                terms[step.result()] = value;
            } else {
                if (pending == null) {
                    pending = ops.round();
                }
                pendingTerms.add(step.result());
                pendingResults.add(pending.truncate(value, f, mode));
            }
        }
        flush(pending, pendingTerms, pendingResults, terms);
    }

    private static void flush(Round pending, List<Integer> pendingTerms, List<Round.Pending> results, RingTensor[] terms) {
        if (pending == null) {
            return;
        }
        pending.run();
        for (int i = 0; i < results.size(); i++) {
            terms[pendingTerms.get(i)] = results.get(i).get();
        }
        pendingTerms.clear();
        results.clear();
    }

    private static boolean isInteger(double v) {
        return v == Math.rint(v) && Math.abs(v) < (1 << 20);
    }

    /** Network rounds of one {@link #evaluate}: plan rounds, plus every truncation batch with DEALER. */
    public int rounds(TruncationMode mode) {
        if (mode == TruncationMode.LOCAL) {
            return plan.rounds();
        }
        int rounds = plan.rounds() + realBatches(plan.prologue());
        for (EvaluationPlan.Round r : plan.roundList()) {
            rounds += 1 + realBatches(r.linear());
        }
        return rounds;
    }

    /** Ring elements one party opens per evaluated element: each operand once, plus DEALER truncations. */
    public int openingsPerElement(TruncationMode mode) {
        if (mode == TruncationMode.LOCAL) {
            return operands();
        }
        int n = operands() + realSteps(plan.prologue());
        for (EvaluationPlan.Round r : plan.roundList()) {
            n += r.products().size() + realSteps(r.linear());
        }
        return n;
    }

    /** Distinct terms that are operands of a product: each is opened once. */
    public int operands() {
        Set<Integer> operands = new HashSet<>();
        for (EvaluationPlan.Round r : plan.roundList()) {
            for (Product p : r.products()) {
                operands.add(p.left());
                operands.add(p.right());
            }
        }
        return operands.size();
    }

    private static int realSteps(List<Linear> steps) {
        int n = 0;
        for (Linear l : steps) {
            n += isReal(l) ? 1 : 0;
        }
        return n;
    }

    /** Truncation batches of a linear list: a new batch starts when a step reads a pending result. */
    private static int realBatches(List<Linear> steps) {
        Set<Integer> pending = new HashSet<>();
        int batches = 0;
        for (Linear l : steps) {
            for (int in : l.inputs()) {
                if (pending.contains(in)) {
                    pending.clear();
                }
            }
            if (isReal(l)) {
                if (pending.isEmpty()) {
                    batches++;
                }
                pending.add(l.result());
            }
        }
        return batches;
    }

    private static boolean isReal(Linear l) {
        boolean exact = isInteger(l.constant());
        for (double c : l.coefficients()) {
            exact &= isInteger(c);
        }
        return !exact;
    }
}
