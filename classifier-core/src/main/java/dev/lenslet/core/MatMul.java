package dev.lenslet.core;

/** out[r][o] = clamp(bias[o] + Σ_i in[r][i] · w[o][i]) over rows of a [rows][inC] input: 1×1 convs, FC, stem. */
interface MatMul {
    /** Rows in[inOff + r·inC ..] for r < rows, each [inC], give rows out[outOff + r·outC ..], each [outC]. */
    void multiply(float[] in, int inOff, int rows, float[] out, int outOff);

    /** @param oiWeights [outC][inC] (TFLite conv [outC][1][1][inC], OHWI flattened, or fully-connected) */
    static MatMul of(KernelSet kernels, int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
        return kernels == KernelSet.VECTORIZABLE ? new AxpyMatMul(inC, outC, oiWeights, bias, min, max)
                : new TiledMatMul(inC, outC, oiWeights, bias, min, max);
    }
}
