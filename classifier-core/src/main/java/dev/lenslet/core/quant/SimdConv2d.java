package dev.lenslet.core.quant;

import dev.lenslet.core.graph.ConvGeometry;

/**
 * Regular convolution (the stem) on uint8 tensors, by the SIMD conv kernel: im2col of each output row into the
 * arena's patch rows, then gemm. The same bytes as {@link QuantizedConv2d}.
 */
final class SimdConv2d extends SimdRequantizingLayer {
    private final ConvGeometry g;
    private final int inZero;
    private final int patches; // arena offset of [outW][kernelH·kernelW·inC]
    private final int packed;  // arena offset of the weights [outC][kernelH·kernelW·inC] in gemm's layout

    SimdConv2d(ConvGeometry g, int inZero, int patches, int packed, Requantizer rq, DirectArena arena, int inSlot,
               int outSlot) {
        super(rq, arena, inSlot, outSlot);
        this.g = g;
        this.inZero = inZero;
        this.patches = patches;
        this.packed = packed;
    }

    /** out[oy][ox][o] = requantize(bias[o] + Σ_{ky,kx,i} (in[iy][ix][i] − zx) · (w[o][ky][kx][i] − zw)). */
    @Override
    public void forward() {
        arena.kernels.conv(in(), g.inH, g.inW, g.inC, g.kernelH, g.kernelW, g.strideH, g.strideW,
                g.padTop, g.padLeft, g.outH, g.outW, inZero, arena.address(patches), arena.address(packed), g.outC,
                out(), rq.multiplier, rq.shift, rq.zeroPoint, rq.min, rq.max);
    }
}
