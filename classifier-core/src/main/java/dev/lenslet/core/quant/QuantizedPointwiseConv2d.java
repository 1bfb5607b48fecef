package dev.lenslet.core.quant;

/** 1×1 convolution, stride 1, or fully-connected, on uint8 tensors: one integer matrix product over the pixels. */
final class QuantizedPointwiseConv2d implements QuantizedLayer {
    private final int pixels;
    private final QuantizedMatMul matMul; // weights [outC][inC] packed in panels, bias [outC], requantization
    private final HeapArena arena;
    private final int in, out;

    QuantizedPointwiseConv2d(int pixels, QuantizedMatMul matMul, HeapArena arena, int inSlot, int outSlot) {
        this.pixels = pixels;
        this.matMul = matMul;
        this.arena = arena;
        this.in = inSlot;
        this.out = outSlot;
    }

    /** out[p][o] = requantize(bias[o] + Σ_i (in[p][i] − zx) · (w[o][i] − zw)) for every pixel p. */
    @Override
    public void forward() {
        byte[] bytes = arena.bytes;
        matMul.multiply(bytes, arena.slot(in), pixels, bytes, arena.slot(out));
    }
}
