package dev.lenslet.core.graph;

import dev.lenslet.core.tflite.ModelOperator;
import dev.lenslet.core.tflite.ModelTensor;

/**
 * Makes the kernels of one arithmetic, float32 ({@link FloatLayers}) or exact uint8 ({@link QuantizedLayers}).
 * {@link NetworkBuilder} checks each operator's shapes and hands over its checked tensors and slots; a factory
 * refuses what its arithmetic cannot run. {@code bias} is null when the operator has none.
 */
public interface LayerFactory<L> {
    /** Regular convolution; filter [outC][kH][kW][inC]. */
    L conv(ModelOperator op, ConvGeometry g, ModelTensor in, ModelTensor filter, ModelTensor bias, ModelTensor out,
           int inSlot, int outSlot);

    /** [rows][inC] by filter [outC][inC] ([outC][1][1][inC] for a conv): 1×1 stride-1 conv or fully-connected. */
    L pointwise(ModelOperator op, int rows, int inC, ModelTensor in, ModelTensor filter, ModelTensor bias, ModelTensor out,
                int inSlot, int outSlot);

    /** Depthwise convolution; filter [1][kH][kW][inC · depthMultiplier]. */
    L depthwise(ModelOperator op, ConvGeometry g, ModelTensor in, ModelTensor filter, ModelTensor bias,
                ModelTensor out, int inSlot, int outSlot);

    /** Element-wise sum of two tensors of the output's shape. */
    L add(ModelOperator op, ModelTensor a, ModelTensor b, ModelTensor out, int aSlot, int bSlot, int outSlot);

    /** AVERAGE_POOL_2D, or MEAN over height and width as one window over the whole image. */
    L averagePool(ModelOperator op, ConvGeometry g, ModelTensor in, ModelTensor out, int inSlot, int outSlot);

    /** Softmax over the last dimension of [rows][classes]. */
    L softmax(ModelOperator op, int rows, int classes, ModelTensor in, ModelTensor out, int inSlot, int outSlot);

    /** RESHAPE, SQUEEZE, QUANTIZE or DEQUANTIZE between tensors of the same element count. */
    L reshape(ModelOperator op, ModelTensor in, ModelTensor out, int inSlot, int outSlot);
}
