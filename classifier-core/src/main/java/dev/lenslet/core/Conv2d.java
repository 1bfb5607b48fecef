package dev.lenslet.core;

/** Regular convolution (the 3×3 stride-2 stem) with bias and fused activation, NHWC. */
final class Conv2d implements Layer {
    private final ConvGeometry g;
    private final float[] weights; // [kernelH][kernelW][inC][outC], repacked from TFLite's [outC][kH][kW][inC]
    private final float[] bias;    // [outC]
    private final float min, max; // output clamp: fused activation ∩ the output's quantized range
    private final int in, out;

    /** @param ohwiWeights TFLite layout [outC][kernelH][kernelW][inC] */
    Conv2d(ConvGeometry g, float[] ohwiWeights, float[] bias, float min, float max, int inSlot, int outSlot) {
        this.g = g;
        this.weights = new float[ohwiWeights.length];
        for (int o = 0; o < g.outC; o++) {
            for (int k = 0; k < g.kernelH * g.kernelW; k++) {
                for (int i = 0; i < g.inC; i++) {
                    weights[(k * g.inC + i) * g.outC + o] = ohwiWeights[(o * g.kernelH * g.kernelW + k) * g.inC + i];
                }
            }
        }
        this.bias = bias;
        this.min = min;
        this.max = max;
        this.in = inSlot;
        this.out = outSlot;
    }

    @Override
    public void forward(float[][] slots) {
        forward(g, slots[in], weights, bias, min, max, slots[out]);
    }

    /** out[oy][ox][o] = clamp(bias[o] + Σ_{ky,kx,i} in[iy][ix][i] · w[ky][kx][i][o]), iy/ix outside = 0. */
    static void forward(ConvGeometry g, float[] input, float[] w, float[] bias, float min, float max, float[] output) {
        int inC = g.inC, outC = g.outC;
        for (int oy = 0; oy < g.outH; oy++) {
            for (int ox = 0; ox < g.outW; ox++) {
                int o = (oy * g.outW + ox) * outC;
                System.arraycopy(bias, 0, output, o, outC);
                for (int ky = 0; ky < g.kernelH; ky++) {
                    int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
                    if (iy < 0 || iy >= g.inH) {
                        continue;
                    }
                    for (int kx = 0; kx < g.kernelW; kx++) {
                        int ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
                        if (ix < 0 || ix >= g.inW) {
                            continue;
                        }
                        int inBase = (iy * g.inW + ix) * inC;
                        int wBase = (ky * g.kernelW + kx) * inC * outC;
                        for (int i = 0; i < inC; i++) {
                            float x = input[inBase + i];
                            int wRow = wBase + i * outC;
                            for (int c = 0; c < outC; c++) {
                                output[o + c] += x * w[wRow + c];
                            }
                        }
                    }
                }
                clamp(output, o, outC, min, max);
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
