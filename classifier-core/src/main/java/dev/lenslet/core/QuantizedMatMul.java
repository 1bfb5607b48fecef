package dev.lenslet.core;

/**
 * out[r][o] = requantize(bias[o] + Σ_i (in[r][i] − inZero) · (w[o][i] − wZero)) on uint8 tensors: the integer
 * matrix product behind the 1×1 convolutions, the classifier and (over im2col rows) the stem convolution.
 *
 * <p>Two products per 64-bit multiply (SWAR): a weight panel long holds two channels' raw uint8 weights, w0 in
 * the low and w1 in the high 32 bits, so {@code acc += x · (w0 | w1 << 32)} adds x·w0 to the low half and x·w1
 * to the high half. Each half's sum stays below 255² · inC < 2^31 for inC ≤ {@link #MAX_INPUT_CHANNELS}, so no
 * carry crosses between them. The zero points come in afterwards, exactly:
 * Σ(x − zx)(w − zw) = Σx·w − zw·Σx − zx·Σw + inC·zx·zw, with zx·Σw folded into a per-channel constant and
 * zw·Σx computed once per row. The micro-kernel keeps a 4-row × 4-channel tile in 8 long accumulators, like the
 * float {@link MatMul}.
 */
final class QuantizedMatMul {
    /** Output channels per weight panel: two longs of two channels each. */
    static final int PANEL = 4;
    /** The largest inC whose 32-bit halves cannot overflow: 255² · inC < 2^31. */
    static final int MAX_INPUT_CHANNELS = 33025;

    final int inC, outC;
    private final int panelCount;      // ⌈outC / PANEL⌉
    private final long[] panels;       // [panelCount][inC][2]: (w[c] | w[c+1] << 32), (w[c+2] | w[c+3] << 32), raw uint8; channels past outC are 0
    private final int[] channelTerm;   // [panelCount · PANEL]: bias[o] − zx · Σ_i w[o][i] + inC · zx · zw
    private final int weightZero;
    private final Requantizer requantizer;
    private final long[] rowTile;      // [inC][4]: the current 4 input rows' raw values, interleaved
    private final int[] rowTerm;       // [4]: −zw · Σ_i in[r][i] of the current rows

    /**
     * @param oiWeights raw uint8 weights [outC][inC] (TFLite conv [outC][1][1][inC], OHWI flattened, or
     *                  fully-connected), zero point {@code weightZero}
     * @param bias      int32 [outC], scale inScale · weightScale
     */
    QuantizedMatMul(int inC, int outC, byte[] oiWeights, int weightZero, int[] bias, int inZero,
                    Requantizer requantizer) {
        if (inC > MAX_INPUT_CHANNELS) {
            throw new InvalidModelException("a layer sums " + inC + " products per output; integer arithmetic"
                    + " handles at most " + MAX_INPUT_CHANNELS + ": use float arithmetic for this model");
        }
        this.inC = inC;
        this.outC = outC;
        this.panelCount = (outC + PANEL - 1) / PANEL;
        this.panels = new long[panelCount * inC * 2];
        this.channelTerm = new int[panelCount * PANEL];
        for (int o = 0; o < outC; o++) {
            int lane = o % PANEL;
            int base = (o / PANEL) * inC * 2 + lane / 2;
            int weightSum = 0;
            for (int i = 0; i < inC; i++) {
                long w = oiWeights[o * inC + i] & 0xFF;
                panels[base + 2 * i] |= lane % 2 == 0 ? w : w << 32;
                weightSum += (int) w;
            }
            channelTerm[o] = bias[o] - inZero * weightSum + inC * inZero * weightZero;
        }
        this.weightZero = weightZero;
        this.requantizer = requantizer;
        this.rowTile = new long[inC * 4];
        this.rowTerm = new int[4];
    }

    /** Rows in[inOff + r·inC ..] for r < rows, each [inC], give rows out[outOff + r·outC ..], each [outC]. */
    void multiply(byte[] in, int inOff, int rows, byte[] out, int outOff) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            interleave(in, inOff + r * inC);
            for (int p = 0; p < panelCount; p++) {
                tile4x4(p, out, outOff + r * outC);
            }
        }
        for (; r < rows; r++) {
            int a = inOff + r * inC;
            int sum = 0;
            for (int i = 0; i < inC; i++) {
                sum += in[a + i] & 0xFF;
            }
            for (int p = 0; p < panelCount; p++) {
                tile1x4(in, a, -weightZero * sum, p, out, outOff + r * outC);
            }
        }
    }

    /** rowTile[i][r] = in[a + r·inC + i] (raw), and each row's zero-point term. */
    private void interleave(byte[] in, int a) {
        int n = inC;
        long[] t = rowTile;
        int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int i = 0; i < n; i++) {
            int x0 = in[a + i] & 0xFF, x1 = in[a + n + i] & 0xFF;
            int x2 = in[a + 2 * n + i] & 0xFF, x3 = in[a + 3 * n + i] & 0xFF;
            t[4 * i] = x0;
            t[4 * i + 1] = x1;
            t[4 * i + 2] = x2;
            t[4 * i + 3] = x3;
            s0 += x0;
            s1 += x1;
            s2 += x2;
            s3 += x3;
        }
        rowTerm[0] = -weightZero * s0;
        rowTerm[1] = -weightZero * s1;
        rowTerm[2] = -weightZero * s2;
        rowTerm[3] = -weightZero * s3;
    }

    /** The 4 rows in rowTile times panel p: 8 longs of two 32-bit sums each, one pass over both. */
    private void tile4x4(int p, byte[] out, int o) {
        long[] w = panels;
        long[] t = rowTile;
        long a0 = 0, b0 = 0, a1 = 0, b1 = 0, a2 = 0, b2 = 0, a3 = 0, b3 = 0; // row r: a = channels 0,1; b = 2,3
        int k = p * inC * 2;
        int end = k + inC * 2;
        for (int x = 0; k < end; k += 2, x += 4) {
            long wa = w[k], wb = w[k + 1];
            long x0 = t[x], x1 = t[x + 1], x2 = t[x + 2], x3 = t[x + 3];
            a0 += x0 * wa;
            b0 += x0 * wb;
            a1 += x1 * wa;
            b1 += x1 * wb;
            a2 += x2 * wa;
            b2 += x2 * wb;
            a3 += x3 * wa;
            b3 += x3 * wb;
        }
        int c = p * PANEL;
        store(out, o, c, rowTerm[0], a0, b0);
        store(out, o + outC, c, rowTerm[1], a1, b1);
        store(out, o + 2 * outC, c, rowTerm[2], a2, b2);
        store(out, o + 3 * outC, c, rowTerm[3], a3, b3);
    }

    /** One input row times panel p (the rows left over after the 4-row tiles, e.g. the 1-pixel classifier). */
    private void tile1x4(byte[] in, int a, int rowTermOfRow, int p, byte[] out, int o) {
        long[] w = panels;
        long sa = 0, sb = 0;
        int k = p * inC * 2;
        for (int i = 0; i < inC; i++, k += 2) {
            long x = in[a + i] & 0xFF;
            sa += x * w[k];
            sb += x * w[k + 1];
        }
        store(out, o, p * PANEL, rowTermOfRow, sa, sb);
    }

    /** out[o + c .. c + 3] = the requantized sums of channels c .. c + 3 that exist (outC need not divide by 4). */
    private void store(byte[] out, int o, int c, int rowTermOfRow, long sumsA, long sumsB) {
        Requantizer rq = requantizer;
        int[] term = channelTerm;
        int j = o + c;
        if (c + PANEL <= outC) {
            out[j] = (byte) rq.apply((int) sumsA + rowTermOfRow + term[c]);
            out[j + 1] = (byte) rq.apply((int) (sumsA >>> 32) + rowTermOfRow + term[c + 1]);
            out[j + 2] = (byte) rq.apply((int) sumsB + rowTermOfRow + term[c + 2]);
            out[j + 3] = (byte) rq.apply((int) (sumsB >>> 32) + rowTermOfRow + term[c + 3]);
            return;
        }
        int valid = outC - c;
        out[j] = (byte) rq.apply((int) sumsA + rowTermOfRow + term[c]);
        if (valid > 1) {
            out[j + 1] = (byte) rq.apply((int) (sumsA >>> 32) + rowTermOfRow + term[c + 1]);
        }
        if (valid > 2) {
            out[j + 2] = (byte) rq.apply((int) sumsB + rowTermOfRow + term[c + 2]);
        }
    }
}
