package dev.lenslet.core;

/** The core's two kernel forms, pure Java for both TeaVM and the JVM: see {@link KernelSet}'s constants. */
enum CoreKernelSet implements KernelSet {
    REGISTER_BLOCKED {
        @Override
        public MatMul matMul(int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
            return new TiledMatMul(inC, outC, oiWeights, bias, min, max);
        }

        @Override
        public DepthwiseInterior depthwise3x3(int channels, int inW, int strideW, float[] weights, float[] bias,
                                              float min, float max) {
            return new SlidingDepthwise(channels, inW, strideW, weights, bias, min, max);
        }

        /** TeaVM's output runs the per-pixel path faster than the copies (15 vs 12.5 ms a frame in Wasm). */
        @Override
        public boolean depthwiseBordersAsWindows() {
            return false;
        }
    },
    VECTORIZABLE {
        @Override
        public MatMul matMul(int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
            return outC <= FEW_OUTPUT_CHANNELS ? new TransposedMatMul(inC, outC, oiWeights, bias, min, max)
                    : new AxpyMatMul(inC, outC, oiWeights, bias, min, max);
        }

        @Override
        public DepthwiseInterior depthwise3x3(int channels, int inW, int strideW, float[] weights, float[] bias,
                                              float min, float max) {
            return new GatheredDepthwise(channels, inW, strideW, weights, bias, min, max);
        }
    };

    /**
     * Up to this many output channels the vectorizable set loops over rows ({@link TransposedMatMul}): loops over
     * so few channels are too short for C2's vectorized code. Measured best on MobileNetV2 (against 64 and 96).
     */
    static final int FEW_OUTPUT_CHANNELS = 32;
}
