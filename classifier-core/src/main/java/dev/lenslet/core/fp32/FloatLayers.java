package dev.lenslet.core.fp32;

import dev.lenslet.core.graph.ConvGeometry;
import dev.lenslet.core.graph.LayerFactory;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.tflite.ModelOperator;
import dev.lenslet.core.tflite.ModelTensor;
import dev.lenslet.core.tflite.Quantization;
import dev.lenslet.core.tflite.TensorType;

/** The float32 kernels: weights dequantized once (per channel where given), activations in float. */
final class FloatLayers implements LayerFactory<Layer> {
    private final KernelSet kernels;

    FloatLayers(KernelSet kernels) {
        this.kernels = kernels;
    }

    @Override
    public Layer conv(ModelOperator op, ConvGeometry g, ModelTensor in, ModelTensor filter, ModelTensor bias,
                      ModelTensor out, int inSlot, int outSlot) {
        return new Conv2d(kernels, g, filter.dequantize(), ModelTensor.dequantizedOrZeros(bias, g.outC), min(op, out),
                max(op, out), inSlot, outSlot);
    }

    @Override
    public Layer pointwise(ModelOperator op, int rows, int inC, ModelTensor in, ModelTensor filter, ModelTensor bias,
                           ModelTensor out, int inSlot, int outSlot) {
        int outC = filter.shape[0];
        return new PointwiseConv2d(kernels, rows, inC, outC, filter.dequantize(),
                ModelTensor.dequantizedOrZeros(bias, outC), min(op, out), max(op, out), inSlot, outSlot);
    }

    @Override
    public Layer depthwise(ModelOperator op, ConvGeometry g, ModelTensor in, ModelTensor filter, ModelTensor bias,
                           ModelTensor out, int inSlot, int outSlot) {
        return new DepthwiseConv2d(kernels, g, op.depthMultiplier, filter.dequantize(),
                ModelTensor.dequantizedOrZeros(bias, g.outC), min(op, out), max(op, out), inSlot, outSlot);
    }

    @Override
    public Layer add(ModelOperator op, ModelTensor a, ModelTensor b, ModelTensor out, int aSlot, int bSlot,
                     int outSlot) {
        return new Add(out.elementCount(), min(op, out), max(op, out), aSlot, bSlot, outSlot);
    }

    @Override
    public Layer averagePool(ModelOperator op, ConvGeometry g, ModelTensor in, ModelTensor out, int inSlot,
                             int outSlot) {
        return new AveragePool2d(g, min(op, out), max(op, out), inSlot, outSlot);
    }

    @Override
    public Layer softmax(ModelOperator op, int rows, int classes, ModelTensor in, ModelTensor out, int inSlot,
                         int outSlot) {
        return new Softmax(rows, classes, op.beta, inSlot, outSlot);
    }

    @Override
    public Layer reshape(ModelOperator op, ModelTensor in, ModelTensor out, int inSlot, int outSlot) {
        return new Copy(out.elementCount(), inSlot, outSlot);
    }

    /**
     * Lower clamp of an op's output: its fused activation, tightened to what the quantized output tensor can
     * hold. Older TFLite files leave ReLU6 out of the options and rely on that saturation (a uint8 output with
     * zero point 0 and scale 6/255 is ReLU6), so the float path must apply it too.
     */
    private static float min(ModelOperator op, ModelTensor out) {
        float[] range = quantizedRange(out);
        return range == null ? op.activation.min : Math.max(op.activation.min, range[0]);
    }

    private static float max(ModelOperator op, ModelTensor out) {
        float[] range = quantizedRange(out);
        return range == null ? op.activation.max : Math.min(op.activation.max, range[1]);
    }

    private static float[] quantizedRange(ModelTensor t) {
        Quantization q = t.quantization;
        if (q == null || q.perChannel() || (t.type != TensorType.UINT8 && t.type != TensorType.INT8)) {
            return null;
        }
        int lo = t.type == TensorType.UINT8 ? 0 : -128;
        float scale = q.scale(0);
        long zp = q.zeroPoint(0);
        return new float[] {scale * (lo - zp), scale * (lo + 255 - zp)};
    }
}
