package dev.lenslet.core.tflite;

import dev.lenslet.core.InvalidModelException;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads of a FlatBuffers binary (little-endian). Every offset is checked against the
 * buffer before use, so damaged files end in an {@link InvalidModelException} naming what was read, never
 * in an ArrayIndexOutOfBoundsException.
 */
final class FlatBuffer {
    final byte[] bytes;

    FlatBuffer(byte[] bytes) {
        this.bytes = bytes;
    }

    void check(int pos, long length, String what) {
        if (pos < 0 || length < 0 || pos + length > bytes.length) {
            throw new InvalidModelException(what + ": offset " + pos + " (+" + length + " bytes) lies outside the "
                    + bytes.length + "-byte file; the model is truncated or corrupted");
        }
    }

    int u8(int pos, String what) {
        check(pos, 1, what);
        return bytes[pos] & 0xFF;
    }

    int u16(int pos, String what) {
        check(pos, 2, what);
        return (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8;
    }

    int i32(int pos, String what) {
        check(pos, 4, what);
        return (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8 | (bytes[pos + 2] & 0xFF) << 16 | bytes[pos + 3] << 24;
    }

    long i64(int pos, String what) {
        return (i32(pos, what) & 0xFFFFFFFFL) | (long) i32(pos + 4, what) << 32;
    }

    float f32(int pos, String what) {
        return Float.intBitsToFloat(i32(pos, what));
    }

    /** Follows a uoffset stored at {@code pos}; the target must lie inside the buffer. */
    int deref(int pos, String what) {
        long target = (long) pos + (i32(pos, what) & 0xFFFFFFFFL);
        if (target >= bytes.length) {
            throw new InvalidModelException(what + ": reference at offset " + pos + " points to " + target
                    + ", past the end of the " + bytes.length + "-byte file; the model is corrupted");
        }
        return (int) target;
    }

    /** A table: its position and vtable, with field lookups by index. */
    Table table(int pos, String what) {
        check(pos, 4, what);
        long vtable = (long) pos - i32(pos, what);
        if (vtable < 0 || vtable + 4 > bytes.length) {
            throw new InvalidModelException(what + ": vtable of table at offset " + pos + " lies outside the file;"
                    + " the model is corrupted");
        }
        int vtableSize = u16((int) vtable, what);
        check((int) vtable, vtableSize, what + " vtable");
        return new Table(pos, (int) vtable, vtableSize, what);
    }

    final class Table {
        final int pos;
        private final int vtable;
        private final int vtableSize;
        final String what;

        Table(int pos, int vtable, int vtableSize, String what) {
            this.pos = pos;
            this.vtable = vtable;
            this.vtableSize = vtableSize;
            this.what = what;
        }

        /** Absolute position of field {@code index}, or -1 when the field is absent. */
        int field(int index) {
            int entry = 4 + 2 * index;
            if (entry + 2 > vtableSize) {
                return -1;
            }
            int offset = u16(vtable + entry, what);
            return offset == 0 ? -1 : pos + offset;
        }

        boolean has(int index) {
            return field(index) >= 0;
        }

        int intField(int index, int fallback) {
            int p = field(index);
            return p < 0 ? fallback : i32(p, what + " field " + index);
        }

        int byteField(int index, int fallback) {
            int p = field(index);
            return p < 0 ? fallback : u8(p, what + " field " + index);
        }

        float floatField(int index, float fallback) {
            int p = field(index);
            return p < 0 ? fallback : f32(p, what + " field " + index);
        }

        Table tableField(int index, String name) {
            int p = field(index);
            return p < 0 ? null : table(deref(p, what + "." + name), what + "." + name);
        }

        String stringField(int index) {
            int p = field(index);
            if (p < 0) {
                return null;
            }
            int start = deref(p, what + " string");
            int length = i32(start, what + " string length");
            check(start + 4, length & 0xFFFFFFFFL, what + " string");
            return new String(bytes, start + 4, length, StandardCharsets.UTF_8);
        }

        /** Vector field: position of its first element and its length, or null when absent. */
        Vector vectorField(int index, int elementSize, String name) {
            int p = field(index);
            if (p < 0) {
                return null;
            }
            String label = what + "." + name;
            int start = deref(p, label);
            long length = i32(start, label + " length") & 0xFFFFFFFFL;
            check(start + 4, length * elementSize, label);
            return new Vector(start + 4, (int) length, elementSize, label);
        }

        int[] intVector(int index, String name) {
            Vector v = vectorField(index, 4, name);
            if (v == null) {
                return new int[0];
            }
            int[] result = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                result[i] = i32(v.start + 4 * i, v.what);
            }
            return result;
        }
    }

    final class Vector {
        final int start;
        final int length;
        final int elementSize;
        final String what;

        Vector(int start, int length, int elementSize, String what) {
            this.start = start;
            this.length = length;
            this.elementSize = elementSize;
            this.what = what;
        }

        int intAt(int i) {
            return i32(start + 4 * i, what);
        }

        long longAt(int i) {
            return i64(start + 8 * i, what);
        }

        Table table(int i) {
            String label = what + "[" + i + "]";
            return FlatBuffer.this.table(deref(start + 4 * i, label), label);
        }
    }
}
