package dev.lenslet.core.fp32;

import dev.lenslet.core.KernelData;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** The residual shortcut's element-wise add at each size the network adds at. */
public class AddBenchmark extends FloatKernelBenchmark {
    /** side x channels of the added tensors: 56²×24, 28²×32, 14²×64, 14²×96, 7²×160. */
    @Param({"56x24", "28x32", "14x64", "14x96", "7x160"})
    public String shape;

    @Setup
    public void build() {
        int[] d = KernelData.dims(shape);
        int size = d[0] * d[0] * d[1];
        // slots {a, b, out}, each [side][side][C]
        use(new Add(size, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0, 1, 2),
                new float[][] {KernelData.random(size, 1), KernelData.random(size, 2), new float[size]});
    }
}
