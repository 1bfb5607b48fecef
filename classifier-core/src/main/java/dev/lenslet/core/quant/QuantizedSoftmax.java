package dev.lenslet.core.quant;

/**
 * Softmax from uint8 logits to uint8 probabilities, TFLite's way: a 256-entry table of exp(−β·inScale·d) for
 * the distance d of a logit below the row's maximum, a float sum, and each probability rounded to the output's
 * scale (1/256 for MobileNet) and clamped to [0, 255]. Runs in Java in either kind of arena, on a copy of the
 * logits (a few thousand bytes at most).
 */
final class QuantizedSoftmax implements QuantizedLayer {
    private final int rows, classes;
    private final float[] expOfDistance; // [256]: exp(−β · inScale · d), d = max − q
    private final float outScale;
    private final int outZero;
    private final Arena arena;
    private final byte[] values; // [rows][classes]: the logits, then in place the probabilities
    private final int in, out;

    QuantizedSoftmax(int rows, int classes, float beta, float inScale, float outScale, int outZero, Arena arena,
                     int inSlot, int outSlot) {
        this.rows = rows;
        this.classes = classes;
        this.expOfDistance = new float[256];
        for (int d = 0; d < 256; d++) {
            expOfDistance[d] = (float) Math.exp(-inScale * beta * d);
        }
        this.outScale = outScale;
        this.outZero = outZero;
        this.arena = arena;
        this.values = new byte[rows * classes];
        this.in = inSlot;
        this.out = outSlot;
    }

    /** out[r][k] = clamp(round(e[k] / (Σ_j e[j] · outScale)) + outZero), e[k] = exp(β·inScale·(q[k] − max)). */
    @Override
    public void forward() {
        byte[] input = values, output = values;
        arena.get(arena.slot(in), values, values.length);
        for (int r = 0; r < rows; r++) {
            int from = r * classes, to = from + classes;
            int max = 0;
            for (int i = from; i < to; i++) {
                max = Math.max(max, input[i] & 0xFF);
            }
            float sum = 0f;
            for (int i = from; i < to; i++) {
                sum += expOfDistance[max - (input[i] & 0xFF)];
            }
            float inverse = 1f / (sum * outScale);
            for (int i = from; i < to; i++) {
                int q = Math.round(expOfDistance[max - (input[i] & 0xFF)] * inverse) + outZero;
                output[i] = (byte) Math.min(Math.max(q, 0), 255);
            }
        }
        arena.put(arena.slot(out), values, values.length);
    }
}
