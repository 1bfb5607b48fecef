package dev.lenslet.webapp.simd;

import static dev.lenslet.webapp.simd.ValueType.I32;

/**
 * out[i] = in[i] for i &lt; n, by {@code memory.copy}: the depthwise layers' input rows into their padded buffers,
 * and reshapes, without a byte loop in Java over a direct buffer.
 *
 * <p>Signature {@code copy(from, to, n)}, byte addresses.
 */
final class CopyKernel {
    private CopyKernel() {
    }

    static FunctionCode generate() {
        FunctionCode f = new FunctionCode("copy", I32, I32, I32);
        int from = 0, to = 1, n = 2;
        f.get(to).get(from).get(n).memoryCopy();
        return f;
    }
}
