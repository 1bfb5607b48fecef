package dev.lenslet.server;

import dev.lenslet.core.fp32.FloatNetwork;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.tflite.TfliteModelReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The JVM's single-image latency, measured in this process on one thread: {@link FloatNetwork#run()} (the layers,
 * as onnxruntime-node's session.run is) on the real model, after warm-up, with a chosen {@link KernelSet}; and the
 * bytes the thread allocated per timed run (0 is the target: the core's AllocationCheck shows it for the core's
 * sets, this for the server's Vector API set, whose vectors C2 must keep out of the heap).
 */
final class JvmSingleImage {
    record Result(KernelSet kernels, int runs, double medianMs, double minMs, double bytesPerRun) {
    }

    private JvmSingleImage() {
    }

    static Result measure(Path model, KernelSet kernels, int runs, int warmups) throws IOException {
        FloatNetwork network = FloatNetwork.build(TfliteModelReader.read(Files.readAllBytes(model)), kernels);
        fillTestInput(network);
        for (int i = 0; i < warmups; i++) {
            network.run();
        }
        double[] times = new double[runs];
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            network.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        double bytesPerRun = (double) (threads.getThreadAllocatedBytes(thread) - allocatedBefore) / runs;
        Arrays.sort(times);
        int mid = runs / 2;
        double median = runs % 2 == 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
        return new Result(kernels, runs, median, times[0], bytesPerRun);
    }

    /** input[y][x][c] = ((x + y + 37·c) mod 256) / 127.5 − 1: what ort-node-single-image.js feeds, in NHWC. */
    private static void fillTestInput(FloatNetwork network) {
        float[] input = network.input(); // [height][width][channels]
        int w = network.inputWidth(), channels = 3;
        for (int y = 0; y < network.inputHeight(); y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) {
                    input[(y * w + x) * channels + c] = ((x + y + 37 * c) % 256) / 127.5f - 1;
                }
            }
        }
    }
}
