package dev.lenslet.core;

/**
 * 1×1 convolution, stride 1 (MobileNet's expand and project layers, and the classifier): a matrix product
 * of [pixels][inC] by [inC][outC], plus bias and fused activation. About 95% of MobileNetV2's multiply-adds.
 */
final class PointwiseConv2d implements Layer {
    private final int pixels, inC, outC;
    private final float[] weights; // [inC][outC], transposed from TFLite's [outC][1][1][inC]
    private final float[] bias;    // [outC]
    private final float min, max; // output clamp: fused activation ∩ the output's quantized range
    private final int in, out;

    /** @param oiWeights TFLite layout [outC][inC] (conv [outC][1][1][inC] or fully-connected [outC][inC]) */
    PointwiseConv2d(int pixels, int inC, int outC, float[] oiWeights, float[] bias, float min, float max,
                    int inSlot, int outSlot) {
        this.pixels = pixels;
        this.inC = inC;
        this.outC = outC;
        this.weights = new float[inC * outC];
        for (int o = 0; o < outC; o++) {
            for (int i = 0; i < inC; i++) {
                weights[i * outC + o] = oiWeights[o * inC + i];
            }
        }
        this.bias = bias;
        this.min = min;
        this.max = max;
        this.in = inSlot;
        this.out = outSlot;
    }

    @Override
    public void forward(float[][] slots) {
        forward(pixels, inC, outC, slots[in], weights, bias, min, max, slots[out]);
    }

    /**
     * out[p][o] = clamp(bias[o] + Σ_i in[p][i] · w[i][o]). Rows of w are added scaled by each input value, so the
     * inner loop runs over contiguous memory; zero inputs (frequent after ReLU6) are skipped.
     */
    static void forward(int pixels, int inC, int outC, float[] input, float[] w, float[] bias, float min, float max,
                        float[] output) {
        for (int p = 0; p < pixels; p++) {
            int o = p * outC;
            int inBase = p * inC;
            System.arraycopy(bias, 0, output, o, outC);
            for (int i = 0; i < inC; i++) {
                float x = input[inBase + i];
                if (x == 0f) {
                    continue;
                }
                int wRow = i * outC;
                for (int c = 0; c < outC; c++) {
                    output[o + c] += x * w[wRow + c];
                }
            }
            Conv2d.clamp(output, o, outC, min, max);
        }
    }
}
