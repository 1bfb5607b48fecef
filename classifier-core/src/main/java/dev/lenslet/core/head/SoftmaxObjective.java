package dev.lenslet.core.head;

import java.util.Arrays;
import java.util.List;

/**
 * The function training minimises, over parameters θ = (w [classes][length] row by row, then bias [classes]):
 * loss(θ) = Σ_n ω_n · (log Σ_k exp z_n[k] − z_n[y_n]) + λ/2 · Σ w², with z_n the {@link SoftmaxLayer} logits
 * of example n and ω_n = 1 / (classes · examples of y_n), so that every class weighs the same however many
 * examples it has.
 * Its gradient: ∂/∂w[c][d] = Σ_n r_n[c] · x_n[d] + λ · w[c][d] and ∂/∂bias[c] = Σ_n r_n[c], with
 * r_n[c] = ω_n · (p_n[c] − [c = y_n]). Strictly convex (λ > 0), so L-BFGS finds its one minimum.
 */
final class SoftmaxObjective {
    /**
     * Weight decay λ. Embeddings of unit length make the differences between classes small, so λ must be small for
     * the loss to get low (1e-3 left 20 synthetic classes at loss 1.5); 1e-4 and 1e-5 both taught the real photos,
     * 1e-4 in as few epochs with less confident probabilities.
     */
    static final double WEIGHT_DECAY = 1e-4;

    private final float[][] examples;    // [n][length], L2-normalised
    private final int[] labels;          // [n]
    private final float[] exampleWeight; // [n]: ω_n
    final int classes, length;
    private final float[][] w;           // [classes][length]: θ's weights as floats for the sums
    private final float[] bias;          // [classes]
    private final float[][] gradient;    // [classes][length]: Σ_n r_n[c] · x_n
    private final double[] p;            // [classes]
    private final double[] biasGradient; // [classes]: Σ_n r_n[c]
    /** Share of examples whose most probable class is their own, at the last evaluated θ. */
    double accuracy;

    SoftmaxObjective(TrainingSet set) {
        this.classes = set.classCount();
        this.length = set.embeddingLength();
        int n = set.exampleCount();
        this.examples = new float[n][];
        this.labels = new int[n];
        this.exampleWeight = new float[n];
        int e = 0;
        for (int c = 0; c < classes; c++) {
            List<float[]> ofClass = set.examples(c);
            for (float[] x : ofClass) {
                examples[e] = x;
                labels[e] = c;
                exampleWeight[e] = 1f / (classes * ofClass.size());
                e++;
            }
        }
        this.w = new float[classes][length];
        this.bias = new float[classes];
        this.gradient = new float[classes][length];
        this.p = new double[classes];
        this.biasGradient = new double[classes];
    }

    /** Length of θ. */
    int size() {
        return classes * length + classes;
    }

    /** loss(θ), with its gradient written into {@code grad}; also sets {@link #accuracy}. */
    double evaluate(double[] theta, double[] grad) {
        double decay = 0;
        for (int c = 0; c < classes; c++) {
            float[] wc = w[c];
            for (int d = 0; d < length; d++) {
                double v = theta[c * length + d];
                wc[d] = (float) v;
                decay += v * v;
            }
            bias[c] = (float) theta[classes * length + c];
            Arrays.fill(gradient[c], 0f);
        }
        Arrays.fill(biasGradient, 0);
        double loss = WEIGHT_DECAY / 2 * decay;
        int correct = 0;
        for (int n = 0; n < examples.length; n++) {
            float[] x = examples[n];
            int y = labels[n];
            SoftmaxLayer.logits(w, bias, x, p);
            double own = p[y];
            int best = 0;
            for (int c = 1; c < classes; c++) {
                best = p[c] > p[best] ? c : best;
            }
            correct += best == y ? 1 : 0;
            loss += exampleWeight[n] * (SoftmaxLayer.softmax(p, classes) - own);
            for (int c = 0; c < classes; c++) {
                float r = (float) (exampleWeight[n] * (p[c] - (c == y ? 1 : 0)));
                biasGradient[c] += r;
                axpy(r, x, gradient[c]);
            }
        }
        for (int c = 0; c < classes; c++) {
            float[] gc = gradient[c];
            for (int d = 0; d < length; d++) {
                grad[c * length + d] = gc[d] + WEIGHT_DECAY * theta[c * length + d];
            }
            grad[classes * length + c] = biasGradient[c];
        }
        accuracy = (double) correct / examples.length;
        return loss;
    }

    /** y[d] += a · x[d] for every d: each array indexed by the counter alone, which HotSpot C2 turns into SIMD. */
    private static void axpy(float a, float[] x, float[] y) {
        for (int d = 0; d < y.length; d++) {
            y[d] += a * x[d];
        }
    }
}
