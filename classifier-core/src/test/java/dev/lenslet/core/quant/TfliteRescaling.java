package dev.lenslet.core.quant;

/**
 * TFLite's integer rescaling written step by step as TFLite and gemmlowp write it, the oracle for
 * {@link Requantizer#apply}'s folded form; itself checked against vectors computed outside Lenslet
 * ({@code RequantizationVectorsTest}).
 */
public final class TfliteRescaling {
    private TfliteRescaling() {
    }

    /** clamp(MultiplyByQuantizedMultiplier(acc) + zeroPoint, min, max) with rq's multiplier, shift and clamp. */
    public static int requantize(int acc, Requantizer rq) {
        int q = multiply(acc, rq.multiplier, rq.shift) + rq.zeroPoint;
        return Math.max(rq.min, Math.min(rq.max, q));
    }

    /**
     * TFLite's MultiplyByQuantizedMultiplier: x · multiplier · 2^(shift − 31), rounded as TFLite rounds; written as
     * TFLite writes it (the reference for {@link Requantizer#apply}).
     */
    public static int multiply(int x, int multiplier, int shift) {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return roundingDivideByPowerOfTwo(roundingDoublingHighMultiply(x * (1 << leftShift), multiplier), rightShift);
    }

    /**
     * gemmlowp's SaturatingRoundingDoublingHighMul: the high 32 bits of 2·a·b, rounded half away from zero. It
     * saturates only for a = b = −2^31, which cannot happen here: multipliers are never negative.
     */
    public static int roundingDoublingHighMultiply(int a, int b) {
        long ab = (long) a * b;
        long nudged = ab + (ab >= 0 ? 1L << 30 : 1 - (1L << 30));
        // Division by 2^31 truncating toward zero, as C++ divides: add 2^31 − 1 first when negative.
        return (int) ((nudged + ((nudged >> 63) & 0x7FFFFFFFL)) >> 31);
    }

    /** gemmlowp's RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties away from zero. */
    public static int roundingDivideByPowerOfTwo(int x, int exponent) {
        int mask = (1 << exponent) - 1;
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }
}
