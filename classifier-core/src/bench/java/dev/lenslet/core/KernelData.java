package dev.lenslet.core;

import java.util.Random;

/** Seeded random tensors and the ReLU6 clamp for the per-kernel benchmarks (values do not matter for timing). */
public final class KernelData {
    public static final float RELU6_MIN = 0f;
    public static final float RELU6_MAX = 6f;

    private KernelData() {
    }

    /**
     * {@code size} values uniform in [-1, 1), none exactly zero, so kernels that skip zero inputs (ReLU6 outputs)
     * do all their work: the per-kernel figures are the dense worst case; the whole network shows the real mix.
     */
    public static float[] random(int size, long seed) {
        Random random = new Random(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            float v = random.nextFloat() * 2f - 1f;
            values[i] = v == 0f ? 0.5f : v;
        }
        return values;
    }

    /** The numbers of a shape parameter such as {@code "112x32x1"}. */
    public static int[] dims(String shape) {
        String[] parts = shape.split("x");
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dims[i] = Integer.parseInt(parts[i]);
        }
        return dims;
    }
}
