package dev.lenslet.core.quant;

import dev.lenslet.core.graph.ConvGeometry;

/**
 * Average pooling on uint8 tensors (AVERAGE_POOL_2D, or MEAN over height and width as one window over the whole
 * image), TFLite's way: the integer sum of the window's pixels inside the input, divided by their count rounding
 * half up, then clamped. Input and output share scale and zero point.
 */
final class QuantizedAveragePool2d implements QuantizedLayer {
    private final ConvGeometry g;
    private final int min, max; // output clamp: fused activation ∩ [0, 255]
    private final int[] sums;   // [C]: one window's sums
    private final HeapArena arena;
    private final int in, out;

    QuantizedAveragePool2d(ConvGeometry g, int min, int max, HeapArena arena, int inSlot, int outSlot) {
        this.g = g;
        this.min = min;
        this.max = max;
        this.sums = new int[g.inC];
        this.arena = arena;
        this.in = inSlot;
        this.out = outSlot;
    }

    /** out[oy][ox][c] = clamp((Σ in[iy][ix][c] + count/2) / count) over the window's pixels inside the input. */
    @Override
    public void forward() {
        byte[] bytes = arena.bytes;
        int input = arena.slot(in), output = arena.slot(out);
        int c = g.inC;
        for (int oy = 0; oy < g.outH; oy++) {
            int y0 = Math.max(oy * g.strideH - g.padTop, 0);
            int y1 = Math.min(oy * g.strideH - g.padTop + g.kernelH, g.inH);
            for (int ox = 0; ox < g.outW; ox++) {
                int x0 = Math.max(ox * g.strideW - g.padLeft, 0);
                int x1 = Math.min(ox * g.strideW - g.padLeft + g.kernelW, g.inW);
                java.util.Arrays.fill(sums, 0);
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int i = (y * g.inW + x) * c;
                        for (int k = 0; k < c; k++) {
                            sums[k] += bytes[input + i + k] & 0xFF;
                        }
                    }
                }
                int count = Math.max((y1 - y0) * (x1 - x0), 1);
                int o = (oy * g.outW + ox) * c;
                for (int k = 0; k < c; k++) {
                    int q = (sums[k] + count / 2) / count;
                    bytes[output + o + k] = (byte) (q < min ? min : (q > max ? max : q));
                }
            }
        }
    }
}
