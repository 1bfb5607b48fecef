package dev.lenslet.server.kernel;

import dev.lenslet.core.kernel.MatMul;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * out[r][o] = clamp(bias[o] + Σ_i in[r][i] · w[o][i]) with the Vector API: the weights are repacked once into
 * panels of one vector's worth of output channels, [panel][inC][lanes], and the micro-kernel keeps a tile of 8 rows
 * × 2 panels of sums in vector locals (16 accumulators), adding for each input channel i the two weight vectors
 * times in[r][i] broadcast, with one fused multiply-add each: each weight vector loaded serves 8 FMAs, which matters
 * when a layer's weights stream from L2. Sums add their terms in input-channel order from the bias, but each FMA rounds once,
 * so results differ from the scalar kernels' in the last bits. Rows left over after the 8-row tiles take 4-row and
 * 1-row tiles of one panel, and so does a last odd panel (MobileNetV2's 16 and 144 output channels). Tiles store
 * whole vectors: straight into the output when outC is a multiple of the vector, else into a padded row buffer,
 * copied out.
 */
final class VectorMatMul implements MatMul {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows per tile, largest first: each row block takes the biggest that fits in the rows left. */
    private static final int[] ROW_BLOCKS = {8, 4, 1};

    private final int inC, outC;
    private final int panelCount;  // ⌈outC / LANES⌉
    private final float[] panels;  // [panelCount][inC][LANES], channels past outC are 0
    private final float[] bias;    // [panelCount · LANES], channels past outC are 0
    private final int paddedC;     // panelCount · LANES
    private final float min, max;  // output clamp: fused activation ∩ the output's quantized range
    /** [8][paddedC]: a row block's outputs when outC is not a whole number of vectors, then copied out. */
    private final float[] rowTile;

    /** @param oiWeights [outC][inC] (TFLite conv [outC][1][1][inC] or [outC][kH][kW][inC], or fully-connected) */
    VectorMatMul(int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
        this.inC = inC;
        this.outC = outC;
        this.panelCount = (outC + LANES - 1) / LANES;
        this.paddedC = panelCount * LANES;
        this.panels = MatMul.panels(oiWeights, inC, outC, LANES);
        this.bias = Arrays.copyOf(bias, paddedC);
        this.min = min;
        this.max = max;
        this.rowTile = new float[8 * paddedC];
    }

    @Override
    public void multiply(float[] in, int inOff, int rows, float[] out, int outOff) {
        int r = 0;
        for (int block : ROW_BLOCKS) {
            for (; r + block <= rows; r += block) {
                int a = inOff + r * inC, o = outOff + r * outC;
                if (outC == paddedC) {
                    rowBlock(in, a, block, out, o);
                } else {
                    rowBlock(in, a, block, rowTile, 0);
                    for (int t = 0; t < block; t++) {
                        System.arraycopy(rowTile, t * paddedC, out, o + t * outC, outC);
                    }
                }
            }
        }
    }

    /** {@code count} (8, 4 or 1) rows in[a ..] times every panel, into rows of d [count][paddedC] from d[o]. */
    private void rowBlock(float[] in, int a, int count, float[] d, int o) {
        int p = 0;
        if (count == 8) {
            for (; p + 2 <= panelCount; p += 2) {
                tile8x2(in, a, p, d, o);
            }
        }
        for (; p < panelCount; p++) { // the last of an odd number of panels, or every panel of fewer rows
            if (count == 1) {
                tile1x1(in, a, p, d, o);
            }
            for (int t = 0; t + 4 <= count; t += 4) {
                tile4x1(in, a + t * inC, p, d, o + t * paddedC);
            }
        }
    }

    /**
     * Rows in[a ..] .. in[a + 7·inC ..] times panels p and p + 1: 16 vector sums in locals, clamped into rows of
     * d [8][paddedC] from d[o]. The clamp and stores are written out here, not in a method taking vectors: a call
     * C2 does not inline would box every vector passed.
     */
    private void tile8x2(float[] in, int a, int p, float[] d, int o) {
        float[] w = panels;
        int n = inC, m = paddedC;
        float lo = min, hi = max;
        int c = p * LANES, c1 = c + LANES;
        FloatVector b0 = FloatVector.fromArray(SPECIES, bias, c);
        FloatVector b1 = FloatVector.fromArray(SPECIES, bias, c1);
        FloatVector s00 = b0, s01 = b1, s10 = b0, s11 = b1, s20 = b0, s21 = b1, s30 = b0, s31 = b1;
        FloatVector s40 = b0, s41 = b1, s50 = b0, s51 = b1, s60 = b0, s61 = b1, s70 = b0, s71 = b1;
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
            x = FloatVector.broadcast(SPECIES, in[a + 4 * n + i]);
            s40 = w0.fma(x, s40);
            s41 = w1.fma(x, s41);
            x = FloatVector.broadcast(SPECIES, in[a + 5 * n + i]);
            s50 = w0.fma(x, s50);
            s51 = w1.fma(x, s51);
            x = FloatVector.broadcast(SPECIES, in[a + 6 * n + i]);
            s60 = w0.fma(x, s60);
            s61 = w1.fma(x, s61);
            x = FloatVector.broadcast(SPECIES, in[a + 7 * n + i]);
            s70 = w0.fma(x, s70);
            s71 = w1.fma(x, s71);
        }
        s00.max(lo).min(hi).intoArray(d, o + c);
        s01.max(lo).min(hi).intoArray(d, o + c1);
        s10.max(lo).min(hi).intoArray(d, o + m + c);
        s11.max(lo).min(hi).intoArray(d, o + m + c1);
        s20.max(lo).min(hi).intoArray(d, o + 2 * m + c);
        s21.max(lo).min(hi).intoArray(d, o + 2 * m + c1);
        s30.max(lo).min(hi).intoArray(d, o + 3 * m + c);
        s31.max(lo).min(hi).intoArray(d, o + 3 * m + c1);
        s40.max(lo).min(hi).intoArray(d, o + 4 * m + c);
        s41.max(lo).min(hi).intoArray(d, o + 4 * m + c1);
        s50.max(lo).min(hi).intoArray(d, o + 5 * m + c);
        s51.max(lo).min(hi).intoArray(d, o + 5 * m + c1);
        s60.max(lo).min(hi).intoArray(d, o + 6 * m + c);
        s61.max(lo).min(hi).intoArray(d, o + 6 * m + c1);
        s70.max(lo).min(hi).intoArray(d, o + 7 * m + c);
        s71.max(lo).min(hi).intoArray(d, o + 7 * m + c1);
    }

    /** Rows in[a ..] .. in[a + 3·inC ..] times panel p alone (an odd last panel, or rows left after 8-row tiles). */
    private void tile4x1(float[] in, int a, int p, float[] d, int o) {
        float[] w = panels;
        int n = inC, m = paddedC;
        float lo = min, hi = max;
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
        s0.max(lo).min(hi).intoArray(d, o + c);
        s1.max(lo).min(hi).intoArray(d, o + m + c);
        s2.max(lo).min(hi).intoArray(d, o + 2 * m + c);
        s3.max(lo).min(hi).intoArray(d, o + 3 * m + c);
    }

    /** One input row in[a ..] times panel p (rows left over after the 4-row tiles, e.g. the 1-pixel classifier). */
    private void tile1x1(float[] in, int a, int p, float[] d, int o) {
        float[] w = panels;
        int n = inC;
        int c = p * LANES;
        FloatVector s = FloatVector.fromArray(SPECIES, bias, c);
        int k = p * n * LANES;
        for (int i = 0; i < n; i++, k += LANES) {
            s = FloatVector.fromArray(SPECIES, w, k).fma(FloatVector.broadcast(SPECIES, in[a + i]), s);
        }
        s.max(min).min(max).intoArray(d, o + c);
    }
}
