package dev.lenslet.core.quant;

import java.util.function.BiFunction;

/** One integer layer run alone on a byte-array arena, for the tests of the Java kernels and of the SIMD ones. */
final class ArenaRun {
    private ArenaRun() {
    }

    /**
     * Runs the layer {@code make} makes on an arena holding the inputs in slots 0 .. n − 1 and the output (set to
     * 0x5A first) in slot n, laid out after the layer's own regions as the network lays them out.
     */
    static byte[] run(BiFunction<ArenaLayout, HeapArena, QuantizedLayer> make, int outputSize, byte[]... inputs) {
        ArenaLayout layout = new ArenaLayout();
        HeapArena arena = new HeapArena();
        QuantizedLayer layer = make.apply(layout, arena);
        int[] slotAt = new int[inputs.length + 1];
        for (int s = 0; s < inputs.length; s++) {
            slotAt[s] = layout.scratch(inputs[s].length);
        }
        slotAt[inputs.length] = layout.scratch(outputSize);
        arena.allocate(layout.size(), slotAt);
        layout.initialize(arena);
        for (int s = 0; s < inputs.length; s++) {
            arena.put(slotAt[s], inputs[s], inputs[s].length);
        }
        arena.fill(slotAt[inputs.length], outputSize, 0x5A);
        layer.forward();
        byte[] output = new byte[outputSize];
        arena.get(slotAt[inputs.length], output, outputSize);
        return output;
    }
}
