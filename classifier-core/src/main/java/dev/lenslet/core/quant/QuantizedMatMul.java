package dev.lenslet.core.quant;

import dev.lenslet.core.InvalidModelException;

/**
 * out[r][o] = requantize(bias[o] + Σ_i (in[r][i] − inZero) · (w[o][i] − wZero)) on uint8 tensors: the integer
 * matrix product behind the 1×1 convolutions, the classifier and (over im2col rows) the stem convolution.
 *
 * <p>Three products per 64-bit multiply (SWAR): a weight panel long holds three channels' raw uint8 weights in
 * 21-bit lanes, w0 | w1 << 21 | w2 << 42, so {@code acc += x · lanes} adds x·w0, x·w1 and x·w2 to the three
 * lanes at once. A product is below 2^16, so a lane holds the sum of {@link #CHUNK} of them (255² · 32 < 2^21)
 * without carrying into the next; after each chunk of input channels the lanes are added into int sums. The zero
 * points come in afterwards, exactly: Σ(x − zx)(w − zw) = Σx·w − zw·Σx − zx·Σw + inC·zx·zw, with zx·Σw folded
 * into a per-channel constant and zw·Σx computed once per row. The micro-kernel keeps a 4-row × 6-channel tile in
 * 8 long accumulators, as many as V8 keeps in registers in the loop. The 4 input rows are packed once per row
 * tile, one long per input channel, leaving out the input channels whose raw value is 0 in all 4 rows (after
 * ReLU6, whose output zero point is 0, about a third of a projection's): a raw 0 adds nothing to Σx·w or to Σx
 * whatever the zero points are, so the sums stay exact. Chunks count the channels kept, so a lane still sums at
 * most {@link #CHUNK} products between drains.
 */
final class QuantizedMatMul {
    /** Output channels per weight panel: two longs of three 21-bit lanes. */
    static final int PANEL = 6;
    /** Input channels summed in the lanes before they are moved to int sums: 255² · CHUNK < 2^21. */
    static final int CHUNK = 32;
    /** The largest inC whose int sums cannot overflow: 255² · inC < 2^31. */
    static final int MAX_INPUT_CHANNELS = 33025;
    private static final long LANE = (1L << 21) - 1;

    final int inC, outC;
    private final int panelCount;    // ⌈outC / PANEL⌉
    private final long[] panels;     // [panelCount][inC][2]: (w[c] | w[c+1] << 21 | w[c+2] << 42), then c+3..c+5; raw uint8, channels past outC 0
    private final int[] channelTerm; // [panelCount · PANEL]: bias[o] − zx · Σ_i w[o][i] + inC · zx · zw
    private final int weightZero;
    private final Requantizer requantizer;
    private final long[] rowTile;    // [live]: for live channel i, Σ_r x_r << 8r (its raw values in the current 4 rows)
                                     // | 2 · i << 32 (where a panel's channel i starts)
    private int live;                // input channels of the current row tile not 0 in all 4 rows (≤ inC)
    private final int[] rowTerm;     // [4]: −zw · Σ_i in[r][i] of the current rows
    private final int[] sums;        // [4][PANEL]: the current tile's Σ_i x·w

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
            int base = (o / PANEL) * inC * 2 + lane / 3;
            int weightSum = 0;
            for (int i = 0; i < inC; i++) {
                long w = oiWeights[o * inC + i] & 0xFF;
                panels[base + 2 * i] |= w << (21 * (lane % 3));
                weightSum += (int) w;
            }
            channelTerm[o] = bias[o] - inZero * weightSum + inC * inZero * weightZero;
        }
        this.weightZero = weightZero;
        this.requantizer = requantizer;
        this.rowTile = new long[inC];
        this.rowTerm = new int[4];
        this.sums = new int[4 * PANEL];
    }

    /** Rows in[inOff + r·inC ..] for r < rows, each [inC], give rows out[outOff + r·outC ..], each [outC]. */
    void multiply(byte[] in, int inOff, int rows, byte[] out, int outOff) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            packRows(in, inOff + r * inC);
            for (int p = 0; p < panelCount; p++) {
                tile4x6(p);
                store4(out, outOff + r * outC, p * PANEL);
            }
        }
        for (; r < rows; r++) {
            int a = inOff + r * inC;
            int sum = 0;
            for (int i = 0; i < inC; i++) {
                sum += in[a + i] & 0xFF;
            }
            for (int p = 0; p < panelCount; p++) {
                tile1x6(in, a, p);
                store(out, outOff + r * outC, p * PANEL, -weightZero * sum, 0);
            }
        }
    }

    /**
     * rowTile[j] = in[a + i] | in[a + inC + i] << 8 | in[a + 2·inC + i] << 16 | in[a + 3·inC + i] << 24 | 2·i << 32
     * (raw values) for the j-th channel i that is not 0 in all 4 rows, and each row's zero-point term. Each channel
     * is written, and kept only if live, so the loop does not branch on where it writes. One long per channel, so
     * that the micro-kernel reads one array element where it read five: V8 keeps too few registers free to hold
     * every array's bounds.
     */
    private void packRows(byte[] in, int a) {
        int n = inC;
        long[] t = rowTile;
        int j = 0;
        int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int i = 0; i < n; i++) {
            int x0 = in[a + i] & 0xFF, x1 = in[a + n + i] & 0xFF;
            int x2 = in[a + 2 * n + i] & 0xFF, x3 = in[a + 3 * n + i] & 0xFF;
            int x = x0 | x1 << 8 | x2 << 16 | x3 << 24;
            t[j] = (x & 0xFFFFFFFFL) | (long) (2 * i) << 32;
            if (x != 0) {
                j++;
            }
            s0 += x0;
            s1 += x1;
            s2 += x2;
            s3 += x3;
        }
        live = j;
        rowTerm[0] = -weightZero * s0;
        rowTerm[1] = -weightZero * s1;
        rowTerm[2] = -weightZero * s2;
        rowTerm[3] = -weightZero * s3;
    }

    /** sums[r][0..5] = Σ_j x_r(rowTile[j]) · w[c..c+5][i_j] over the live channels, for the 4 rows and panel p. */
    private void tile4x6(int p) {
        long[] w = panels;
        long[] t = rowTile;
        int n = live;
        int base = p * inC * 2;
        int from = 0;
        do {
            // row r: a holds channels 0..2, b channels 3..5; a chunk is at most CHUNK live channels, and there is
            // always a first one, whose drain sets the sums even when no channel is live
            long a0 = 0, b0 = 0, a1 = 0, b1 = 0, a2 = 0, b2 = 0, a3 = 0, b3 = 0;
            int end = Math.min(from + CHUNK, n);
            for (int j = from; j < end; j++) {
                long v = t[j];
                int k = base + (int) (v >>> 32);
                long wa = w[k], wb = w[k + 1];
                long x0 = v & 0xFF, x1 = (v >>> 8) & 0xFF, x2 = (v >>> 16) & 0xFF, x3 = (v >>> 24) & 0xFF;
                a0 += x0 * wa;
                b0 += x0 * wb;
                a1 += x1 * wa;
                b1 += x1 * wb;
                a2 += x2 * wa;
                b2 += x2 * wb;
                a3 += x3 * wa;
                b3 += x3 * wb;
            }
            boolean first = from == 0;
            drain(0, a0, b0, first);
            drain(PANEL, a1, b1, first);
            drain(2 * PANEL, a2, b2, first);
            drain(3 * PANEL, a3, b3, first);
            from = end;
        } while (from < n);
    }

    /** sums[0][0..5] for one input row (the rows left over after the 4-row tiles, e.g. the 1-pixel classifier). */
    private void tile1x6(byte[] in, int a, int p) {
        long[] w = panels;
        int n = inC;
        int base = p * n * 2;
        for (int from = 0; from < n; from += CHUNK) {
            long sa = 0, sb = 0;
            int end = Math.min(from + CHUNK, n);
            for (int i = from, k = base + 2 * from; i < end; i++, k += 2) {
                long x = in[a + i] & 0xFF;
                sa += x * w[k];
                sb += x * w[k + 1];
            }
            drain(0, sa, sb, from == 0);
        }
    }

    /** sums[at .. at + 5] = (or +=, after the first chunk) the six lanes of a and b. */
    private void drain(int at, long a, long b, boolean first) {
        int[] s = sums;
        int v0 = (int) (a & LANE), v1 = (int) ((a >>> 21) & LANE), v2 = (int) (a >>> 42);
        int v3 = (int) (b & LANE), v4 = (int) ((b >>> 21) & LANE), v5 = (int) (b >>> 42);
        if (!first) {
            v0 += s[at];
            v1 += s[at + 1];
            v2 += s[at + 2];
            v3 += s[at + 3];
            v4 += s[at + 4];
            v5 += s[at + 5];
        }
        s[at] = v0;
        s[at + 1] = v1;
        s[at + 2] = v2;
        s[at + 3] = v3;
        s[at + 4] = v4;
        s[at + 5] = v5;
    }

    /**
     * Rows out[o ..], out[o + outC ..], out[o + 2·outC ..], out[o + 3·outC ..] at channels c .. c + 5 that exist =
     * the requantized sums of the 4-row tile; each channel's constant is read once for the 4 rows.
     */
    private void store4(byte[] out, int o, int c) {
        Requantizer rq = requantizer;
        int[] s = sums;
        int n = outC;
        int t0 = rowTerm[0], t1 = rowTerm[1], t2 = rowTerm[2], t3 = rowTerm[3];
        int valid = Math.min(PANEL, n - c);
        for (int j = 0, at = o + c; j < valid; j++, at++) {
            int term = channelTerm[c + j];
            out[at] = (byte) rq.apply(s[j] + t0 + term);
            out[at + n] = (byte) rq.apply(s[PANEL + j] + t1 + term);
            out[at + 2 * n] = (byte) rq.apply(s[2 * PANEL + j] + t2 + term);
            out[at + 3 * n] = (byte) rq.apply(s[3 * PANEL + j] + t3 + term);
        }
    }

    /** out[o + c ..] = the requantized sums[from ..] of channels c .. c + 5 that exist (outC need not divide by 6). */
    private void store(byte[] out, int o, int c, int rowTermOfRow, int from) {
        Requantizer rq = requantizer;
        int[] term = channelTerm;
        int[] s = sums;
        int valid = Math.min(PANEL, outC - c);
        for (int j = 0; j < valid; j++) {
            out[o + c + j] = (byte) rq.apply(s[from + j] + rowTermOfRow + term[c + j]);
        }
    }
}
