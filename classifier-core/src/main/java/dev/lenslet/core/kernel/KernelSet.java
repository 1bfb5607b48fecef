package dev.lenslet.core.kernel;

/**
 * The form of the heavy float kernels a {@link Network} is built with: the matrix product behind 1×1 convolutions,
 * the fully-connected layer and the stem convolution, and the 3×3 depthwise interior. Each form is fast on one
 * compiler. The core has two, {@link #REGISTER_BLOCKED} and {@link #VECTORIZABLE}, which compute the same sums
 * with their terms in the same order and so give the same results; a platform can supply its own (the server's
 * Vector API kernels, which TeaVM cannot compile) by implementing this interface.
 */
public interface KernelSet {
    /**
     * Scalar register-blocked loops (4×4 tiles of sums in locals, a sliding 3×3 window per channel): for the
     * browser, where TeaVM's Wasm has no SIMD and speed comes from fewer loads per multiply-add.
     */
    KernelSet REGISTER_BLOCKED = CoreKernelSet.REGISTER_BLOCKED;
    /**
     * Plain counted loops over contiguous channels (axpy rows, channel-wise 3×3 taps) that HotSpot C2's superword
     * pass turns into SIMD: for the JVM when a faster JVM-only set is not available.
     */
    KernelSet VECTORIZABLE = CoreKernelSet.VECTORIZABLE;

    /**
     * The matrix product of a layer, its weights repacked once into whatever layout its loops want.
     *
     * @param oiWeights [outC][inC] (TFLite conv [outC][1][1][inC] or [outC][kH][kW][inC] flattened, or
     *                  fully-connected); not kept, so the caller may reuse it
     * @param bias      [outC]
     * @param min       lower output clamp (fused activation ∩ the output's quantized range)
     * @param max       upper output clamp
     */
    MatMul matMul(int inC, int outC, float[] oiWeights, float[] bias, float min, float max);

    /**
     * The interior of a 3×3 depthwise convolution with depth multiplier 1 over rows {@code inW} pixels wide.
     *
     * @param weights [3][3][channels] (TFLite [1][3][3][channels])
     * @param bias    [channels]
     * @param strideW 1 or 2
     */
    DepthwiseInterior depthwise3x3(int channels, int inW, int strideW, float[] weights, float[] bias, float min,
                                   float max);

    /**
     * Whether a 3×3 depthwise convolution's border pixels go through {@link #depthwise3x3}'s kernel too, each as a
     * window of its own copied with 0 outside the input, rather than the general per-pixel path: worth the copies
     * where this set's kernel is much faster than that path.
     */
    default boolean depthwiseBordersAsWindows() {
        return true;
    }
}
