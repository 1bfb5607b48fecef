package dev.lenslet.core.kernel;

/**
 * out[r][o] = clamp(bias[o] + Σ_i in[r][i] · w[o][i]), one output row at a time as a chain of axpy steps: the row
 * of sums starts as the bias, then each input channel i in ascending order adds in[r][i] · w[i][·] to all of it.
 * The innermost loops run over contiguous output channels, the form HotSpot C2's superword pass turns into SIMD
 * ({@link KernelSet#VECTORIZABLE}). C2 (JDK 17) does so only when every array in the loop is indexed by the
 * counter alone, so the sums live in their own row and each weight row is its own array: with offsets held in
 * variables it must assume the arrays overlap and stays scalar. Four input channels are added per pass, written
 * so that each sum still adds its terms one by one in {@link RegisterBlockedMatMul}'s order: both give the same floats.
 */
final class VectorizableMatMul implements MatMul {
    private final int inC, outC;
    private final float[][] weightRows; // [inC][outC]: TFLite's [outC][inC] transposed once
    private final float[] bias;         // [outC]
    private final float min, max;       // output clamp: fused activation ∩ the output's quantized range
    private final float[] sums;         // [outC]: the current row's running sums

    /** @param oiWeights [outC][inC] (TFLite conv [outC][1][1][inC], OHWI flattened, or fully-connected) */
    VectorizableMatMul(int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
        this.inC = inC;
        this.outC = outC;
        this.weightRows = new float[inC][outC];
        for (int o = 0; o < outC; o++) {
            for (int i = 0; i < inC; i++) {
                weightRows[i][o] = oiWeights[o * inC + i];
            }
        }
        this.bias = bias.clone();
        this.min = min;
        this.max = max;
        this.sums = new float[outC];
    }

    @Override
    public void multiply(float[] in, int inOff, int rows, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int a = inOff + r * inC;
            System.arraycopy(bias, 0, sums, 0, outC);
            int i = 0;
            for (; i + 4 <= inC; i += 4) {
                axpy4(in[a + i], in[a + i + 1], in[a + i + 2], in[a + i + 3], weightRows[i], weightRows[i + 1],
                        weightRows[i + 2], weightRows[i + 3]);
            }
            for (; i < inC; i++) {
                axpy(in[a + i], weightRows[i]);
            }
            int o = outOff + r * outC;
            System.arraycopy(sums, 0, out, o, outC);
            clamp(out, o);
        }
    }

    /** sums[c] += x0·w0[c], then x1·w1[c], x2·w2[c], x3·w3[c] (left to right, one rounding each), for c < outC. */
    private void axpy4(float x0, float x1, float x2, float x3, float[] w0, float[] w1, float[] w2, float[] w3) {
        float[] s = sums;
        for (int c = 0; c < outC; c++) {
            s[c] = s[c] + x0 * w0[c] + x1 * w1[c] + x2 * w2[c] + x3 * w3[c];
        }
    }

    /** sums[c] += x · w[c] for c < outC. */
    private void axpy(float x, float[] w) {
        float[] s = sums;
        for (int c = 0; c < outC; c++) {
            s[c] += x * w[c];
        }
    }

    /**
     * out[o + c] = min(max(out[o + c], min), max) for c < outC: one array, one offset, so C2 vectorizes it.
     * Math.max/min, unlike a conditional, vectorize; they differ from one only in turning a −0 sum into +0.
     */
    private void clamp(float[] out, int o) {
        float lo = min, hi = max;
        for (int c = 0; c < outC; c++) {
            out[o + c] = Math.min(Math.max(out[o + c], lo), hi);
        }
    }
}
