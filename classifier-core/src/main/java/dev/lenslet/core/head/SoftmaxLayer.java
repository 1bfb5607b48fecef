package dev.lenslet.core.head;

/**
 * p[c] = exp(z[c] − max z) / Σ_k exp(z[k] − max z), z[c] = bias[c] + Σ_d w[c][d] · x[d]: the head's one layer,
 * shared by training and prediction so both compute the same floats. Each z[c] adds its terms in ascending d.
 */
final class SoftmaxLayer {
    private SoftmaxLayer() {
    }

    /**
     * Fills logits[c] for c < w.length from x (float sums, four classes at a time so that four independent chains
     * of multiply-adds keep the pipeline busy on a compiler without SIMD).
     */
    static void logits(float[][] w, float[] bias, float[] x, double[] logits) {
        int classes = w.length, length = x.length;
        int c = 0;
        for (; c + 4 <= classes; c += 4) {
            float[] w0 = w[c], w1 = w[c + 1], w2 = w[c + 2], w3 = w[c + 3];
            float s0 = bias[c], s1 = bias[c + 1], s2 = bias[c + 2], s3 = bias[c + 3];
            for (int d = 0; d < length; d++) {
                float v = x[d];
                s0 += v * w0[d];
                s1 += v * w1[d];
                s2 += v * w2[d];
                s3 += v * w3[d];
            }
            logits[c] = s0;
            logits[c + 1] = s1;
            logits[c + 2] = s2;
            logits[c + 3] = s3;
        }
        for (; c < classes; c++) {
            float[] wc = w[c];
            float s = bias[c];
            for (int d = 0; d < length; d++) {
                s += x[d] * wc[d];
            }
            logits[c] = s;
        }
    }

    /**
     * Turns logits[0..classes) into probabilities in place.
     *
     * @return log Σ_k exp(z[k]), the log-partition (so the cross-entropy of class y is that minus z[y])
     */
    static double softmax(double[] logits, int classes) {
        double max = logits[0];
        for (int c = 1; c < classes; c++) {
            max = Math.max(max, logits[c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            double e = Math.exp(logits[c] - max);
            logits[c] = e;
            sum += e;
        }
        for (int c = 0; c < classes; c++) {
            logits[c] /= sum;
        }
        return max + Math.log(sum);
    }
}
