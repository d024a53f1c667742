package dev.sturdy.protocol.ops;

import dev.sturdy.model.approx.EvaluationPlan;
import dev.sturdy.model.approx.EvaluationPlan.Linear;
import dev.sturdy.model.approx.EvaluationPlan.Product;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs an {@link EvaluationPlan} on secret shares of a whole tensor (every element at once).
 * Per plan round: all its products (Beaver squares and products of f-bit terms) in one network
 * round; the raw products (2f bits) truncated by f together; then the round's linear steps:
 * integer coefficients and constants are exact and local, real ones are summed at 2f bits and
 * truncated together. With LOCAL truncation that is one network round per plan round; with
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
        terms[plan.input()] = x;
        applyLinear(ops, plan.prologue(), terms, mode);
        List<EvaluationPlan.Round> rounds = plan.roundList();
        int f = ops.session().fixedPoint().fractionalBits();
        for (int r = 0; r < rounds.size(); r++) {
            EvaluationPlan.Round round = rounds.get(r);
            Round open = ops.round();
            List<Round.Pending> raw = new ArrayList<>();
            for (Product p : round.products()) {
                raw.add(p.isSquare() ? open.square(terms[p.left()]) : open.mul(terms[p.left()], terms[p.right()]));
            }
            open.run();
            Round trunc = ops.round();
            List<Round.Pending> truncated = new ArrayList<>();
            for (Round.Pending p : raw) {
                truncated.add(trunc.truncate(p.get(), f, mode));
            }
            trunc.run();
            for (int i = 0; i < truncated.size(); i++) {
                terms[round.products().get(i).result()] = truncated.get(i).get();
            }
            applyLinear(ops, round.linear(), terms, mode);
            for (int t = 0; t < terms.length; t++) {
                if (lastUse[t] <= r && lastUse[t] != Integer.MAX_VALUE) {
                    terms[t] = null;
                }
            }
        }
        return terms[plan.output()];
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
            boolean exact = isInteger(step.constant());
            for (double c : step.coefficients()) {
                exact &= isInteger(c);
            }
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

    /** Ring elements one party opens per evaluated element: the plan's openings plus DEALER truncations. */
    public int openingsPerElement(TruncationMode mode) {
        if (mode == TruncationMode.LOCAL) {
            return plan.openings();
        }
        int n = plan.openings() + realSteps(plan.prologue());
        for (EvaluationPlan.Round r : plan.roundList()) {
            n += r.products().size() + realSteps(r.linear());
        }
        return n;
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
