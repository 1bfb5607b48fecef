package dev.lenslet.server;

import dev.lenslet.server.SimdReference.Axis;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The buffers the Wasm SIMD kernels read, laid out as the generator's kernel classes (webapp, package
 * dev.lenslet.webapp.simd) document: packed weights with their per-channel terms, and the depthwise input padded
 * with its zero point. The core will build the same layouts in its arena; until then the tests do.
 */
final class SimdPacking {
    private SimdPacking() {
    }

    /**
     * GemmKernel's blocks of 8 output channels: int32 term[o] = bias[o] − zx·Σ_i w'[o][i], then int16 w' = w − zw
     * in steps of 8 input channels, pairs of inputs per channel, channels 0..3 then 4..7 of the block.
     */
    static byte[] gemm(byte[] weights, int inC, int outC, int wZero, int[] bias, int inZero) {
        int steps = (inC + 7) / 8;
        int blockBytes = 32 + steps * 128;
        ByteBuffer packed = ByteBuffer.allocate((outC + 7) / 8 * blockBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int o = 0; o < outC; o++) {
            int block = o / 8 * blockBytes, h = o % 8 / 4, q = o % 4;
            int weightSum = 0;
            for (int i = 0; i < inC; i++) {
                int w = (weights[o * inC + i] & 0xFF) - wZero;
                weightSum += w;
                int s = i / 8, j = i % 8 / 2, e = i % 2;
                packed.putShort(block + 32 + 128 * s + 32 * j + 16 * h + 4 * q + 2 * e, (short) w);
            }
            packed.putInt(block + 4 * (o % 8), bias[o] - inZero * weightSum);
        }
        return packed.array();
    }

    /** DepthwiseKernel's groups of 16 channels: int32 term[c] = bias[c] − zx·Σ w'[·][·][c], then 9 taps of int16 w'. */
    static byte[] depthwise(byte[] weights, int channels, int wZero, int[] bias, int inZero) {
        int groupBytes = 64 + 9 * 32;
        ByteBuffer packed = ByteBuffer.allocate((channels + 15) / 16 * groupBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < channels; c++) {
            int group = c / 16 * groupBytes, l = c % 16;
            int weightSum = 0;
            for (int t = 0; t < 9; t++) {
                int w = (weights[t * channels + c] & 0xFF) - wZero;
                weightSum += w;
                packed.putShort(group + 64 + 32 * t + 2 * l, (short) w);
            }
            packed.putInt(group + 4 * l, bias[c] - inZero * weightSum);
        }
        return packed.array();
    }

    /** The input padded with its zero point as QuantizedDepthwiseConv2d pads it for its 3×3 sliding path. */
    record Padded(byte[] bytes, int width) {
        static Padded of(byte[] in, Axis h, Axis w, int channels, int inZero) {
            int paddedH = Math.max(h.padBefore() + h.in(), (h.out() - 1) * h.stride() + 3);
            int paddedW = Math.max(w.padBefore() + w.in(), (w.out() - 1) * w.stride() + 3);
            byte[] padded = new byte[paddedH * paddedW * channels];
            Arrays.fill(padded, (byte) inZero);
            int row = w.in() * channels;
            for (int iy = 0; iy < h.in(); iy++) {
                System.arraycopy(in, iy * row, padded, ((h.padBefore() + iy) * paddedW + w.padBefore()) * channels,
                        row);
            }
            return new Padded(padded, paddedW);
        }
    }
}
