package dev.lenslet.core.quant;

/**
 * A layer whose SIMD kernel reads one arena slot and writes another, requantizing its sums to the output's uint8:
 * what the stem, pointwise and depthwise layers share.
 */
abstract class SimdRequantizingLayer implements QuantizedLayer {
    final Requantizer rq;
    final DirectArena arena;
    private final int inSlot, outSlot;

    SimdRequantizingLayer(Requantizer rq, DirectArena arena, int inSlot, int outSlot) {
        this.rq = rq;
        this.arena = arena;
        this.inSlot = inSlot;
        this.outSlot = outSlot;
    }

    /** Where the input tensor is in linear memory. */
    final int in() {
        return arena.slotAddress(inSlot);
    }

    /** Where the output tensor is in linear memory. */
    final int out() {
        return arena.slotAddress(outSlot);
    }
}
