package dev.lenslet.core;

import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import java.lang.management.ManagementFactory;

/**
 * Shows the zero-allocation target on the JVM (issue 4, target 5): after warm-up, counts the bytes this thread
 * allocates over many frames of {@code FloatNetwork.run()} and of {@link Classifier#run}, prints bytes per frame, and
 * exits with status 1 if either allocates. Run: {@code java -cp classifier-core/target/benchmarks.jar
 * dev.lenslet.core.AllocationCheck [frames]} from the project root. (JMH's gc profiler, in {@link JvmBenchTables},
 * reports the same as gc.alloc.rate.norm.)
 */
public final class AllocationCheck {
    private static final int WARM_UP_FRAMES = 300;

    private AllocationCheck() {
    }

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        System.out.printf("| frame | network | frames | bytes allocated per frame |%n|---|---|---|---|%n");
        boolean allocates = false;
        for (NetworkPath path : NetworkPath.values()) {
            Classifier classifier = BenchModel.loadClassifier(path);
            Runnable layers = BenchModel.networkRun(path);
            Pixels pixels = BenchModel.testPattern();
            for (int i = 0; i < WARM_UP_FRAMES; i++) {
                classifier.run(pixels, Crop.CENTER);
            }
            long networkBytes = allocatedBytes(frames, layers);
            long classifierBytes = allocatedBytes(frames, () -> classifier.run(pixels, Crop.CENTER));
            String name = path.arithmetic == Arithmetic.FLOAT ? "FloatNetwork.run" : "QuantizedNetwork.run";
            System.out.printf("| %s | %s | %d | %.1f |%n", name, path, frames, (double) networkBytes / frames);
            System.out.printf("| Classifier.run (preprocess + network) | %s | %d | %.1f |%n", path, frames,
                    (double) classifierBytes / frames);
            allocates |= networkBytes != 0 || classifierBytes != 0;
        }
        if (allocates) {
            System.exit(1);
        }
    }

    private static long allocatedBytes(int frames, Runnable frame) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < frames; i++) {
            frame.run();
        }
        return threads.getThreadAllocatedBytes(thread) - before;
    }
}
