package dev.lenslet.core.quant;

/** RESHAPE and SQUEEZE of a uint8 tensor whose output keeps the input's scale and zero point: the bytes move. */
final class QuantizedCopy implements QuantizedLayer {
    private final int size;
    private final int in, out;

    QuantizedCopy(int size, int inSlot, int outSlot) {
        this.size = size;
        this.in = inSlot;
        this.out = outSlot;
    }

    @Override
    public void forward(byte[][] slots) {
        System.arraycopy(slots[in], 0, slots[out], 0, size);
    }
}
