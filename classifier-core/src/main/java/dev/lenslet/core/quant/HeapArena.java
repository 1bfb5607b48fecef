package dev.lenslet.core.quant;

import java.util.Arrays;

/** An arena in a Java byte array: what the Java integer kernels run on (the JVM and the JavaScript build). */
final class HeapArena implements Arena {
    /** The arena; the Java layers index it directly. Empty until {@link #allocate}. */
    byte[] bytes = new byte[0];
    private int[] slotAt;

    @Override
    public void allocate(int size, int[] slotAt) {
        this.bytes = new byte[size];
        this.slotAt = slotAt.clone();
    }

    @Override
    public int slot(int s) {
        return slotAt[s];
    }

    @Override
    public void put(int at, byte[] src, int n) {
        System.arraycopy(src, 0, bytes, at, n);
    }

    @Override
    public void get(int at, byte[] dst, int n) {
        System.arraycopy(bytes, at, dst, 0, n);
    }

    @Override
    public void fill(int at, int n, int value) {
        Arrays.fill(bytes, at, at + n, (byte) value);
    }

    @Override
    public void copy(int from, int to, int n) {
        System.arraycopy(bytes, from, bytes, to, n);
    }
}
