package dev.lenslet.core.quant;

/**
 * 1×1 convolution, stride 1, or fully-connected, on uint8 tensors, by the SIMD gemm kernel over the arena: the
 * same bytes as {@link QuantizedPointwiseConv2d}.
 */
final class SimdPointwiseConv2d extends SimdRequantizingLayer {
    private final int rows, inC, outC;
    private final int packed; // arena offset of the weights and terms in gemm's layout (SimdPacking.gemm)

    SimdPointwiseConv2d(int rows, int inC, int outC, int packed, Requantizer rq, DirectArena arena, int inSlot,
                        int outSlot) {
        super(rq, arena, inSlot, outSlot);
        this.rows = rows;
        this.inC = inC;
        this.outC = outC;
        this.packed = packed;
    }

    /** out[p][o] = requantize(bias[o] + Σ_i (in[p][i] − zx) · (w[o][i] − zw)) for every pixel p. */
    @Override
    public void forward() {
        arena.kernels.gemm(in(), rows, inC, arena.address(packed), outC, out(),
                rq.multiplier, rq.shift, rq.zeroPoint, rq.min, rq.max);
    }
}
