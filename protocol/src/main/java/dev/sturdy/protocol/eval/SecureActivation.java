package dev.sturdy.protocol.eval;

import dev.sturdy.model.approx.CompositeSign;
import dev.sturdy.protocol.ops.ExactRelu;
import dev.sturdy.protocol.ops.SecureAppMax;
import dev.sturdy.protocol.ops.SecureAppRelu;
import dev.sturdy.protocol.ops.SecureOps;
import dev.sturdy.protocol.ops.TruncationMode;
import dev.sturdy.protocol.ring.RingTensor;
import java.util.HashMap;
import java.util.Map;

/** What the secure evaluator puts where the network has ReLU and max: PANN (AppReLU, AppMax) or exact. */
public interface SecureActivation {
    RingTensor relu(SecureOps ops, RingTensor x);

    /** Elementwise max of two tensors for a pooling window of side {@code kernel}. */
    RingTensor max(SecureOps ops, RingTensor a, RingTensor b, int kernel);

    String label();

    /**
     * AppReLU / AppMax at the sign's precision and this bound; {@code polynomial} truncates the
     * products inside the polynomial (LOCAL: no extra rounds, 2 parties, small f; DEALER: exact).
     */
    static SecureActivation pann(CompositeSign sign, double bound, TruncationMode polynomial) {
        SecureAppRelu relu = new SecureAppRelu(sign, bound);
        Map<Integer, SecureAppMax> maxByKernel = new HashMap<>();
        return new SecureActivation() {
            @Override
            public RingTensor relu(SecureOps ops, RingTensor x) {
                return relu.apply(ops, x, polynomial);
            }

            @Override
            public RingTensor max(SecureOps ops, RingTensor a, RingTensor b, int kernel) {
                return maxByKernel.computeIfAbsent(kernel, k -> new SecureAppMax(sign, bound, k))
                        .max(ops, a, b, polynomial);
            }

            @Override
            public String label() {
                return "B=" + sign.beta() + " (" + polynomial.name().toLowerCase() + " polynomial truncation)";
            }
        };
    }

    /** Exact ReLU by secure comparison; max(a, b) = b + ReLU(a - b). */
    static SecureActivation exact() {
        return new SecureActivation() {
            @Override
            public RingTensor relu(SecureOps ops, RingTensor x) {
                return ExactRelu.relu(ops, x);
            }

            @Override
            public RingTensor max(SecureOps ops, RingTensor a, RingTensor b, int kernel) {
                return ExactRelu.relu(ops, a.sub(b)).addInPlace(b);
            }

            @Override
            public String label() {
                return "exact";
            }
        };
    }
}
