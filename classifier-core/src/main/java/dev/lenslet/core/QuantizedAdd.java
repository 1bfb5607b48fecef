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
    private final Requantizer aRescale, bRescale; // each input to the common scale, no offset or clamp
    private final Requantizer output; // the sum's rescaling to the output, its zero point and clamp
    private final int a, b, out;

    QuantizedAdd(int size, float aScale, int aZero, float bScale, int bZero, float outScale, int outZero,
                 int min, int max, int aSlot, int bSlot, int outSlot) {
        this.size = size;
        this.aZero = aZero;
        this.bZero = bZero;
        double twiceMaxScale = 2 * (double) Math.max(aScale, bScale);
        this.aRescale = new Requantizer(aScale / twiceMaxScale, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        this.bRescale = new Requantizer(bScale / twiceMaxScale, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
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
            int sa = aRescale.apply(((x[i] & 0xFF) - aZero) << LEFT_SHIFT);
            int sb = bRescale.apply(((y[i] & 0xFF) - bZero) << LEFT_SHIFT);
            o[i] = (byte) output.apply(sa + sb);
        }
    }
}
