package dev.lenslet.core;

import static dev.lenslet.core.KernelTest.CLAMPS;
import static dev.lenslet.core.KernelTest.activations;
import static dev.lenslet.core.KernelTest.assertClose;
import static dev.lenslet.core.KernelTest.run;
import static dev.lenslet.core.KernelTest.uniform;

import dev.lenslet.server.VectorKernelSet;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server's Vector API kernels against the core's {@link ReferenceKernels}, built into the core's layers the way
 * {@link NetworkBuilder} builds them (so the layers' own border paths run too). In the core's package, from the
 * server's tests, to reach the package-private layers and reference. Fused multiply-adds round differently from the
 * scalar kernels, so values are compared within {@link KernelTest}'s tolerance (whose random inputs, clamps and
 * checks these cases share); shapes cover whole vectors of output channels or channels, the tails past them, panel
 * counts that leave 1 or 2 panels after the 3-panel tiles, and rows left over after the 4-row tiles.
 */
class VectorKernelTest {
    private static final KernelSet KERNELS = VectorKernelSet.INSTANCE;

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.lenslet.core.KernelTest#seeds")
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
    @MethodSource("dev.lenslet.core.KernelTest#seeds")
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
    @MethodSource("dev.lenslet.core.KernelTest#seeds")
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
}
