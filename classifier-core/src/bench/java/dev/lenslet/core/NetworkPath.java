package dev.lenslet.core;

import dev.lenslet.core.kernel.KernelSet;

/**
 * Which network a whole-network benchmark runs: float with either kernel set, or exact integer (which has one
 * kernel form). Public because JMH's generated code, in another package, sets it.
 */
public enum NetworkPath {
    VECTORIZABLE(Arithmetic.FLOAT, KernelSet.VECTORIZABLE),
    REGISTER_BLOCKED(Arithmetic.FLOAT, KernelSet.REGISTER_BLOCKED),
    INTEGER(Arithmetic.INTEGER, KernelSet.REGISTER_BLOCKED);

    final Arithmetic arithmetic;
    final KernelSet kernels;

    NetworkPath(Arithmetic arithmetic, KernelSet kernels) {
        this.arithmetic = arithmetic;
        this.kernels = kernels;
    }
}
