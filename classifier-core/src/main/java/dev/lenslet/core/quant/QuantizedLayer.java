package dev.lenslet.core.quant;

/**
 * One step of an integer network: reads its input slots, writes its output slot, all raw uint8 tensors in the
 * network's arena, which the layer was made for.
 */
interface QuantizedLayer {
    void forward();
}
