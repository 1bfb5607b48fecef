package dev.lenslet.core.fp32;

import dev.lenslet.core.graph.ConvGeometry;
import dev.lenslet.core.kernel.DepthwiseInterior;
import dev.lenslet.core.kernel.KernelSet;
import java.util.Arrays;

/**
 * Depthwise convolution (one filter per channel, optional depth multiplier), bias, fused activation, NHWC.
 * MobileNet's case (3×3, stride 1 or 2, multiplier 1) runs on the {@link KernelSet}'s {@link DepthwiseInterior}:
 * the interior of each row, where the whole window lies inside the input, in one call; each border pixel, where the
 * set says so ({@link KernelSet#depthwiseBordersAsWindows}), as a window of its own, copied with 0 outside the
 * input, so that the set's fast code computes every pixel, else on the general per-pixel path. Other shapes take
 * the general path. The core's sets add the terms in the same order (bias, then ky, kx)
 * as this path, so they agree bit for bit, but for the sign of a zero.
 */
final class DepthwiseConv2d implements Layer {
    private final ConvGeometry g;
    private final int multiplier;
    private final float[] weights; // [kernelH][kernelW][outC], outC = inC · multiplier (TFLite [1][kH][kW][outC])
    private final float[] bias;    // [outC]
    private final float min, max; // output clamp: fused activation ∩ the output's quantized range
    /** The 3×3 kernel, or null when the shape is not MobileNet's; it covers [interiorFrom, interiorTo) of a row. */
    private final DepthwiseInterior interior;
    private final int interiorFrom, interiorTo;
    /** The same kernel over {@link #window}, for border pixels; null where they take the general path. */
    private final DepthwiseInterior edge;
    private final float[] window; // [3][3][outC]: one border pixel's input window, 0 outside the input
    private final int in, out;

    DepthwiseConv2d(KernelSet kernels, ConvGeometry g, int multiplier, float[] weights, float[] bias, float min,
                    float max, int inSlot, int outSlot) {
        this.g = g;
        this.multiplier = multiplier;
        this.weights = weights;
        this.bias = bias;
        this.min = min;
        this.max = max;
        boolean slides = g.slides3x3(multiplier);
        this.interior = slides ? kernels.depthwise3x3(g.outC, g.inW, g.strideW, weights, bias, min, max) : null;
        boolean windows = slides && kernels.depthwiseBordersAsWindows();
        this.edge = windows ? kernels.depthwise3x3(g.outC, 3, 1, weights, bias, min, max) : null;
        this.window = new float[windows ? 9 * g.outC : 0];
        this.interiorFrom = interiorFrom(g);
        this.interiorTo = interiorTo(g);
        this.in = inSlot;
        this.out = outSlot;
    }

    /** First output column whose 3-wide window ix0 .. ix0+2 lies inside the input (ix0 = ox·strideW − padLeft). */
    static int interiorFrom(ConvGeometry g) {
        return Math.min((g.padLeft + g.strideW - 1) / g.strideW, g.outW);
    }

    /** One past the last output column whose 3-wide window lies inside the input. */
    static int interiorTo(ConvGeometry g) {
        int from = interiorFrom(g);
        int last = g.inW - 3 + g.padLeft; // the largest ox·strideW allowed
        return last < 0 ? from : Math.max(Math.min(last / g.strideW + 1, g.outW), from);
    }

    /** out[oy][ox][c·m+j] = clamp(bias + Σ_{ky,kx} in[iy][ix][c] · w[ky][kx][c·m+j]), iy/ix outside = 0. */
    @Override
    public void forward(float[][] slots) {
        float[] input = slots[in];
        float[] output = slots[out];
        for (int oy = 0; oy < g.outH; oy++) {
            if (interior == null) {
                pixels(input, output, oy, 0, g.outW);
                continue;
            }
            int iy0 = oy * g.strideH - g.padTop;
            if (iy0 < 0 || iy0 + 2 >= g.inH || interiorFrom == interiorTo) {
                borderPixels(input, output, oy, 0, g.outW);
                continue;
            }
            borderPixels(input, output, oy, 0, interiorFrom);
            int n = g.outC;
            interior.row(input, (iy0 * g.inW + interiorFrom * g.strideW - g.padLeft) * n, output,
                    (oy * g.outW + interiorFrom) * n, interiorTo - interiorFrom);
            borderPixels(input, output, oy, interiorTo, g.outW);
        }
    }

    /**
     * Output pixels [oxFrom, oxTo) of row oy, 3×3: each pixel's window copied (0 outside), then run by edge; or,
     * without edge, the general path.
     */
    private void borderPixels(float[] input, float[] output, int oy, int oxFrom, int oxTo) {
        if (edge == null) {
            pixels(input, output, oy, oxFrom, oxTo);
            return;
        }
        int n = g.outC;
        int iy0 = oy * g.strideH - g.padTop;
        for (int ox = oxFrom; ox < oxTo; ox++) {
            int ix0 = ox * g.strideW - g.padLeft;
            for (int ky = 0; ky < 3; ky++) {
                int iy = iy0 + ky;
                for (int kx = 0; kx < 3; kx++) {
                    int ix = ix0 + kx;
                    int to = (ky * 3 + kx) * n;
                    if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) {
                        Arrays.fill(window, to, to + n, 0f);
                    } else {
                        System.arraycopy(input, (iy * g.inW + ix) * n, window, to, n);
                    }
                }
            }
            edge.row(window, 0, output, (oy * g.outW + ox) * n, 1);
        }
    }

    /**
     * Output pixels [oxFrom, oxTo) of row oy, any kernel: the valid kernel rows and columns are found once per
     * pixel, so the channel loop has no bounds checks.
     */
    private void pixels(float[] input, float[] output, int oy, int oxFrom, int oxTo) {
        int inC = g.inC, outC = g.outC;
        float[] w = weights;
        int iy0 = oy * g.strideH - g.padTop;
        for (int ox = oxFrom; ox < oxTo; ox++) {
            int ix0 = ox * g.strideW - g.padLeft;
            int o = (oy * g.outW + ox) * outC;
            System.arraycopy(bias, 0, output, o, outC);
            for (int ky = 0; ky < g.kernelH; ky++) {
                int iy = iy0 + ky * g.dilationH;
                if (iy < 0 || iy >= g.inH) {
                    continue;
                }
                for (int kx = 0; kx < g.kernelW; kx++) {
                    int ix = ix0 + kx * g.dilationW;
                    if (ix < 0 || ix >= g.inW) {
                        continue;
                    }
                    int inBase = (iy * g.inW + ix) * inC;
                    int wBase = (ky * g.kernelW + kx) * outC;
                    if (multiplier == 1) {
                        for (int c = 0; c < outC; c++) {
                            output[o + c] += input[inBase + c] * w[wBase + c];
                        }
                    } else {
                        for (int c = 0; c < inC; c++) {
                            float x = input[inBase + c];
                            for (int j = 0; j < multiplier; j++) {
                                int oc = c * multiplier + j;
                                output[o + oc] += x * w[wBase + oc];
                            }
                        }
                    }
                }
            }
            Conv2d.clamp(output, o, outC, min, max);
        }
    }
}
