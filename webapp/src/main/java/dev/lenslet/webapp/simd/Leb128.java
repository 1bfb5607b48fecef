package dev.lenslet.webapp.simd;

import java.io.ByteArrayOutputStream;

/** WebAssembly's variable-length integers: 7 bits per byte, low group first, the top bit set on all but the last. */
final class Leb128 {
    private Leb128() {
    }

    /** Unsigned LEB128 of {@code value} read as an unsigned 64-bit number (u32 in Wasm's grammar when it fits). */
    static void writeUnsigned(ByteArrayOutputStream out, long value) {
        do {
            int group = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? group | 0x80 : group);
        } while (value != 0);
    }

    /**
     * Signed LEB128 (i32.const and i64.const immediates): stops once the remaining bits are all copies of the
     * sign bit of the last group written, so that the reader's sign extension restores them.
     */
    static void writeSigned(ByteArrayOutputStream out, long value) {
        while (true) {
            int group = (int) (value & 0x7F);
            value >>= 7;
            boolean signBitSet = (group & 0x40) != 0;
            if ((value == 0 && !signBitSet) || (value == -1 && signBitSet)) {
                out.write(group);
                return;
            }
            out.write(group | 0x80);
        }
    }
}
