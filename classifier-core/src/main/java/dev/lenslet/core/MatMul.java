package dev.lenslet.core;

/**
 * out[r][o] = clamp(bias[o] + Σ_i in[r][i] · w[o][i]) over rows of a [rows][inC] input: 1×1 convs, FC, stem.
 * Made by a {@link KernelSet}, which fixes inC, outC, the weights, bias and clamp.
 */
public interface MatMul {
    /** Rows in[inOff + r·inC ..] for r < rows, each [inC], give rows out[outOff + r·outC ..], each [outC]. */
    void multiply(float[] in, int inOff, int rows, float[] out, int outOff);
}
