package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lenslet.core.graph.ConvGeometry;
import dev.lenslet.core.quant.JavaIntegerLayers;
import dev.lenslet.core.quant.JavaIntegerLayers.Rescaling;
import dev.lenslet.server.http.TestServer;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every kernel of kernels.wasm (served by the server from the webapp jar) against the core's Java integer layer it
 * replaces ({@link JavaIntegerLayers}), with the constants packed by the core, in Chromium, on seeded random shapes:
 * odd channel counts, row and channel tails, zero points 0, 128, 255 and others, both depthwise strides, clamps,
 * left and right requantization shifts; plus MobileNetV2's own shapes. Each call runs on a memory image with guard bytes around every buffer
 * ({@link SimdKernelPage.Image}), which must come back untouched.
 */
class SimdKernelsIT {
    private static final int[] ZERO_POINTS = {0, 128, 255};
    @AutoClose
    private static TestServer server;
    @AutoClose("quit")
    private static ChromeDriver driver;
    private static SimdKernelPage page;

    @BeforeAll
    static void loadKernels() throws Exception {
        server = TestServer.start();
        driver = Chromium.start(SimdKernelsIT.class);
        driver.get(server.uri("/healthz").toString());
        page = new SimdKernelPage(driver);
        assertEquals("loaded add,average_pool,conv,copy,depthwise3x3,gemm", page.load());
    }

    private static int zeroPoint(Random random) {
        return random.nextInt(4) < 3 ? ZERO_POINTS[random.nextInt(3)] : random.nextInt(256);
    }

    /** A rescaling factor from 2^−24 to 4: right shifts, no shift, left shifts. */
    private static double real(Random random) {
        return Math.scalb(1 + random.nextDouble(), -24 + random.nextInt(26));
    }

    /** The full range, a ReLU-like [zero point, 255], ReLU6-like, or any [min, max]. */
    private static Rescaling requantize(Random random, double real, int zeroPoint) {
        int min = 0, max = 255;
        switch (random.nextInt(4)) {
            case 1 -> min = zeroPoint;
            case 2 -> {
                min = zeroPoint;
                max = Math.min(255, zeroPoint + 1 + random.nextInt(64));
            }
            case 3 -> {
                min = random.nextInt(256);
                max = min + random.nextInt(256 - min);
            }
            default -> {
            }
        }
        return Rescaling.of(real, zeroPoint, min, max);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static int[] bias(Random random, int length) {
        return bias(random, length, 1 << 20);
    }

    /** Biases in [−range, range). */
    private static int[] bias(Random random, int length, int range) {
        int[] bias = new int[length];
        for (int i = 0; i < length; i++) {
            bias[i] = random.nextInt(2 * range) - range;
        }
        return bias;
    }

    private static long[] withRequantize(Rescaling rq, long... args) {
        long[] all = java.util.Arrays.copyOf(args, args.length + 5);
        all[args.length] = rq.multiplier();
        all[args.length + 1] = rq.shift();
        all[args.length + 2] = rq.zeroPoint();
        all[args.length + 3] = rq.min();
        all[args.length + 4] = rq.max();
        return all;
    }

    @Test
    void gemmEqualsTheIntegerMatMul() {
        Random random = new Random(1301);
        for (int k = 0; k < 60; k++) {
            int inC = 1 + random.nextInt(40);
            gemm(random, 1 + random.nextInt(13), inC, 1 + random.nextInt(40), real(random) / inC, 1 << 20, 255);
        }
        // right shifts of 1 to 4 on small sums (inputs within 3 of their zero point): many results land on a
        // rounding tie, which TFLite rounds away from zero, and inside the clamp
        for (int k = 0; k < 20; k++) {
            gemm(random, 1 + random.nextInt(8), 1 + random.nextInt(4), 1 + random.nextInt(24),
                    Math.scalb(1 + random.nextDouble(), -2 - random.nextInt(4)), 1 << 8, 3);
        }
        gemm(random, 196, 576, 96, real(random) / 576, 1 << 20, 255);   // MobileNetV2's 14×14 expansion
        gemm(random, 49, 960, 160, real(random) / 960, 1 << 20, 255);   // the 7×7 projection
        gemm(random, 1, 1280, 1001, real(random) / 1280, 1 << 20, 255); // the classifier
    }

    /** @param spread inputs within ± spread of their zero point (clamped to 0..255) */
    private static void gemm(Random random, int rows, int inC, int outC, double real, int biasRange, int spread) {
        int inZero = zeroPoint(random), wZero = zeroPoint(random), outZero = zeroPoint(random);
        byte[] in = new byte[rows * inC], weights = bytes(random, outC * inC);
        for (int i = 0; i < in.length; i++) {
            in[i] = (byte) Math.max(0, Math.min(255, inZero - spread + random.nextInt(2 * spread + 1)));
        }
        int[] bias = bias(random, outC, biasRange);
        Rescaling rq = requantize(random, real, outZero);
        String what = "gemm " + rows + "×" + inC + "→" + outC + " zx " + inZero + " zw " + wZero + " " + rq;
        byte[] expected = JavaIntegerLayers.pointwise(in, rows, inC, inZero, weights, outC, wZero, bias, rq);
        SimdKernelPage.Image image = new SimdKernelPage.Image(random);
        int inAt = image.input(in);
        int packedAt = image.input(JavaIntegerLayers.gemmWeights(weights, inC, outC, wZero, bias, inZero));
        int outAt = image.output(expected);
        image.run(page, what, "gemm", withRequantize(rq, inAt, rows, inC, packedAt, outC, outAt));
    }

    @Test
    void convEqualsTheIntegerStem() {
        Random random = new Random(1302);
        for (int k = 0; k < 12; k++) {
            int kernel = 1 + random.nextInt(3), stride = 1 + random.nextInt(2);
            conv(random, 1 + random.nextInt(9), 1 + random.nextInt(9), 1 + random.nextInt(4), kernel, stride,
                    1 + random.nextInt(20));
        }
        conv(random, 224, 224, 3, 3, 2, 32); // MobileNetV2's stem
    }

    private static void conv(Random random, int inH, int inW, int inC, int kernel, int stride, int outC) {
        ConvGeometry g = new ConvGeometry(inH, inW, inC, outC, kernel, kernel, stride, stride, 1, 1, true);
        int patchC = kernel * kernel * inC;
        int inZero = zeroPoint(random), wZero = zeroPoint(random), outZero = zeroPoint(random);
        byte[] in = bytes(random, inH * inW * inC), weights = bytes(random, outC * patchC);
        int[] bias = bias(random, outC);
        Rescaling rq = requantize(random, real(random) / patchC, outZero);
        String what = "conv " + inH + "×" + inW + "×" + inC + " k" + kernel + " /" + stride + " →" + outC + " zx "
                + inZero + " zw " + wZero + " " + rq;
        byte[] expected = JavaIntegerLayers.conv(in, g, inZero, weights, wZero, bias, rq);
        SimdKernelPage.Image image = new SimdKernelPage.Image(random);
        int inAt = image.input(in);
        int patchesAt = image.scratch(g.outW * patchC);
        int packedAt = image.input(JavaIntegerLayers.gemmWeights(weights, patchC, outC, wZero, bias, inZero));
        int outAt = image.output(expected);
        image.run(page, what, "conv", withRequantize(rq, inAt, inH, inW, inC, kernel, kernel, stride, stride,
                g.padTop, g.padLeft, g.outH, g.outW, inZero, patchesAt, packedAt, outC, outAt));
    }

    @Test
    void depthwiseEqualsTheIntegerDepthwise() {
        Random random = new Random(1303);
        for (int k = 0; k < 40; k++) {
            depthwise(random, 1 + random.nextInt(12), 1 + random.nextInt(12), 1 + random.nextInt(50),
                    1 + k % 2);
        }
        depthwise(random, 112, 112, 32, 1);  // MobileNetV2's first depthwise
        depthwise(random, 56, 56, 144, 2);
        depthwise(random, 7, 7, 960, 1);
    }

    private static void depthwise(Random random, int inH, int inW, int channels, int stride) {
        ConvGeometry g = new ConvGeometry(inH, inW, channels, channels, 3, 3, stride, stride, 1, 1, true);
        int inZero = zeroPoint(random), wZero = zeroPoint(random), outZero = zeroPoint(random);
        byte[] in = bytes(random, inH * inW * channels), weights = bytes(random, 9 * channels);
        int[] bias = bias(random, channels);
        Rescaling rq = requantize(random, real(random) / 9, outZero);
        String what = "depthwise " + inH + "×" + inW + "×" + channels + " /" + stride + " zx " + inZero + " zw "
                + wZero + " " + rq;
        byte[] expected = JavaIntegerLayers.depthwise(in, g, inZero, weights, wZero, bias, rq);
        SimdKernelPage.Image image = new SimdKernelPage.Image(random);
        int paddedAt = image.input(JavaIntegerLayers.padded(in, g, inZero));
        int packedAt = image.input(JavaIntegerLayers.depthwiseWeights(weights, channels, wZero, bias, inZero));
        int outAt = image.output(expected);
        image.run(page, what, "depthwise3x3", withRequantize(rq, paddedAt, JavaIntegerLayers.paddedWidth(g),
                channels, packedAt, outAt, g.outH, g.outW, stride));
    }

    @Test
    void addEqualsTheIntegerAdd() {
        Random random = new Random(1304);
        for (int k = 0; k < 30; k++) {
            add(random, 1 + random.nextInt(100));
        }
        add(random, 56 * 56 * 24); // MobileNetV2's first residual
    }

    private static void add(Random random, int n) {
        float aScale = (float) real(random), bScale = (float) real(random), outScale = (float) real(random);
        int aZero = zeroPoint(random), bZero = zeroPoint(random), outZero = zeroPoint(random);
        Rescaling clamp = requantize(random, 1, outZero);
        Rescaling[] rescale = JavaIntegerLayers.addRescalings(aScale, bScale, outScale, outZero, clamp.min(),
                clamp.max());
        Rescaling rescaleA = rescale[0], rescaleB = rescale[1], output = rescale[2];
        byte[] a = bytes(random, n), b = bytes(random, n);
        String what = "add " + n + " za " + aZero + " zb " + bZero + " " + rescaleA + " " + rescaleB + " " + output;
        byte[] expected = JavaIntegerLayers.add(a, aScale, aZero, b, bScale, bZero, outScale, outZero, clamp.min(),
                clamp.max());
        SimdKernelPage.Image image = new SimdKernelPage.Image(random);
        int aAt = image.input(a), bAt = image.input(b), outAt = image.output(expected);
        image.run(page, what, "add", aAt, bAt, outAt, n, rescaleA.multiplier(), rescaleA.shift(), aZero,
                rescaleB.multiplier(), rescaleB.shift(), bZero, output.multiplier(), output.shift(), outZero,
                output.min(), output.max());
    }

    @Test
    void copyMovesExactlyTheGivenBytes() {
        Random random = new Random(1306);
        for (int k = 0; k < 20; k++) {
            copy(random, random.nextInt(100));
        }
        copy(random, 112 * 96); // a row of MobileNetV2's first expansion, into its padded depthwise input
    }

    private static void copy(Random random, int n) {
        byte[] in = bytes(random, n);
        SimdKernelPage.Image image = new SimdKernelPage.Image(random);
        int inAt = image.input(in), outAt = image.output(in);
        image.run(page, "copy " + n, "copy", inAt, outAt, n);
    }

    @Test
    void averagePoolEqualsTheIntegerPool() {
        Random random = new Random(1305);
        for (int k = 0; k < 20; k++) {
            int inH = 1 + random.nextInt(9), inW = 1 + random.nextInt(9), stride = 1 + random.nextInt(2);
            boolean same = random.nextBoolean();
            int kernelH = 1 + random.nextInt(same ? 3 : inH), kernelW = 1 + random.nextInt(same ? 3 : inW);
            int channels = 1 + random.nextInt(40);
            averagePool(random, new ConvGeometry(inH, inW, channels, channels, kernelH, kernelW, stride, stride, 1, 1,
                    same));
        }
        averagePool(random, new ConvGeometry(7, 7, 1280, 1280, 7, 7, 1, 1, 1, 1, false)); // MobileNetV2's global pool
    }

    private static void averagePool(Random random, ConvGeometry g) {
        Rescaling clamp = requantize(random, 1, zeroPoint(random));
        byte[] in = bytes(random, g.inputSize());
        String what = "average pool " + g.describe() + " [" + clamp.min() + ", " + clamp.max() + "]";
        byte[] expected = JavaIntegerLayers.averagePool(in, g, clamp.min(), clamp.max());
        SimdKernelPage.Image image = new SimdKernelPage.Image(random);
        int inAt = image.input(in), outAt = image.output(expected);
        image.run(page, what, "average_pool", inAt, g.inH, g.inW, g.inC, g.kernelH, g.kernelW, g.strideH,
                g.strideW, g.padTop, g.padLeft, g.outH, g.outW, outAt, clamp.min(), clamp.max());
    }
}
