package dev.lenslet.core.quant;

/**
 * RESHAPE and SQUEEZE of a uint8 tensor whose output keeps the input's scale and zero point: the bytes move, in
 * either kind of arena.
 */
final class QuantizedCopy implements QuantizedLayer {
    private final int size;
    private final Arena arena;
    private final int in, out;

    QuantizedCopy(int size, Arena arena, int inSlot, int outSlot) {
        this.size = size;
        this.arena = arena;
        this.in = inSlot;
        this.out = outSlot;
    }

    @Override
    public void forward() {
        arena.copy(arena.slot(in), arena.slot(out), size);
    }
}
