package dev.lenslet.core.kernel;

/**
 * The 3×3 depthwise interior channel by channel, with the channel's nine weights and the window's input columns in
 * locals: at stride 1 each step reads one new input column and reuses two; at stride 2 it reads two and reuses the
 * window's last column as the next window's first. Sums add bias, then the taps in (ky, kx) order.
 * {@link KernelSet#REGISTER_BLOCKED}'s form: scalar, few loads per multiply-add.
 */
final class RegisterBlockedDepthwise implements DepthwiseInterior {
    private final int n;           // channels: the pixel stride in both tensors
    private final int row;         // inW · n: the input's row stride
    private final int strideW;     // 1 or 2
    private final float[] weights; // [3][3][n]
    private final float[] bias;    // [n]
    private final float min, max;  // output clamp: fused activation ∩ the output's quantized range

    RegisterBlockedDepthwise(int channels, int inW, int strideW, float[] weights, float[] bias, float min, float max) {
        this.n = channels;
        this.row = inW * channels;
        this.strideW = strideW;
        this.weights = weights.clone();
        this.bias = bias.clone();
        this.min = min;
        this.max = max;
    }

    @Override
    public void row(float[] input, int i0, float[] output, int o0, int pixels) {
        float[] w = weights;
        float lo = min, hi = max;
        for (int c = 0; c < n; c++) {
            float w00 = w[c], w01 = w[n + c], w02 = w[2 * n + c];
            float w10 = w[3 * n + c], w11 = w[4 * n + c], w12 = w[5 * n + c];
            float w20 = w[6 * n + c], w21 = w[7 * n + c], w22 = w[8 * n + c];
            float b = bias[c];
            int i = i0 + c;
            float t0 = input[i], m0 = input[i + row], d0 = input[i + 2 * row]; // window column 0
            int o = o0 + c;
            if (strideW == 1) {
                float t1 = input[i + n], m1 = input[i + n + row], d1 = input[i + n + 2 * row]; // column 1
                i += 2 * n;
                for (int p = 0; p < pixels; p++) {
                    float t2 = input[i], m2 = input[i + row], d2 = input[i + 2 * row]; // column 2
                    float s = b + t0 * w00 + t1 * w01 + t2 * w02 + m0 * w10 + m1 * w11 + m2 * w12
                            + d0 * w20 + d1 * w21 + d2 * w22;
                    output[o] = s < lo ? lo : (s > hi ? hi : s);
                    t0 = t1;
                    t1 = t2;
                    m0 = m1;
                    m1 = m2;
                    d0 = d1;
                    d1 = d2;
                    i += n;
                    o += n;
                }
            } else {
                i += n;
                for (int p = 0; p < pixels; p++) {
                    float t1 = input[i], m1 = input[i + row], d1 = input[i + 2 * row];             // column 1
                    float t2 = input[i + n], m2 = input[i + n + row], d2 = input[i + n + 2 * row]; // column 2
                    float s = b + t0 * w00 + t1 * w01 + t2 * w02 + m0 * w10 + m1 * w11 + m2 * w12
                            + d0 * w20 + d1 * w21 + d2 * w22;
                    output[o] = s < lo ? lo : (s > hi ? hi : s);
                    t0 = t2;
                    m0 = m2;
                    d0 = d2;
                    i += 2 * n;
                    o += n;
                }
            }
        }
    }
}
