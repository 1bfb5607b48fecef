package dev.lenslet.core.quant;

/**
 * Element-wise sum of two uint8 tensors (the inverted-residual shortcut) by the SIMD add kernel, which computes
 * TFLite's three rescalings ({@link QuantizedAdd#rescalings}) directly: the same bytes as {@link QuantizedAdd}'s
 * table of them.
 */
final class SimdAdd implements QuantizedLayer {
    private final int size;
    private final int aZero, bZero;
    private final Requantizer aRescale, bRescale, output;
    private final DirectArena arena;
    private final int a, b, out;

    SimdAdd(int size, float aScale, int aZero, float bScale, int bZero, float outScale, int outZero, int min,
            int max, DirectArena arena, int aSlot, int bSlot, int outSlot) {
        this.size = size;
        this.aZero = aZero;
        this.bZero = bZero;
        Requantizer[] rescale = QuantizedAdd.rescalings(aScale, bScale, outScale, outZero, min, max);
        this.aRescale = rescale[0];
        this.bRescale = rescale[1];
        this.output = rescale[2];
        this.arena = arena;
        this.a = aSlot;
        this.b = bSlot;
        this.out = outSlot;
    }

    /** out[i] = requantize(rescale(a[i] − za) + rescale(b[i] − zb)). */
    @Override
    public void forward() {
        arena.kernels.add(arena.slotAddress(a), arena.slotAddress(b), arena.slotAddress(out), size,
                aRescale.multiplier, aRescale.shift, aZero, bRescale.multiplier, bRescale.shift, bZero,
                output.multiplier, output.shift, output.zeroPoint, output.min, output.max);
    }
}
