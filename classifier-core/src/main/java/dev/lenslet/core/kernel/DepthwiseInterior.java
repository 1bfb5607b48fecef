package dev.lenslet.core.kernel;

/**
 * A 3×3 depthwise convolution (depth multiplier 1, NHWC) over output pixels whose whole window lies inside the
 * input, so that no tap needs a bounds check. Made by a {@link KernelSet}, which fixes the channel count C, the
 * input width, the column stride, the weights w [3][3][C], bias [C] and clamp.
 */
public interface DepthwiseInterior {
    /**
     * out[o + p·C + c] = clamp(bias[c] + Σ_{ky,kx} in[i + ky·inW·C + (p·strideW + kx)·C + c] · w[ky][kx][c]) for
     * p < pixels (at least 1) and c < C: {@code i} is where the first window's top-left pixel starts.
     */
    void row(float[] in, int i, float[] out, int o, int pixels);
}
