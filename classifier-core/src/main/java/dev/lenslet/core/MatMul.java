package dev.lenslet.core;

/** out[r][o] = clamp(bias[o] + Σ_i in[r][i] · w[o][i]) over rows of a [rows][inC] input: 1×1 convs, FC, stem. */
interface MatMul {
    /** Rows in[inOff + r·inC ..] for r < rows, each [inC], give rows out[outOff + r·outC ..], each [outC]. */
    void multiply(float[] in, int inOff, int rows, float[] out, int outOff);

    /** @param oiWeights [outC][inC] (TFLite conv [outC][1][1][inC], OHWI flattened, or fully-connected) */
    static MatMul of(KernelSet kernels, int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
        if (kernels == KernelSet.REGISTER_BLOCKED) {
            return new TiledMatMul(inC, outC, oiWeights, bias, min, max);
        }
        return outC <= FEW_OUTPUT_CHANNELS ? new TransposedMatMul(inC, outC, oiWeights, bias, min, max)
                : new AxpyMatMul(inC, outC, oiWeights, bias, min, max);
    }

    /**
     * Up to this many output channels the vectorizable set loops over rows ({@link TransposedMatMul}): loops over
     * so few channels are too short for C2's vectorized code. Measured best on MobileNetV2 (against 64 and 96).
     */
    int FEW_OUTPUT_CHANNELS = 32;
}
