package dev.lenslet.core.graph;

import static dev.lenslet.core.graph.OperatorChecks.expect;

import dev.lenslet.core.InvalidModelException;
import dev.lenslet.core.LayerInfo;
import dev.lenslet.core.tflite.ModelOperator;
import dev.lenslet.core.tflite.ModelTensor;
import dev.lenslet.core.tflite.OperatorType;
import dev.lenslet.core.tflite.TensorType;
import dev.lenslet.core.tflite.TfliteModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a parsed TFLite graph into a {@link PlannedGraph}: checks every operator's shapes ({@link OperatorChecks}),
 * dispatches it to a {@link LayerFactory} that makes its layer in one arithmetic, and plans the activation buffers
 * ({@link BufferPlanner}).
 */
public final class GraphBuilder<L> {
    /**
     * Activation shapes, unlike weights, are not bounded by the file's size: a few changed bytes could declare a
     * gigabyte. MobileNetV2 at 224×224 needs about 3 million values; this allows 64 million (256 MB).
     */
    public static final int MAX_ACTIVATION_VALUES = 1 << 26;
    private final TfliteModel model;
    private final LayerFactory<L> factory;
    private final int[] lastUse;
    private final int[] slotOf;
    /** Tensors with slots of their own, never shared: the input, the output and the embedding. */
    private final boolean[] pinned;
    /** Tensors whose slot is never freed, so the last run's values stay readable: the last feature map. */
    private final boolean[] kept;
    private final BufferPlanner planner = new BufferPlanner();
    private final OperatorChecks checks;
    private final ClassifierHead head;
    private final List<L> layers = new ArrayList<>();
    private final List<LayerInfo> infos = new ArrayList<>(); // one per layer

    private GraphBuilder(TfliteModel model, LayerFactory<L> factory) {
        this.model = model;
        this.factory = factory;
        int n = model.tensors.size();
        lastUse = new int[n];
        slotOf = new int[n];
        pinned = new boolean[n];
        kept = new boolean[n];
        Arrays.fill(slotOf, -1);
        checks = new OperatorChecks(model, slotOf);
        head = new ClassifierHead(model);
    }

    /**
     * Checks every operator, has the factory make its layer and plans the slots; throws on the first problem.
     * The slots' buffers are the caller's to make, after this has refused any damaged shape.
     *
     * @throws InvalidModelException naming the operator and what is wrong with it
     */
    public static <L> PlannedGraph<L> plan(TfliteModel model, LayerFactory<L> factory) {
        GraphBuilder<L> b = new GraphBuilder<>(model, factory);
        boolean outputsProbabilities = b.planAll();
        ModelTensor embedding = b.head.embeddingTensor < 0 ? null : model.tensors.get(b.head.embeddingTensor);
        ModelTensor featureMap = b.head.featureMapTensor < 0 ? null : model.tensors.get(b.head.featureMapTensor);
        ModelOperator classifier = b.head.classifierOp();
        ModelTensor classifierWeights = classifier == null ? null : model.tensors.get(classifier.inputs[1]);
        return new PlannedGraph<>(b.layers, b.infos, b.planner.sizes(), b.slotOf, model.input(), model.output(),
                embedding, featureMap, outputsProbabilities, classifier, b.head.classifierLayer(), classifierWeights);
    }

    /** Plans every operator; returns whether the graph ends in a softmax. */
    private boolean planAll() {
        ModelTensor input = model.input();
        if (input.shape.length != 4 || input.shape[0] != 1 || input.shape[3] != 3) {
            throw new InvalidModelException("model input " + input.describe()
                    + " is not one RGB image [1, height, width, 3]");
        }
        List<ModelOperator> ops = model.operators;
        for (int i = 0; i < ops.size(); i++) {
            for (int t : ops.get(i).inputs) {
                if (t >= 0) {
                    lastUse[t] = i;
                }
            }
        }
        int outputTensor = model.outputs[0];
        pinned[outputTensor] = true;
        if (head.embeddingTensor >= 0) {
            // Read after the run: the embedding, and the feature map for class activation maps.
            pinned[head.embeddingTensor] = true;
            if (head.featureMapTensor >= 0) {
                kept[head.featureMapTensor] = true;
            }
        }
        slotOf[input.index] = planner.pinned(input.elementCount());

        for (int i = 0; i < ops.size(); i++) {
            ModelOperator op = ops.get(i);
            if (op.outputs.length != 1) {
                throw new InvalidModelException(op.describe() + " has " + op.outputs.length
                        + " outputs; Lenslet expects one");
            }
            ModelTensor out = model.tensors.get(op.outputs[0]);
            if (out.isConstant() || slotOf[out.index] >= 0) {
                throw new InvalidModelException(op.describe() + " writes " + out.describe()
                        + ", which is a constant or already written");
            }
            for (int k = 0; k < op.inputs.length; k++) {
                int t = op.inputs[k];
                if (t >= 0 && !model.tensors.get(t).isConstant() && slotOf[t] < 0 && isActivationInput(op, k)) {
                    throw new InvalidModelException(op.describe() + " reads " + model.tensors.get(t).describe()
                            + " before any operator has written it");
                }
            }
            int outSlot = pinned[out.index] ? planner.pinned(out.elementCount()) : planner.allocate(out.elementCount());
            slotOf[out.index] = outSlot;
            layers.add(layer(op, out, outSlot));
            head.consider(op, layers.size() - 1);
            for (int t : op.inputs) {
                if (t >= 0 && slotOf[t] >= 0 && lastUse[t] == i && !pinned[t] && !kept[t] && t != out.index) {
                    planner.release(slotOf[t]);
                }
            }
        }
        if (slotOf[outputTensor] < 0) {
            throw new InvalidModelException("no operator writes the model output "
                    + model.tensors.get(outputTensor).describe());
        }
        head.confirm(ops);
        long activationValues = planner.totalValues();
        if (activationValues > MAX_ACTIVATION_VALUES) {
            throw new InvalidModelException("the activations would need " + activationValues + " values, more than"
                    + " the " + MAX_ACTIVATION_VALUES + " any MobileNet-sized model needs; the shapes are damaged");
        }
        ModelOperator last = ops.get(ops.size() - 1);
        return last.type == OperatorType.SOFTMAX || (last.type == OperatorType.QUANTIZE
                && ops.size() > 1 && ops.get(ops.size() - 2).type == OperatorType.SOFTMAX);
    }

    /** Activation inputs are the first input of every op and both inputs of ADD; the rest are weights. */
    private static boolean isActivationInput(ModelOperator op, int k) {
        return k == 0 || op.type == OperatorType.ADD;
    }

    private L layer(ModelOperator op, ModelTensor out, int outSlot) {
        switch (op.type) {
            case CONV_2D: return conv(op, out, outSlot);
            case DEPTHWISE_CONV_2D: return depthwise(op, out, outSlot);
            case FULLY_CONNECTED: return fullyConnected(op, out, outSlot);
            case ADD: return add(op, out, outSlot);
            case AVERAGE_POOL_2D: return averagePool(op, out, outSlot);
            case MEAN: return mean(op, out, outSlot);
            case SOFTMAX: return softmax(op, out, outSlot);
            case RESHAPE:
            case SQUEEZE:
            case QUANTIZE:
            case DEQUANTIZE: {
                ModelTensor in = checks.activation(op, 0);
                expect(op, in.elementCount() == out.elementCount(), in.describe() + " and " + out.describe()
                        + " differ in size");
                return described(factory.reshape(op, in, out, slotOf[in.index], outSlot), "copy",
                        out.elementCount() + " values", 0);
            }
            default:
                throw new InvalidModelException(op.describe() + " is not supported");
        }
    }

    private L conv(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor in = checks.activation4d(op);
        ModelTensor filter = checks.weights(op, 1, 4);
        int outC = filter.shape[0], kh = filter.shape[1], kw = filter.shape[2];
        expect(op, filter.shape[3] == in.shape[3], "filter " + filter.describe() + " expects " + filter.shape[3]
                + " input channels but " + in.describe() + " has " + in.shape[3]);
        ModelTensor bias = checks.bias(op, outC);
        ConvGeometry g = new ConvGeometry(in.shape[1], in.shape[2], in.shape[3], outC, kh, kw, op.strideH,
                op.strideW, op.dilationH, op.dilationW, op.samePadding);
        checks.expectShape(op, out, g);
        if (kh == 1 && kw == 1 && op.strideH == 1 && op.strideW == 1) {
            return pointwise(factory.pointwise(op, g.outH * g.outW, g.inC, in, filter, bias, out, slotOf[in.index],
                    outSlot), g.outH * g.outW, g.inC, outC);
        }
        return described(factory.conv(op, g, in, filter, bias, out, slotOf[in.index], outSlot), "conv",
                g.describe(), (long) g.outputSize() * kh * kw * g.inC);
    }

    private L depthwise(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor in = checks.activation4d(op);
        ModelTensor filter = checks.weights(op, 1, 4);
        int outC = filter.shape[3];
        // In long: a huge multiplier could wrap the int product round to the filter's channel count.
        expect(op, filter.shape[0] == 1 && outC == (long) in.shape[3] * op.depthMultiplier, "filter " + filter.describe()
                + " does not match " + in.describe() + " with depth multiplier " + op.depthMultiplier);
        ConvGeometry g = new ConvGeometry(in.shape[1], in.shape[2], in.shape[3], outC, filter.shape[1],
                filter.shape[2], op.strideH, op.strideW, op.dilationH, op.dilationW, op.samePadding);
        checks.expectShape(op, out, g);
        return described(factory.depthwise(op, g, in, filter, checks.bias(op, outC), out, slotOf[in.index], outSlot),
                "depthwise", g.describe(), (long) g.outputSize() * g.kernelH * g.kernelW);
    }

    private L fullyConnected(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor in = checks.activation(op, 0);
        ModelTensor filter = checks.weights(op, 1, 2);
        int outC = filter.shape[0], inC = filter.shape[1];
        expect(op, in.elementCount() % inC == 0, in.describe() + " cannot be split into rows of " + inC);
        int rows = in.elementCount() / inC;
        expect(op, out.elementCount() == rows * outC, out.describe() + " should hold " + rows * outC + " values");
        ModelTensor bias = checks.bias(op, outC);
        return pointwise(factory.pointwise(op, rows, inC, in, filter, bias, out, slotOf[in.index], outSlot),
                rows, inC, outC);
    }

    private L add(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor a = checks.activation(op, 0);
        ModelTensor b = checks.activation(op, 1);
        expect(op, Arrays.equals(a.shape, b.shape) && a.elementCount() == out.elementCount(),
                "inputs " + a.describe() + " and " + b.describe() + " must have the output's shape (no broadcasting)");
        return described(factory.add(op, a, b, out, slotOf[a.index], slotOf[b.index], outSlot), "add",
                out.elementCount() + " values", 0);
    }

    private L averagePool(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor in = checks.activation4d(op);
        ConvGeometry g = new ConvGeometry(in.shape[1], in.shape[2], in.shape[3], in.shape[3], op.filterH,
                op.filterW, op.strideH, op.strideW, 1, 1, op.samePadding);
        checks.expectShape(op, out, g);
        return described(factory.averagePool(op, g, in, out, slotOf[in.index], outSlot), "pool", g.describe(), 0);
    }

    private L mean(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor in = checks.activation4d(op);
        expect(op, op.inputs.length == 2 && op.inputs[1] >= 0, "MEAN needs an axis tensor");
        ModelTensor axisTensor = model.tensors.get(op.inputs[1]);
        // intValues() reads the constant's bytes as integers: anything else would be read past its data.
        expect(op, axisTensor.isConstant() && (axisTensor.type == TensorType.INT32
                || axisTensor.type == TensorType.INT64), "axes " + axisTensor.describe()
                + " must be a constant INT32 or INT64 vector");
        int[] axes = axisTensor.intValues();
        Arrays.sort(axes);
        expect(op, axes.length == 2 && axes[0] == 1 && axes[1] == 2,
                "only MEAN over height and width (axes [1, 2]) is supported, not " + Arrays.toString(axes));
        ConvGeometry g = new ConvGeometry(in.shape[1], in.shape[2], in.shape[3], in.shape[3], in.shape[1],
                in.shape[2], 1, 1, 1, 1, false);
        expect(op, out.elementCount() == in.shape[3], out.describe() + " should hold " + in.shape[3] + " values");
        return described(factory.averagePool(op, g, in, out, slotOf[in.index], outSlot), "pool", g.describe(), 0);
    }

    private L softmax(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor in = checks.activation(op, 0);
        expect(op, in.elementCount() == out.elementCount() && in.shape.length > 0,
                in.describe() + " and " + out.describe() + " differ in size");
        int classes = in.shape[in.shape.length - 1];
        int rows = in.elementCount() / Math.max(classes, 1);
        return described(factory.softmax(op, rows, classes, in, out, slotOf[in.index], outSlot), "softmax",
                rows + "x" + classes, 0);
    }

    /** The layer, its description recorded for profiles. */
    private L described(L layer, String kind, String shape, long multiplyAdds) {
        infos.add(new LayerInfo(kind, shape, multiplyAdds));
        return layer;
    }

    private L pointwise(L layer, int rows, int inC, int outC) {
        return described(layer, "pointwise", rows + "x" + inC + " -> " + rows + "x" + outC, (long) rows * inC * outC);
    }
}
