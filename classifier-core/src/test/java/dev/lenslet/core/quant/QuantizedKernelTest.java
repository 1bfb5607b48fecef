package dev.lenslet.core.quant;

import static dev.lenslet.core.quant.ArenaRun.run;
import dev.lenslet.core.fp32.ReferenceKernels;
import dev.lenslet.core.graph.ConvGeometry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fast integer kernel against {@link ReferenceQuantizedKernels}, bit for bit, on random shapes, zero points,
 * weights and rescalings: rows and channels that are and are not multiples of the 4×6 tile, 1 included. The
 * kernels without a separate fast version (add, pool, softmax) are checked against float arithmetic on the
 * dequantized values, within the one step of rounding TFLite's fixed point allows. Each case is its own seed.
 */
class QuantizedKernelTest {
    private static final int CASES_PER_KERNEL = 150;

    static LongStream seeds() {
        return LongStream.range(0, CASES_PER_KERNEL);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pointwiseMatchesReference(long seed) {
        Random random = new Random(seed);
        int rows = 1 + random.nextInt(40);
        // Few channels, more than one 32-channel lane chunk (not a multiple of it), up to MobileNetV2's widest 1280
        int inC = 1 + random.nextInt(random.nextBoolean() ? 8 : 1280);
        int outC = 1 + random.nextInt(40);
        int inZero = random.nextInt(256), wZero = random.nextInt(256);
        byte[] input = withZeros(random, bytes(random, rows * inC), rows, inC, (int) (seed % 4));
        byte[] weights = bytes(random, outC * inC); // [outC][inC]
        int[] bias = bias(random, outC);
        Requantizer rq = requantizer(random, inC);

        byte[] expected = ReferenceQuantizedKernels.pointwise(input, rows, inC, inZero, weights, outC, wZero, bias, rq);
        QuantizedMatMul matMul = new QuantizedMatMul(inC, outC, weights, wZero, bias, inZero, rq);
        byte[] actual = run((layout, arena) -> new QuantizedPointwiseConv2d(rows, matMul, arena, 0, 1), rows * outC,
                input);
        assertArrayEquals(expected, actual, rows + " rows × " + inC + " → " + outC);
    }

    /**
     * The lanes hold exactly {@link QuantizedMatMul#CHUNK} of the largest products: inputs 255 at the channels
     * kept, weights 255 with zero point 255 so that every exact sum is the bias alone, and any lane that carried
     * into its neighbour, or any chunk of more than CHUNK products after the zero channels are left out, shows.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pointwiseLanesHoldFullChunksOfTheLargestProducts(long seed) {
        Random random = new Random(seed);
        int rows = 4 + random.nextInt(12);
        int inC = 1 + random.nextInt(600);
        int outC = 1 + random.nextInt(13);
        byte[] input = new byte[rows * inC];
        java.util.Arrays.fill(input, (byte) 255);
        withZeros(random, input, rows, inC, (int) (seed % 4));
        byte[] weights = new byte[outC * inC]; // [outC][inC]
        java.util.Arrays.fill(weights, (byte) 255);
        int[] bias = bias(random, outC);
        Requantizer rq = new Requantizer(1.0 / 512, 128, 0, 255);

        byte[] expected = ReferenceQuantizedKernels.pointwise(input, rows, inC, 0, weights, outC, 255, bias, rq);
        QuantizedMatMul matMul = new QuantizedMatMul(inC, outC, weights, 255, bias, 0, rq);
        byte[] actual = run((layout, arena) -> new QuantizedPointwiseConv2d(rows, matMul, arena, 0, 1), rows * outC,
                input);
        assertArrayEquals(expected, actual, rows + " rows × " + inC + " → " + outC);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void conv2dMatchesReference(long seed) {
        Random random = new Random(seed);
        Window w = new Window(random);
        int outC = 1 + random.nextInt(12);
        int inZero = random.nextInt(256), wZero = random.nextInt(256);
        byte[] input = bytes(random, w.inH * w.inW * w.inC);
        byte[] weights = bytes(random, outC * w.kernelH * w.kernelW * w.inC); // [outC][kH][kW][inC]
        int[] bias = bias(random, outC);
        Requantizer rq = requantizer(random, w.kernelH * w.kernelW * w.inC);
        ConvGeometry g = w.geometry(outC);

        byte[] expected = ReferenceQuantizedKernels.conv2d(input, w.inH, w.inW, w.inC, inZero, weights, outC,
                w.kernelH, w.kernelW, wZero, bias, w.strideH, w.strideW, w.dilationH, w.dilationW, w.samePadding, rq);
        QuantizedMatMul matMul = new QuantizedMatMul(g.kernelH * g.kernelW * g.inC, outC, weights, wZero, bias,
                inZero, rq);
        byte[] actual = run((layout, arena) -> new QuantizedConv2d(g, matMul, inZero, layout, arena, 0, 1),
                g.outputSize(), input);
        assertArrayEquals(expected, actual, w + ", " + outC + " output channels");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void depthwiseConv2dMatchesReference(long seed) {
        Random random = new Random(seed);
        // Half the cases are MobileNet's 3×3 with multiplier 1, stride 1 or 2, which take the sliding interior.
        boolean mobileNet = random.nextBoolean();
        Window w = mobileNet ? Window.threeByThree(random) : new Window(random);
        int multiplier = mobileNet ? 1 : 1 + random.nextInt(3);
        int outC = w.inC * multiplier;
        int inZero = random.nextInt(256), wZero = random.nextInt(256);
        byte[] input = bytes(random, w.inH * w.inW * w.inC);
        byte[] weights = bytes(random, w.kernelH * w.kernelW * outC); // [1][kH][kW][inC·multiplier]
        int[] bias = bias(random, outC);
        Requantizer rq = requantizer(random, w.kernelH * w.kernelW);
        ConvGeometry g = w.geometry(outC);

        byte[] expected = ReferenceQuantizedKernels.depthwiseConv2d(input, w.inH, w.inW, w.inC, inZero, weights,
                multiplier, w.kernelH, w.kernelW, wZero, bias, w.strideH, w.strideW, w.dilationH, w.dilationW,
                w.samePadding, rq);
        byte[] actual = run((layout, arena) -> new QuantizedDepthwiseConv2d(g, multiplier, weights, wZero, bias, inZero,
                rq, layout, arena, 0, 1),
                g.outputSize(), input);
        assertArrayEquals(expected, actual, w + ", depth multiplier " + multiplier);
    }

    /** The fixed-point rescaling is round(acc · real) but for TFLite's double rounding: never more than 1 off. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void requantizerRoundsLikeRealArithmetic(long seed) {
        Random random = new Random(seed);
        double real = Math.pow(2, -20 + 22 * random.nextDouble()); // 2^-20 .. 4
        Requantizer rq = new Requantizer(real, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        for (int i = 0; i < 1000; i++) {
            int acc = random.nextInt(1 << 22) - (1 << 21);
            double exact = acc * real;
            assertEquals(exact, rq.apply(acc), 1 + Math.abs(exact) * 1e-9, acc + " · " + real);
        }
    }

    /** The branch-free {@link Requantizer#apply} against TFLite's two rounding steps as TFLite writes them. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void requantizerMatchesTflitesFixedPointSteps(long seed) {
        Random random = new Random(seed);
        double real = Math.pow(2, -40 + 44 * random.nextDouble()); // 2^-40 .. 16: right shifts 0..31, left 0..4
        int zero = random.nextInt(256);
        Requantizer rq = new Requantizer(real, zero, Integer.MIN_VALUE, Integer.MAX_VALUE);
        for (int i = 0; i < 2000; i++) {
            int acc = i < 6 ? new int[] {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE + 1, -(1 << 20)}[i]
                    : random.nextInt() >> random.nextInt(32);
            assertEquals(TfliteRescaling.multiply(acc, rq.multiplier, rq.shift) + zero, rq.apply(acc),
                    acc + " · " + real + " (multiplier " + rq.multiplier + ", shift " + rq.shift + ")");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void addMatchesRealArithmetic(long seed) {
        Random random = new Random(seed);
        int size = 1 + random.nextInt(300);
        float aScale = scale(random), bScale = scale(random), outScale = 2 * Math.max(aScale, bScale) * 
                (0.5f + random.nextFloat());
        int aZero = random.nextInt(256), bZero = random.nextInt(256), outZero = random.nextInt(256);
        byte[] a = bytes(random, size), b = bytes(random, size);
        byte[] actual = run((layout, arena) -> new QuantizedAdd(size, aScale, aZero, bScale, bZero, outScale, outZero,
                0, 255, arena, 0, 1, 2), size, a, b);
        for (int i = 0; i < size; i++) {
            double real = aScale * ((a[i] & 0xFF) - aZero) + bScale * ((b[i] & 0xFF) - bZero);
            long expected = Math.min(Math.max(Math.round(real / outScale) + outZero, 0), 255);
            assertEquals(expected, actual[i] & 0xFF, 1, "value " + i);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void averagePoolRoundsTheMeanOfTheWindow(long seed) {
        Random random = new Random(seed);
        Window w = Window.undilated(random);
        byte[] input = bytes(random, w.inH * w.inW * w.inC);
        ConvGeometry g = w.geometry(w.inC);
        byte[] actual = run((layout, arena) -> new QuantizedAveragePool2d(g, 0, 255, arena, 0, 1), g.outputSize(),
                input);

        float[] real = new float[input.length];
        for (int i = 0; i < input.length; i++) {
            real[i] = input[i] & 0xFF;
        }
        float[] mean = ReferenceKernels.averagePool(real, w.inH, w.inW, w.inC, w.kernelH, w.kernelW, w.strideH,
                w.strideW, w.samePadding, 0f, 255f);
        for (int i = 0; i < mean.length; i++) {
            assertEquals(Math.floor(mean[i] + 0.5 + 1e-4), actual[i] & 0xFF, w + ": value " + i);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void softmaxMatchesRealArithmetic(long seed) {
        Random random = new Random(seed);
        int rows = 1 + random.nextInt(3), classes = 1 + random.nextInt(1001);
        float inScale = 0.01f + 0.2f * random.nextFloat();
        byte[] input = bytes(random, rows * classes);
        byte[] actual = run((layout, arena) -> new QuantizedSoftmax(rows, classes, 1f, inScale, 1f / 256, 0, arena, 0,
                1), rows * classes, input);

        float[] logits = new float[input.length];
        for (int i = 0; i < input.length; i++) {
            logits[i] = inScale * (input[i] & 0xFF);
        }
        float[] expected = ReferenceKernels.softmax(logits, rows, classes, 1f);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Math.min(expected[i] * 256, 255), actual[i] & 0xFF, 0.5 + 1e-3, "value " + i);
        }
    }

    /**
     * values [rows][inC] with raw zeros, for the channels QuantizedMatMul leaves out when 0 in all 4 rows of a tile:
     * kind 0 none added; 1 three in four channels 0 in every row (the rest filled, so every row tile keeps a
     * quarter, more than a lane chunk once inC passes 128); 2 three in four values 0, as after ReLU6 (about a
     * third of the channels 0 in all 4 rows); 3 every value 0.
     */
    private static byte[] withZeros(Random random, byte[] values, int rows, int inC, int kind) {
        for (int i = 0; i < inC; i++) {
            boolean zeroChannel = kind == 3 || (kind == 1 && random.nextInt(4) != 0);
            for (int r = 0; r < rows; r++) {
                int at = r * inC + i;
                if (zeroChannel || (kind == 2 && random.nextInt(4) != 0)) {
                    values[at] = 0;
                } else if (kind == 1 && values[at] == 0) {
                    values[at] = 1;
                }
            }
        }
        return values;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] values = new byte[n];
        random.nextBytes(values);
        return values;
    }

    private static int[] bias(Random random, int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(1 << 17) - (1 << 16);
        }
        return values;
    }

    private static float scale(Random random) {
        return (float) Math.pow(2, -8 + 6 * random.nextDouble());
    }

    /**
     * A rescaling that spreads sums of {@code terms} products over the uint8 range, a random output zero point,
     * and a clamp that is none, ReLU-like or ReLU6-like.
     */
    private static Requantizer requantizer(Random random, int terms) {
        double real = Math.pow(2, -1 - 3 * random.nextDouble()) / (Math.sqrt(terms) * 128);
        int zero = random.nextInt(256);
        switch (random.nextInt(3)) {
            case 0: return new Requantizer(real, zero, 0, 255);
            case 1: return new Requantizer(real, zero, zero, 255);
            default: return new Requantizer(real, zero, zero, Math.min(255, zero + 1 + random.nextInt(200)));
        }
    }

    /** A random 2-D window op: input size and channels, kernel, stride, dilation and padding. */
    private static final class Window {
        final int inH, inW, inC, kernelH, kernelW, strideH, strideW, dilationH, dilationW;
        final boolean samePadding;

        Window(Random random) {
            this(random, 1 + random.nextInt(5), 1 + random.nextInt(5), 1 + random.nextInt(3), 1 + random.nextInt(3),
                    1 + random.nextInt(2), 1 + random.nextInt(2), random.nextBoolean());
        }

        private Window(Random random, int kernelH, int kernelW, int strideH, int strideW, int dilationH,
                       int dilationW, boolean samePadding) {
            this.kernelH = kernelH;
            this.kernelW = kernelW;
            this.strideH = strideH;
            this.strideW = strideW;
            this.dilationH = dilationH;
            this.dilationW = dilationW;
            this.samePadding = samePadding;
            int smallestH = samePadding ? 1 : (kernelH - 1) * dilationH + 1;
            int smallestW = samePadding ? 1 : (kernelW - 1) * dilationW + 1;
            inH = smallestH + random.nextInt(20);
            inW = smallestW + random.nextInt(20);
            inC = 1 + random.nextInt(20);
        }

        /** A pooling window: any size and stride, no dilation. */
        static Window undilated(Random random) {
            return new Window(random, 1 + random.nextInt(5), 1 + random.nextInt(5), 1 + random.nextInt(3),
                    1 + random.nextInt(3), 1, 1, random.nextBoolean());
        }

        /** MobileNet's depthwise window: 3×3, stride 1 or 2, no dilation. */
        static Window threeByThree(Random random) {
            return new Window(random, 3, 3, 1 + random.nextInt(2), 1 + random.nextInt(2), 1, 1, random.nextBoolean());
        }

        ConvGeometry geometry(int outC) {
            return new ConvGeometry(inH, inW, inC, outC, kernelH, kernelW, strideH, strideW, dilationH, dilationW,
                    samePadding);
        }

        @Override
        public String toString() {
            return inH + "×" + inW + "×" + inC + " kernel " + kernelH + "×" + kernelW + " stride " + strideH + "×"
                    + strideW + " dilation " + dilationH + "×" + dilationW + (samePadding ? " SAME" : " VALID");
        }
    }
}
