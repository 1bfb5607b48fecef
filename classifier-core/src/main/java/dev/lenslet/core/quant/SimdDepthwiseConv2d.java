package dev.lenslet.core.quant;

import dev.lenslet.core.graph.ConvGeometry;

/**
 * MobileNet's 3×3 depthwise convolution, stride 1 or 2 (the same both ways), multiplier 1, by the SIMD kernel over
 * the input copied into a region padded with its zero point, laid out as {@link QuantizedDepthwiseConv2d} pads it:
 * the same bytes.
 */
final class SimdDepthwiseConv2d extends SimdRequantizingLayer {
    private final ConvGeometry g;
    private final int paddedW;
    private final int padded; // arena offset of [paddedH][paddedW][C], the zero point around the input's pixels
    private final int packed; // arena offset of the weights and terms in depthwise3x3's layout

    SimdDepthwiseConv2d(ConvGeometry g, int padded, int packed, Requantizer rq, DirectArena arena, int inSlot,
                        int outSlot) {
        super(rq, arena, inSlot, outSlot);
        this.g = g;
        this.paddedW = QuantizedDepthwiseConv2d.paddedWidth(g);
        this.padded = padded;
        this.packed = packed;
    }

    /** out[oy][ox][c] = requantize(bias[c] + Σ_{ky,kx} (in[iy][ix][c] − zx) · (w[ky][kx][c] − zw)). */
    @Override
    public void forward() {
        int row = g.inW * g.inC;
        int input = in();
        int to = arena.address(padded + (g.padTop * paddedW + g.padLeft) * g.inC);
        for (int iy = 0; iy < g.inH; iy++) {
            arena.kernels.copy(input + iy * row, to + iy * paddedW * g.inC, row);
        }
        arena.kernels.depthwise3x3(arena.address(padded), paddedW, g.inC, arena.address(packed),
                out(), g.outH, g.outW, g.strideW, rq.multiplier, rq.shift, rq.zeroPoint, rq.min,
                rq.max);
    }
}
