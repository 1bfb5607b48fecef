package dev.lenslet.webapp.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Leb128Test {
    private static byte[] unsigned(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Leb128.writeUnsigned(out, value);
        return out.toByteArray();
    }

    private static byte[] signed(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Leb128.writeSigned(out, value);
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** The spec's decoding: 7-bit groups, low first; signed values sign-extended from the last group's bit 6. */
    private static long decode(byte[] encoded, boolean signed) {
        long value = 0;
        int shift = 0;
        for (byte b : encoded) {
            value |= (long) (b & 0x7F) << shift;
            shift += 7;
        }
        if (signed && shift < 64 && (encoded[encoded.length - 1] & 0x40) != 0) {
            value |= -1L << shift;
        }
        return value;
    }

    @Test
    void unsignedEdgeCases() {
        assertArrayEquals(bytes(0x00), unsigned(0));
        assertArrayEquals(bytes(0x7F), unsigned(127));
        assertArrayEquals(bytes(0x80, 0x01), unsigned(128));
        assertArrayEquals(bytes(0xE5, 0x8E, 0x26), unsigned(624485)); // the example in Wikipedia and DWARF
        assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F), unsigned(0xFFFFFFFFL));
        assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01), unsigned(-1L));
    }

    @Test
    void signedEdgeCases() {
        assertArrayEquals(bytes(0x00), signed(0));
        assertArrayEquals(bytes(0x3F), signed(63));
        assertArrayEquals(bytes(0xC0, 0x00), signed(64)); // bit 6 set: needs a second byte to stay positive
        assertArrayEquals(bytes(0x7F), signed(-1));
        assertArrayEquals(bytes(0x40), signed(-64));
        assertArrayEquals(bytes(0xBF, 0x7F), signed(-65));
        assertArrayEquals(bytes(0xC0, 0xBB, 0x78), signed(-123456));
        assertArrayEquals(bytes(0x80, 0x80, 0x80, 0x80, 0x78), signed(Integer.MIN_VALUE));
        assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x07), signed(Integer.MAX_VALUE));
        assertEquals(10, signed(Long.MIN_VALUE).length);
        assertEquals(10, signed(Long.MAX_VALUE).length);
    }

    @Test
    void randomValuesDecodeBack() {
        Random random = new Random(13);
        for (int k = 0; k < 10_000; k++) {
            long value = random.nextLong() >> random.nextInt(64);
            assertEquals(value, decode(signed(value), true), "signed " + value);
            long magnitude = value >>> random.nextInt(64);
            assertEquals(magnitude, decode(unsigned(magnitude), false), "unsigned " + magnitude);
        }
    }
}
