package dev.lenslet.core.quant;

import dev.lenslet.core.graph.ConvGeometry;

/**
 * Depthwise convolution on uint8 tensors (one filter per channel, optional depth multiplier), NHWC. As in the float
 * {@code fp32.DepthwiseConv2d}, MobileNet's 3×3 stride 1 or 2 slides along each row with the channel's nine weights in
 * locals; here over a copy of the input padded with its zero point (real 0, so the padding adds nothing), so that
 * border pixels take the sliding path too: on the 7×7 and 14×14 layers most pixels touch the border, and the
 * per-pixel path, which skips taps outside the input, is several times slower. Other shapes take that path. Both
 * sum exact integers, so they agree with each other and with TFLite bit for bit.
 */
final class QuantizedDepthwiseConv2d implements QuantizedLayer {
    private final ConvGeometry g;
    private final int multiplier;
    private final int[] weights;      // [kernelH][kernelW][outC]: w − zw, outC = inC · multiplier
    private final double[] interiorWeights; // [kernelH][kernelW][outC]: the same as doubles, for the interior
    private final int[] bias;         // [outC] int32
    private final double[] rawInputBias; // [outC]: bias − zx · Σ_{ky,kx} w, so the sliding path multiplies raw inputs
    private final int inZero;
    private final Requantizer requantizer;
    /** Whether the 3×3 sliding path applies; it then covers every output pixel. */
    private final boolean sliding;
    private final int paddedW;      // padLeft + inW + the columns past the input that the last windows reach
    private final HeapArena arena;
    private final int padded;       // arena offset of [padTop + inH + rows past it][paddedW][inC]: the input, with
                                    // the zero point around it (written once: runs copy in only the input's pixels)
    private final int in, out;

    /** @param rawWeights uint8 [1][kernelH][kernelW][outC] with zero point weightZero */
    QuantizedDepthwiseConv2d(ConvGeometry g, int multiplier, byte[] rawWeights, int weightZero, int[] bias,
                             int inZero, Requantizer requantizer, ArenaLayout layout, HeapArena arena,
                             int inSlot, int outSlot) {
        this.g = g;
        this.multiplier = multiplier;
        this.weights = new int[rawWeights.length];
        this.interiorWeights = new double[rawWeights.length];
        for (int k = 0; k < rawWeights.length; k++) {
            weights[k] = (rawWeights[k] & 0xFF) - weightZero;
            interiorWeights[k] = weights[k];
        }
        this.bias = bias;
        this.rawInputBias = new double[g.outC];
        for (int oc = 0; oc < g.outC; oc++) {
            long sum = bias[oc];
            for (int k = 0; k < g.kernelH * g.kernelW; k++) {
                sum -= (long) inZero * weights[k * g.outC + oc];
            }
            rawInputBias[oc] = sum;
        }
        this.inZero = inZero;
        this.requantizer = requantizer;
        this.sliding = g.slides3x3(multiplier);
        this.paddedW = paddedWidth(g);
        this.arena = arena;
        this.padded = sliding ? layout.filled(paddedHeight(g) * paddedW * g.inC, inZero) : -1;
        this.in = inSlot;
        this.out = outSlot;
    }

    /** out[oy][ox][c·m+j] = requantize(bias + Σ_{ky,kx} (in[iy][ix][c] − zx) · (w[ky][kx][c·m+j] − zw)). */
    @Override
    public void forward() {
        byte[] bytes = arena.bytes;
        int input = arena.slot(in), output = arena.slot(out);
        if (!sliding) {
            for (int oy = 0; oy < g.outH; oy++) {
                pixels(bytes, input, output, oy, 0, g.outW);
            }
            return;
        }
        copyIntoPadded(g, bytes, input, bytes, padded);
        for (int oy = 0; oy < g.outH; oy++) {
            slidingRow(bytes, output, oy);
        }
    }

    /** The input's pixels from[at ..] into their place in the padded input to[paddedAt ..]; the padding stays. */
    static void copyIntoPadded(ConvGeometry g, byte[] from, int at, byte[] to, int paddedAt) {
        int row = g.inW * g.inC;
        int paddedRow = paddedWidth(g) * g.inC;
        for (int iy = 0; iy < g.inH; iy++) {
            System.arraycopy(from, at + iy * row, to, paddedAt + (g.padTop + iy) * paddedRow + g.padLeft * g.inC,
                    row);
        }
    }

    /** Rows of the padded input of a 3×3 sliding layer: the input's, after padTop, and any the windows reach past. */
    static int paddedHeight(ConvGeometry g) {
        return Math.max(g.padTop + g.inH, (g.outH - 1) * g.strideH + 3);
    }

    /** Pixels per row of the padded input of a 3×3 sliding layer. */
    static int paddedWidth(ConvGeometry g) {
        return Math.max(g.padLeft + g.inW, (g.outW - 1) * g.strideW + 3);
    }

    /** Output pixels [oxFrom, oxTo) of row oy, any kernel, one channel at a time over the taps inside the input. */
    private void pixels(byte[] bytes, int input, int output, int oy, int oxFrom, int oxTo) {
        int inC = g.inC, outC = g.outC, m = multiplier;
        int iy0 = oy * g.strideH - g.padTop;
        int kyFrom = Math.max(0, ceilDiv(-iy0, g.dilationH));
        int kyTo = Math.min(g.kernelH, ceilDiv(g.inH - iy0, g.dilationH));
        for (int ox = oxFrom; ox < oxTo; ox++) {
            int ix0 = ox * g.strideW - g.padLeft;
            int kxFrom = Math.max(0, ceilDiv(-ix0, g.dilationW));
            int kxTo = Math.min(g.kernelW, ceilDiv(g.inW - ix0, g.dilationW));
            int o = (oy * g.outW + ox) * outC;
            for (int oc = 0; oc < outC; oc++) {
                int c = oc / m;
                int acc = bias[oc];
                for (int ky = kyFrom; ky < kyTo; ky++) {
                    int rowBase = (iy0 + ky * g.dilationH) * g.inW;
                    for (int kx = kxFrom; kx < kxTo; kx++) {
                        int x = bytes[input + (rowBase + ix0 + kx * g.dilationW) * inC + c] & 0xFF;
                        acc += (x - inZero) * weights[(ky * g.kernelW + kx) * outC + oc];
                    }
                }
                bytes[output + o + oc] = (byte) requantizer.apply(acc);
            }
        }
    }

    /**
     * An integer-valued double below 2^31 in magnitude as an int, without the range checks of a cast: adding
     * 1.5·2^52 leaves the integer's two's complement in the low bits of the mantissa.
     */
    private static int exactInt(double integer) {
        return (int) Double.doubleToRawLongBits(integer + 0x1.8p52);
    }

    /** ⌈a / b⌉ for b > 0. */
    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * Output row oy from the padded input, channel by channel, the nine weights and the window's columns in locals.
     * The products and sums are integers far below 2^53, so double arithmetic computes them exactly, in any order;
     * it is used because the CPU multiplies doubles on more ports than 32-bit integers. The nine products are
     * added as three short chains rather than one long one, so that the additions of a pixel overlap.
     */
    private void slidingRow(byte[] bytes, int output, int oy) {
        byte[] input = bytes;
        int n = g.outC; // = inC: pixel stride in both tensors
        int row = paddedW * n;
        double[] w = interiorWeights;
        Requantizer rq = requantizer;
        int outW = g.outW;
        for (int c = 0; c < n; c++) {
            double w00 = w[c], w01 = w[n + c], w02 = w[2 * n + c];
            double w10 = w[3 * n + c], w11 = w[4 * n + c], w12 = w[5 * n + c];
            double w20 = w[6 * n + c], w21 = w[7 * n + c], w22 = w[8 * n + c];
            double b = rawInputBias[c];
            int i = padded + oy * g.strideH * row + c; // padded [oy · strideH][0][c], the window's top left
            // window column 0: top, middle, bottom row, raw
            double t0 = input[i] & 0xFF, m0 = input[i + row] & 0xFF, d0 = input[i + 2 * row] & 0xFF;
            int o = output + oy * outW * n + c;
            if (g.strideW == 1) {
                double t1 = input[i + n] & 0xFF, m1 = input[i + n + row] & 0xFF;
                double d1 = input[i + n + 2 * row] & 0xFF;
                i += 2 * n;
                for (int ox = 0; ox < outW; ox++) {
                    double t2 = input[i] & 0xFF, m2 = input[i + row] & 0xFF, d2 = input[i + 2 * row] & 0xFF;
                    double acc = (b + t0 * w00 + m0 * w10 + d0 * w20) + (t1 * w01 + m1 * w11 + d1 * w21)
                            + (t2 * w02 + m2 * w12 + d2 * w22);
                    bytes[o] = (byte) rq.apply(exactInt(acc));
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
                for (int ox = 0; ox < outW; ox++) {
                    double t1 = input[i] & 0xFF, m1 = input[i + row] & 0xFF, d1 = input[i + 2 * row] & 0xFF;
                    double t2 = input[i + n] & 0xFF, m2 = input[i + n + row] & 0xFF;
                    double d2 = input[i + n + 2 * row] & 0xFF;
                    double acc = (b + t0 * w00 + m0 * w10 + d0 * w20) + (t1 * w01 + m1 * w11 + d1 * w21)
                            + (t2 * w02 + m2 * w12 + d2 * w22);
                    bytes[o] = (byte) rq.apply(exactInt(acc));
                    t0 = t2;
                    m0 = m2;
                    d0 = d2;
                    i += 2 * n;
                    o += n;
                }
            }
        }
    }
}
