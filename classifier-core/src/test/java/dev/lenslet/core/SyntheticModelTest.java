package dev.lenslet.core;

import dev.lenslet.core.fp32.FloatNetwork;
import dev.lenslet.core.fp32.KernelTest;
import dev.lenslet.core.fp32.ReferenceKernels;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.tflite.ModelOperator;
import dev.lenslet.core.tflite.ModelTensor;
import dev.lenslet.core.tflite.OperatorType;
import dev.lenslet.core.tflite.Quantization;
import dev.lenslet.core.tflite.TensorType;
import dev.lenslet.core.tflite.TfliteModel;
import dev.lenslet.core.tflite.TfliteModelReader;
import dev.lenslet.core.tflite.TfliteTestModelWriter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.lenslet.core.tflite.TfliteTestModelWriter.Format;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole networks that are not the 224×224 width-1.0 MobileNetV2 of the real files: random MobileNet V1/V2-style
 * graphs written by {@link TfliteTestModelWriter} with other widths, non-square and odd input sizes, uint8
 * per-tensor and int8 per-channel weights. Lenslet's {@link Classifier} must compute what a plain op-by-op
 * forward pass over the same parsed graph computes with {@link ReferenceKernels} and
 * {@link ModelTensor#dequantize()}, and must reuse its activation buffers without carrying state between runs.
 */
class SyntheticModelTest {
    private static final int CLASSES = 11; // background + 10

    static Stream<Arguments> models() {
        return Stream.of(
                arguments(named("MobileNetV2 ×0.35 128×160 uint8 per-tensor",
                        TfliteTestModelWriter.mobileNetV2(1, Format.UINT8_PER_TENSOR, 0.35f, 128, 160, CLASSES))),
                arguments(named("MobileNetV2 ×0.5 96×96 int8 per-channel",
                        TfliteTestModelWriter.mobileNetV2(2, Format.INT8_PER_CHANNEL, 0.5f, 96, 96, CLASSES))),
                arguments(named("MobileNetV1 ×0.25 75×99 int8 per-channel",
                        TfliteTestModelWriter.mobileNetV1(3, Format.INT8_PER_CHANNEL, 0.25f, 75, 99, CLASSES))),
                arguments(named("MobileNetV1 ×0.25 33×17 uint8 per-tensor",
                        TfliteTestModelWriter.mobileNetV1(4, Format.UINT8_PER_TENSOR, 0.25f, 33, 17, CLASSES))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void matchesPlainForwardPassOverTheSameGraph(byte[] file) {
        TfliteModel model = TfliteModelReader.read(file);
        Classifier classifier = Classifier.load(file, labels(), KernelSet.VECTORIZABLE);
        ModelTensor input = model.input();
        assertEquals(input.shape[1], classifier.inputHeight());
        assertEquals(input.shape[2], classifier.inputWidth());
        Pixels pixels = randomPixels(new Random(7), input.shape[2], input.shape[1]);

        classifier.run(pixels, Crop.SQUASH);
        float[][] expected = referenceForward(model, dequantizedInput(pixels, input));

        float[] probabilities = expected[model.outputs[0]];
        float[] embedding = expected[globalPoolOutput(model)];
        assertMeaningful(probabilities, embedding);
        KernelTest.assertClose(probabilities, classifier.probabilities(), "probabilities");
        KernelTest.assertClose(embedding, classifier.embedding(), "embedding");
    }

    /** Per-channel graphs: int8 weights with one scale per output channel, dimension 0 for conv, 3 for depthwise. */
    @Test
    void perChannelGraphsQuantizeEachOutputChannel() {
        TfliteModel model = TfliteModelReader.read(
                TfliteTestModelWriter.mobileNetV2(2, Format.INT8_PER_CHANNEL, 0.5f, 96, 96, CLASSES));
        int filters = 0;
        for (ModelOperator op : model.operators) {
            if (op.type != OperatorType.CONV_2D && op.type != OperatorType.DEPTHWISE_CONV_2D) {
                continue;
            }
            ModelTensor filter = model.tensors.get(op.inputs[1]);
            ModelTensor bias = model.tensors.get(op.inputs[2]);
            int channelDimension = op.type == OperatorType.CONV_2D ? 0 : 3;
            String what = op.describe() + " " + filter.describe();
            assertEquals(TensorType.INT8, filter.type, what);
            assertEquals(channelDimension, filter.quantization.dimension, what);
            assertEquals(filter.shape[channelDimension], filter.quantization.scales.length, what);
            assertEquals(TensorType.INT32, bias.type, what);
            assertEquals(filter.quantization.scales.length, bias.quantization.scales.length, what);
            filters++;
        }
        assertEquals(17, filters, "stem, 5 blocks of (expand,) depthwise, project, head, classifier");
    }

    /**
     * Tensors whose lifetimes do not overlap share a buffer: the network holds at most twice the floats that are
     * live at its busiest step (the least any plan could hold), where one buffer per tensor would hold 2.6 to 3.8
     * times as many in these graphs. And since buffers are reused, a run must not depend on what ran before it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void reusesActivationBuffersWithoutCarryingState(byte[] file) {
        TfliteModel model = TfliteModelReader.read(file);
        long allActivations = 0;
        for (ModelTensor t : model.tensors) {
            allActivations += t.isConstant() ? 0 : t.elementCount();
        }
        long peak = peakLiveActivations(model);
        Classifier classifier = Classifier.load(file, labels(), KernelSet.VECTORIZABLE);
        long held = FloatNetwork.build(model, KernelSet.VECTORIZABLE).activationFloats();
        assertTrue(held <= 2 * peak && 2 * peak < allActivations, "buffers hold " + held + " floats; at most "
                + peak + " are live at once, " + allActivations + " in all");

        Random random = new Random(11);
        Pixels first = randomPixels(random, classifier.inputWidth(), classifier.inputHeight());
        Pixels second = randomPixels(random, classifier.inputWidth(), classifier.inputHeight());
        classifier.run(first, Crop.SQUASH);
        float[] probabilities = classifier.probabilities().clone();
        float[] embedding = classifier.embedding().clone();
        classifier.run(first, Crop.SQUASH);
        assertArrayEquals(probabilities, classifier.probabilities(), "the same image twice in a row");
        classifier.run(second, Crop.SQUASH);
        classifier.run(first, Crop.SQUASH);
        assertArrayEquals(probabilities, classifier.probabilities(), "the first image again after another");
        assertArrayEquals(embedding, classifier.embedding(), "the first image's embedding after another");
    }

    /**
     * The graph run op by op, each output a fresh array: the kernels of {@link ReferenceKernels}, weights from
     * {@link ModelTensor#dequantize()}, outputs clamped to the fused activation and to what the quantized output
     * tensor can represent (the saturation of the integer model). Returns every tensor's values by index.
     */
    private static float[][] referenceForward(TfliteModel model, float[] input) {
        float[][] values = new float[model.tensors.size()][];
        values[model.inputs[0]] = input;
        for (ModelOperator op : model.operators) {
            ModelTensor in = model.tensors.get(op.inputs[0]);
            ModelTensor out = model.tensors.get(op.outputs[0]);
            float[] x = values[in.index];
            float[] range = outputRange(op, out);
            switch (op.type) {
                case CONV_2D: {
                    ModelTensor filter = model.tensors.get(op.inputs[1]);
                    values[out.index] = ReferenceKernels.conv2d(x, in.shape[1], in.shape[2], in.shape[3],
                            filter.dequantize(), filter.shape[0], filter.shape[1], filter.shape[2],
                            model.tensors.get(op.inputs[2]).dequantize(), op.strideH, op.strideW, op.dilationH,
                            op.dilationW, op.samePadding, range[0], range[1]);
                    break;
                }
                case DEPTHWISE_CONV_2D: {
                    ModelTensor filter = model.tensors.get(op.inputs[1]);
                    values[out.index] = ReferenceKernels.depthwiseConv2d(x, in.shape[1], in.shape[2], in.shape[3],
                            filter.dequantize(), op.depthMultiplier, filter.shape[1], filter.shape[2],
                            model.tensors.get(op.inputs[2]).dequantize(), op.strideH, op.strideW, op.dilationH,
                            op.dilationW, op.samePadding, range[0], range[1]);
                    break;
                }
                case ADD:
                    values[out.index] = ReferenceKernels.add(x, values[op.inputs[1]], range[0], range[1]);
                    break;
                case AVERAGE_POOL_2D:
                    values[out.index] = ReferenceKernels.averagePool(x, in.shape[1], in.shape[2], in.shape[3],
                            op.filterH, op.filterW, op.strideH, op.strideW, op.samePadding, range[0], range[1]);
                    break;
                case MEAN:
                    assertArrayEquals(new int[] {1, 2}, model.tensors.get(op.inputs[1]).intValues(), "MEAN axes");
                    values[out.index] = ReferenceKernels.mean(x, in.shape[1], in.shape[2], in.shape[3], range[0],
                            range[1]);
                    break;
                case SOFTMAX: {
                    int classes = in.shape[in.shape.length - 1];
                    values[out.index] = ReferenceKernels.softmax(x, x.length / classes, classes, op.beta);
                    break;
                }
                case RESHAPE:
                case QUANTIZE:
                    values[out.index] = x; // in real numbers they change nothing
                    break;
                default:
                    throw new AssertionError("the synthetic graphs have no " + op.describe());
            }
        }
        return values;
    }

    /**
     * The most activation floats alive at one step: a tensor lives from the op that writes it (the input: from the
     * start) to the last op that reads it; the output and the global pool's features (the embedding) live to the
     * end, as the network keeps them for the caller.
     */
    private static long peakLiveActivations(TfliteModel model) {
        int steps = model.operators.size();
        int[] born = new int[model.tensors.size()];
        int[] dies = new int[model.tensors.size()];
        Arrays.fill(born, -1);
        born[model.inputs[0]] = 0;
        for (int i = 0; i < steps; i++) {
            ModelOperator op = model.operators.get(i);
            for (int t : op.inputs) {
                dies[t] = i;
            }
            born[op.outputs[0]] = i;
        }
        dies[model.outputs[0]] = steps;
        dies[globalPoolOutput(model)] = steps;
        long peak = 0;
        for (int i = 0; i < steps; i++) {
            long live = 0;
            for (ModelTensor t : model.tensors) {
                if (!t.isConstant() && born[t.index] >= 0 && born[t.index] <= i && i <= dies[t.index]) {
                    live += t.elementCount();
                }
            }
            peak = Math.max(peak, live);
        }
        return peak;
    }

    /** [min, max] of an op's output: its fused activation, narrowed to the real range of an 8-bit output. */
    private static float[] outputRange(ModelOperator op, ModelTensor out) {
        float min = op.activation.min, max = op.activation.max;
        Quantization q = out.quantization;
        if (q != null && (out.type == TensorType.UINT8 || out.type == TensorType.INT8)) {
            int lowest = out.type == TensorType.UINT8 ? 0 : -128;
            min = Math.max(min, q.scale(0) * (lowest - q.zeroPoint(0)));
            max = Math.min(max, q.scale(0) * (lowest + 255 - q.zeroPoint(0)));
        }
        return new float[] {min, max};
    }

    /** Real values of the uint8 input tensor holding the pixels as they are (they already have its size). */
    private static float[] dequantizedInput(Pixels pixels, ModelTensor input) {
        float scale = input.quantization.scale(0);
        long zeroPoint = input.quantization.zeroPoint(0);
        float[] values = new float[pixels.width * pixels.height * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = scale * ((pixels.data[i] & 0xFF) - zeroPoint);
        }
        return values;
    }

    private static int globalPoolOutput(TfliteModel model) {
        for (ModelOperator op : model.operators) {
            if (op.type == OperatorType.AVERAGE_POOL_2D || op.type == OperatorType.MEAN) {
                return op.outputs[0];
            }
        }
        throw new AssertionError("the synthetic graphs end in a global pool");
    }

    /**
     * Guards the comparison against a degenerate random graph: features that vary and probabilities that are not
     * all on one class.
     */
    private static void assertMeaningful(float[] probabilities, float[] embedding) {
        float maxProbability = 0f;
        for (float p : probabilities) {
            maxProbability = Math.max(maxProbability, p);
        }
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float e : embedding) {
            lo = Math.min(lo, e);
            hi = Math.max(hi, e);
        }
        assertTrue(maxProbability < 0.95f, "one class takes " + maxProbability);
        assertTrue(hi - lo > 0.1f, "embedding values span only [" + lo + ", " + hi + "]");
    }

    private static Pixels randomPixels(Random random, int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        random.nextBytes(rgb);
        return new Pixels(rgb, width, height, 3);
    }

    private static String labels() {
        StringBuilder text = new StringBuilder("background\n");
        for (int i = 1; i < CLASSES; i++) {
            text.append("class ").append(i).append('\n');
        }
        return text.toString();
    }
}
