package dev.lenslet.server;

/**
 * The integer network's arithmetic, written the plain way in the tests, for the Wasm SIMD kernels to equal byte
 * for byte. Each method names the core class whose arithmetic it follows; those are package-private in the core
 * (and moving to dev.lenslet.core.quant), so once the SIMD kernels are wired in, these give way to the core's own.
 * Tensors are raw uint8 NHWC, batch 1, in flat arrays.
 */
final class SimdReference {
    private SimdReference() {
    }

    /** SAME-padded window geometry along one axis, as the core's ReferenceKernels.outputSize / paddingBefore. */
    record Axis(int in, int kernel, int stride, int out, int padBefore) {
        static Axis same(int in, int kernel, int stride) {
            int out = (in + stride - 1) / stride;
            return new Axis(in, kernel, stride, out, Math.max((out - 1) * stride + kernel - in, 0) / 2);
        }

        static Axis valid(int in, int kernel, int stride) {
            return new Axis(in, kernel, stride, (in + stride - kernel) / stride, 0);
        }
    }

    /**
     * q = clamp(MultiplyByQuantizedMultiplier(acc, multiplier, shift) + zeroPoint, min, max), as the core's
     * Requantizer: its quantizeMultiplier, and TFLite's two rounding steps as written (Requantizer.multiply, which
     * the core's tests prove equal to its folded Requantizer.apply).
     */
    record Requantize(int multiplier, int shift, int zeroPoint, int min, int max) {
        static Requantize of(double real, int zeroPoint, int min, int max) {
            if (real == 0.0) {
                return new Requantize(0, 0, zeroPoint, min, max);
            }
            int shift = Math.getExponent(real) + 1; // frexp: real = q · 2^shift, q in [0.5, 1)
            long fixed = Math.round(Math.scalb(real, -shift) * (1L << 31));
            if (fixed == 1L << 31) {
                fixed /= 2;
                shift++;
            }
            if (shift < -31) {
                return new Requantize(0, 0, zeroPoint, min, max);
            }
            return new Requantize((int) fixed, shift, zeroPoint, min, max);
        }

        int apply(int acc) {
            int q = multiply(acc) + zeroPoint;
            return q < min ? min : (q > max ? max : q);
        }

        int multiply(int x) {
            int leftShift = shift > 0 ? shift : 0;
            int rightShift = shift > 0 ? 0 : -shift;
            return roundingDivideByPowerOfTwo(roundingDoublingHighMultiply(x * (1 << leftShift), multiplier),
                    rightShift);
        }

        private static int roundingDoublingHighMultiply(int a, int b) {
            long ab = (long) a * b;
            long nudged = ab + (ab >= 0 ? 1L << 30 : 1 - (1L << 30));
            return (int) ((nudged + ((nudged >> 63) & 0x7FFFFFFFL)) >> 31); // C++'s division toward zero
        }

        private static int roundingDivideByPowerOfTwo(int x, int exponent) {
            int mask = (1 << exponent) - 1;
            int remainder = x & mask;
            int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
            return (x >> exponent) + (remainder > threshold ? 1 : 0);
        }
    }

    /** out[r][o] = requantize(bias[o] + Σ_i (in[r][i] − zx)(w[o][i] − zw)): the core's QuantizedMatMul. */
    static byte[] pointwise(byte[] in, int rows, int inC, int inZero, byte[] weights, int outC, int wZero,
                            int[] bias, Requantize rq) {
        byte[] out = new byte[rows * outC];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outC; o++) {
                int acc = bias[o];
                for (int i = 0; i < inC; i++) {
                    acc += ((in[r * inC + i] & 0xFF) - inZero) * ((weights[o * inC + i] & 0xFF) - wZero);
                }
                out[r * outC + o] = (byte) rq.apply(acc);
            }
        }
        return out;
    }

    /**
     * out[oy][ox][o] = requantize(bias[o] + Σ (in[iy][ix][i] − zx)(w[o][ky][kx][i] − zw)), taps outside the input
     * skipped (they would read zx): the core's QuantizedConv2d. weights OHWI [outC][kH][kW][inC].
     */
    static byte[] conv(byte[] in, Axis h, Axis w, int inC, int inZero, byte[] weights, int outC, int wZero,
                       int[] bias, Requantize rq) {
        byte[] out = new byte[h.out() * w.out() * outC];
        for (int oy = 0; oy < h.out(); oy++) {
            for (int ox = 0; ox < w.out(); ox++) {
                for (int o = 0; o < outC; o++) {
                    int acc = bias[o];
                    for (int ky = 0; ky < h.kernel(); ky++) {
                        for (int kx = 0; kx < w.kernel(); kx++) {
                            int iy = oy * h.stride() - h.padBefore() + ky;
                            int ix = ox * w.stride() - w.padBefore() + kx;
                            if (iy < 0 || iy >= h.in() || ix < 0 || ix >= w.in()) {
                                continue;
                            }
                            for (int i = 0; i < inC; i++) {
                                acc += ((in[(iy * w.in() + ix) * inC + i] & 0xFF) - inZero)
                                        * ((weights[((o * h.kernel() + ky) * w.kernel() + kx) * inC + i] & 0xFF)
                                        - wZero);
                            }
                        }
                    }
                    out[(oy * w.out() + ox) * outC + o] = (byte) rq.apply(acc);
                }
            }
        }
        return out;
    }

    /**
     * 3×3 depthwise, multiplier 1: out[oy][ox][c] = requantize(bias[c] + Σ (in[iy][ix][c] − zx)(w[ky][kx][c] − zw))
     * over the taps inside the input: the core's QuantizedDepthwiseConv2d. weights [1][3][3][C].
     */
    static byte[] depthwise(byte[] in, Axis h, Axis w, int channels, int inZero, byte[] weights, int wZero,
                            int[] bias, Requantize rq) {
        byte[] out = new byte[h.out() * w.out() * channels];
        for (int oy = 0; oy < h.out(); oy++) {
            for (int ox = 0; ox < w.out(); ox++) {
                for (int c = 0; c < channels; c++) {
                    int acc = bias[c];
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            int iy = oy * h.stride() - h.padBefore() + ky;
                            int ix = ox * w.stride() - w.padBefore() + kx;
                            if (iy >= 0 && iy < h.in() && ix >= 0 && ix < w.in()) {
                                acc += ((in[(iy * w.in() + ix) * channels + c] & 0xFF) - inZero)
                                        * ((weights[(ky * 3 + kx) * channels + c] & 0xFF) - wZero);
                            }
                        }
                    }
                    out[(oy * w.out() + ox) * channels + c] = (byte) rq.apply(acc);
                }
            }
        }
        return out;
    }

    /**
     * out[i] = requantize(rescaleA((a[i] − za) << 20) + rescaleB((b[i] − zb) << 20)): the core's QuantizedAdd,
     * computed per element instead of tabulated.
     */
    static byte[] add(byte[] a, int aZero, Requantize rescaleA, byte[] b, int bZero, Requantize rescaleB,
                      Requantize output) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            int x = rescaleA.multiply(((a[i] & 0xFF) - aZero) << 20);
            int y = rescaleB.multiply(((b[i] & 0xFF) - bZero) << 20);
            out[i] = (byte) output.apply(x + y);
        }
        return out;
    }

    /** out[oy][ox][c] = clamp((Σ in + n/2) / n) over the window's n pixels inside the input: QuantizedAveragePool2d. */
    static byte[] averagePool(byte[] in, Axis h, Axis w, int channels, int min, int max) {
        byte[] out = new byte[h.out() * w.out() * channels];
        for (int oy = 0; oy < h.out(); oy++) {
            int y0 = Math.max(oy * h.stride() - h.padBefore(), 0);
            int y1 = Math.min(oy * h.stride() - h.padBefore() + h.kernel(), h.in());
            for (int ox = 0; ox < w.out(); ox++) {
                int x0 = Math.max(ox * w.stride() - w.padBefore(), 0);
                int x1 = Math.min(ox * w.stride() - w.padBefore() + w.kernel(), w.in());
                int count = Math.max((y1 - y0) * (x1 - x0), 1);
                for (int c = 0; c < channels; c++) {
                    int sum = 0;
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            sum += in[(y * w.in() + x) * channels + c] & 0xFF;
                        }
                    }
                    int q = (sum + count / 2) / count;
                    out[(oy * w.out() + ox) * channels + c] = (byte) (q < min ? min : (q > max ? max : q));
                }
            }
        }
        return out;
    }
}
