package dev.lenslet.server.kernel;

import dev.lenslet.core.kernel.KernelSet;

/**
 * The float kernels the CLI, the REST API and {@code serve} run: {@link VectorKernelSet} when the JVM was started
 * with the Vector API module, else the core's {@link KernelSet#VECTORIZABLE}. {@code java -jar} cannot add a module
 * from the jar's manifest, so the user has to: the start-up line says which set runs and how to get the fast one.
 */
public final class JvmKernels {
    /** The Java option that makes the Vector API kernels available. */
    static final String ENABLE_OPTION = "--add-modules jdk.incubator.vector";
    /** The set chosen for this JVM, once: the module layer does not change while it runs. */
    public static final KernelSet CHOSEN = vectorApiPresent() ? VectorKernelSet.INSTANCE : KernelSet.VECTORIZABLE;

    private JvmKernels() {
    }

    /** Whether jdk.incubator.vector is in the boot layer (the VectorKernelSet class can only load then). */
    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** One line for the start-up output: the kernels in use, and how to enable the fast ones if they are not. */
    public static String description() {
        if (CHOSEN == KernelSet.VECTORIZABLE) {
            return "lenslet: float kernels: C2-vectorized loops (VECTORIZABLE); run java " + ENABLE_OPTION
                    + " -jar ... for the faster Vector API kernels";
        }
        return "lenslet: float kernels: Vector API, " + VectorKernelSet.width() + " (" + CHOSEN + ")";
    }
}
