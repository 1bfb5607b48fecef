package dev.lenslet.core.quant;

import dev.lenslet.core.graph.ConvGeometry;

/**
 * Regular convolution (the 3×3 stride-2 stem) on uint8 tensors, NHWC: each output row becomes a patch matrix
 * (im2col) multiplied by the weights with the 1×1 convs' integer micro-kernel. Taps outside the input read the
 * input zero point, i.e. real 0, as TFLite pads.
 */
final class QuantizedConv2d implements QuantizedLayer {
    private final ConvGeometry g;
    private final QuantizedMatMul matMul; // weights [outC][kernelH·kernelW·inC] (TFLite OHWI) in panels, bias [outC]
    private final byte inZero;
    private final HeapArena arena;
    private final int patches;            // arena offset of [outW][kernelH][kernelW][inC]: one output row's windows
    private final int in, out;

    QuantizedConv2d(ConvGeometry g, QuantizedMatMul matMul, int inZero, ArenaLayout layout, HeapArena arena,
                    int inSlot, int outSlot) {
        this.g = g;
        this.matMul = matMul;
        this.inZero = (byte) inZero;
        this.arena = arena;
        this.patches = layout.scratch(g.outW * g.kernelH * g.kernelW * g.inC);
        this.in = inSlot;
        this.out = outSlot;
    }

    /** out[oy][ox][o] = requantize(bias[o] + Σ_{ky,kx,i} (in[iy][ix][i] − zx) · (w[o][ky][kx][i] − zw)). */
    @Override
    public void forward() {
        byte[] bytes = arena.bytes;
        int input = arena.slot(in), output = arena.slot(out);
        for (int oy = 0; oy < g.outH; oy++) {
            gatherRow(bytes, input, oy);
            matMul.multiply(bytes, patches, g.outW, bytes, output + oy * g.outW * g.outC);
        }
    }

    /** patches[ox][ky][kx][i] = in[iy][ix][i] for output row oy, the zero point where the window leaves the input. */
    private void gatherRow(byte[] bytes, int input, int oy) {
        int inC = g.inC;
        int p = patches;
        for (int ox = 0; ox < g.outW; ox++) {
            for (int ky = 0; ky < g.kernelH; ky++) {
                for (int kx = 0; kx < g.kernelW; kx++) {
                    int from = g.tapOffset(oy, ox, ky, kx);
                    for (int i = 0; i < inC; i++) {
                        bytes[p++] = from < 0 ? inZero : bytes[input + from + i];
                    }
                }
            }
        }
    }
}
