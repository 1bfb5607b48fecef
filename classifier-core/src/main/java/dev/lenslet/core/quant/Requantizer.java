package dev.lenslet.core.quant;

import dev.lenslet.core.InvalidModelException;

/**
 * TFLite's integer rescaling of an int32 accumulator to a uint8 output: q = clamp(round(acc · real) + zeroPoint),
 * where real (e.g. input scale · weight scale / output scale) is held as a Q31 multiplier and a power-of-two
 * shift, and the rounding is TFLite's own (a rounding doubling high multiply, then a rounding right shift), so
 * the result matches TFLite's kernels bit for bit.
 */
final class Requantizer {
    final int multiplier; // Q31 mantissa of real, in [2^30, 2^31), or 0
    final int shift;      // real = multiplier · 2^(shift − 31)
    final int zeroPoint, min, max; // output zero point and clamp (fused activation ∩ [0, 255])
    // apply()'s precomputed form: TFLite's two rounding steps folded into one add and one shift (see apply)
    private final int leftShift;       // max(shift, 0)
    private final long offset;         // 2^30 + 2^(rightShift − 1) · 2^31 (no second term without a right shift)
    private final long negativeOffset; // offset − 2^31 with a right shift, else offset: ties away from zero
    private final int totalShift;      // 31 + rightShift, rightShift = max(−shift, 0)

    Requantizer(double real, int zeroPoint, int min, int max) {
        long[] m = quantizeMultiplier(real);
        this.multiplier = (int) m[0];
        this.shift = (int) m[1];
        this.zeroPoint = zeroPoint;
        this.min = min;
        this.max = max;
        int rightShift = Math.max(-shift, 0);
        this.leftShift = Math.max(shift, 0);
        this.offset = (1L << 30) + (rightShift > 0 ? 1L << (rightShift + 30) : 0);
        this.negativeOffset = offset - (rightShift > 0 ? 1L << 31 : 0);
        this.totalShift = 31 + rightShift;
    }

    /**
     * clamp(multiply(acc, multiplier, shift) + zeroPoint, min, max) with one rounding add and one shift. With
     * p = acc·2^left·m: the doubling high multiply's sign-dependent nudge and truncating division both come to
     * h = ⌊(p + 2^30) / 2^31⌋, the rounding right shift by e to ⌊(h + 2^(e−1) − [h &lt; 0]) / 2^e⌋, and nested
     * floors of integer quotients merge: ⌊(⌊y/B⌋ + H) / C⌋ = ⌊(y + H·B) / (B·C)⌋. h &lt; 0 exactly when
     * p &lt; −2^30. Tests check it against TFLite's steps as written and against vectors computed outside Lenslet.
     */
    int apply(int acc) {
        long p = (long) (acc << leftShift) * multiplier;
        int q = (int) ((p + (p < -(1L << 30) ? negativeOffset : offset)) >> totalShift) + zeroPoint;
        return q < min ? min : (q > max ? max : q);
    }

    /**
     * TFLite's QuantizeMultiplier: real = q · 2^shift with q in [0.5, 1), q rounded to Q31 (half away from zero).
     * Returns {multiplier, shift}.
     */
    static long[] quantizeMultiplier(double real) {
        if (real == 0.0) {
            return new long[] {0, 0};
        }
        if (!(real > 0.0) || Double.isInfinite(real)) {
            throw new InvalidModelException("quantization scales give the rescaling factor " + real
                    + ", which is not a positive number");
        }
        int shift = Math.getExponent(real) + 1; // frexp: real = q · 2^shift, q in [0.5, 1)
        double q = Math.scalb(real, -shift);
        long fixed = Math.round(q * (1L << 31));
        if (fixed == 1L << 31) {
            fixed /= 2;
            shift++;
        }
        if (shift < -31) {
            return new long[] {0, 0};
        }
        if (shift > 30) {
            throw new InvalidModelException("quantization scales give the rescaling factor " + real
                    + ", too large for 32-bit integer arithmetic");
        }
        return new long[] {fixed, shift};
    }
}
