package dev.lenslet.server.kernel;

import dev.lenslet.core.kernel.DepthwiseInterior;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 3×3 depthwise interior with the Vector API: a vector's worth of channels at a time, its nine weight vectors
 * and bias held in locals while the loop walks the row's pixels, each output vector the bias plus nine fused
 * multiply-adds in (ky, kx) order. Channels past the last whole vector take the same sums with scalar
 * {@link Math#fma}, so every channel rounds alike.
 */
final class VectorDepthwise implements DepthwiseInterior {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private final int n;           // channels: the pixel stride in both tensors
    private final int row;         // inW · n: the input's row stride
    private final int step;        // strideW · n: from one window to the next
    private final float[] weights; // [3][3][n]
    private final float[] bias;    // [n]
    private final float min, max;  // output clamp: fused activation ∩ the output's quantized range

    /** @param weights [3][3][channels] */
    VectorDepthwise(int channels, int inW, int strideW, float[] weights, float[] bias, float min, float max) {
        this.n = channels;
        this.row = inW * channels;
        this.step = strideW * channels;
        this.weights = weights.clone();
        this.bias = bias.clone();
        this.min = min;
        this.max = max;
    }

    @Override
    public void row(float[] in, int i0, float[] out, int o0, int pixels) {
        int c = 0;
        for (; c + LANES <= n; c += LANES) {
            channelBlock(in, i0 + c, out, o0 + c, pixels, c);
        }
        for (; c < n; c++) {
            channel(in, i0 + c, out, o0 + c, pixels, c);
        }
    }

    /** Channels c .. c + LANES − 1 of the row's pixels; i and o already point at channel c. */
    private void channelBlock(float[] in, int i, float[] out, int o, int pixels, int c) {
        float[] w = weights;
        int n = this.n, r = row;
        FloatVector w00 = FloatVector.fromArray(SPECIES, w, c);
        FloatVector w01 = FloatVector.fromArray(SPECIES, w, n + c);
        FloatVector w02 = FloatVector.fromArray(SPECIES, w, 2 * n + c);
        FloatVector w10 = FloatVector.fromArray(SPECIES, w, 3 * n + c);
        FloatVector w11 = FloatVector.fromArray(SPECIES, w, 4 * n + c);
        FloatVector w12 = FloatVector.fromArray(SPECIES, w, 5 * n + c);
        FloatVector w20 = FloatVector.fromArray(SPECIES, w, 6 * n + c);
        FloatVector w21 = FloatVector.fromArray(SPECIES, w, 7 * n + c);
        FloatVector w22 = FloatVector.fromArray(SPECIES, w, 8 * n + c);
        FloatVector b = FloatVector.fromArray(SPECIES, bias, c);
        for (int p = 0; p < pixels; p++, i += step, o += n) {
            FloatVector s = FloatVector.fromArray(SPECIES, in, i).fma(w00, b);
            s = FloatVector.fromArray(SPECIES, in, i + n).fma(w01, s);
            s = FloatVector.fromArray(SPECIES, in, i + 2 * n).fma(w02, s);
            s = FloatVector.fromArray(SPECIES, in, i + r).fma(w10, s);
            s = FloatVector.fromArray(SPECIES, in, i + r + n).fma(w11, s);
            s = FloatVector.fromArray(SPECIES, in, i + r + 2 * n).fma(w12, s);
            s = FloatVector.fromArray(SPECIES, in, i + 2 * r).fma(w20, s);
            s = FloatVector.fromArray(SPECIES, in, i + 2 * r + n).fma(w21, s);
            s = FloatVector.fromArray(SPECIES, in, i + 2 * r + 2 * n).fma(w22, s);
            s.max(min).min(max).intoArray(out, o);
        }
    }

    /** Channel c alone, the same sums in scalar; i and o already point at channel c. */
    private void channel(float[] in, int i, float[] out, int o, int pixels, int c) {
        float[] w = weights;
        int n = this.n, r = row;
        for (int p = 0; p < pixels; p++, i += step, o += n) {
            float s = bias[c];
            for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++) {
                    s = Math.fma(in[i + ky * r + kx * n], w[(ky * 3 + kx) * n + c], s);
                }
            }
            out[o] = Math.min(Math.max(s, min), max);
        }
    }
}
