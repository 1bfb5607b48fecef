package dev.lenslet.core.quant;

import dev.lenslet.core.KernelBenchmark;
import dev.lenslet.core.KernelData;
import java.util.Random;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * 1×1 convolutions at MobileNetV2's expand and project shapes as the integer matrix products (one kernel form, so
 * its figures repeat under both {@code kernels}).
 */
public class QuantizedPointwiseBenchmark extends KernelBenchmark {
    /** pixels x inC x outC: blocks 0-1 at 112², 2 at 56², 4 at 28², 7 and 11 at 14², 14 and the head at 7². */
    @Param({"12544x32x16", "12544x16x96", "3136x24x144", "3136x144x24", "784x32x192", "784x192x32",
            "196x64x384", "196x384x64", "196x96x576", "196x576x96", "49x160x960", "49x960x160", "49x320x1280"})
    public String shape;

    @Setup
    public void build() {
        int[] d = KernelData.dims(shape);
        int pixels = d[0], inC = d[1], outC = d[2];
        byte[] weights = new byte[outC * inC]; // [outC][inC]
        new Random(1).nextBytes(weights);
        int[] bias = new int[outC];            // [outC]
        Requantizer relu6 = new Requantizer(1.0 / (64 * inC), 0, 0, 255);
        HeapArena arena = new HeapArena();
        QuantizedLayer layer = new QuantizedPointwiseConv2d(pixels,
                new QuantizedMatMul(inC, outC, weights, 120, bias, 128, relu6), arena, 0, 1);
        ArenaLayout layout = new ArenaLayout();
        int[] slotAt = {layout.scratch(pixels * inC), layout.scratch(pixels * outC)};
        arena.allocate(layout.size(), slotAt);
        byte[] input = new byte[pixels * inC];
        new Random(3).nextBytes(input);
        arena.put(slotAt[0], input, input.length);
        use(layer::forward, arena.bytes);
    }
}
