package dev.lenslet.core.head;

/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, algorithm 7.4 and 7.5) with a backtracking
 * Armijo line search: each {@link #iterate} moves θ along −H·g, H the inverse Hessian estimated from the last
 * {@link #HISTORY} steps. For a strictly convex function every step has sᵀy > 0, so the estimate stays positive
 * definite. Deterministic: plain double arithmetic in a fixed order.
 */
final class Lbfgs {
    static final int HISTORY = 8;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 40;

    private final SoftmaxObjective objective;
    private final double[] theta, grad, nextTheta, nextGrad, direction;
    private final double[][] s = new double[HISTORY][], y = new double[HISTORY][];
    private final double[] rho = new double[HISTORY], alpha = new double[HISTORY];
    private int stored, newest = -1;
    private double loss;
    private boolean stalled;

    /** Starts at θ = 0 (every class equally likely), evaluating the objective once. */
    Lbfgs(SoftmaxObjective objective) {
        this.objective = objective;
        int size = objective.size();
        theta = new double[size];
        grad = new double[size];
        nextTheta = new double[size];
        nextGrad = new double[size];
        direction = new double[size];
        for (int i = 0; i < HISTORY; i++) {
            s[i] = new double[size];
            y[i] = new double[size];
        }
        loss = objective.evaluate(theta, grad);
    }

    /** One step: a direction, a line search along it, the history updated. Returns the loss decrease. */
    double iterate() {
        searchDirection();
        double slope = dot(direction, grad);
        if (!(slope < 0)) { // the estimate lost its way (rounding): start again from steepest descent
            stored = 0;
            searchDirection();
            slope = dot(direction, grad);
        }
        // The first step has no curvature estimate yet: scale it to length 1.
        double step = stored == 0 ? 1 / Math.max(1e-12, Math.sqrt(dot(grad, grad))) : 1;
        double nextLoss = 0;
        int halvings = 0;
        for (; halvings <= MAX_HALVINGS; halvings++, step /= 2) {
            for (int i = 0; i < theta.length; i++) {
                nextTheta[i] = theta[i] + step * direction[i];
            }
            nextLoss = objective.evaluate(nextTheta, nextGrad);
            if (nextLoss <= loss + ARMIJO * step * slope) {
                break;
            }
        }
        if (halvings > MAX_HALVINGS) { // no decrease representable along −H·g: θ is as good as doubles allow
            stalled = true;
            objective.evaluate(theta, grad);
            return 0;
        }
        int slot = (newest + 1) % HISTORY;
        double sy = 0;
        for (int i = 0; i < theta.length; i++) {
            s[slot][i] = nextTheta[i] - theta[i];
            y[slot][i] = nextGrad[i] - grad[i];
            sy += s[slot][i] * y[slot][i];
        }
        if (sy > 0) {
            rho[slot] = 1 / sy;
            newest = slot;
            stored = Math.min(stored + 1, HISTORY);
        }
        System.arraycopy(nextTheta, 0, theta, 0, theta.length);
        System.arraycopy(nextGrad, 0, grad, 0, grad.length);
        double decrease = loss - nextLoss;
        loss = nextLoss;
        return decrease;
    }

    /** direction = −H·grad by the two-loop recursion, H₀ = (sᵀy / yᵀy)·I from the newest pair. */
    private void searchDirection() {
        for (int i = 0; i < grad.length; i++) {
            direction[i] = -grad[i];
        }
        for (int k = 0; k < stored; k++) {
            int j = Math.floorMod(newest - k, HISTORY);
            alpha[j] = rho[j] * dot(s[j], direction);
            axpy(-alpha[j], y[j], direction);
        }
        if (stored > 0) {
            double gamma = 1 / (rho[newest] * dot(y[newest], y[newest]));
            for (int i = 0; i < direction.length; i++) {
                direction[i] *= gamma;
            }
        }
        for (int k = stored - 1; k >= 0; k--) {
            int j = Math.floorMod(newest - k, HISTORY);
            double beta = rho[j] * dot(y[j], direction);
            axpy(alpha[j] - beta, s[j], direction);
        }
    }

    double loss() {
        return loss;
    }

    /** Largest |∂loss/∂θ_i| at θ. */
    double gradientMax() {
        double max = 0;
        for (double g : grad) {
            max = Math.max(max, Math.abs(g));
        }
        return max;
    }

    /** True once a line search found no decrease at all. */
    boolean stalled() {
        return stalled;
    }

    double[] theta() {
        return theta;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
