package dev.lenslet.core.fp32;

import dev.lenslet.core.graph.ConvGeometry;
import dev.lenslet.core.kernel.KernelSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fast kernel against {@link ReferenceKernels} on random shapes: sizes 1 to 20 (odd ones and 1 included),
 * kernels 1..5, strides 1..3, dilations 1..2, SAME and VALID, depth multipliers 1..3, with and without clamps.
 * Kernels are built through their constructors (Conv2d and PointwiseConv2d repack TFLite's weight layout there)
 * and run as a {@link Layer} over slots, the way {@link Network} runs them. Each case comes from its own seed,
 * so a failure names a seed that reproduces it. Convolutions are built with both {@link KernelSet}s: the
 * register-blocked ones are checked against the reference, and the vectorizable ones must equal them exactly.
 */
public class KernelTest {
    private static final int CASES_PER_KERNEL = 150;
    /**
     * Allowed difference, relative to the expected value's magnitude (absolute below 1): the fast kernels sum in
     * float, the reference in double.
     */
    private static final double TOLERANCE = 1e-4;
    /** Output clamps as NetworkBuilder makes them: none, RELU6, RELU, RELU_N1_TO_1, a quantized output's range. */
    public static final float[][] CLAMPS = {
        {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, {0f, 6f}, {0f, Float.POSITIVE_INFINITY}, {-1f, 1f},
        {-2.5f, 3.75f},
    };

    static LongStream seeds() {
        return LongStream.range(0, CASES_PER_KERNEL);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void conv2dMatchesReference(long seed) {
        Random random = new Random(seed);
        Window w = new Window(random, 2);
        int outC = 1 + random.nextInt(12);
        float[] input = activations(random, w.inH * w.inW * w.inC);
        float[] weights = uniform(random, outC * w.kernelH * w.kernelW * w.inC); // [outC][kH][kW][inC]
        float[] bias = uniform(random, outC);
        ConvGeometry g = w.geometry(outC);

        float[] expected = ReferenceKernels.conv2d(input, w.inH, w.inW, w.inC, weights, outC, w.kernelH, w.kernelW,
                bias, w.strideH, w.strideW, w.dilationH, w.dilationW, w.samePadding, w.min, w.max);
        String what = w + ", " + outC + " output channels";
        float[] blocked = run(new Conv2d(KernelSet.REGISTER_BLOCKED, g, weights, bias, w.min, w.max, 0, 1),
                g.outputSize(), input);
        float[] vectorizable = run(new Conv2d(KernelSet.VECTORIZABLE, g, weights, bias, w.min, w.max, 0, 1),
                g.outputSize(), input);
        assertClose(expected, blocked, what);
        assertSameValues(blocked, vectorizable, what);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void depthwiseConv2dMatchesReference(long seed) {
        Random random = new Random(seed);
        Window w = new Window(random, 2);
        int multiplier = 1 + random.nextInt(3);
        int outC = w.inC * multiplier;
        float[] input = activations(random, w.inH * w.inW * w.inC);
        float[] weights = uniform(random, w.kernelH * w.kernelW * outC); // [1][kH][kW][inC·multiplier]
        float[] bias = uniform(random, outC);
        ConvGeometry g = w.geometry(outC);

        float[] expected = ReferenceKernels.depthwiseConv2d(input, w.inH, w.inW, w.inC, weights, multiplier,
                w.kernelH, w.kernelW, bias, w.strideH, w.strideW, w.dilationH, w.dilationW, w.samePadding, w.min,
                w.max);
        String what = w + ", depth multiplier " + multiplier;
        float[] blocked = run(new DepthwiseConv2d(KernelSet.REGISTER_BLOCKED, g, multiplier, weights, bias, w.min,
                w.max, 0, 1), g.outputSize(), input);
        float[] vectorizable = run(new DepthwiseConv2d(KernelSet.VECTORIZABLE, g, multiplier, weights, bias, w.min,
                w.max, 0, 1), g.outputSize(), input);
        assertClose(expected, blocked, what);
        assertSameValues(blocked, vectorizable, what);
    }

    /**
     * MobileNet's depthwise shape, which takes the sliding-window path (or the gathered one) in the interior: 3×3,
     * multiplier 1, dilation 1, stride 1 or 2 along each axis, widths and channel counts odd and even, inputs
     * narrower than the kernel included (no interior at all).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void depthwise3x3MatchesReference(long seed) {
        Outcome blocked = depthwise3x3(seed, KernelSet.REGISTER_BLOCKED);
        Outcome vectorizable = depthwise3x3(seed, KernelSet.VECTORIZABLE);
        assertClose(blocked.expected(), blocked.actual(), blocked.what());
        assertSameValues(blocked.actual(), vectorizable.actual(), blocked.what());
    }

    /** The reference's output for a case, a kernel set's output for it, and what the case is. */
    record Outcome(float[] expected, float[] actual, String what) {
    }

    /** Seed's case of {@link #depthwise3x3MatchesReference}, run with {@code kernels}. */
    static Outcome depthwise3x3(long seed, KernelSet kernels) {
        Random random = new Random(seed);
        int strideH = 1 + random.nextInt(2), strideW = 1 + random.nextInt(2);
        boolean samePadding = random.nextBoolean();
        int smallest = samePadding ? 1 : 3;
        int inH = smallest + random.nextInt(20), inW = smallest + random.nextInt(20);
        int inC = 1 + random.nextInt(random.nextBoolean() ? 20 : 300); // wide rows span several gathered chunks
        float[] clamp = CLAMPS[random.nextInt(CLAMPS.length)];
        float[] input = activations(random, inH * inW * inC);
        float[] weights = uniform(random, 9 * inC); // [1][3][3][inC]
        float[] bias = uniform(random, inC);
        ConvGeometry g = new ConvGeometry(inH, inW, inC, inC, 3, 3, strideH, strideW, 1, 1, samePadding);

        float[] expected = ReferenceKernels.depthwiseConv2d(input, inH, inW, inC, weights, 1, 3, 3, bias, strideH,
                strideW, 1, 1, samePadding, clamp[0], clamp[1]);
        float[] actual = run(new DepthwiseConv2d(kernels, g, 1, weights, bias, clamp[0], clamp[1], 0, 1),
                g.outputSize(), input);
        return new Outcome(expected, actual, inH + "×" + inW + "×" + inC + " stride " + strideH + "×" + strideW
                + (samePadding ? " SAME" : " VALID") + " clamp " + Arrays.toString(clamp));
    }

    /**
     * Rows 1..300 and output channels 1..64 cover the 4×4 tiles, the rows left over after them and a last
     * weight panel that is only partly filled; and both vectorizable forms (by rows up to 32 output channels,
     * by channels above), with several row blocks. Half the cases have mostly zeros, as after ReLU6, so that the
     * tiles also leave out input channels that are 0 in all their rows, anywhere from none to all of them.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pointwiseConv2dMatchesReference(long seed) {
        Outcome blocked = pointwise(seed, KernelSet.REGISTER_BLOCKED);
        Outcome vectorizable = pointwise(seed, KernelSet.VECTORIZABLE);
        assertClose(blocked.expected(), blocked.actual(), blocked.what());
        assertSameValues(blocked.actual(), vectorizable.actual(), blocked.what());
    }

    /** Seed's case of {@link #pointwiseConv2dMatchesReference}, run with {@code kernels}. */
    static Outcome pointwise(long seed, KernelSet kernels) {
        Random random = new Random(seed);
        int rows = 1 + random.nextInt(random.nextBoolean() ? 64 : 300); // past VectorizableFewChannelsMatMul's 128-row blocks
        int inC = 1 + random.nextInt(random.nextBoolean() ? 8 : 320); // MobileNet's widest project reads 960
        int outC = 1 + random.nextInt(64);
        float[] clamp = CLAMPS[random.nextInt(CLAMPS.length)];
        float[] input = activations(random, rows * inC, random.nextBoolean() ? 0.25 : 0.75); // zeros, as after ReLU
        float[] weights = uniform(random, outC * inC); // [outC][inC]
        float[] bias = uniform(random, outC);

        float[] expected = ReferenceKernels.pointwise(input, rows, inC, weights, outC, bias, clamp[0], clamp[1]);
        float[] actual = run(new PointwiseConv2d(kernels, rows, inC, outC, weights, bias, clamp[0], clamp[1], 0, 1),
                rows * outC, input);
        return new Outcome(expected, actual, rows + " rows × " + inC + " → " + outC + ", clamp "
                + Arrays.toString(clamp));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void addMatchesReference(long seed) {
        Random random = new Random(seed);
        int size = 1 + random.nextInt(600);
        float[] clamp = CLAMPS[random.nextInt(CLAMPS.length)];
        float[] a = scaled(uniform(random, size), 4f);
        float[] b = scaled(uniform(random, size), 4f);

        float[] expected = ReferenceKernels.add(a, b, clamp[0], clamp[1]);
        float[] actual = run(new Add(size, clamp[0], clamp[1], 0, 1, 2), size, a, b);
        assertClose(expected, actual, size + " values, clamp " + Arrays.toString(clamp));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void averagePool2dMatchesReference(long seed) {
        Random random = new Random(seed);
        Window w = new Window(random, 1);
        ConvGeometry g = w.geometry(w.inC);
        float[] input = activations(random, w.inH * w.inW * w.inC);

        float[] expected = ReferenceKernels.averagePool(input, w.inH, w.inW, w.inC, w.kernelH, w.kernelW, w.strideH,
                w.strideW, w.samePadding, w.min, w.max);
        float[] actual = run(new AveragePool2d(g, w.min, w.max, 0, 1), g.outputSize(), input);
        assertClose(expected, actual, w.toString());
    }

    /** MEAN over height and width runs as an AveragePool2d whose one VALID window is the whole image. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void meanMatchesReference(long seed) {
        Random random = new Random(seed);
        int h = 1 + random.nextInt(12), w = 1 + random.nextInt(12), c = 1 + random.nextInt(40);
        float[] clamp = CLAMPS[random.nextInt(CLAMPS.length)];
        float[] input = activations(random, h * w * c);
        ConvGeometry global = new ConvGeometry(h, w, c, c, h, w, 1, 1, 1, 1, false);

        float[] expected = ReferenceKernels.mean(input, h, w, c, clamp[0], clamp[1]);
        float[] actual = run(new AveragePool2d(global, clamp[0], clamp[1], 0, 1), c, input);
        assertClose(expected, actual, h + "×" + w + "×" + c + ", clamp " + Arrays.toString(clamp));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void softmaxMatchesReference(long seed) {
        Random random = new Random(seed);
        int rows = 1 + random.nextInt(3);
        int classes = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 1 + random.nextInt(1001);
        float beta = new float[] {1f, 0.5f, 2.5f}[random.nextInt(3)];
        float[] logits = scaled(uniform(random, rows * classes), 40f); // β·x up to 100: exp(x) alone would overflow

        float[] expected = ReferenceKernels.softmax(logits, rows, classes, beta);
        float[] actual = run(new Softmax(rows, classes, beta, 0, 1), rows * classes, logits);
        assertClose(expected, actual, rows + " rows × " + classes + " classes, beta " + beta);
    }

    /**
     * Every value within {@link #TOLERANCE} of the expected one, relative to its magnitude (absolute below 1);
     * NaN never matches. The message names the first value that does not.
     */
    public static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": number of values");
        for (int i = 0; i < expected.length; i++) {
            double allowed = TOLERANCE * Math.max(1.0, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= allowed)) {
                fail(what + ": value " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    /**
     * The two {@link KernelSet}s add every sum's terms in the same order, so they must give the same floats, not
     * merely close ones. Compared with ==, so a −0 equals +0 (the vectorizable clamp's Math.max turns a −0 sum into
     * +0 at a bound of 0) and NaN never matches.
     */
    static void assertSameValues(float[] blocked, float[] vectorizable, String what) {
        assertEquals(blocked.length, vectorizable.length, what + ": number of values");
        for (int i = 0; i < blocked.length; i++) {
            if (!(blocked[i] == vectorizable[i])) {
                fail(what + ": value " + i + " is " + vectorizable[i] + " with the vectorizable kernels, "
                        + blocked[i] + " with the register-blocked ones");
            }
        }
    }

    /**
     * Runs a layer whose inputs are in slots 0.. and whose output is the next slot. The output slot starts as
     * NaN, standing for a reused buffer's stale values: any value the kernel fails to write shows.
     */
    public static float[] run(Layer layer, int outputSize, float[]... inputs) {
        float[][] slots = Arrays.copyOf(inputs, inputs.length + 1);
        slots[inputs.length] = new float[outputSize];
        Arrays.fill(slots[inputs.length], Float.NaN);
        layer.forward(slots);
        return slots[inputs.length];
    }

    public static float[] uniform(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = 2 * random.nextFloat() - 1;
        }
        return values;
    }

    /** Uniform in [-1, 1] with about a quarter exact zeros, like activations after ReLU. */
    private static float[] activations(Random random, int n) {
        return activations(random, n, 0.25);
    }

    /** Uniform in [-1, 1] with about {@code zeros} of them exact zeros. */
    private static float[] activations(Random random, int n, double zeros) {
        float[] values = uniform(random, n);
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < zeros) {
                values[i] = 0f;
            }
        }
        return values;
    }

    private static float[] scaled(float[] values, float factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return values;
    }

    /** A random 2-D window op: input size and channels, kernel, stride, dilation, padding and output clamp. */
    private static final class Window {
        final int inH, inW, inC, kernelH, kernelW, strideH, strideW, dilationH, dilationW;
        final boolean samePadding;
        final float min, max;

        Window(Random random, int maxDilation) {
            kernelH = 1 + random.nextInt(5);
            kernelW = 1 + random.nextInt(5);
            strideH = 1 + random.nextInt(3);
            strideW = 1 + random.nextInt(3);
            dilationH = 1 + random.nextInt(maxDilation);
            dilationW = 1 + random.nextInt(maxDilation);
            samePadding = random.nextBoolean();
            inH = inputSize(random, (kernelH - 1) * dilationH + 1);
            inW = inputSize(random, (kernelW - 1) * dilationW + 1);
            inC = 1 + random.nextInt(12);
            float[] clamp = CLAMPS[random.nextInt(CLAMPS.length)];
            min = clamp[0];
            max = clamp[1];
        }

        /** 1..20, the smallest size a quarter of the time; VALID windows need at least the dilated kernel. */
        private int inputSize(Random random, int effectiveKernel) {
            int smallest = samePadding ? 1 : effectiveKernel;
            return random.nextInt(4) == 0 ? smallest : smallest + random.nextInt(20 - smallest + 1);
        }

        /** The fast kernels' geometry, checked against the reference's output-size formula. */
        ConvGeometry geometry(int outC) {
            ConvGeometry g = new ConvGeometry(inH, inW, inC, outC, kernelH, kernelW, strideH, strideW, dilationH,
                    dilationW, samePadding);
            assertEquals(ReferenceKernels.outputSize(inH, kernelH, strideH, dilationH, samePadding), g.outH,
                    this + ": output height");
            assertEquals(ReferenceKernels.outputSize(inW, kernelW, strideW, dilationW, samePadding), g.outW,
                    this + ": output width");
            return g;
        }

        @Override
        public String toString() {
            return inH + "×" + inW + "×" + inC + " kernel " + kernelH + "×" + kernelW + " stride " + strideH + "×"
                    + strideW + " dilation " + dilationH + "×" + dilationW + (samePadding ? " SAME" : " VALID")
                    + " clamp [" + min + ", " + max + "]";
        }
    }
}
