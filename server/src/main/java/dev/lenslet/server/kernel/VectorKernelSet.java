package dev.lenslet.server.kernel;

import dev.lenslet.core.kernel.DepthwiseInterior;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.kernel.MatMul;
import jdk.incubator.vector.FloatVector;

/**
 * The JVM-only float kernels on the Vector API (jdk.incubator.vector): register tiles of vector sums and fused
 * multiply-adds, which C2 does not make from plain loops. Loading this class needs the module in the boot layer
 * ({@code java --add-modules jdk.incubator.vector}); {@link JvmKernels} checks before it touches it. Public for
 * the kernel tests, which sit in the core's package to reach its reference kernels.
 */
public final class VectorKernelSet implements KernelSet {
    public static final VectorKernelSet INSTANCE = new VectorKernelSet();

    private VectorKernelSet() {
    }

    @Override
    public MatMul matMul(int inC, int outC, float[] oiWeights, float[] bias, float min, float max) {
        return new VectorMatMul(inC, outC, oiWeights, bias, min, max);
    }

    @Override
    public DepthwiseInterior depthwise3x3(int channels, int inW, int strideW, float[] weights, float[] bias,
                                          float min, float max) {
        return new VectorDepthwise(channels, inW, strideW, weights, bias, min, max);
    }

    /** "VECTOR_API", as the core's sets are named by their constants. */
    @Override
    public String toString() {
        return "VECTOR_API";
    }

    /** The vector width the kernels run at, e.g. "512-bit". */
    static String width() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit";
    }
}
