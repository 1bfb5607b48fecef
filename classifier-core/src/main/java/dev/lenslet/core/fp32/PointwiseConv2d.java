package dev.lenslet.core.fp32;

import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.kernel.MatMul;

/**
 * 1×1 convolution, stride 1 (MobileNet's expand and project layers, and the classifier): a matrix product
 * of [pixels][inC] by [inC][outC], plus bias and fused activation. About 95% of MobileNetV2's multiply-adds.
 */
final class PointwiseConv2d implements Layer {
    private final int pixels;
    private final MatMul matMul; // weights [outC][inC] repacked, bias [outC], output clamp
    private final int in, out;

    /** @param oiWeights TFLite layout [outC][inC] (conv [outC][1][1][inC] or fully-connected [outC][inC]) */
    PointwiseConv2d(KernelSet kernels, int pixels, int inC, int outC, float[] oiWeights, float[] bias, float min,
                    float max, int inSlot, int outSlot) {
        this.pixels = pixels;
        this.matMul = kernels.matMul(inC, outC, oiWeights, bias, min, max);
        this.in = inSlot;
        this.out = outSlot;
    }

    /** out[p][o] = clamp(bias[o] + Σ_i in[p][i] · w[o][i]) for every pixel p. */
    @Override
    public void forward(float[][] slots) {
        matMul.multiply(slots[in], 0, pixels, slots[out], 0);
    }
}
