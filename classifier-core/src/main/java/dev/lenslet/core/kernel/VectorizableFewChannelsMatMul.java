package dev.lenslet.core.kernel;

/**
 * out[r][o] = clamp(bias[o] + Σ_i in[r][i] · w[o][i]) for few output channels (the stem's 32, projections to 16,
 * 24 or 32), where {@link VectorizableMatMul}'s loops over output channels are too short for C2's vectorized code to pay
 * off. Here a block of rows is transposed so that each input channel is a column over the block's rows, and for
 * each output channel a row of sums over those rows takes the axpy steps: long loops over rows, every array
 * indexed by the counter alone ({@link KernelSet#VECTORIZABLE}). The sums go back to [row][channel] with the
 * clamp. Each sum adds its terms in {@link RegisterBlockedMatMul}'s order (bias, then i ascending): the same floats.
 */
final class VectorizableFewChannelsMatMul implements MatMul {
    /** Rows per block: long loops, while the block's columns and sums stay in cache. */
    private static final int BLOCK = 128;

    private final int inC, outC;
    private final float[] oiWeights; // [outC][inC]
    private final float[] bias;      // [outC]
    private final float min, max;    // output clamp: fused activation ∩ the output's quantized range
    private final float[][] columns; // [inC][BLOCK]: input channel i of each row in the block
    private final float[][] sums;    // [outC][BLOCK]: output channel o's running sum for each row in the block

    /** @param oiWeights [outC][inC] (TFLite conv [outC][1][1][inC], OHWI flattened, or fully-connected) */
    VectorizableFewChannelsMatMul(int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
        this.inC = inC;
        this.outC = outC;
        this.oiWeights = oiWeights.clone();
        this.bias = bias.clone();
        this.min = min;
        this.max = max;
        this.columns = new float[inC][BLOCK];
        this.sums = new float[outC][BLOCK];
    }

    @Override
    public void multiply(float[] in, int inOff, int rows, float[] out, int outOff) {
        for (int r0 = 0; r0 < rows; r0 += BLOCK) {
            int n = Math.min(BLOCK, rows - r0);
            transposeBlock(in, inOff + r0 * inC, n);
            for (int o = 0; o < outC; o++) {
                channelSums(o, n);
            }
            storeBlock(out, outOff + r0 * outC, n);
        }
    }

    /** columns[i][r] = in[a + r·inC + i] for r < n. */
    private void transposeBlock(float[] in, int a, int n) {
        for (int r = 0; r < n; r++) {
            int row = a + r * inC;
            for (int i = 0; i < inC; i++) {
                columns[i][r] = in[row + i];
            }
        }
    }

    /** sums[o][r] = bias[o] + Σ_i w[o][i] · columns[i][r] for r < n, four input channels per pass, in order. */
    private void channelSums(int o, int n) {
        float[] s = sums[o];
        float b = bias[o];
        for (int r = 0; r < n; r++) {
            s[r] = b;
        }
        int w = o * inC;
        int i = 0;
        for (; i + 4 <= inC; i += 4) {
            float w0 = oiWeights[w + i], w1 = oiWeights[w + i + 1], w2 = oiWeights[w + i + 2];
            float w3 = oiWeights[w + i + 3];
            float[] c0 = columns[i], c1 = columns[i + 1], c2 = columns[i + 2], c3 = columns[i + 3];
            for (int r = 0; r < n; r++) {
                s[r] = s[r] + w0 * c0[r] + w1 * c1[r] + w2 * c2[r] + w3 * c3[r];
            }
        }
        for (; i < inC; i++) {
            float wi = oiWeights[w + i];
            float[] c = columns[i];
            for (int r = 0; r < n; r++) {
                s[r] += wi * c[r];
            }
        }
    }

    /** out[o0 + r·outC + o] = clamp(sums[o][r]) for r < n. */
    private void storeBlock(float[] out, int o0, int n) {
        float lo = min, hi = max;
        for (int r = 0; r < n; r++) {
            int row = o0 + r * outC;
            for (int o = 0; o < outC; o++) {
                float x = sums[o][r];
                out[row + o] = x < lo ? lo : (x > hi ? hi : x);
            }
        }
    }
}
