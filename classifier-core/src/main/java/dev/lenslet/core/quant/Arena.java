package dev.lenslet.core.quant;

/**
 * The one block of memory an integer network runs in, laid out by {@link ArenaLayout}: offsets count from the
 * arena's first byte, which is 16-byte aligned where addresses matter. Two kinds: a Java byte array for the Java
 * kernels ({@link HeapArena}), a direct buffer in WebAssembly linear memory for the SIMD kernels
 * ({@link DirectArena}).
 */
interface Arena {
    /** Makes the memory: {@code size} bytes, activation slot s at offset {@code slotAt[s]}. Called once. */
    void allocate(int size, int[] slotAt);

    /** Offset of activation slot s. */
    int slot(int s);

    /** arena[at .. at + n) = src[0 .. n). */
    void put(int at, byte[] src, int n);

    /** dst[0 .. n) = arena[at .. at + n). */
    void get(int at, byte[] dst, int n);

    /** arena[at .. at + n) = value. */
    void fill(int at, int n, int value);

    /** arena[to .. to + n) = arena[from .. from + n), regions apart. */
    void copy(int from, int to, int n);
}
