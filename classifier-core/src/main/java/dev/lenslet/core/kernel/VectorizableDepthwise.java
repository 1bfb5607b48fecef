package dev.lenslet.core.kernel;

/**
 * The 3×3 depthwise interior a chunk of pixels at a time: each tap's input channels are gathered into a row of
 * their own, and loops over the chunk's channels sum the taps, which C2 vectorizes because every array in them is
 * indexed by the counter alone (JDK 17 stays scalar when offsets held in variables differ between arrays). Sums
 * add bias, then the taps in (ky, kx) order, as {@link RegisterBlockedDepthwise} does, so both give the same floats but
 * for the sign of a zero (the clamp here may turn −0 into +0). {@link KernelSet#VECTORIZABLE}'s form.
 */
final class VectorizableDepthwise implements DepthwiseInterior {
    /** Values per gathered chunk: long loops for C2's vectorized code, while the 20 chunk rows stay in cache. */
    private static final int CHUNK_FLOATS = 1024;
    private final int n;                  // channels: the pixel stride in both tensors
    private final int row;                // inW · n: the input's row stride
    private final int strideW;            // 1 or 2
    private final float min, max;         // output clamp: fused activation ∩ the output's quantized range
    private final int chunkPixels;        // about CHUNK_FLOATS values (at least one pixel)
    private final float[][] tapRows;      // [9][chunkPixels·n]: tap (ky, kx)'s input pixel for each chunk pixel
    private final float[][] tiledWeights; // [9][chunkPixels·n]: tap (ky, kx)'s weights [n], once per pixel
    private final float[] tiledBias;      // [chunkPixels·n]: bias [n], once per pixel
    private final float[] sums;           // [chunkPixels·n]: the chunk's clamped outputs

    /** @param weights [3][3][channels] */
    VectorizableDepthwise(int channels, int inW, int strideW, float[] weights, float[] bias, float min, float max) {
        this.n = channels;
        this.row = inW * channels;
        this.strideW = strideW;
        this.min = min;
        this.max = max;
        this.chunkPixels = Math.max(1, CHUNK_FLOATS / channels);
        int chunk = chunkPixels * channels;
        this.tapRows = new float[9][chunk];
        this.tiledWeights = new float[9][chunk];
        this.tiledBias = new float[chunk];
        this.sums = new float[chunk];
        for (int p = 0; p < chunkPixels; p++) {
            for (int tap = 0; tap < 9; tap++) {
                System.arraycopy(weights, tap * channels, tiledWeights[tap], p * channels, channels);
            }
            System.arraycopy(bias, 0, tiledBias, p * channels, channels);
        }
    }

    /** chunkPixels output pixels at a time: gather the nine taps, sum, copy out. */
    @Override
    public void row(float[] input, int i, float[] output, int o, int pixels) {
        for (int p = 0; p < pixels; p += chunkPixels) {
            int count = Math.min(chunkPixels, pixels - p);
            gatherTaps(input, i + p * strideW * n, count);
            sumTaps(count * n);
            System.arraycopy(sums, 0, output, o + p * n, count * n);
        }
    }

    /** tapRows[ky·3+kx][p][c] = in[i + ky·row + (p·strideW + kx)·n + c] for the chunk's pixels p < pixels. */
    private void gatherTaps(float[] input, int i, int pixels) {
        for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
                float[] tap = tapRows[ky * 3 + kx];
                int from = i + ky * row + kx * n;
                if (strideW == 1) {
                    System.arraycopy(input, from, tap, 0, pixels * n);
                } else {
                    for (int p = 0; p < pixels; p++) {
                        System.arraycopy(input, from + p * strideW * n, tap, p * n, n);
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
