package dev.lenslet.core;

/**
 * Element-wise sum of two uint8 tensors with their own scales (the inverted-residual shortcut), TFLite's way:
 * both inputs are shifted left 20 bits, rescaled to the common scale 2·max(scaleA, scaleB), added, and the sum
 * rescaled to the output's scale, each step with TFLite's fixed-point rounding.
 */
final class QuantizedAdd implements QuantizedLayer {
    private static final int LEFT_SHIFT = 20;
    private final int size;
    private final int aZero, bZero;
    private final int aMultiplier, aShift, bMultiplier, bShift;
    private final Requantizer output; // the sum's rescaling to the output, its zero point and clamp
    private final int a, b, out;

    QuantizedAdd(int size, float aScale, int aZero, float bScale, int bZero, float outScale, int outZero,
                 int min, int max, int aSlot, int bSlot, int outSlot) {
        this.size = size;
        this.aZero = aZero;
        this.bZero = bZero;
        double twiceMaxScale = 2 * (double) Math.max(aScale, bScale);
        long[] am = Requantizer.quantizeMultiplier(aScale / twiceMaxScale);
        long[] bm = Requantizer.quantizeMultiplier(bScale / twiceMaxScale);
        this.aMultiplier = (int) am[0];
        this.aShift = (int) am[1];
        this.bMultiplier = (int) bm[0];
        this.bShift = (int) bm[1];
        this.output = new Requantizer(twiceMaxScale / ((1 << LEFT_SHIFT) * (double) outScale), outZero, min, max);
        this.a = aSlot;
        this.b = bSlot;
        this.out = outSlot;
    }

    /** out[i] = requantize(rescale(a[i] − za) + rescale(b[i] − zb)). */
    @Override
    public void forward(byte[][] slots) {
        byte[] x = slots[a], y = slots[b], o = slots[out];
        for (int i = 0; i < size; i++) {
            int sa = Requantizer.multiply(((x[i] & 0xFF) - aZero) << LEFT_SHIFT, aMultiplier, aShift);
            int sb = Requantizer.multiply(((y[i] & 0xFF) - bZero) << LEFT_SHIFT, bMultiplier, bShift);
            o[i] = (byte) output.apply(sa + sb);
        }
    }
}
