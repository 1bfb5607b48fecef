package dev.lenslet.core;

import java.lang.management.ManagementFactory;

/**
 * Shows the zero-allocation target on the JVM (issue 4, target 5): after warm-up, counts the bytes this thread
 * allocates over many frames of {@link Network#run()} and of {@link Classifier#run}, prints bytes per frame, and
 * exits with status 1 if either allocates. Run: {@code java -cp classifier-core/target/benchmarks.jar
 * dev.lenslet.core.AllocationCheck [frames]} from the project root. (JMH's gc profiler, in {@link JvmBenchTables},
 * reports the same as gc.alloc.rate.norm.)
 */
public final class AllocationCheck {
    private static final int WARM_UP_FRAMES = 30;

    private AllocationCheck() {
    }

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        System.out.printf("| frame | kernels | frames | bytes allocated per frame |%n|---|---|---|---|%n");
        boolean allocates = false;
        for (KernelSet kernels : KernelSet.values()) {
            allocates |= check(kernels, frames);
        }
        if (allocates) {
            System.exit(1);
        }
    }

    /** Prints both frames' bytes for one kernel set; true if either allocates. */
    private static boolean check(KernelSet kernels, int frames) {
        Classifier classifier = BenchModel.loadClassifier(kernels);
        Network network = classifier.network();
        Pixels pixels = BenchModel.testPattern();
        for (int i = 0; i < WARM_UP_FRAMES; i++) {
            classifier.run(pixels, Crop.CENTER);
        }
        long networkBytes = allocatedBytes(frames, network::run);
        long classifierBytes = allocatedBytes(frames, () -> classifier.run(pixels, Crop.CENTER));
        System.out.printf("| Network.run | %s | %d | %.1f |%n", kernels, frames, (double) networkBytes / frames);
        System.out.printf("| Classifier.run (preprocess + network) | %s | %d | %.1f |%n", kernels, frames,
                (double) classifierBytes / frames);
        return networkBytes != 0 || classifierBytes != 0;
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
