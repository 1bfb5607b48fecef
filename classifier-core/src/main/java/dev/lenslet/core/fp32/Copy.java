package dev.lenslet.core.fp32;

/** RESHAPE, SQUEEZE, QUANTIZE and DEQUANTIZE: in float arithmetic they only move values. */
final class Copy implements Layer {
    private final int size;
    private final int in, out;

    Copy(int size, int inSlot, int outSlot) {
        this.size = size;
        this.in = inSlot;
        this.out = outSlot;
    }

    @Override
    public void forward(float[][] slots) {
        System.arraycopy(slots[in], 0, slots[out], 0, size);
    }
}
