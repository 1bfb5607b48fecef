package dev.lenslet.webapp.simd;

/**
 * Emits TFLite's MultiplyByQuantizedMultiplier on four int32 lanes, bit for bit as the core's Requantizer.apply
 * computes it before its zero point and clamp: p = (acc << max(shift, 0)) · multiplier in 64 bits, then
 * (p + (p < −2^30 ? offset − 2^31·[rightShift > 0] : offset)) >> (31 + rightShift), with rightShift = max(−shift, 0)
 * and offset = 2^30 + 2^(rightShift + 30)·[rightShift > 0], i.e. SaturatingRoundingDoublingHighMul followed by
 * RoundingDivideByPOT folded into one rounding add and one shift. Lanes: i64x2.extmul of the low and the high
 * two int32 lanes, i64x2 compare, add and shift, and a shuffle keeping each result's low 32 bits (Java's
 * {@code (int)} of the long). The constants are set up once, at the function's start, from its multiplier and
 * shift parameters.
 */
final class Requantization {
    private static final int[] LOW_WORDS = {0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27};
    private final FunctionCode f;
    private final int leftShift, totalShift;                     // i32
    private final int multiplier, offset, negativeDelta, threshold; // v128: i32x4, i64x2, i64x2, i64x2
    private final int shifted, product;                          // v128 scratch

    /** Emits the set-up from the i32 locals {@code multiplierLocal} (Q31) and {@code shiftLocal} (TFLite's). */
    Requantization(FunctionCode f, int multiplierLocal, int shiftLocal) {
        this.f = f;
        leftShift = f.local(ValueType.I32);
        totalShift = f.local(ValueType.I32);
        int rightShift = f.local(ValueType.I32);
        multiplier = f.local(ValueType.V128);
        offset = f.local(ValueType.V128);
        negativeDelta = f.local(ValueType.V128);
        threshold = f.local(ValueType.V128);
        shifted = f.local(ValueType.V128);
        product = f.local(ValueType.V128);
        // leftShift = shift > 0 ? shift : 0; rightShift = shift > 0 ? 0 : −shift
        f.get(shiftLocal).i32(0).get(shiftLocal).i32(0).op(Op.I32_GT_S).op(Op.SELECT).set(leftShift);
        f.i32(0).i32(0).get(shiftLocal).op(Op.I32_SUB).get(shiftLocal).i32(0).op(Op.I32_GT_S).op(Op.SELECT)
                .set(rightShift);
        f.get(rightShift).i32(31).op(Op.I32_ADD).set(totalShift);
        // offset = 2^30 + (rightShift > 0 ? 2^(rightShift + 30) : 0)
        f.i64(1L << 30)
                .i64(1).get(rightShift).i32(30).op(Op.I32_ADD).op(Op.I64_EXTEND_I32_U).op(Op.I64_SHL)
                .i64(0).get(rightShift).i32(0).op(Op.I32_GT_S).op(Op.SELECT)
                .op(Op.I64_ADD).simd(Simd.I64X2_SPLAT).set(offset);
        // the rounding offset for p < −2^30 is offset − 2^31 when there is a right shift
        f.i64(-(1L << 31)).i64(0).get(rightShift).i32(0).op(Op.I32_GT_S).op(Op.SELECT)
                .simd(Simd.I64X2_SPLAT).set(negativeDelta);
        f.i64(-(1L << 30)).simd(Simd.I64X2_SPLAT).set(threshold);
        f.get(multiplierLocal).simd(Simd.I32X4_SPLAT).set(multiplier);
    }

    /** [i32x4 acc] → [i32x4 multiply(acc, multiplier, shift)], no zero point, no clamp. */
    void apply() {
        f.get(leftShift).simd(Simd.I32X4_SHL).tee(shifted).get(multiplier).simd(Simd.I64X2_EXTMUL_LOW_I32X4_S);
        round();
        f.get(shifted).get(multiplier).simd(Simd.I64X2_EXTMUL_HIGH_I32X4_S);
        round();
        f.shuffle(LOW_WORDS);
    }

    /** [i64x2 p] → [i64x2 (p + rounding offset) >> totalShift]. */
    private void round() {
        f.tee(product).get(threshold).simd(Simd.I64X2_LT_S).get(negativeDelta).simd(Simd.V128_AND)
                .get(product).simd(Simd.I64X2_ADD).get(offset).simd(Simd.I64X2_ADD)
                .get(totalShift).simd(Simd.I64X2_SHR_S);
    }
}
