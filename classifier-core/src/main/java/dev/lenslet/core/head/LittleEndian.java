package dev.lenslet.core.head;

/** A cursor over a head file's bytes: little-endian numbers, every read within a limit the caller gives. */
final class LittleEndian {
    final byte[] data;
    int position;

    LittleEndian(byte[] data) {
        this.data = data;
    }

    LittleEndian at(int offset) {
        position = offset;
        return this;
    }

    void putBytes(byte[] b) {
        System.arraycopy(b, 0, data, position, b.length);
        position += b.length;
    }

    void putInt16(int v) {
        data[position++] = (byte) v;
        data[position++] = (byte) (v >>> 8);
    }

    void putInt32(int v) {
        for (int i = 0; i < 4; i++) {
            data[position++] = (byte) (v >>> (8 * i));
        }
    }

    void putFloat32(float v) {
        putInt32(Float.floatToRawIntBits(v));
    }

    /** The next {@code count} bytes, which must end by {@code end}. */
    byte[] bytes(int count, int end) {
        require(count, end);
        byte[] b = new byte[count];
        System.arraycopy(data, position, b, 0, count);
        position += count;
        return b;
    }

    int int16(int end) {
        require(2, end);
        int v = (data[position] & 0xff) | (data[position + 1] & 0xff) << 8;
        position += 2;
        return v;
    }

    /** A 4-byte integer; the caller has checked that the bytes are there. */
    int int32() {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (data[position++] & 0xff) << (8 * i);
        }
        return v;
    }

    float finiteFloat32() {
        float v = Float.intBitsToFloat(int32());
        if (Float.isNaN(v) || Float.isInfinite(v)) {
            throw HeadFile.damaged("holds the weight " + v + " at byte " + (position - 4));
        }
        return v;
    }

    private void require(int count, int end) {
        if (count > end - position) {
            throw HeadFile.damaged("needs " + count + " bytes at byte " + position + " but its fields end at byte "
                    + end);
        }
    }
}
