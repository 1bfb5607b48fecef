package dev.lenslet.core.quant;

import dev.lenslet.core.fp32.ReferenceKernels;

/**
 * The integer kernels written the plain way, straight from TFLite's definition, to check the fast ones against:
 * weights in TFLite's own layouts, padding and output sizes from {@link ReferenceKernels}' formulas, taps outside
 * the input skipped, acc = bias + Σ (x − zx) · (w − zw) in int32, then TFLite's rescaling as TFLite writes it ({@link TfliteRescaling}). Slow on purpose:
 * tests only. All tensors are raw uint8, NHWC with batch 1, in flat arrays.
 */
public final class ReferenceQuantizedKernels {
    private ReferenceQuantizedKernels() {
    }

    /** out[oy][ox][o] = requantize(bias[o] + Σ_{ky,kx,i} (in[iy][ix][i] − zx) · (w[o][ky][kx][i] − zw)). */
    public static byte[] conv2d(byte[] input, int inH, int inW, int inC, int inZero, // input [inH][inW][inC]
                         byte[] weights, int outC, int kH, int kW, int wZero,  // weights [outC][kH][kW][inC] (OHWI)
                         int[] bias,                                            // bias [outC]
                         int strideH, int strideW, int dilationH, int dilationW, boolean samePadding,
                         Requantizer requantizer) {
        int outH = ReferenceKernels.outputSize(inH, kH, strideH, dilationH, samePadding);
        int outW = ReferenceKernels.outputSize(inW, kW, strideW, dilationW, samePadding);
        int padTop = ReferenceKernels.paddingBefore(inH, outH, kH, strideH, dilationH);
        int padLeft = ReferenceKernels.paddingBefore(inW, outW, kW, strideW, dilationW);
        byte[] out = new byte[outH * outW * outC]; // [outH][outW][outC]
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                for (int o = 0; o < outC; o++) {
                    int acc = bias[o];
                    for (int ky = 0; ky < kH; ky++) {
                        for (int kx = 0; kx < kW; kx++) {
                            int iy = oy * strideH - padTop + ky * dilationH;
                            int ix = ox * strideW - padLeft + kx * dilationW;
                            if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
                                continue;
                            }
                            for (int i = 0; i < inC; i++) {
                                acc += ((input[(iy * inW + ix) * inC + i] & 0xFF) - inZero)
                                        * ((weights[((o * kH + ky) * kW + kx) * inC + i] & 0xFF) - wZero);
                            }
                        }
                    }
                    out[(oy * outW + ox) * outC + o] = (byte) TfliteRescaling.requantize(acc, requantizer);
                }
            }
        }
        return out;
    }

    /** out[oy][ox][c·m+j] = requantize(bias[c·m+j] + Σ_{ky,kx} (in[iy][ix][c] − zx) · (w[0][ky][kx][c·m+j] − zw)). */
    public static byte[] depthwiseConv2d(byte[] input, int inH, int inW, int inC, int inZero,  // input [inH][inW][inC]
                                  byte[] weights, int multiplier, int kH, int kW, int wZero, // [1][kH][kW][inC·m]
                                  int[] bias,                                            // bias [inC·m]
                                  int strideH, int strideW, int dilationH, int dilationW, boolean samePadding,
                                  Requantizer requantizer) {
        int outC = inC * multiplier;
        int outH = ReferenceKernels.outputSize(inH, kH, strideH, dilationH, samePadding);
        int outW = ReferenceKernels.outputSize(inW, kW, strideW, dilationW, samePadding);
        int padTop = ReferenceKernels.paddingBefore(inH, outH, kH, strideH, dilationH);
        int padLeft = ReferenceKernels.paddingBefore(inW, outW, kW, strideW, dilationW);
        byte[] out = new byte[outH * outW * outC]; // [outH][outW][inC·m]
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                for (int c = 0; c < inC; c++) {
                    for (int j = 0; j < multiplier; j++) {
                        int o = c * multiplier + j;
                        int acc = bias[o];
                        for (int ky = 0; ky < kH; ky++) {
                            for (int kx = 0; kx < kW; kx++) {
                                int iy = oy * strideH - padTop + ky * dilationH;
                                int ix = ox * strideW - padLeft + kx * dilationW;
                                if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
                                    continue;
                                }
                                acc += ((input[(iy * inW + ix) * inC + c] & 0xFF) - inZero)
                                        * ((weights[(ky * kW + kx) * outC + o] & 0xFF) - wZero);
                            }
                        }
                        out[(oy * outW + ox) * outC + o] = (byte) TfliteRescaling.requantize(acc, requantizer);
                    }
                }
            }
        }
        return out;
    }

    /** out[r][o] = requantize(bias[o] + Σ_i (in[r][i] − zx) · (w[o][i] − zw)): 1×1 conv or fully-connected. */
    public static byte[] pointwise(byte[] input, int rows, int inC, int inZero, // input [rows][inC]
                            byte[] weights, int outC, int wZero,        // weights [outC][inC]
                            int[] bias,                                 // bias [outC]
                            Requantizer requantizer) {
        byte[] out = new byte[rows * outC]; // [rows][outC]
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outC; o++) {
                int acc = bias[o];
                for (int i = 0; i < inC; i++) {
                    acc += ((input[r * inC + i] & 0xFF) - inZero) * ((weights[o * inC + i] & 0xFF) - wZero);
                }
                out[r * outC + o] = (byte) TfliteRescaling.requantize(acc, requantizer);
            }
        }
        return out;
    }
}
