package dev.lenslet.core.quant;

/**
 * The constants of the SIMD kernels in the layouts they read (documented in the webapp's generator classes
 * GemmKernel and DepthwiseKernel): weights less their zero point as int16, and per output channel the int32 term
 * bias − zx·Σ w', which takes the input zero point out of sums over raw inputs. Little-endian, as WebAssembly reads.
 */
final class SimdPacking {
    /** gemm: output channels per block, input channels per step. */
    static final int GEMM_CHANNELS = 8, GEMM_STEP = 8;
    /** depthwise3x3: channels per group; a group is 16 int32 terms, then 9 taps of 16 int16 weights. */
    static final int DEPTHWISE_CHANNELS = 16, DEPTHWISE_GROUP_BYTES = 64 + 9 * 32;

    private SimdPacking() {
    }

    /**
     * gemm's blocks of 8 output channels o = 8b + 4h + q: bytes 4·(o mod 8) hold term[o]; bytes
     * 32 + 128s + 32j + 16h + 4q + 2e hold w'[o][8s + 2j + e]; 0 past outC and inC.
     *
     * @param weights raw uint8 [outC][inC]
     */
    static byte[] gemm(byte[] weights, int inC, int outC, int wZero, int[] bias, int inZero) {
        int steps = (inC + GEMM_STEP - 1) / GEMM_STEP;
        int blockBytes = 32 + steps * 128;
        byte[] packed = new byte[(outC + GEMM_CHANNELS - 1) / GEMM_CHANNELS * blockBytes];
        for (int o = 0; o < outC; o++) {
            int block = o / 8 * blockBytes, h = o % 8 / 4, q = o % 4;
            int weightSum = 0;
            for (int i = 0; i < inC; i++) {
                int w = (weights[o * inC + i] & 0xFF) - wZero;
                weightSum += w;
                int s = i / 8, j = i % 8 / 2, e = i % 2;
                putShort(packed, block + 32 + 128 * s + 32 * j + 16 * h + 4 * q + 2 * e, w);
            }
            putInt(packed, block + 4 * (o % 8), bias[o] - inZero * weightSum);
        }
        return packed;
    }

    /**
     * depthwise3x3's groups of 16 channels c = 16g + l: bytes 4l hold term[c]; bytes 64 + 32t + 2l hold
     * w'[t / 3][t % 3][c]; 0 past the channels.
     *
     * @param weights raw uint8 [3][3][channels]
     */
    static byte[] depthwise(byte[] weights, int channels, int wZero, int[] bias, int inZero) {
        byte[] packed = new byte[(channels + DEPTHWISE_CHANNELS - 1) / DEPTHWISE_CHANNELS * DEPTHWISE_GROUP_BYTES];
        for (int c = 0; c < channels; c++) {
            int group = c / DEPTHWISE_CHANNELS * DEPTHWISE_GROUP_BYTES, l = c % DEPTHWISE_CHANNELS;
            int weightSum = 0;
            for (int t = 0; t < 9; t++) {
                int w = (weights[t * channels + c] & 0xFF) - wZero;
                weightSum += w;
                putShort(packed, group + 64 + 32 * t + 2 * l, w);
            }
            putInt(packed, group + 4 * l, bias[c] - inZero * weightSum);
        }
        return packed;
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    private static void putInt(byte[] b, int at, int v) {
        putShort(b, at, v);
        putShort(b, at + 2, v >> 16);
    }
}
