package dev.lenslet.core.fp32;

/** One step of the network: reads its input slots, writes its output slot. Slots are reused buffers. */
interface Layer {
    void forward(float[][] slots);
}
