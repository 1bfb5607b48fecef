package dev.lenslet.core.fp32;

import dev.lenslet.core.graph.ConvGeometry;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.kernel.MatMul;

/**
 * Regular convolution (the 3×3 stride-2 stem) with bias and fused activation, NHWC. Each output row is turned
 * into a small patch matrix (im2col) and multiplied by the weights with the same {@link MatMul} as the 1×1 convs.
 */
final class Conv2d implements Layer {
    private final ConvGeometry g;
    private final MatMul matMul;  // weights [outC][kernelH·kernelW·inC] (TFLite OHWI), repacked; bias [outC]
    private final float[] patches; // [outW][kernelH][kernelW][inC]: one output row's input windows, 0 outside
    private final int in, out;

    /** @param ohwiWeights TFLite layout [outC][kernelH][kernelW][inC] */
    Conv2d(KernelSet kernels, ConvGeometry g, float[] ohwiWeights, float[] bias, float min, float max, int inSlot,
           int outSlot) {
        this.g = g;
        this.matMul = kernels.matMul(g.kernelH * g.kernelW * g.inC, g.outC, ohwiWeights, bias, min, max);
        this.patches = new float[g.outW * g.kernelH * g.kernelW * g.inC];
        this.in = inSlot;
        this.out = outSlot;
    }

    /** out[oy][ox][o] = clamp(bias[o] + Σ_{ky,kx,i} in[iy][ix][i] · w[o][ky][kx][i]), iy/ix outside = 0. */
    @Override
    public void forward(float[][] slots) {
        float[] input = slots[in];
        float[] output = slots[out];
        for (int oy = 0; oy < g.outH; oy++) {
            gatherRow(input, oy);
            matMul.multiply(patches, 0, g.outW, output, oy * g.outW * g.outC);
        }
    }

    /**
     * patches[ox][ky][kx][i] = in[iy][ix][i] for output row oy, 0 where the window reaches past the input. A kernel
     * row wholly inside the input (undilated) is kernelW·inC values in a row there, copied at once.
     */
    private void gatherRow(float[] input, int oy) {
        int inC = g.inC;
        int span = g.kernelW * inC;
        int p = 0;
        for (int ox = 0; ox < g.outW; ox++) {
            for (int ky = 0; ky < g.kernelH; ky++) {
                int first = g.tapOffset(oy, ox, ky, 0);
                if (g.dilationW == 1 && first >= 0 && g.tapOffset(oy, ox, ky, g.kernelW - 1) >= 0) {
                    System.arraycopy(input, first, patches, p, span);
                    p += span;
                    continue;
                }
                for (int kx = 0; kx < g.kernelW; kx++) {
                    int from = g.tapOffset(oy, ox, ky, kx);
                    for (int i = 0; i < inC; i++) {
                        patches[p++] = from < 0 ? 0f : input[from + i];
                    }
                }
            }
        }
    }

    /** v[i] = min(max(v[i], lo), hi) over v[from .. from+n). */
    static void clamp(float[] v, int from, int n, float lo, float hi) {
        if (lo == Float.NEGATIVE_INFINITY && hi == Float.POSITIVE_INFINITY) {
            return;
        }
        for (int i = from; i < from + n; i++) {
            float x = v[i];
            v[i] = x < lo ? lo : (x > hi ? hi : x);
        }
    }
}
