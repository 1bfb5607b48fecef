package dev.lenslet.core.fp32;

/**
 * Every kernel written the plain way, straight from its definition, to check the fast kernels against. Weights
 * stay in TFLite's own layouts (no repacking), padding and output sizes are computed here from TFLite's formulas
 * (not taken from {@link ConvGeometry}), every input read is bounds-checked explicitly, and sums are accumulated
 * in double, so this is the more accurate side of any comparison. Slow on purpose: tests only, never the
 * product's path. All tensors are NHWC with batch 1, stored row-major in flat arrays.
 */
public final class ReferenceKernels {
    private ReferenceKernels() {
    }

    /** TFLite's output size along one axis: SAME = ⌈in / stride⌉, VALID = ⌈(in − effectiveKernel + 1) / stride⌉. */
    public static int outputSize(int in, int kernel, int stride, int dilation, boolean samePadding) {
        int effectiveKernel = (kernel - 1) * dilation + 1;
        return samePadding ? (in + stride - 1) / stride : (in + stride - effectiveKernel) / stride;
    }

    /** Padding before the data along one axis: half the total, rounded down (the odd pixel goes after). */
    public static int paddingBefore(int in, int out, int kernel, int stride, int dilation) {
        int effectiveKernel = (kernel - 1) * dilation + 1;
        int total = (out - 1) * stride + effectiveKernel - in;
        return Math.max(total, 0) / 2;
    }

    /** out[oy][ox][o] = clamp(bias[o] + Σ_{ky,kx,i} in[iy][ix][i] · w[o][ky][kx][i]); outside the input counts 0. */
    public static float[] conv2d(float[] input, int inH, int inW, int inC,  // input [inH][inW][inC]
                          float[] weights, int outC, int kH, int kW, // weights [outC][kH][kW][inC] (OHWI)
                          float[] bias,                               // bias [outC]
                          int strideH, int strideW, int dilationH, int dilationW, boolean samePadding,
                          float min, float max) {
        int outH = outputSize(inH, kH, strideH, dilationH, samePadding);
        int outW = outputSize(inW, kW, strideW, dilationW, samePadding);
        int padTop = paddingBefore(inH, outH, kH, strideH, dilationH);
        int padLeft = paddingBefore(inW, outW, kW, strideW, dilationW);
        float[] out = new float[outH * outW * outC]; // [outH][outW][outC]
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                for (int o = 0; o < outC; o++) {
                    double sum = bias[o];
                    for (int ky = 0; ky < kH; ky++) {
                        for (int kx = 0; kx < kW; kx++) {
                            int iy = oy * strideH - padTop + ky * dilationH;
                            int ix = ox * strideW - padLeft + kx * dilationW;
                            if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
                                continue;
                            }
                            for (int i = 0; i < inC; i++) {
                                sum += (double) input[(iy * inW + ix) * inC + i]
                                        * weights[((o * kH + ky) * kW + kx) * inC + i];
                            }
                        }
                    }
                    out[(oy * outW + ox) * outC + o] = clamp(sum, min, max);
                }
            }
        }
        return out;
    }

    /**
     * out[oy][ox][c·m+j] = clamp(bias[c·m+j] + Σ_{ky,kx} in[iy][ix][c] · w[0][ky][kx][c·m+j]): each input channel c
     * feeds the m output channels c·m .. c·m+m−1; pixels outside the input are 0.
     */
    public static float[] depthwiseConv2d(float[] input, int inH, int inW, int inC,         // input [inH][inW][inC]
                                   float[] weights, int multiplier, int kH, int kW, // weights [1][kH][kW][inC·m]
                                   float[] bias,                                    // bias [inC·m]
                                   int strideH, int strideW, int dilationH, int dilationW, boolean samePadding,
                                   float min, float max) {
        int outC = inC * multiplier;
        int outH = outputSize(inH, kH, strideH, dilationH, samePadding);
        int outW = outputSize(inW, kW, strideW, dilationW, samePadding);
        int padTop = paddingBefore(inH, outH, kH, strideH, dilationH);
        int padLeft = paddingBefore(inW, outW, kW, strideW, dilationW);
        float[] out = new float[outH * outW * outC]; // [outH][outW][inC·m]
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                for (int c = 0; c < inC; c++) {
                    for (int j = 0; j < multiplier; j++) {
                        int o = c * multiplier + j;
                        double sum = bias[o];
                        for (int ky = 0; ky < kH; ky++) {
                            for (int kx = 0; kx < kW; kx++) {
                                int iy = oy * strideH - padTop + ky * dilationH;
                                int ix = ox * strideW - padLeft + kx * dilationW;
                                if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
                                    continue;
                                }
                                sum += (double) input[(iy * inW + ix) * inC + c] * weights[(ky * kW + kx) * outC + o];
                            }
                        }
                        out[(oy * outW + ox) * outC + o] = clamp(sum, min, max);
                    }
                }
            }
        }
        return out;
    }

    /** out[r][o] = clamp(bias[o] + Σ_i in[r][i] · w[o][i]): a 1×1 stride-1 convolution or a fully-connected layer. */
    public static float[] pointwise(float[] input, int rows, int inC, // input [rows][inC] (rows = pixels)
                             float[] weights, int outC,      // weights [outC][inC] (= [outC][1][1][inC])
                             float[] bias,                   // bias [outC]
                             float min, float max) {
        float[] out = new float[rows * outC]; // [rows][outC]
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outC; o++) {
                double sum = bias[o];
                for (int i = 0; i < inC; i++) {
                    sum += (double) input[r * inC + i] * weights[o * inC + i];
                }
                out[r * outC + o] = clamp(sum, min, max);
            }
        }
        return out;
    }

    /** out[i] = clamp(a[i] + b[i]); a, b and out have the same shape. */
    public static float[] add(float[] a, float[] b, float min, float max) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = clamp((double) a[i] + b[i], min, max);
        }
        return out;
    }

    /** out[oy][ox][c] = clamp(mean of in[iy][ix][c] over the window's pixels that lie inside the input). */
    public static float[] averagePool(float[] input, int inH, int inW, int channels, // input [inH][inW][C]
                               int filterH, int filterW, int strideH, int strideW, boolean samePadding,
                               float min, float max) {
        int outH = outputSize(inH, filterH, strideH, 1, samePadding);
        int outW = outputSize(inW, filterW, strideW, 1, samePadding);
        int padTop = paddingBefore(inH, outH, filterH, strideH, 1);
        int padLeft = paddingBefore(inW, outW, filterW, strideW, 1);
        float[] out = new float[outH * outW * channels]; // [outH][outW][C]
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    int count = 0;
                    for (int fy = 0; fy < filterH; fy++) {
                        for (int fx = 0; fx < filterW; fx++) {
                            int iy = oy * strideH - padTop + fy;
                            int ix = ox * strideW - padLeft + fx;
                            if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
                                continue;
                            }
                            sum += input[(iy * inW + ix) * channels + c];
                            count++;
                        }
                    }
                    out[(oy * outW + ox) * channels + c] = clamp(sum / count, min, max);
                }
            }
        }
        return out;
    }

    /** out[c] = clamp(mean of in[y][x][c] over all y, x): MEAN over axes [1, 2], the global pool. */
    public static float[] mean(float[] input, int height, int width, int channels, // input [H][W][C]
                        float min, float max) {
        float[] out = new float[channels]; // [C]
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    sum += input[(y * width + x) * channels + c];
                }
            }
            out[c] = clamp(sum / (height * width), min, max);
        }
        return out;
    }

    /**
     * out[r][k] = exp(β·in[r][k]) / Σ_j exp(β·in[r][j]), computed after subtracting the row's maximum so that exp
     * cannot overflow. No clamp: TFLite's SOFTMAX has no fused activation.
     */
    public static float[] softmax(float[] input, int rows, int classes, float beta) { // input [rows][classes]
        float[] out = new float[rows * classes]; // [rows][classes]
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, input[r * classes + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(beta * (input[r * classes + k] - max));
            }
            for (int k = 0; k < classes; k++) {
                out[r * classes + k] = (float) (Math.exp(beta * (input[r * classes + k] - max)) / sum);
            }
        }
        return out;
    }

    private static float clamp(double value, float min, float max) {
        return (float) Math.min(Math.max(value, min), max);
    }
}
