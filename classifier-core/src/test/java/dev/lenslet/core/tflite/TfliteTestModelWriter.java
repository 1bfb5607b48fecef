package dev.lenslet.core.tflite;

import dev.lenslet.core.fp32.ReferenceKernels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Writes TFLite model files (flatbuffer schema v3, file identifier "TFL3") for tests, so the reader and the
 * executor can be checked on graphs of any size, width and quantization without shipping model files. The
 * first half is the model API (tensors, constant buffers, operators); the second half builds random
 * MobileNet V1/V2-style graphs with it; the last part is a small FlatBuffers serializer.
 *
 * <p>Field indexes are those of tensorflow/lite/schema/schema.fbs (the same as {@link TfliteModelReader}'s).
 * A union field takes two slots: its type byte, then its table.
 */
public final class TfliteTestModelWriter {
    static final int MODEL_VERSION = 0, MODEL_OPERATOR_CODES = 1, MODEL_SUBGRAPHS = 2, MODEL_DESCRIPTION = 3,
            MODEL_BUFFERS = 4;
    static final int SUBGRAPH_TENSORS = 0, SUBGRAPH_INPUTS = 1, SUBGRAPH_OUTPUTS = 2, SUBGRAPH_OPERATORS = 3,
            SUBGRAPH_NAME = 4;
    static final int TENSOR_SHAPE = 0, TENSOR_TYPE = 1, TENSOR_BUFFER = 2, TENSOR_NAME = 3, TENSOR_QUANT = 4;
    static final int QUANT_SCALE = 2, QUANT_ZERO_POINT = 3, QUANT_DIMENSION = 6;
    static final int OP_OPCODE_INDEX = 0, OP_INPUTS = 1, OP_OUTPUTS = 2, OP_OPTIONS_TYPE = 3, OP_OPTIONS = 4;
    static final int OPCODE_DEPRECATED_BUILTIN = 0, OPCODE_CUSTOM = 1, OPCODE_BUILTIN = 3;
    static final int BUFFER_DATA = 0;
    /** BuiltinOptions union members, numbered from 1 in schema order. */
    private static final int CONV_2D_OPTIONS = 1, DEPTHWISE_CONV_2D_OPTIONS = 2, POOL_2D_OPTIONS = 5,
            SOFTMAX_OPTIONS = 9, ADD_OPTIONS = 11, RESHAPE_OPTIONS = 17, REDUCER_OPTIONS = 27;
    private static final int PADDING_SAME = 0, PADDING_VALID = 1;
    /** Builtin codes of operators Lenslet does not run, for rejection tests. */
    static final int MAX_POOL_2D = 17;
    /** Buffer data is 16-byte aligned (schema: force_align 16) so that runtimes can map weights in place. */
    private static final int BUFFER_ALIGNMENT = 16;

    private final List<Table> tensors = new ArrayList<>();
    private final List<Table> buffers = new ArrayList<>();
    private final List<Table> operators = new ArrayList<>();
    private final List<Table> operatorCodes = new ArrayList<>();
    private final List<String> operatorCodeKeys = new ArrayList<>(); // "builtin N" or "custom NAME", per code

    TfliteTestModelWriter() {
        buffers.add(new Table()); // buffer 0: the empty sentinel that tensors without data point at
    }

    // ---- Model API -------------------------------------------------------------------------------------------

    /** Adds a tensor; {@code data} (little-endian) makes it a constant, null an activation. Returns its index. */
    int tensor(String name, TensorType type, int[] shape, Quantization quantization, byte[] data) {
        Table tensor = new Table().ref(TENSOR_SHAPE, ScalarVector.ints(shape)).u8(TENSOR_TYPE, type.code);
        if (data != null) {
            buffers.add(new Table().ref(BUFFER_DATA, new ScalarVector(data, data.length, BUFFER_ALIGNMENT, false)));
            tensor.i32(TENSOR_BUFFER, buffers.size() - 1);
        }
        tensor.ref(TENSOR_NAME, ScalarVector.string(name));
        if (quantization != null) {
            tensor.ref(TENSOR_QUANT, new Table()
                    .ref(QUANT_SCALE, ScalarVector.floats(quantization.scales))
                    .ref(QUANT_ZERO_POINT, ScalarVector.longs(quantization.zeroPoints))
                    .i32(QUANT_DIMENSION, quantization.dimension));
        }
        tensors.add(tensor);
        return tensors.size() - 1;
    }

    /** An activation tensor with one scale and zero point. */
    int activation(String name, TensorType type, int[] shape, float scale, long zeroPoint) {
        return tensor(name, type, shape, perTensor(scale, zeroPoint), null);
    }

    /** A constant int32 vector without quantization (RESHAPE's shape, MEAN's axes). */
    int int32Constant(String name, int... values) {
        return tensor(name, TensorType.INT32, new int[] {values.length}, null, littleEndian(values));
    }

    void conv2d(int input, int filter, int bias, int output, boolean samePadding, int stride, Activation activation) {
        builtin(OperatorType.CONV_2D.code, ints(input, filter, bias), ints(output), CONV_2D_OPTIONS, new Table()
                .u8(0, padding(samePadding)).i32(1, stride).i32(2, stride).u8(3, activationCode(activation)));
    }

    void depthwiseConv2d(int input, int filter, int bias, int output, boolean samePadding, int stride, int multiplier,
                         Activation activation) {
        builtin(OperatorType.DEPTHWISE_CONV_2D.code, ints(input, filter, bias), ints(output), DEPTHWISE_CONV_2D_OPTIONS,
                new Table().u8(0, padding(samePadding)).i32(1, stride).i32(2, stride).i32(3, multiplier)
                        .u8(4, activationCode(activation)));
    }

    void add(int a, int b, int output, Activation activation) {
        builtin(OperatorType.ADD.code, ints(a, b), ints(output), ADD_OPTIONS,
                new Table().u8(0, activationCode(activation)));
    }

    void averagePool2d(int input, int output, boolean samePadding, int stride, int filterH, int filterW) {
        builtin(OperatorType.AVERAGE_POOL_2D.code, ints(input), ints(output), POOL_2D_OPTIONS, new Table()
                .u8(0, padding(samePadding)).i32(1, stride).i32(2, stride).i32(3, filterW).i32(4, filterH));
    }

    void mean(int input, int axes, int output, boolean keepDims) {
        builtin(OperatorType.MEAN.code, ints(input, axes), ints(output), REDUCER_OPTIONS,
                new Table().u8(0, keepDims ? 1 : 0));
    }

    void reshape(int input, int shape, int output, int[] newShape) {
        builtin(OperatorType.RESHAPE.code, ints(input, shape), ints(output), RESHAPE_OPTIONS,
                new Table().ref(0, ScalarVector.ints(newShape)));
    }

    void softmax(int input, int output, float beta) {
        builtin(OperatorType.SOFTMAX.code, ints(input), ints(output), SOFTMAX_OPTIONS, new Table().f32(0, beta));
    }

    void quantize(int input, int output) {
        builtin(OperatorType.QUANTIZE.code, ints(input), ints(output), 0, null);
    }

    /** Any builtin operator by its schema code; {@code options} may be null (then optionsType is ignored). */
    private void builtin(int code, int[] inputs, int[] outputs, int optionsType, Table options) {
        int opcode = operatorCode("builtin " + code, new Table()
                .u8(OPCODE_DEPRECATED_BUILTIN, Math.min(code, 127)) // codes above 127 only fit the int field
                .i32(OPCODE_BUILTIN, code));
        Table op = new Table().i32(OP_OPCODE_INDEX, opcode).ref(OP_INPUTS, ScalarVector.ints(inputs))
                .ref(OP_OUTPUTS, ScalarVector.ints(outputs));
        if (options != null) {
            op.u8(OP_OPTIONS_TYPE, optionsType).ref(OP_OPTIONS, options);
        }
        operators.add(op);
    }

    /** An operator that runtimes look up by name (builtin code CUSTOM = 32). */
    void custom(String name, int[] inputs, int[] outputs) {
        int opcode = operatorCode("custom " + name, new Table().u8(OPCODE_DEPRECATED_BUILTIN, 32)
                .ref(OPCODE_CUSTOM, ScalarVector.string(name)).i32(OPCODE_BUILTIN, 32));
        operators.add(new Table().i32(OP_OPCODE_INDEX, opcode).ref(OP_INPUTS, ScalarVector.ints(inputs))
                .ref(OP_OUTPUTS, ScalarVector.ints(outputs)));
    }

    /** The model file with one subgraph whose input and output are the given tensors. */
    byte[] toBytes(int input, int output) {
        Table subgraph = new Table()
                .ref(SUBGRAPH_TENSORS, new TableVector(tensors))
                .ref(SUBGRAPH_INPUTS, ScalarVector.ints(input))
                .ref(SUBGRAPH_OUTPUTS, ScalarVector.ints(output))
                .ref(SUBGRAPH_OPERATORS, new TableVector(operators))
                .ref(SUBGRAPH_NAME, ScalarVector.string("main"));
        Table model = new Table()
                .i32(MODEL_VERSION, 3)
                .ref(MODEL_OPERATOR_CODES, new TableVector(operatorCodes))
                .ref(MODEL_SUBGRAPHS, new TableVector(List.of(subgraph)))
                .ref(MODEL_DESCRIPTION, ScalarVector.string("Lenslet synthetic test model"))
                .ref(MODEL_BUFFERS, new TableVector(buffers));
        return Output.serialize(model, "TFL3");
    }

    private int operatorCode(String key, Table code) {
        int index = operatorCodeKeys.indexOf(key);
        if (index < 0) {
            operatorCodeKeys.add(key);
            operatorCodes.add(code);
            index = operatorCodes.size() - 1;
        }
        return index;
    }

    private static int padding(boolean samePadding) {
        return samePadding ? PADDING_SAME : PADDING_VALID;
    }

    /** Schema ActivationFunctionType: NONE 0, RELU 1, RELU_N1_TO_1 2, RELU6 3, the order of {@link Activation}. */
    private static int activationCode(Activation activation) {
        return activation.ordinal();
    }

    private static Quantization perTensor(float scale, long zeroPoint) {
        return new Quantization(new float[] {scale}, new long[] {zeroPoint}, 0);
    }

    private static int[] ints(int... values) {
        return values;
    }

    private static byte[] littleEndian(int[] values) {
        byte[] out = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            putInt(out, 4 * i, values[i]);
        }
        return out;
    }

    static void putInt(byte[] bytes, int pos, int value) {
        bytes[pos] = (byte) value;
        bytes[pos + 1] = (byte) (value >> 8);
        bytes[pos + 2] = (byte) (value >> 16);
        bytes[pos + 3] = (byte) (value >> 24);
    }

    // ---- Random MobileNet-style graphs -----------------------------------------------------------------------

    /** How a synthetic graph stores weights and activations: the two kinds of quantized MobileNet files. */
    public enum Format {
        /** uint8 weights and activations, one scale and zero point per tensor (quantization-aware training). */
        UINT8_PER_TENSOR(TensorType.UINT8),
        /**
         * int8 symmetric weights with one scale per output channel (quantized_dimension 0 for conv, 3 for
         * depthwise), int8 activations between a QUANTIZE after the uint8 input and one before the uint8 output
         * (post-training quantization).
         */
        INT8_PER_CHANNEL(TensorType.INT8);

        final TensorType activationType;

        Format(TensorType activationType) {
            this.activationType = activationType;
        }

        /** Zero point that puts real 0 at the bottom of the 8-bit range (ReLU6 outputs). */
        long zeroAtBottom() {
            return this == UINT8_PER_TENSOR ? 0 : -128;
        }

        /** Zero point that puts real 0 in the middle of the 8-bit range (linear outputs). */
        long zeroInMiddle() {
            return this == UINT8_PER_TENSOR ? 128 : 0;
        }
    }

    /**
     * MobileNetV2 shape: 3×3 stride-2 stem, inverted-residual blocks (1×1 expand, 3×3 depthwise, 1×1 linear
     * project, ADD shortcut when shape allows), a 1×1 head to 1280 features, global AVERAGE_POOL_2D, 1×1
     * classifier, RESHAPE, SOFTMAX. Only the first three stages (five blocks) of the real network, so it stays
     * small; channel counts follow the real width-multiplier rule.
     */
    public static byte[] mobileNetV2(long seed, Format format, float widthMultiplier, int height, int width, int classes) {
        RandomGraph graph = new RandomGraph(seed, format, height, width, 1f / 128, 128, false);
        graph.conv(channels(32, widthMultiplier), 3, 2, Activation.RELU6);
        int[][] stages = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 2, 2}}; // expansion t, channels c, repeats n, stride s
        for (int[] stage : stages) {
            for (int i = 0; i < stage[2]; i++) {
                graph.invertedResidual(stage[0], channels(stage[1], widthMultiplier), i == 0 ? stage[3] : 1);
            }
        }
        graph.conv(1280, 1, 1, Activation.RELU6); // MobileNetV2 keeps 1280 features for widths up to 1.0
        graph.averagePool();
        return graph.classifier(classes);
    }

    /**
     * MobileNet V1 shape: 3×3 stride-2 stem, depthwise-separable blocks (3×3 depthwise then 1×1 conv, both
     * ReLU6, the first with depth multiplier 2), MEAN over height and width, 1×1 classifier, RESHAPE, SOFTMAX.
     * As in files of the V1 era, ReLU6 is left out of the options and done by the outputs' [0, 6] range alone.
     */
    public static byte[] mobileNetV1(long seed, Format format, float widthMultiplier, int height, int width, int classes) {
        RandomGraph graph = new RandomGraph(seed, format, height, width, 1f / 127.5f, 127, true);
        graph.conv(channels(32, widthMultiplier), 3, 2, Activation.RELU6);
        graph.depthwise(2, 1);
        graph.conv(channels(64, widthMultiplier), 1, 1, Activation.RELU6);
        graph.depthwise(1, 2);
        graph.conv(channels(128, widthMultiplier), 1, 1, Activation.RELU6);
        graph.depthwise(1, 1);
        graph.conv(channels(128, widthMultiplier), 1, 1, Activation.RELU6);
        graph.mean();
        return graph.classifier(classes);
    }

    /** MobileNet's channel rule: c·width rounded to a multiple of 8, never below 8 nor more than 10% under. */
    private static int channels(int channels, float widthMultiplier) {
        float scaled = channels * widthMultiplier;
        int rounded = Math.max(8, (int) (scaled + 4) / 8 * 8);
        return rounded < 0.9f * scaled ? rounded + 8 : rounded;
    }

    /**
     * Appends layers with random weights after the current activation tensor, tracking its shape. Weights are
     * drawn with He scaling (σ = √(2 / fan-in)) so activations stay around 1 through the layers and neither
     * vanish nor sit in the clamps.
     */
    private static final class RandomGraph {
        /** Real range of linear (not ReLU6) activations: about [-10, 10]. */
        private static final float LINEAR_SCALE = 20f / 255;
        private static final float RELU6_SCALE = 6f / 255;

        private final TfliteTestModelWriter writer = new TfliteTestModelWriter();
        private final Random random;
        private final Format format;
        /** Write ReLU6 layers with fused activation NONE, leaving the clamp to the output's quantized range. */
        private final boolean relu6ByRangeOnly;
        private final int input;
        private int current, height, width, depth; // the activation the next layer reads, [1][height][width][depth]
        private float currentScale;
        private long currentZeroPoint;

        RandomGraph(long seed, Format format, int height, int width, float inputScale, long inputZeroPoint,
                    boolean relu6ByRangeOnly) {
            this.random = new Random(seed);
            this.format = format;
            this.relu6ByRangeOnly = relu6ByRangeOnly;
            int[] shape = {1, height, width, 3};
            input = writer.activation("input", TensorType.UINT8, shape, inputScale, inputZeroPoint);
            moveTo(input, height, width, 3, inputScale, inputZeroPoint);
            if (format == Format.INT8_PER_CHANNEL) {
                long shifted = inputZeroPoint - 128; // the same real values, stored as int8
                int quantized = writer.activation("input_int8", TensorType.INT8, shape, inputScale, shifted);
                writer.quantize(input, quantized);
                moveTo(quantized, height, width, 3, inputScale, shifted);
            }
        }

        /** A CONV_2D with SAME padding. */
        void conv(int outC, int kernel, int stride, Activation activation) {
            int[] shape = {outC, kernel, kernel, depth};
            Filter filter = filter("conv_weights", shape, Math.sqrt(2.0 / (kernel * kernel * depth)), 0);
            int bias = bias(outC, filter.quantization);
            int outH = ReferenceKernels.outputSize(height, kernel, stride, 1, true);
            int outW = ReferenceKernels.outputSize(width, kernel, stride, 1, true);
            int layerInput = current;
            int output = output("conv", outH, outW, outC, activation);
            writer.conv2d(layerInput, filter.tensor, bias, output, true, stride, fused(activation));
        }

        /** A 3×3 DEPTHWISE_CONV_2D with SAME padding and ReLU6. */
        void depthwise(int multiplier, int stride) {
            int outC = depth * multiplier;
            Filter filter = filter("depthwise_weights", new int[] {1, 3, 3, outC}, Math.sqrt(2.0 / 9), 3);
            int bias = bias(outC, filter.quantization);
            int outH = ReferenceKernels.outputSize(height, 3, stride, 1, true);
            int outW = ReferenceKernels.outputSize(width, 3, stride, 1, true);
            int layerInput = current;
            int output = output("depthwise", outH, outW, outC, Activation.RELU6);
            writer.depthwiseConv2d(layerInput, filter.tensor, bias, output, true, stride, multiplier,
                    fused(Activation.RELU6));
        }

        /** MobileNetV2's block: expand (unless t = 1), depthwise, linear project, shortcut ADD when shapes match. */
        void invertedResidual(int expansion, int outC, int stride) {
            int blockInput = current, inC = depth;
            if (expansion != 1) {
                conv(inC * expansion, 1, 1, Activation.RELU6);
            }
            depthwise(1, stride);
            conv(outC, 1, 1, Activation.NONE);
            if (stride == 1 && inC == outC) {
                int projected = current;
                int sum = output("add", height, width, depth, Activation.NONE);
                writer.add(blockInput, projected, sum, Activation.NONE);
            }
        }

        /** Global AVERAGE_POOL_2D (VALID, window = the whole image): MobileNetV2's feature vector. */
        void averagePool() {
            int pooled = pooledOutput("avgpool");
            writer.averagePool2d(current, pooled, false, 1, height, width);
            moveTo(pooled, 1, 1, depth, currentScale, currentZeroPoint);
        }

        /** MEAN over axes [1, 2] keeping dimensions: the global pool of Keras-exported MobileNets. */
        void mean() {
            int pooled = pooledOutput("mean");
            writer.mean(current, writer.int32Constant("mean_axes", 1, 2), pooled, true);
            moveTo(pooled, 1, 1, depth, currentScale, currentZeroPoint);
        }

        /** 1×1 conv to logits, RESHAPE to [1, classes], SOFTMAX (then QUANTIZE to uint8 for int8 graphs). */
        byte[] classifier(int classes) {
            conv(classes, 1, 1, Activation.NONE);
            int[] flat = {1, classes};
            int logits = writer.activation("logits", format.activationType, flat, currentScale, currentZeroPoint);
            writer.reshape(current, writer.int32Constant("logits_shape", flat), logits, flat);
            // TFLite fixes softmax outputs to scale 1/256 with 0 at the bottom of the range.
            int probabilities = writer.activation("probabilities", format.activationType, flat, 1f / 256,
                    format.zeroAtBottom());
            writer.softmax(logits, probabilities, 1f);
            if (format == Format.UINT8_PER_TENSOR) {
                return writer.toBytes(input, probabilities);
            }
            int output = writer.activation("probabilities_uint8", TensorType.UINT8, flat, 1f / 256, 0);
            writer.quantize(probabilities, output);
            return writer.toBytes(input, output);
        }

        /** The activation written into the op's options. */
        private Activation fused(Activation activation) {
            return relu6ByRangeOnly && activation == Activation.RELU6 ? Activation.NONE : activation;
        }

        /** A new [1, h, w, c] activation quantized for what the activation lets through; it becomes current. */
        private int output(String name, int outH, int outW, int outC, Activation activation) {
            boolean relu6 = activation == Activation.RELU6;
            float scale = relu6 ? RELU6_SCALE : LINEAR_SCALE;
            long zeroPoint = relu6 ? format.zeroAtBottom() : format.zeroInMiddle();
            int output = writer.activation(name + "_" + writer.tensors.size(), format.activationType,
                    new int[] {1, outH, outW, outC}, scale, zeroPoint);
            moveTo(output, outH, outW, outC, scale, zeroPoint);
            return output;
        }

        /** [1, 1, 1, depth] with the input's scale and zero point, as TFLite's quantized pooling requires. */
        private int pooledOutput(String name) {
            return writer.activation(name, format.activationType, new int[] {1, 1, 1, depth}, currentScale,
                    currentZeroPoint);
        }

        private void moveTo(int tensor, int h, int w, int c, float scale, long zeroPoint) {
            current = tensor;
            height = h;
            width = w;
            depth = c;
            currentScale = scale;
            currentZeroPoint = zeroPoint;
        }

        private record Filter(int tensor, Quantization quantization) {
        }

        /**
         * Random weights N(0, σ²) quantized as the format says: uint8 asymmetric over the whole tensor, or int8
         * symmetric (zero point 0, q in [-127, 127]) with one scale per slice along {@code channelDimension}.
         */
        private Filter filter(String name, int[] shape, double sigma, int channelDimension) {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = (float) (random.nextGaussian() * sigma);
            }
            boolean uint8 = format == Format.UINT8_PER_TENSOR;
            int channels = uint8 ? 1 : shape[channelDimension];
            int channelStride = 1; // distance between consecutive values of one channel's slice
            for (int d = channelDimension + 1; d < shape.length; d++) {
                channelStride *= shape[d];
            }
            float[] lo = new float[channels], hi = new float[channels];
            for (int i = 0; i < n; i++) {
                int c = (i / channelStride) % channels;
                lo[c] = Math.min(lo[c], values[i]);
                hi[c] = Math.max(hi[c], values[i]);
            }
            float[] scales = new float[channels];
            long[] zeroPoints = new long[channels];
            for (int c = 0; c < channels; c++) {
                if (uint8) {
                    scales[c] = (hi[c] - lo[c]) / 255;
                    zeroPoints[c] = Math.round(-lo[c] / scales[c]);
                } else {
                    scales[c] = Math.max(-lo[c], hi[c]) / 127;
                }
            }
            long qMin = uint8 ? 0 : -127, qMax = uint8 ? 255 : 127;
            byte[] data = new byte[n];
            for (int i = 0; i < n; i++) {
                int c = (i / channelStride) % channels;
                long q = Math.round(values[i] / scales[c]) + zeroPoints[c];
                data[i] = (byte) Math.max(qMin, Math.min(qMax, q));
            }
            Quantization quantization = new Quantization(scales, zeroPoints, channels == 1 ? 0 : channelDimension);
            int tensor = writer.tensor(name + "_" + writer.tensors.size(), format.activationType, shape, quantization,
                    data);
            return new Filter(tensor, quantization);
        }

        /** int32 bias N(0, 0.1²) with TFLite's scale: input scale × the filter's scale, per channel if it has them. */
        private int bias(int outC, Quantization filterQuantization) {
            float[] scales = new float[filterQuantization.scales.length];
            for (int c = 0; c < scales.length; c++) {
                scales[c] = currentScale * filterQuantization.scales[c];
            }
            int[] values = new int[outC];
            for (int c = 0; c < outC; c++) {
                values[c] = (int) Math.round(random.nextGaussian() * 0.1 / scales[scales.length == 1 ? 0 : c]);
            }
            return writer.tensor("bias_" + writer.tensors.size(), TensorType.INT32, new int[] {outC},
                    new Quantization(scales, new long[scales.length], 0), littleEndian(values));
        }
    }

    // ---- FlatBuffers serialization ---------------------------------------------------------------------------

    /** A value stored out of line and reached through a uoffset: a table, a vector or a string. */
    private interface Node {
        /** Appends this node (children are queued, not written) and returns the position references point at. */
        int writeTo(Output out);
    }

    /** A table under construction: scalar and reference fields by schema index, in any order. */
    private static final class Table implements Node {
        private record Scalar(int index, int size, int value) {
        }

        private record Reference(int index, Node target) {
        }

        private final List<Scalar> scalars = new ArrayList<>();
        private final List<Reference> references = new ArrayList<>();

        Table u8(int index, int value) {
            scalars.add(new Scalar(index, 1, value));
            return this;
        }

        Table i32(int index, int value) {
            scalars.add(new Scalar(index, 4, value));
            return this;
        }

        Table f32(int index, float value) {
            return i32(index, Float.floatToIntBits(value));
        }

        Table ref(int index, Node target) {
            references.add(new Reference(index, target));
            return this;
        }

        /**
         * Layout: the vtable (uint16 vtable size, uint16 table size, one uint16 field offset per slot, 0 = absent),
         * then the table 4-aligned: its int32 distance back to the vtable, then each field aligned to its size.
         */
        @Override
        public int writeTo(Output out) {
            int slots = 0;
            for (Scalar scalar : scalars) {
                slots = Math.max(slots, scalar.index + 1);
            }
            for (Reference reference : references) {
                slots = Math.max(slots, reference.index + 1);
            }
            int[] fieldOffset = new int[slots];
            int tableSize = 4;
            for (Scalar scalar : scalars) {
                tableSize = alignUp(tableSize, scalar.size);
                fieldOffset[scalar.index] = tableSize;
                tableSize += scalar.size;
            }
            for (Reference reference : references) {
                tableSize = alignUp(tableSize, 4);
                fieldOffset[reference.index] = tableSize;
                tableSize += 4;
            }
            tableSize = alignUp(tableSize, 4);

            out.padTo(2, 0);
            int vtable = out.size();
            out.appendU16(4 + 2 * slots);
            out.appendU16(tableSize);
            for (int offset : fieldOffset) {
                out.appendU16(offset);
            }
            out.padTo(4, 0);
            int table = out.size();
            out.appendZeros(tableSize);
            out.putI32(table, table - vtable);
            for (Scalar scalar : scalars) {
                if (scalar.size == 1) {
                    out.putU8(table + fieldOffset[scalar.index], scalar.value);
                } else {
                    out.putI32(table + fieldOffset[scalar.index], scalar.value);
                }
            }
            for (Reference reference : references) {
                out.refer(table + fieldOffset[reference.index], reference.target);
            }
            return table;
        }
    }

    /** A vector of scalars or a string: int32 length, then the elements (aligned to their size or more). */
    private static final class ScalarVector implements Node {
        private final byte[] elements;
        private final int length;
        private final int alignment;
        private final boolean nulTerminated;

        ScalarVector(byte[] elements, int length, int alignment, boolean nulTerminated) {
            this.elements = elements;
            this.length = length;
            this.alignment = alignment;
            this.nulTerminated = nulTerminated;
        }

        static ScalarVector ints(int... values) {
            return new ScalarVector(littleEndian(values), values.length, 4, false);
        }

        static ScalarVector floats(float[] values) {
            int[] bits = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                bits[i] = Float.floatToIntBits(values[i]);
            }
            return new ScalarVector(littleEndian(bits), values.length, 4, false);
        }

        static ScalarVector longs(long[] values) {
            int[] halves = new int[2 * values.length];
            for (int i = 0; i < values.length; i++) {
                halves[2 * i] = (int) values[i];
                halves[2 * i + 1] = (int) (values[i] >> 32);
            }
            return new ScalarVector(littleEndian(halves), values.length, 8, false);
        }

        static ScalarVector string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            return new ScalarVector(utf8, utf8.length, 4, true);
        }

        @Override
        public int writeTo(Output out) {
            out.padTo(Math.max(alignment, 4), 4); // the elements, right after the length, get the alignment
            int start = out.size();
            out.appendZeros(4);
            out.putI32(start, length);
            out.appendBytes(elements);
            if (nulTerminated) {
                out.appendZeros(1);
            }
            return start;
        }
    }

    /** A vector of tables: int32 length, then one uoffset per table. */
    private static final class TableVector implements Node {
        private final List<Table> tables;

        TableVector(List<Table> tables) {
            this.tables = tables;
        }

        @Override
        public int writeTo(Output out) {
            out.padTo(4, 0);
            int start = out.size();
            out.appendZeros(4 + 4 * tables.size());
            out.putI32(start, tables.size());
            for (int i = 0; i < tables.size(); i++) {
                out.refer(start + 4 + 4 * i, tables.get(i));
            }
            return start;
        }
    }

    /**
     * Writes front to back: the root first, then every referenced node after the reference to it, breadth-first.
     * uoffsets are unsigned and must point forward, which this order guarantees.
     */
    private static final class Output {
        private byte[] bytes = new byte[4096];
        private int size;
        private final ArrayDeque<Pending> pending = new ArrayDeque<>();

        /** A uoffset at {@code at} still to be pointed at {@code target}. */
        private record Pending(int at, Node target) {
        }

        static byte[] serialize(Node root, String fileIdentifier) {
            Output out = new Output();
            out.appendZeros(4);
            out.appendBytes(fileIdentifier.getBytes(StandardCharsets.US_ASCII));
            out.refer(0, root);
            while (!out.pending.isEmpty()) {
                Pending next = out.pending.poll();
                int target = next.target.writeTo(out);
                out.putI32(next.at, target - next.at);
            }
            return Arrays.copyOf(out.bytes, out.size);
        }

        int size() {
            return size;
        }

        void refer(int uoffsetPosition, Node target) {
            pending.add(new Pending(uoffsetPosition, target));
        }

        /** Appends zeros until (size + offset) is a multiple of {@code alignment}. */
        void padTo(int alignment, int offset) {
            while ((size + offset) % alignment != 0) {
                appendZeros(1);
            }
        }

        void appendZeros(int n) {
            ensure(n);
            size += n;
        }

        void appendBytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        void appendU16(int value) {
            ensure(2);
            bytes[size++] = (byte) value;
            bytes[size++] = (byte) (value >> 8);
        }

        void putU8(int pos, int value) {
            bytes[pos] = (byte) value;
        }

        void putI32(int pos, int value) {
            putInt(bytes, pos, value);
        }

        private void ensure(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + n));
            }
        }
    }

    private static int alignUp(int n, int alignment) {
        return (n + alignment - 1) / alignment * alignment;
    }
}
