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
    private final HeapArena arena;
    private final int a, b, out;

    QuantizedAdd(int size, float aScale, int aZero, float bScale, int bZero, float outScale, int outZero,
                 int min, int max, HeapArena arena, int aSlot, int bSlot, int outSlot) {
        this.size = size;
        Requantizer[] rescale = rescalings(aScale, bScale, outScale, outZero, min, max);
        Requantizer aRescale = rescale[0], bRescale = rescale[1], output = rescale[2];
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
        this.arena = arena;
        this.a = aSlot;
        this.b = bSlot;
        this.out = outSlot;
    }

    /**
     * TFLite's three rescalings: each input (shifted left {@link #LEFT_SHIFT}) to the common scale 2·max(aScale,
     * bScale), no offset or clamp; then the sum to the output, its zero point and clamp. Returns {a, b, output}.
     */
    static Requantizer[] rescalings(float aScale, float bScale, float outScale, int outZero, int min, int max) {
        double twiceMaxScale = 2 * (double) Math.max(aScale, bScale);
        return new Requantizer[] {
            new Requantizer(aScale / twiceMaxScale, 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
            new Requantizer(bScale / twiceMaxScale, 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
            new Requantizer(twiceMaxScale / ((1 << LEFT_SHIFT) * (double) outScale), outZero, min, max)};
    }

    /** out[i] = requantize(rescale(a[i] − za) + rescale(b[i] − zb)), looked up. */
    @Override
    public void forward() {
        byte[] bytes = arena.bytes;
        int x = arena.slot(a), y = arena.slot(b), o = arena.slot(out);
        byte[] table = sums;
        for (int i = 0; i < size; i++) {
            bytes[o + i] = table[(bytes[x + i] & 0xFF) << 8 | (bytes[y + i] & 0xFF)];
        }
    }
}
