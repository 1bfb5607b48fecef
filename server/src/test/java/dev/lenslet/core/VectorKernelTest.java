package dev.lenslet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lenslet.server.VectorKernelSet;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server's Vector API kernels against the core's {@link ReferenceKernels}, built into the core's layers the way
 * {@link NetworkBuilder} builds them (so the layers' own border paths run too). In the core's package, from the
 * server's tests, to reach the package-private layers and reference. Fused multiply-adds round differently from the
 * scalar kernels, so values are compared within a tolerance; shapes cover whole vectors of output channels or
 * channels, the tails past them, odd panel counts, and rows left over after the 4-row tiles.
 */
class VectorKernelTest {
    private static final KernelSet KERNELS = VectorKernelSet.INSTANCE;
    /** Allowed difference, relative to the expected value's magnitude (absolute below 1): float sums, double reference. */
    private static final double TOLERANCE = 1e-4;
    /** Output clamps as NetworkBuilder makes them: none, RELU6, a quantized output's range. */
    private static final float[][] CLAMPS = {
        {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, {0f, 6f}, {-2.5f, 3.75f},
    };

    static LongStream seeds() {
        return LongStream.range(0, 100);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pointwiseMatchesReference(long seed) {
        Random random = new Random(seed);
        int rows = 1 + random.nextInt(random.nextBoolean() ? 9 : 200);
        int inC = 1 + random.nextInt(random.nextBoolean() ? 8 : 400);
        int outC = 1 + random.nextInt(100);
        float[] clamp = CLAMPS[random.nextInt(CLAMPS.length)];
        float[] input = activations(random, rows * inC);
        float[] weights = uniform(random, outC * inC); // [outC][inC]
        float[] bias = uniform(random, outC);

        float[] expected = ReferenceKernels.pointwise(input, rows, inC, weights, outC, bias, clamp[0], clamp[1]);
        float[] actual = run(new PointwiseConv2d(KERNELS, rows, inC, outC, weights, bias, clamp[0], clamp[1], 0, 1),
                rows * outC, input);
        assertClose(expected, actual, rows + " rows × " + inC + " → " + outC + ", clamp " + Arrays.toString(clamp));
    }

    /** The stem's form: a 3×3 stride-2 SAME convolution of a few input channels, as an im2col matrix product. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void stemConvMatchesReference(long seed) {
        Random random = new Random(seed);
        int inH = 1 + random.nextInt(20), inW = 1 + random.nextInt(20), inC = 1 + random.nextInt(4);
        int outC = 1 + random.nextInt(40);
        float[] clamp = CLAMPS[random.nextInt(CLAMPS.length)];
        float[] input = uniform(random, inH * inW * inC);
        float[] weights = uniform(random, outC * 9 * inC); // [outC][3][3][inC]
        float[] bias = uniform(random, outC);
        ConvGeometry g = new ConvGeometry(inH, inW, inC, outC, 3, 3, 2, 2, 1, 1, true);

        float[] expected = ReferenceKernels.conv2d(input, inH, inW, inC, weights, outC, 3, 3, bias, 2, 2, 1, 1, true,
                clamp[0], clamp[1]);
        float[] actual = run(new Conv2d(KERNELS, g, weights, bias, clamp[0], clamp[1], 0, 1), g.outputSize(), input);
        assertClose(expected, actual, inH + "×" + inW + "×" + inC + " → " + outC);
    }

    /** MobileNet's depthwise shape: 3×3, multiplier 1, stride 1 or 2, channel counts below, at and past a vector. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void depthwise3x3MatchesReference(long seed) {
        Random random = new Random(seed);
        int strideH = 1 + random.nextInt(2), strideW = 1 + random.nextInt(2);
        boolean samePadding = random.nextBoolean();
        int smallest = samePadding ? 1 : 3;
        int inH = smallest + random.nextInt(20), inW = smallest + random.nextInt(20);
        int inC = 1 + random.nextInt(random.nextBoolean() ? 40 : 200);
        float[] clamp = CLAMPS[random.nextInt(CLAMPS.length)];
        float[] input = activations(random, inH * inW * inC);
        float[] weights = uniform(random, 9 * inC); // [1][3][3][inC]
        float[] bias = uniform(random, inC);
        ConvGeometry g = new ConvGeometry(inH, inW, inC, inC, 3, 3, strideH, strideW, 1, 1, samePadding);

        float[] expected = ReferenceKernels.depthwiseConv2d(input, inH, inW, inC, weights, 1, 3, 3, bias, strideH,
                strideW, 1, 1, samePadding, clamp[0], clamp[1]);
        float[] actual = run(new DepthwiseConv2d(KERNELS, g, 1, weights, bias, clamp[0], clamp[1], 0, 1),
                g.outputSize(), input);
        assertClose(expected, actual, inH + "×" + inW + "×" + inC + " stride " + strideH + "×" + strideW
                + (samePadding ? " SAME" : " VALID") + " clamp " + Arrays.toString(clamp));
    }

    /** Every value within {@link #TOLERANCE}; NaN (a value never written) never matches. */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": number of values");
        for (int i = 0; i < expected.length; i++) {
            double allowed = TOLERANCE * Math.max(1.0, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= allowed)) {
                fail(what + ": value " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    /** Runs a layer on slot 0 into slot 1, which starts as NaN, standing for a reused buffer's stale values. */
    private static float[] run(Layer layer, int outputSize, float[] input) {
        float[] output = new float[outputSize];
        Arrays.fill(output, Float.NaN);
        layer.forward(new float[][] {input, output});
        return output;
    }

    private static float[] uniform(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = 2 * random.nextFloat() - 1;
        }
        return values;
    }

    /** Uniform in [-1, 1] with about a quarter exact zeros, like activations after ReLU. */
    private static float[] activations(Random random, int n) {
        float[] values = uniform(random, n);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) {
                values[i] = 0f;
            }
        }
        return values;
    }
}
