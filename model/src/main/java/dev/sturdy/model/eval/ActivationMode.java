package dev.sturdy.model.eval;

import dev.sturdy.model.approx.AppMax;
import dev.sturdy.model.approx.AppRelu;
import dev.sturdy.model.approx.CompositeSign;

/** What the evaluator puts where the network has ReLU and max: the exact functions or their PANN approximations. */
public interface ActivationMode {

    /** Applies the activation to values[from, to) in place. */
    void relu(double[] values, int from, int to);

    /** Pairwise max as used by max-pooling with windows of this size. */
    double max(double a, double b, int kernel);

    /** The interval [-bound, bound] the approximation is valid on; infinite for the exact functions. */
    double bound();

    /** A label for reports: "backbone" or "B=9". */
    String label();

    ActivationMode BACKBONE = new ActivationMode() {
        @Override
        public void relu(double[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                values[i] = Math.max(values[i], 0.0);
            }
        }

        @Override
        public double max(double a, double b, int kernel) {
            return Math.max(a, b);
        }

        @Override
        public double bound() {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public String label() {
            return "backbone";
        }
    };

    /** AppReLU and AppMax with this sign polynomial at this bound. */
    static ActivationMode pann(CompositeSign sign, double bound) {
        return new Pann(sign, bound);
    }

    /** The PANN: AppReLU(z) = (z + z Appsgn(z / bound)) / 2, AppMax per window size. */
    final class Pann implements ActivationMode {
        private final CompositeSign sign;
        private final double bound;
        private final AppMax[] maxByKernel = new AppMax[8];

        private Pann(CompositeSign sign, double bound) {
            this.sign = sign;
            this.bound = bound;
        }

        public CompositeSign sign() {
            return sign;
        }

        @Override
        public void relu(double[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                values[i] = AppRelu.apply(values[i], bound, sign);
            }
        }

        @Override
        public double max(double a, double b, int kernel) {
            AppMax m = kernel < maxByKernel.length ? maxByKernel[kernel] : null;
            if (m == null) {
                m = new AppMax(sign, bound, kernel);
                if (kernel < maxByKernel.length) {
                    maxByKernel[kernel] = m;
                }
            }
            return m.max(a, b);
        }

        @Override
        public double bound() {
            return bound;
        }

        @Override
        public String label() {
            return "B=" + sign.beta();
        }
    }
}
