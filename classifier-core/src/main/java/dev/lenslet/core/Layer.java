package dev.lenslet.core;

/** One step of the network: reads its input slots, writes its output slot. Slots are reused buffers. */
interface Layer {
    void forward(float[][] slots);

    /** What it computes, for profiles: conv, pointwise, depthwise, add, pool, softmax or copy. */
    String kind();

    /** Its shapes, for profiles, e.g. "56x56x24 -> 56x56x144". */
    String shape();

    /** Multiply-adds per forward, for profiles; none for layers that only add, average or move values. */
    default long multiplyAdds() {
        return 0;
    }
}
