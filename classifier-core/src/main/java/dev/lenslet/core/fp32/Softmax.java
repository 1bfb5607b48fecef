package dev.lenslet.core.fp32;

/** Softmax over the last dimension. */
public final class Softmax implements Layer {
    private final int rows, classes;
    private final float beta;
    private final int in, out;

    Softmax(int rows, int classes, float beta, int inSlot, int outSlot) {
        this.rows = rows;
        this.classes = classes;
        this.beta = beta;
        this.in = inSlot;
        this.out = outSlot;
    }

    @Override
    public void forward(float[][] slots) {
        for (int r = 0; r < rows; r++) {
            forward(slots[in], r * classes, classes, beta, slots[out]);
        }
    }

    /** out[i] = exp(β·(in[i] − max)) / Σ_j exp(β·(in[j] − max)) over in[from .. from+n). */
    public static void forward(float[] input, int from, int n, float beta, float[] output) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            max = Math.max(max, input[i]);
        }
        float sum = 0f;
        for (int i = from; i < from + n; i++) {
            float e = (float) Math.exp(beta * (input[i] - max));
            output[i] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int i = from; i < from + n; i++) {
            output[i] *= inv;
        }
    }
}
