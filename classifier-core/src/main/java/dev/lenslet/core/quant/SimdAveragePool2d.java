package dev.lenslet.core.quant;

import dev.lenslet.core.graph.ConvGeometry;

/**
 * Average pooling on uint8 tensors by the SIMD kernel, for windows under 2^16 pixels (where its float division is
 * exact): the same bytes as {@link QuantizedAveragePool2d}.
 */
final class SimdAveragePool2d implements QuantizedLayer {
    /** The kernel divides in float, exactly for windows of fewer pixels than this. */
    static final int MAX_WINDOW = 1 << 16;
    private final ConvGeometry g;
    private final int min, max;
    private final DirectArena arena;
    private final int in, out;

    SimdAveragePool2d(ConvGeometry g, int min, int max, DirectArena arena, int inSlot, int outSlot) {
        this.g = g;
        this.min = min;
        this.max = max;
        this.arena = arena;
        this.in = inSlot;
        this.out = outSlot;
    }

    /** out[oy][ox][c] = clamp((Σ in[iy][ix][c] + count/2) / count) over the window's pixels inside the input. */
    @Override
    public void forward() {
        arena.kernels.averagePool(arena.slotAddress(in), g.inH, g.inW, g.inC, g.kernelH, g.kernelW, g.strideH,
                g.strideW, g.padTop, g.padLeft, g.outH, g.outW, arena.slotAddress(out), min, max);
    }
}
