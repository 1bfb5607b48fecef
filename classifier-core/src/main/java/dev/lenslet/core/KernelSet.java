package dev.lenslet.core;

/**
 * Which form of the heavy kernels (1×1 and stem convolutions, 3×3 depthwise interior) a {@link Network} is built
 * with. Both compute the same sums with their terms in the same order, so they give the same results; they differ
 * in what the compiler underneath makes fast.
 */
public enum KernelSet {
    /**
     * Scalar register-blocked loops (4×4 tiles of sums in locals, a sliding 3×3 window per channel): for the
     * browser, where TeaVM's Wasm has no SIMD and speed comes from fewer loads per multiply-add.
     */
    REGISTER_BLOCKED,
    /**
     * Plain counted loops over contiguous channels (axpy rows, channel-wise 3×3 taps) that HotSpot C2's superword
     * pass turns into SIMD: for the JVM (CLI, REST API, server).
     */
    VECTORIZABLE
}
