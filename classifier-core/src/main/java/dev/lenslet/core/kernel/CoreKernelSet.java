package dev.lenslet.core.kernel;

/** The core's two kernel forms, pure Java for both TeaVM and the JVM: see {@link KernelSet}'s constants. */
enum CoreKernelSet implements KernelSet {
    REGISTER_BLOCKED {
        @Override
        public MatMul matMul(int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
            return new RegisterBlockedMatMul(inC, outC, oiWeights, bias, min, max);
        }

        @Override
        public DepthwiseInterior depthwise3x3(int channels, int inW, int strideW, float[] weights, float[] bias,
                                              float min, float max) {
            return new RegisterBlockedDepthwise(channels, inW, strideW, weights, bias, min, max);
        }

        /** TeaVM's output runs the per-pixel path faster than the copies (see BENCHMARKS.md). */
        @Override
        public boolean depthwiseBordersAsWindows() {
            return false;
        }
    },
    VECTORIZABLE {
        @Override
        public MatMul matMul(int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
            return outC <= FEW_OUTPUT_CHANNELS ? new VectorizableFewChannelsMatMul(inC, outC, oiWeights, bias, min, max)
                    : new VectorizableMatMul(inC, outC, oiWeights, bias, min, max);
        }

        @Override
        public DepthwiseInterior depthwise3x3(int channels, int inW, int strideW, float[] weights, float[] bias,
                                              float min, float max) {
            return new VectorizableDepthwise(channels, inW, strideW, weights, bias, min, max);
        }
    };

    /**
     * Up to this many output channels the vectorizable set loops over rows ({@link VectorizableFewChannelsMatMul}): loops over
     * so few channels are too short for C2's vectorized code.
     */
    static final int FEW_OUTPUT_CHANNELS = 32;
}
