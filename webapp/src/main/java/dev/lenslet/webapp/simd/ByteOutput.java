package dev.lenslet.webapp.simd;

/**
 * Emits the last steps to uint8 outputs, as the core's Requantizer.apply ends: the output zero point added in
 * int32 (wrapping as Java's int does), the lanes narrowed to bytes and clamped to [min, max]. Narrowing saturates
 * to [0, 255] first, which changes nothing because 0 ≤ min ≤ max ≤ 255: clamp(clamp(q, 0, 255), min, max) =
 * clamp(q, min, max). Also partial stores, for channel and element tails.
 */
final class ByteOutput {
    private final FunctionCode f;
    private final int zero, min, max; // v128: i32x4 zero point, i8x16 min and max

    /** Emits the set-up from the i32 locals zero point, min and max. */
    ByteOutput(FunctionCode f, int zeroLocal, int minLocal, int maxLocal) {
        this.f = f;
        zero = f.local(ValueType.V128);
        min = f.local(ValueType.V128);
        max = f.local(ValueType.V128);
        f.get(zeroLocal).simd(Simd.I32X4_SPLAT).set(zero);
        f.get(minLocal).simd(Simd.I8X16_SPLAT).set(min);
        f.get(maxLocal).simd(Simd.I8X16_SPLAT).set(max);
    }

    /** [i32x4] → [i32x4 + zero point]. */
    void addZeroPoint() {
        f.get(zero).simd(Simd.I32X4_ADD);
    }

    /** [i32x4 a, b, c, d] (lanes 0..15 in order) → [u8x16 clamped]. */
    void narrowFour(int scratch) {
        f.simd(Simd.I16X8_NARROW_I32X4_S).set(scratch).simd(Simd.I16X8_NARROW_I32X4_S).get(scratch);
        f.simd(Simd.I8X16_NARROW_I16X8_U);
        clamp();
    }

    /** [u8x16] → [u8x16 clamped to [min, max]]. */
    void clamp() {
        f.get(min).simd(Simd.I8X16_MAX_U).get(max).simd(Simd.I8X16_MIN_U);
    }

    /**
     * Stores bytes 0 .. count − 1 of the v128 local {@code vector} at the address in the i32 local {@code address},
     * count in 0..15 in the i32 local {@code count}: 8, 4, 2 and 1-byte lane stores by count's bits, shifting the
     * vector down after each. Clobbers {@code vector} and {@code address}.
     */
    static void storeFirst(FunctionCode f, int vector, int address, int count) {
        for (int log2 = 3; log2 >= 0; log2--) {
            int bytes = 1 << log2;
            f.get(count).i32(bytes).op(Op.I32_AND).ifTrue();
            f.get(address).get(vector).storeLane(log2, 0, 0);
            if (log2 > 0) {
                int[] down = new int[16];
                for (int k = 0; k < 16; k++) {
                    down[k] = Math.min(k + bytes, 15);
                }
                f.get(vector).get(vector).shuffle(down).set(vector);
                f.get(address).i32(bytes).op(Op.I32_ADD).set(address);
            }
            f.end();
        }
    }

    /**
     * Stores the 16 bytes of {@code bytes} at {@code address}, or their first {@code total − from} when fewer
     * are left. Clobbers bytes, address and count.
     */
    static void storeSixteen(FunctionCode f, int bytes, int address, int total, int from, int count) {
        f.get(total).get(from).op(Op.I32_SUB).tee(count).i32(16).op(Op.I32_GE_S).ifTrue();
        f.get(address).get(bytes).store(0);
        f.end();
        f.get(count).i32(16).op(Op.I32_LT_S).ifTrue();
        ByteOutput.storeFirst(f, bytes, address, count);
        f.end();
    }
}
