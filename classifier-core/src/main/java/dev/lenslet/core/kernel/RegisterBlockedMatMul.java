package dev.lenslet.core.kernel;

import java.util.Arrays;

/**
 * out[r][o] = clamp(bias[o] + Σ_i in[r][i] · w[o][i]): the matrix product behind every 1×1 convolution, the
 * fully-connected layer and (over im2col rows) the stem convolution. Weights are repacked once into panels of
 * four output channels so that the micro-kernel reads them contiguously and keeps a 4-row × 4-channel tile of
 * sums in locals: 16 multiply-adds per 9 loads instead of 1 per 3 loads and a store. The 4 input rows are
 * interleaved once per row tile, leaving out the input channels that are 0 in all 4 rows: after ReLU6 a third of a
 * projection's multiply-adds are such, and in WebAssembly, whose scalar code pays a multiply and an add for each,
 * skipping them saves a tenth of MobileNetV2's time. Every sum adds its terms in input-channel order starting from
 * the bias, exactly as a plain loop would, less only products that are zero (which change no sum but the sign of a
 * zero one), so results do not depend on the tiling. This is {@link KernelSet#REGISTER_BLOCKED}'s form, for Wasm,
 * which has no SIMD here.
 */
final class RegisterBlockedMatMul implements MatMul {
    /** Output channels per weight panel, and the width of the micro-kernel's tile. */
    static final int PANEL = 4;

    private final int inC, outC;
    private final int panelCount;    // ⌈outC / PANEL⌉
    private final float[] panels;    // [panelCount][inC][PANEL], channels past outC are 0
    private final float[] bias;      // [panelCount · PANEL], channels past outC are 0
    private final float min, max;    // output clamp: fused activation ∩ the output's quantized range
    private final float[] rowTile;   // [live][4]: the current 4 input rows at their live channels, interleaved
    private final int[] liveOffsets; // [live]: i · PANEL, where a panel's channel i starts, for each live channel i
    private int live;                // input channels of the current row tile not 0 in all 4 rows (≤ inC)

    /** @param oiWeights [outC][inC] (TFLite conv [outC][1][1][inC], OHWI flattened, or fully-connected) */
    RegisterBlockedMatMul(int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
        this.inC = inC;
        this.outC = outC;
        this.panelCount = (outC + PANEL - 1) / PANEL;
        this.panels = MatMul.panels(oiWeights, inC, outC, PANEL);
        this.bias = Arrays.copyOf(bias, panelCount * PANEL);
        this.min = min;
        this.max = max;
        this.rowTile = new float[inC * 4];
        this.liveOffsets = new int[inC];
    }

    @Override
    public void multiply(float[] in, int inOff, int rows, float[] out, int outOff) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            interleave(in, inOff + r * inC);
            for (int p = 0; p < panelCount; p++) {
                tile4x4(p, out, outOff + r * outC);
            }
        }
        for (; r < rows; r++) {
            for (int p = 0; p < panelCount; p++) {
                tile1x4(in, inOff + r * inC, p, out, outOff + r * outC);
            }
        }
    }

    /**
     * rowTile[j][r] = in[a + r·inC + i] and liveOffsets[j] = i · PANEL for the j-th channel i that is not 0 in all
     * 4 rows. Each channel is written, and kept only if live, so the loop does not branch on where it writes.
     */
    private void interleave(float[] in, int a) {
        int n = inC;
        float[] t = rowTile;
        int[] offsets = liveOffsets;
        int j = 0;
        for (int i = 0; i < n; i++) {
            float x0 = in[a + i], x1 = in[a + n + i], x2 = in[a + 2 * n + i], x3 = in[a + 3 * n + i];
            t[4 * j] = x0;
            t[4 * j + 1] = x1;
            t[4 * j + 2] = x2;
            t[4 * j + 3] = x3;
            offsets[j] = i * PANEL;
            if (x0 != 0f || x1 != 0f || x2 != 0f || x3 != 0f) {
                j++;
            }
        }
        live = j;
    }

    /** The 4 rows in rowTile times panel p at their live channels: 16 sums in locals, one pass over both. */
    private void tile4x4(int p, float[] out, int o) {
        float[] w = panels;
        float[] t = rowTile;
        int n = inC;
        int c = p * PANEL;
        float b0 = bias[c], b1 = bias[c + 1], b2 = bias[c + 2], b3 = bias[c + 3];
        float s00 = b0, s01 = b1, s02 = b2, s03 = b3;
        float s10 = b0, s11 = b1, s12 = b2, s13 = b3;
        float s20 = b0, s21 = b1, s22 = b2, s23 = b3;
        float s30 = b0, s31 = b1, s32 = b2, s33 = b3;
        int[] offsets = liveOffsets;
        int base = p * n * PANEL;
        int end = live;
        for (int j = 0, x = 0; j < end; j++, x += 4) {
            int k = base + offsets[j];
            float w0 = w[k], w1 = w[k + 1], w2 = w[k + 2], w3 = w[k + 3];
            float x0 = t[x];
            s00 += x0 * w0;
            s01 += x0 * w1;
            s02 += x0 * w2;
            s03 += x0 * w3;
            float x1 = t[x + 1];
            s10 += x1 * w0;
            s11 += x1 * w1;
            s12 += x1 * w2;
            s13 += x1 * w3;
            float x2 = t[x + 2];
            s20 += x2 * w0;
            s21 += x2 * w1;
            s22 += x2 * w2;
            s23 += x2 * w3;
            float x3 = t[x + 3];
            s30 += x3 * w0;
            s31 += x3 * w1;
            s32 += x3 * w2;
            s33 += x3 * w3;
        }
        if (c + PANEL <= outC) {
            int m = outC;
            store4(out, o, c, s00, s01, s02, s03);
            store4(out, o + m, c, s10, s11, s12, s13);
            store4(out, o + 2 * m, c, s20, s21, s22, s23);
            store4(out, o + 3 * m, c, s30, s31, s32, s33);
        } else {
            storeEdge(out, o, c, s00, s01, s02, s03);
            storeEdge(out, o + outC, c, s10, s11, s12, s13);
            storeEdge(out, o + 2 * outC, c, s20, s21, s22, s23);
            storeEdge(out, o + 3 * outC, c, s30, s31, s32, s33);
        }
    }

    /** One input row times panel p (the rows left over after the 4-row tiles, e.g. the 1-pixel classifier). */
    private void tile1x4(float[] in, int a, int p, float[] out, int o) {
        float[] w = panels;
        int n = inC;
        int c = p * PANEL;
        float s0 = bias[c], s1 = bias[c + 1], s2 = bias[c + 2], s3 = bias[c + 3];
        int k = p * n * PANEL;
        for (int i = 0; i < n; i++) {
            float x = in[a + i];
            s0 += x * w[k];
            s1 += x * w[k + 1];
            s2 += x * w[k + 2];
            s3 += x * w[k + 3];
            k += PANEL;
        }
        if (c + PANEL <= outC) {
            store4(out, o, c, s0, s1, s2, s3);
        } else {
            storeEdge(out, o, c, s0, s1, s2, s3);
        }
    }

    /** out[o + c .. o + c + 3] = the four clamped sums. */
    private void store4(float[] out, int o, int c, float s0, float s1, float s2, float s3) {
        int j = o + c;
        out[j] = clamp(s0);
        out[j + 1] = clamp(s1);
        out[j + 2] = clamp(s2);
        out[j + 3] = clamp(s3);
    }

    /** The last panel's sums for the channels that exist (outC not a multiple of 4). */
    private void storeEdge(float[] out, int o, int c, float s0, float s1, float s2, float s3) {
        int valid = outC - c;
        out[o + c] = clamp(s0);
        if (valid > 1) {
            out[o + c + 1] = clamp(s1);
        }
        if (valid > 2) {
            out[o + c + 2] = clamp(s2);
        }
    }

    private float clamp(float x) {
        return x < min ? min : (x > max ? max : x);
    }
}
