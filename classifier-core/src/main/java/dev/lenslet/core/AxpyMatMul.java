package dev.lenslet.core;

/**
 * out[r][o] = clamp(bias[o] + Σ_i in[r][i] · w[o][i]), one output row at a time as a chain of axpy steps: the row
 * starts as the bias, then each input channel i in ascending order adds in[r][i] · w[i][·] to the whole row. The
 * innermost loop is a plain counted loop over contiguous output channels of the row and of the transposed
 * weights, the form HotSpot C2's superword pass turns into SIMD ({@link KernelSet#VECTORIZABLE}). Each sum still
 * adds its terms in {@link TiledMatMul}'s order (bias, then i ascending), so both give the same floats.
 */
final class AxpyMatMul implements MatMul {
    private final int inC, outC;
    private final float[] ioWeights; // [inC][outC]: TFLite's [outC][inC] transposed once
    private final float[] bias;      // [outC]
    private final float min, max;    // output clamp: fused activation ∩ the output's quantized range

    /** @param oiWeights [outC][inC] (TFLite conv [outC][1][1][inC], OHWI flattened, or fully-connected) */
    AxpyMatMul(int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
        this.inC = inC;
        this.outC = outC;
        this.ioWeights = new float[inC * outC];
        for (int o = 0; o < outC; o++) {
            for (int i = 0; i < inC; i++) {
                ioWeights[i * outC + o] = oiWeights[o * inC + i];
            }
        }
        this.bias = bias.clone();
        this.min = min;
        this.max = max;
    }

    @Override
    public void multiply(float[] in, int inOff, int rows, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int a = inOff + r * inC;
            int o = outOff + r * outC;
            System.arraycopy(bias, 0, out, o, outC);
            for (int i = 0; i < inC; i++) {
                axpy(in[a + i], i * outC, out, o);
            }
            clampRow(out, o, outC, min, max);
        }
    }

    /** out[o + c] += x · ioWeights[w + c] for c < outC: the loop C2 vectorizes. */
    private void axpy(float x, int w, float[] out, int o) {
        float[] weights = ioWeights;
        for (int c = 0; c < outC; c++) {
            out[o + c] += x * weights[w + c];
        }
    }

    /**
     * v[i] = min(max(v[i], lo), hi) over v[from .. from+n). Math.max/min, unlike a conditional, vectorize on C2;
     * they differ from {@link Conv2d#clamp} only in turning a −0 sum into +0 at a bound of 0.
     */
    static void clampRow(float[] v, int from, int n, float lo, float hi) {
        for (int i = from; i < from + n; i++) {
            v[i] = Math.min(Math.max(v[i], lo), hi);
        }
    }
}
