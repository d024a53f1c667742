package dev.sturdy.model.approx;

/** Dense linear systems for Remez and fitting (small, at most ~33 unknowns). */
final class LinearSolve {

    private LinearSolve() {
    }

    /** Solves the augmented system [A | y] (m rows, m + 1 columns) by Gaussian elimination with partial pivoting. */
    static double[] gaussian(double[][] augmented) {
        int m = augmented.length;
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = augmented[i].clone();
        }
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (a[pivot][col] == 0) {
                throw new IllegalStateException("singular system");
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = col + 1; r < m; r++) {
                double f = a[r][col] / a[col][col];
                if (f != 0) {
                    for (int c = col; c <= m; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double s = a[r][m];
            for (int c = r + 1; c < m; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
