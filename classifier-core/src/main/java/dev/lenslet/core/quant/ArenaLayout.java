package dev.lenslet.core.quant;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans an integer network's arena: one block of bytes holding every activation slot, every layer's scratch and
 * constants (packed weights, per-channel terms), each region at an offset that is a multiple of {@link #ALIGN},
 * followed by at least {@link #GUARD} bytes no other region uses, because the SIMD kernels read up to 15 bytes past
 * the end of their inputs (16 at a time). Regions with an initial content (constants, a fill such as the zero point
 * around a padded input) are written by {@link #initialize} once the arena exists, and then forgotten.
 */
final class ArenaLayout {
    static final int ALIGN = 16, GUARD = 16;

    private record Content(int at, byte[] bytes, int length, int fill) {
    }

    private int size;
    private final List<Content> contents = new ArrayList<>();

    /** A region of {@code length} bytes whose content the layers write before reading it; returns its offset. */
    int scratch(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("region of " + length + " bytes");
        }
        int at = size;
        size = align(at + length + GUARD);
        return at;
    }

    /** A region of {@code length} bytes that starts as {@code value} in every byte. */
    int filled(int length, int value) {
        int at = scratch(length);
        contents.add(new Content(at, null, length, value));
        return at;
    }

    /** A region that starts as {@code bytes} (kept until {@link #initialize}). */
    int constant(byte[] bytes) {
        int at = scratch(bytes.length);
        contents.add(new Content(at, bytes, bytes.length, 0));
        return at;
    }

    /** Bytes the arena needs: every region, its guard bytes included. */
    int size() {
        return size;
    }

    /** Writes every region's initial content into {@code arena}, then drops them. */
    void initialize(Arena arena) {
        for (Content c : contents) {
            if (c.bytes != null) {
                arena.put(c.at, c.bytes, c.length);
            } else {
                arena.fill(c.at, c.length, c.fill);
            }
        }
        contents.clear();
    }

    private static int align(int offset) {
        return (offset + ALIGN - 1) & -ALIGN;
    }
}
