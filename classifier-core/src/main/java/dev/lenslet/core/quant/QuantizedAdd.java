package dev.lenslet.core.quant;

/**
 * Element-wise sum of two uint8 tensors with their own scales (the inverted-residual shortcut), TFLite's way:
 * both inputs are shifted left 20 bits, rescaled to the common scale 2·max(scaleA, scaleB), added, and the sum
 * rescaled to the output's scale, each step with TFLite's fixed-point rounding. The output depends only on the two
 * input bytes, so all 65536 outputs are worked out once, at load: a run then looks each one up, instead of three
 * 64-bit rescalings per value.
 */
final class QuantizedAdd implements QuantizedLayer {
    private static final int LEFT_SHIFT = 20;
    private final int size;
    private final byte[] sums; // [256][256]: the output for input bytes a (row) and b (column)
    private final int a, b, out;

    QuantizedAdd(int size, float aScale, int aZero, float bScale, int bZero, float outScale, int outZero,
                 int min, int max, int aSlot, int bSlot, int outSlot) {
        this.size = size;
        double twiceMaxScale = 2 * (double) Math.max(aScale, bScale);
        // each input to the common scale, no offset or clamp; then the sum to the output, its zero point and clamp
        Requantizer aRescale = new Requantizer(aScale / twiceMaxScale, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Requantizer bRescale = new Requantizer(bScale / twiceMaxScale, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Requantizer output = new Requantizer(twiceMaxScale / ((1 << LEFT_SHIFT) * (double) outScale), outZero, min,
                max);
        int[] bScaled = new int[256];
        for (int y = 0; y < 256; y++) {
            bScaled[y] = bRescale.apply((y - bZero) << LEFT_SHIFT);
        }
        this.sums = new byte[256 * 256];
        for (int x = 0; x < 256; x++) {
            int aScaled = aRescale.apply((x - aZero) << LEFT_SHIFT);
            for (int y = 0; y < 256; y++) {
                sums[x << 8 | y] = (byte) output.apply(aScaled + bScaled[y]);
            }
        }
        this.a = aSlot;
        this.b = bSlot;
        this.out = outSlot;
    }

    /** out[i] = requantize(rescale(a[i] − za) + rescale(b[i] − zb)), looked up. */
    @Override
    public void forward(byte[][] slots) {
        byte[] x = slots[a], y = slots[b], o = slots[out];
        byte[] table = sums;
        for (int i = 0; i < size; i++) {
            o[i] = table[(x[i] & 0xFF) << 8 | (y[i] & 0xFF)];
        }
    }
}
