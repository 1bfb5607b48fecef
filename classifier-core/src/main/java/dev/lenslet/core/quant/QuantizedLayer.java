package dev.lenslet.core.quant;

/** One step of an integer network: reads its input slots, writes its output slot, all raw uint8 tensors. */
interface QuantizedLayer {
    void forward(byte[][] slots);
}
