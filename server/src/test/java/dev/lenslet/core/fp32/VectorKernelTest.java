package dev.lenslet.core.fp32;

import dev.lenslet.core.graph.ConvGeometry;
import dev.lenslet.core.kernel.KernelSet;
import static dev.lenslet.core.fp32.KernelTest.CLAMPS;
import static dev.lenslet.core.fp32.KernelTest.assertClose;
import static dev.lenslet.core.fp32.KernelTest.run;
import static dev.lenslet.core.fp32.KernelTest.uniform;

import dev.lenslet.server.kernel.VectorKernelSet;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server's Vector API kernels against the core's {@link ReferenceKernels}, built into the core's layers the way
 * {@link NetworkBuilder} builds them (so the layers' own border paths run too). In the core's package, from the
 * server's tests, to reach the package-private layers and reference. Fused multiply-adds round differently from the
 * scalar kernels, so values are compared within {@link KernelTest}'s tolerance, on its pointwise and 3×3 depthwise
 * cases and on stem-shaped convolutions; together they cover whole vectors of output channels or channels, the tails
 * past them, odd and even panel counts, and rows left over after the 8-row tiles (4-row and 1-row tiles).
 */
class VectorKernelTest {
    private static final KernelSet KERNELS = VectorKernelSet.INSTANCE;

    /** {@link KernelTest}'s pointwise cases: up to 64 output channels (4 vectors), rows left over after 4-row tiles. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.lenslet.core.fp32.KernelTest#seeds")
    void pointwiseMatchesReference(long seed) {
        KernelTest.Outcome outcome = KernelTest.pointwise(seed, KERNELS);
        assertClose(outcome.expected(), outcome.actual(), outcome.what());
    }

    /** The stem's form: a 3×3 stride-2 SAME convolution of a few input channels, as an im2col matrix product. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.lenslet.core.fp32.KernelTest#seeds")
    void stemConvMatchesReference(long seed) {
        Random random = new Random(seed);
        int inH = 1 + random.nextInt(20), inW = 1 + random.nextInt(20), inC = 1 + random.nextInt(4);
        int outC = 1 + random.nextInt(100); // up to 7 vectors: odd and even panel counts
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

    /** {@link KernelTest}'s 3×3 depthwise cases: channel counts below, at and past whole vectors. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.lenslet.core.fp32.KernelTest#seeds")
    void depthwise3x3MatchesReference(long seed) {
        KernelTest.Outcome outcome = KernelTest.depthwise3x3(seed, KERNELS);
        assertClose(outcome.expected(), outcome.actual(), outcome.what());
    }
}
