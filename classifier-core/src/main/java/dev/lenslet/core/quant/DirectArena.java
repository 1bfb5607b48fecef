package dev.lenslet.core.quant;

import java.nio.ByteBuffer;

/**
 * An arena in a direct buffer, which the browser's WebAssembly build keeps in its linear memory, where the SIMD
 * kernels ({@link SimdKernels}) read and write it by address. The buffer is held here for the network's life: the
 * runtime frees direct memory once its buffer object is collected. Its first 16-byte aligned byte is offset 0.
 */
final class DirectArena implements Arena {
    /** Bytes {@link #fill} writes per bulk put (fills happen once, at load). */
    private static final int FILL_CHUNK = 4096;
    final SimdKernels kernels;
    private ByteBuffer buffer;
    private int origin;  // buffer index of offset 0
    private int address; // linear-memory address of offset 0, a multiple of 16
    private int[] slotAt;

    DirectArena(SimdKernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public void allocate(int size, int[] slotAt) {
        buffer = ByteBuffer.allocateDirect(size + ArenaLayout.ALIGN - 1);
        int start = kernels.address(buffer);
        origin = -start & (ArenaLayout.ALIGN - 1);
        address = start + origin;
        this.slotAt = slotAt.clone();
    }

    /** The address of arena offset {@code at}, for the kernels. */
    int address(int at) {
        return address + at;
    }

    /** The address of activation slot s. */
    int slotAddress(int s) {
        return address + slotAt[s];
    }

    @Override
    public int slot(int s) {
        return slotAt[s];
    }

    @Override
    public void put(int at, byte[] src, int n) {
        buffer.put(origin + at, src, 0, n);
    }

    @Override
    public void get(int at, byte[] dst, int n) {
        buffer.get(origin + at, dst, 0, n);
    }

    @Override
    public void fill(int at, int n, int value) {
        byte[] chunk = new byte[Math.min(n, FILL_CHUNK)];
        java.util.Arrays.fill(chunk, (byte) value);
        for (int done = 0; done < n; done += chunk.length) {
            buffer.put(origin + at + done, chunk, 0, Math.min(chunk.length, n - done));
        }
    }

    @Override
    public void copy(int from, int to, int n) {
        kernels.copy(address + from, address + to, n);
    }
}
