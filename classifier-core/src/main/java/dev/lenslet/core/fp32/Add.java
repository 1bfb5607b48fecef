package dev.lenslet.core.fp32;

/** Element-wise sum of two same-shaped tensors (the inverted-residual shortcut), with fused activation. */
final class Add implements Layer {
    private final int size;
    private final float min, max; // output clamp: fused activation ∩ the output's quantized range
    private final int a, b, out;

    Add(int size, float min, float max, int aSlot, int bSlot, int outSlot) {
        this.size = size;
        this.min = min;
        this.max = max;
        this.a = aSlot;
        this.b = bSlot;
        this.out = outSlot;
    }

    @Override
    public void forward(float[][] slots) {
        forward(size, slots[a], slots[b], min, max, slots[out]);
    }

    /** out[i] = clamp(a[i] + b[i]). */
    static void forward(int size, float[] a, float[] b, float min, float max, float[] out) {
        for (int i = 0; i < size; i++) {
            out[i] = a[i] + b[i];
        }
        Conv2d.clamp(out, 0, size, min, max);
    }
}
