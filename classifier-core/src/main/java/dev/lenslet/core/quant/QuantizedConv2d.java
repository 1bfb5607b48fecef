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
    private final byte[] patches;         // [outW][kernelH][kernelW][inC]: one output row's input windows
    private final int in, out;

    QuantizedConv2d(ConvGeometry g, QuantizedMatMul matMul, int inZero, int inSlot, int outSlot) {
        this.g = g;
        this.matMul = matMul;
        this.inZero = (byte) inZero;
        this.patches = new byte[g.outW * g.kernelH * g.kernelW * g.inC];
        this.in = inSlot;
        this.out = outSlot;
    }

    /** out[oy][ox][o] = requantize(bias[o] + Σ_{ky,kx,i} (in[iy][ix][i] − zx) · (w[o][ky][kx][i] − zw)). */
    @Override
    public void forward(byte[][] slots) {
        byte[] input = slots[in];
        byte[] output = slots[out];
        for (int oy = 0; oy < g.outH; oy++) {
            gatherRow(input, oy);
            matMul.multiply(patches, 0, g.outW, output, oy * g.outW * g.outC);
        }
    }

    /** patches[ox][ky][kx][i] = in[iy][ix][i] for output row oy, the zero point where the window leaves the input. */
    private void gatherRow(byte[] input, int oy) {
        int inC = g.inC;
        int p = 0;
        for (int ox = 0; ox < g.outW; ox++) {
            for (int ky = 0; ky < g.kernelH; ky++) {
                for (int kx = 0; kx < g.kernelW; kx++) {
                    int from = g.tapOffset(oy, ox, ky, kx);
                    for (int i = 0; i < inC; i++) {
                        patches[p++] = from < 0 ? inZero : input[from + i];
                    }
                }
            }
        }
    }
}
