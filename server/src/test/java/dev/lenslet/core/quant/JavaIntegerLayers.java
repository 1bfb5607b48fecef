package dev.lenslet.core.quant;

import dev.lenslet.core.graph.ConvGeometry;
import java.util.Arrays;

/**
 * The core's Java integer layers, each run alone on a byte-array arena, and the constants its SIMD layers place in
 * theirs, opened to the browser tests of the SIMD kernels (dev.lenslet.server.SimdKernelsIT): each kernel must give
 * the bytes of the Java layer the network would otherwise run, whose own tests hold it to TFLite's reference
 * arithmetic. It lives in the core's package, in the server's tests, because those types are package-private.
 */
public final class JavaIntegerLayers {
    private JavaIntegerLayers() {
    }

    /** TFLite's rescaling by {@code real}, then zero point and clamp, as the kernels take it (Requantizer's). */
    public record Rescaling(double real, int multiplier, int shift, int zeroPoint, int min, int max) {
        public static Rescaling of(double real, int zeroPoint, int min, int max) {
            Requantizer r = new Requantizer(real, zeroPoint, min, max);
            return new Rescaling(real, r.multiplier, r.shift, zeroPoint, min, max);
        }

        private Requantizer requantizer() {
            return new Requantizer(real, zeroPoint, min, max);
        }
    }

    /** QuantizedPointwiseConv2d: in [rows][inC], weights [outC][inC] → [rows][outC]. */
    public static byte[] pointwise(byte[] in, int rows, int inC, int inZero, byte[] weights, int outC, int wZero,
                                   int[] bias, Rescaling rq) {
        QuantizedMatMul matMul = new QuantizedMatMul(inC, outC, weights, wZero, bias, inZero, rq.requantizer());
        return ArenaRun.run((layout, arena) -> new QuantizedPointwiseConv2d(rows, matMul, arena, 0, 1),
                rows * outC, in);
    }

    /** QuantizedConv2d: weights [outC][kernelH][kernelW][inC]. */
    public static byte[] conv(byte[] in, ConvGeometry g, int inZero, byte[] weights, int wZero, int[] bias,
                              Rescaling rq) {
        QuantizedMatMul matMul = new QuantizedMatMul(g.kernelH * g.kernelW * g.inC, g.outC, weights, wZero, bias,
                inZero, rq.requantizer());
        return ArenaRun.run((layout, arena) -> new QuantizedConv2d(g, matMul, inZero, layout, arena, 0, 1),
                g.outputSize(), in);
    }

    /** QuantizedDepthwiseConv2d with multiplier 1: weights [kernelH][kernelW][C]. */
    public static byte[] depthwise(byte[] in, ConvGeometry g, int inZero, byte[] weights, int wZero, int[] bias,
                                   Rescaling rq) {
        return ArenaRun.run((layout, arena) -> new QuantizedDepthwiseConv2d(g, 1, weights, wZero, bias, inZero,
                rq.requantizer(), layout, arena, 0, 1), g.outputSize(), in);
    }

    /** QuantizedAdd of two tensors of one size. */
    public static byte[] add(byte[] a, float aScale, int aZero, byte[] b, float bScale, int bZero, float outScale,
                             int outZero, int min, int max) {
        return ArenaRun.run((layout, arena) -> new QuantizedAdd(a.length, aScale, aZero, bScale, bZero, outScale,
                outZero, min, max, arena, 0, 1, 2), a.length, a, b);
    }

    /** QuantizedAdd's three rescalings: a's, b's (no zero point or clamp) and the output's. */
    public static Rescaling[] addRescalings(float aScale, float bScale, float outScale, int outZero, int min,
                                            int max) {
        return Arrays.stream(QuantizedAdd.rescalings(aScale, bScale, outScale, outZero, min, max))
                .map(r -> new Rescaling(Double.NaN, r.multiplier, r.shift, r.zeroPoint, r.min, r.max))
                .toArray(Rescaling[]::new);
    }

    /** QuantizedAveragePool2d. */
    public static byte[] averagePool(byte[] in, ConvGeometry g, int min, int max) {
        return ArenaRun.run((layout, arena) -> new QuantizedAveragePool2d(g, min, max, arena, 0, 1),
                g.outputSize(), in);
    }

    /** The weights and terms of a gemm layer as SimdLayers places them: weights [outC][inC]. */
    public static byte[] gemmWeights(byte[] weights, int inC, int outC, int wZero, int[] bias, int inZero) {
        return SimdPacking.gemm(weights, inC, outC, wZero, bias, inZero);
    }

    /** The weights and terms of a depthwise layer as SimdLayers places them: weights [3][3][C]. */
    public static byte[] depthwiseWeights(byte[] weights, int channels, int wZero, int[] bias, int inZero) {
        return SimdPacking.depthwise(weights, channels, wZero, bias, inZero);
    }

    /** Pixels per row of the padded input of a 3×3 depthwise layer. */
    public static int paddedWidth(ConvGeometry g) {
        return QuantizedDepthwiseConv2d.paddedWidth(g);
    }

    /** The input padded with its zero point as the depthwise layers lay it out: [paddedH][paddedWidth][C]. */
    public static byte[] padded(byte[] in, ConvGeometry g, int inZero) {
        byte[] padded = new byte[QuantizedDepthwiseConv2d.paddedHeight(g) * paddedWidth(g) * g.inC];
        Arrays.fill(padded, (byte) inZero);
        QuantizedDepthwiseConv2d.copyIntoPadded(g, in, 0, padded, 0);
        return padded;
    }
}
