package dev.lenslet.core;

/** Depthwise convolution (one filter per channel, optional depth multiplier), bias, fused activation, NHWC. */
final class DepthwiseConv2d implements Layer {
    private final ConvGeometry g;
    private final int multiplier;
    private final float[] weights; // [kernelH][kernelW][outC], outC = inC · multiplier (TFLite [1][kH][kW][outC])
    private final float[] bias;    // [outC]
    private final float min, max; // output clamp: fused activation ∩ the output's quantized range
    private final int in, out;

    DepthwiseConv2d(ConvGeometry g, int multiplier, float[] weights, float[] bias, float min, float max,
                    int inSlot, int outSlot) {
        this.g = g;
        this.multiplier = multiplier;
        this.weights = weights;
        this.bias = bias;
        this.min = min;
        this.max = max;
        this.in = inSlot;
        this.out = outSlot;
    }

    @Override
    public void forward(float[][] slots) {
        forward(g, multiplier, slots[in], weights, bias, min, max, slots[out]);
    }

    /**
     * out[oy][ox][c·m+j] = clamp(bias + Σ_{ky,kx} in[iy][ix][c] · w[ky][kx][c·m+j]), iy/ix outside = 0. The valid
     * kernel rows and columns are found once per output pixel, so the channel loop has no bounds checks.
     */
    static void forward(ConvGeometry g, int multiplier, float[] input, float[] w, float[] bias, float min, float max,
                        float[] output) {
        int inC = g.inC, outC = g.outC;
        for (int oy = 0; oy < g.outH; oy++) {
            int iy0 = oy * g.strideH - g.padTop;
            for (int ox = 0; ox < g.outW; ox++) {
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
}
