package dev.lenslet.core;

/**
 * Depthwise convolution (one filter per channel, optional depth multiplier), bias, fused activation, NHWC.
 * MobileNet's case (3×3, stride 1 or 2, multiplier 1) slides along each row of the interior with the channel's
 * nine weights and the window's input columns in locals; the border pixels, and every other shape, take the
 * general per-pixel path. With {@link KernelSet#VECTORIZABLE} the interior instead goes a chunk of pixels at a
 * time: each tap's input channels are gathered into a row of their own, and loops over the chunk's channels sum
 * the taps, which C2 vectorizes because every array in them is indexed by the counter alone (JDK 17 stays scalar
 * when offsets held in variables differ between arrays). All paths add the terms in the same order (bias, then
 * ky, kx), so they agree bit for bit, but for the sign of a zero the vectorizable clamp may turn −0 into +0.
 */
final class DepthwiseConv2d implements Layer {
    /** Values per gathered chunk: long loops for C2's vectorized code, while the 20 chunk rows stay in cache. */
    private static final int CHUNK_FLOATS = 1024;
    private final ConvGeometry g;
    private final int multiplier;
    private final float[] weights; // [kernelH][kernelW][outC], outC = inC · multiplier (TFLite [1][kH][kW][outC])
    private final float[] bias;    // [outC]
    private final float min, max; // output clamp: fused activation ∩ the output's quantized range
    /** Whether the 3×3 sliding-window path applies; it then covers output columns [interiorFrom, interiorTo). */
    private final boolean sliding;
    private final int interiorFrom, interiorTo;
    /** Whether the interior gathers taps and sums them across channels (VECTORIZABLE) instead of sliding. */
    private final boolean gathered;
    /** Pixels per gathered chunk: about {@link #CHUNK_FLOATS} values (at least one pixel). */
    private final int chunkPixels;
    private final float[][] tapRows;      // [9][chunkPixels·outC]: tap (ky, kx)'s input pixel for each chunk pixel
    private final float[][] tiledWeights; // [9][chunkPixels·outC]: tap (ky, kx)'s weights [outC], once per pixel
    private final float[] tiledBias;      // [chunkPixels·outC]: bias [outC], once per pixel
    private final float[] sums;           // [chunkPixels·outC]: the chunk's clamped outputs
    private final int in, out;

    DepthwiseConv2d(KernelSet kernels, ConvGeometry g, int multiplier, float[] weights, float[] bias, float min,
                    float max, int inSlot, int outSlot) {
        this.g = g;
        this.multiplier = multiplier;
        this.weights = weights;
        this.bias = bias;
        this.min = min;
        this.max = max;
        this.sliding = slides(g, multiplier);
        this.interiorFrom = interiorFrom(g);
        this.interiorTo = interiorTo(g);
        this.in = inSlot;
        this.out = outSlot;
        this.gathered = sliding && kernels == KernelSet.VECTORIZABLE;
        this.chunkPixels = gathered ? Math.max(1, Math.min(CHUNK_FLOATS / g.outC, interiorTo - interiorFrom)) : 0;
        int chunk = chunkPixels * g.outC;
        this.tapRows = new float[gathered ? 9 : 0][chunk];
        this.tiledWeights = new float[gathered ? 9 : 0][chunk];
        this.tiledBias = new float[chunk];
        this.sums = new float[chunk];
        for (int p = 0; p < chunkPixels; p++) {
            for (int tap = 0; tap < 9; tap++) {
                System.arraycopy(weights, tap * g.outC, tiledWeights[tap], p * g.outC, g.outC);
            }
            System.arraycopy(bias, 0, tiledBias, p * g.outC, g.outC);
        }
    }

    /** Whether the 3×3 sliding-window path applies: multiplier 1, no dilation, stride 1 or 2 along rows. */
    static boolean slides(ConvGeometry g, int multiplier) {
        return multiplier == 1 && g.kernelH == 3 && g.kernelW == 3 && g.dilationH == 1 && g.dilationW == 1
                && (g.strideW == 1 || g.strideW == 2);
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
            int iy0 = oy * g.strideH - g.padTop;
            if (!sliding || iy0 < 0 || iy0 + 2 >= g.inH) {
                pixels(input, output, oy, 0, g.outW);
                continue;
            }
            pixels(input, output, oy, 0, interiorFrom);
            if (gathered) {
                interiorRowGathered(input, output, oy, iy0);
            } else {
                interiorRow(input, output, oy, iy0);
            }
            pixels(input, output, oy, interiorTo, g.outW);
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

    /**
     * Interior of row oy, channel by channel, with the channel's nine weights and the window's columns in
     * locals. At stride 1 each step reads one new input column and reuses two; at stride 2 it reads two and
     * reuses the window's last column as the next window's first.
     */
    private void interiorRow(float[] input, float[] output, int oy, int iy0) {
        int n = g.outC; // = inC: pixel stride in both tensors
        int row = g.inW * n;
        float[] w = weights;
        float lo = min, hi = max;
        for (int c = 0; c < n; c++) {
            float w00 = w[c], w01 = w[n + c], w02 = w[2 * n + c];
            float w10 = w[3 * n + c], w11 = w[4 * n + c], w12 = w[5 * n + c];
            float w20 = w[6 * n + c], w21 = w[7 * n + c], w22 = w[8 * n + c];
            float b = bias[c];
            // input [iy0][ix0][c] of the first window
            int i = (iy0 * g.inW + interiorFrom * g.strideW - g.padLeft) * n + c;
            float t0 = input[i], m0 = input[i + row], d0 = input[i + 2 * row]; // window column 0
            int o = (oy * g.outW + interiorFrom) * n + c;
            if (g.strideW == 1) {
                float t1 = input[i + n], m1 = input[i + n + row], d1 = input[i + n + 2 * row]; // column 1
                i += 2 * n;
                for (int ox = interiorFrom; ox < interiorTo; ox++) {
                    float t2 = input[i], m2 = input[i + row], d2 = input[i + 2 * row]; // column 2
                    float s = b + t0 * w00 + t1 * w01 + t2 * w02 + m0 * w10 + m1 * w11 + m2 * w12
                            + d0 * w20 + d1 * w21 + d2 * w22;
                    output[o] = s < lo ? lo : (s > hi ? hi : s);
                    t0 = t1;
                    t1 = t2;
                    m0 = m1;
                    m1 = m2;
                    d0 = d1;
                    d1 = d2;
                    i += n;
                    o += n;
                }
            } else {
                i += n;
                for (int ox = interiorFrom; ox < interiorTo; ox++) {
                    float t1 = input[i], m1 = input[i + row], d1 = input[i + 2 * row];             // column 1
                    float t2 = input[i + n], m2 = input[i + n + row], d2 = input[i + n + 2 * row]; // column 2
                    float s = b + t0 * w00 + t1 * w01 + t2 * w02 + m0 * w10 + m1 * w11 + m2 * w12
                            + d0 * w20 + d1 * w21 + d2 * w22;
                    output[o] = s < lo ? lo : (s > hi ? hi : s);
                    t0 = t2;
                    m0 = m2;
                    d0 = d2;
                    i += 2 * n;
                    o += n;
                }
            }
        }
    }

    /** Interior of row oy, chunkPixels output pixels at a time: gather the nine taps, sum, copy out. */
    private void interiorRowGathered(float[] input, float[] output, int oy, int iy0) {
        int n = g.outC;
        for (int ox = interiorFrom; ox < interiorTo; ox += chunkPixels) {
            int pixels = Math.min(chunkPixels, interiorTo - ox);
            gatherTaps(input, iy0, ox * g.strideW - g.padLeft, pixels);
            sumTaps(pixels * n);
            System.arraycopy(sums, 0, output, (oy * g.outW + ox) * n, pixels * n);
        }
    }

    /** tapRows[ky·3+kx][p][c] = in[iy0+ky][ix0 + p·strideW + kx][c] for the chunk's pixels p < pixels. */
    private void gatherTaps(float[] input, int iy0, int ix0, int pixels) {
        int n = g.outC;
        for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
                float[] tap = tapRows[ky * 3 + kx];
                int from = ((iy0 + ky) * g.inW + ix0 + kx) * n;
                if (g.strideW == 1) {
                    System.arraycopy(input, from, tap, 0, pixels * n);
                } else {
                    for (int p = 0; p < pixels; p++) {
                        System.arraycopy(input, from + p * g.strideW * n, tap, p * n, n);
                    }
                }
            }
        }
    }

    /**
     * sums[q] = clamp(bias + Σ_tap tapRows[tap][q] · tiledWeights[tap][q]) for q < count, taps in (ky, kx) order.
     * One pass per kernel row: a loop with all nine taps is too big for C2 to unroll, and so to vectorize.
     */
    private void sumTaps(int count) {
        float[] s = sums;
        float[] t0 = tapRows[0], t1 = tapRows[1], t2 = tapRows[2];
        float[] w0 = tiledWeights[0], w1 = tiledWeights[1], w2 = tiledWeights[2];
        float[] b = tiledBias;
        for (int q = 0; q < count; q++) {
            s[q] = b[q] + t0[q] * w0[q] + t1[q] * w1[q] + t2[q] * w2[q];
        }
        addKernelRow(count, 3);
        addKernelRow(count, 6);
        float lo = min, hi = max;
        for (int q = 0; q < count; q++) {
            s[q] = Math.min(Math.max(s[q], lo), hi);
        }
    }

    /**
     * sums[q] += the three taps from {@code tap} on, left to right, for q < count. The clamp after is Math.max/min,
     * which vectorize unlike a conditional; they differ from one only in turning a −0 sum into +0.
     */
    private void addKernelRow(int count, int tap) {
        float[] s = sums;
        float[] t0 = tapRows[tap], t1 = tapRows[tap + 1], t2 = tapRows[tap + 2];
        float[] w0 = tiledWeights[tap], w1 = tiledWeights[tap + 1], w2 = tiledWeights[tap + 2];
        for (int q = 0; q < count; q++) {
            s[q] = s[q] + t0[q] * w0[q] + t1[q] * w1[q] + t2[q] * w2[q];
        }
    }
}
