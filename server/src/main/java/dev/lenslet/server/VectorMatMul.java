package dev.lenslet.server;

import dev.lenslet.core.MatMul;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * out[r][o] = clamp(bias[o] + Σ_i in[r][i] · w[o][i]) with the Vector API: the weights are repacked once into
 * panels of one vector's worth of output channels, [panel][inC][lanes], and the micro-kernel keeps a tile of 4 rows
 * × 2 panels of sums in vector locals (8 accumulators), adding for each input channel i the two weight vectors
 * times in[r][i] broadcast, with one fused multiply-add each: 8 FMAs per 6 loads. Sums add their terms in
 * input-channel order from the bias, but each FMA rounds once, so results differ from the scalar kernels' in the
 * last bits. Rows left over after the 4-row tiles, and a last odd panel, take smaller tiles.
 */
final class VectorMatMul implements MatMul {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private final int inC, outC;
    private final int panelCount;  // ⌈outC / LANES⌉
    private final float[] panels;  // [panelCount][inC][LANES], channels past outC are 0
    private final float[] bias;    // [panelCount · LANES], channels past outC are 0
    private final float min, max;  // output clamp: fused activation ∩ the output's quantized range

    /** @param oiWeights [outC][inC] (TFLite conv [outC][1][1][inC] or [outC][kH][kW][inC], or fully-connected) */
    VectorMatMul(int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
        this.inC = inC;
        this.outC = outC;
        this.panelCount = (outC + LANES - 1) / LANES;
        this.panels = new float[panelCount * inC * LANES];
        this.bias = new float[panelCount * LANES];
        for (int o = 0; o < outC; o++) {
            int panelBase = (o / LANES) * inC * LANES + o % LANES;
            for (int i = 0; i < inC; i++) {
                panels[panelBase + i * LANES] = oiWeights[o * inC + i];
            }
            this.bias[o] = bias[o];
        }
        this.min = min;
        this.max = max;
    }

    @Override
    public void multiply(float[] in, int inOff, int rows, float[] out, int outOff) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int a = inOff + r * inC, o = outOff + r * outC;
            int p = 0;
            for (; p + 2 <= panelCount; p += 2) {
                tile4x2(in, a, p, out, o);
            }
            if (p < panelCount) {
                tile4x1(in, a, p, out, o);
            }
        }
        for (; r < rows; r++) {
            for (int p = 0; p < panelCount; p++) {
                tile1x1(in, inOff + r * inC, p, out, outOff + r * outC);
            }
        }
    }

    /** Rows in[a ..] .. in[a + 3·inC ..] times panels p and p + 1: 8 vector sums in locals. */
    private void tile4x2(float[] in, int a, int p, float[] out, int o) {
        float[] w = panels;
        int n = inC;
        int c = p * LANES;
        FloatVector b0 = FloatVector.fromArray(SPECIES, bias, c);
        FloatVector b1 = FloatVector.fromArray(SPECIES, bias, c + LANES);
        FloatVector s00 = b0, s01 = b1, s10 = b0, s11 = b1, s20 = b0, s21 = b1, s30 = b0, s31 = b1;
        int k = p * n * LANES;
        int k1 = k + n * LANES;
        for (int i = 0; i < n; i++, k += LANES, k1 += LANES) {
            FloatVector w0 = FloatVector.fromArray(SPECIES, w, k);
            FloatVector w1 = FloatVector.fromArray(SPECIES, w, k1);
            FloatVector x = FloatVector.broadcast(SPECIES, in[a + i]);
            s00 = w0.fma(x, s00);
            s01 = w1.fma(x, s01);
            x = FloatVector.broadcast(SPECIES, in[a + n + i]);
            s10 = w0.fma(x, s10);
            s11 = w1.fma(x, s11);
            x = FloatVector.broadcast(SPECIES, in[a + 2 * n + i]);
            s20 = w0.fma(x, s20);
            s21 = w1.fma(x, s21);
            x = FloatVector.broadcast(SPECIES, in[a + 3 * n + i]);
            s30 = w0.fma(x, s30);
            s31 = w1.fma(x, s31);
        }
        int m = outC;
        store(s00, out, o, c);
        store(s01, out, o, c + LANES);
        store(s10, out, o + m, c);
        store(s11, out, o + m, c + LANES);
        store(s20, out, o + 2 * m, c);
        store(s21, out, o + 2 * m, c + LANES);
        store(s30, out, o + 3 * m, c);
        store(s31, out, o + 3 * m, c + LANES);
    }

    /** Rows in[a ..] .. in[a + 3·inC ..] times panel p alone (the last of an odd number of panels). */
    private void tile4x1(float[] in, int a, int p, float[] out, int o) {
        float[] w = panels;
        int n = inC;
        int c = p * LANES;
        FloatVector b = FloatVector.fromArray(SPECIES, bias, c);
        FloatVector s0 = b, s1 = b, s2 = b, s3 = b;
        int k = p * n * LANES;
        for (int i = 0; i < n; i++, k += LANES) {
            FloatVector w0 = FloatVector.fromArray(SPECIES, w, k);
            s0 = w0.fma(FloatVector.broadcast(SPECIES, in[a + i]), s0);
            s1 = w0.fma(FloatVector.broadcast(SPECIES, in[a + n + i]), s1);
            s2 = w0.fma(FloatVector.broadcast(SPECIES, in[a + 2 * n + i]), s2);
            s3 = w0.fma(FloatVector.broadcast(SPECIES, in[a + 3 * n + i]), s3);
        }
        int m = outC;
        store(s0, out, o, c);
        store(s1, out, o + m, c);
        store(s2, out, o + 2 * m, c);
        store(s3, out, o + 3 * m, c);
    }

    /** One input row in[a ..] times panel p (rows left over after the 4-row tiles, e.g. the 1-pixel classifier). */
    private void tile1x1(float[] in, int a, int p, float[] out, int o) {
        float[] w = panels;
        int n = inC;
        int c = p * LANES;
        FloatVector s = FloatVector.fromArray(SPECIES, bias, c);
        int k = p * n * LANES;
        for (int i = 0; i < n; i++, k += LANES) {
            s = FloatVector.fromArray(SPECIES, w, k).fma(FloatVector.broadcast(SPECIES, in[a + i]), s);
        }
        store(s, out, o, c);
    }

    /** out[o + c ..] = the clamped sums of channels c .. c + LANES − 1 that exist (outC may end mid-vector). */
    private void store(FloatVector sums, float[] out, int o, int c) {
        FloatVector y = sums.max(min).min(max);
        if (c + LANES <= outC) {
            y.intoArray(out, o + c);
        } else {
            y.intoArray(out, o + c, SPECIES.indexInRange(c, outC));
        }
    }
}
