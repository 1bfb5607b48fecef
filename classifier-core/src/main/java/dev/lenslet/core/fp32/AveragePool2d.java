package dev.lenslet.core.fp32;

import dev.lenslet.core.graph.ConvGeometry;

/**
 * Average pooling over windows (AVERAGE_POOL_2D) or over the whole image (MEAN over height and width: the
 * global pool that yields MobileNet's feature vector). Windows average only the pixels inside the image.
 */
final class AveragePool2d implements Layer {
    private final ConvGeometry g;
    private final float min, max; // output clamp: fused activation ∩ the output's quantized range
    private final int in, out;

    AveragePool2d(ConvGeometry g, float min, float max, int inSlot, int outSlot) {
        this.g = g;
        this.min = min;
        this.max = max;
        this.in = inSlot;
        this.out = outSlot;
    }

    @Override
    public void forward(float[][] slots) {
        forward(g, slots[in], min, max, slots[out]);
    }

    /** out[oy][ox][c] = clamp(mean of in[iy][ix][c] over the window's pixels that lie inside the input). */
    static void forward(ConvGeometry g, float[] input, float min, float max, float[] output) {
        int c = g.inC;
        for (int oy = 0; oy < g.outH; oy++) {
            int y0 = Math.max(oy * g.strideH - g.padTop, 0);
            int y1 = Math.min(oy * g.strideH - g.padTop + g.kernelH, g.inH);
            for (int ox = 0; ox < g.outW; ox++) {
                int x0 = Math.max(ox * g.strideW - g.padLeft, 0);
                int x1 = Math.min(ox * g.strideW - g.padLeft + g.kernelW, g.inW);
                int o = (oy * g.outW + ox) * c;
                for (int k = 0; k < c; k++) {
                    output[o + k] = 0f;
                }
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int i = (y * g.inW + x) * c;
                        for (int k = 0; k < c; k++) {
                            output[o + k] += input[i + k];
                        }
                    }
                }
                float inv = 1f / Math.max((y1 - y0) * (x1 - x0), 1);
                for (int k = 0; k < c; k++) {
                    output[o + k] *= inv;
                }
                Conv2d.clamp(output, o, c, min, max);
            }
        }
    }
}
