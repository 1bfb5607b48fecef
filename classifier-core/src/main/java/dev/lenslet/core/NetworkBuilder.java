package dev.lenslet.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a parsed TFLite graph into a runnable network: checks every operator's shapes, has a {@link LayerFactory}
 * make each kernel in its arithmetic (float32 with weights dequantized once, or exact uint8), and plans activation
 * buffers so that tensors whose lifetimes do not overlap share one buffer.
 */
public final class NetworkBuilder<L> {
    /**
     * Activation shapes, unlike weights, are not bounded by the file's size: a few changed bytes could declare a
     * gigabyte. MobileNetV2 at 224×224 needs about 3 million values; this allows 64 million (256 MB).
     */
    static final int MAX_ACTIVATION_VALUES = 1 << 26;
    private final TfliteModel model;
    private final LayerFactory<L> factory;
    private final int[] lastUse;
    private final int[] slotOf;
    /** Planned size of each activation buffer; the buffers are made once every operator has been checked. */
    private final List<Integer> slotSizes = new ArrayList<>();
    private final List<Boolean> slotFree = new ArrayList<>();
    private final boolean[] pinned;
    private final List<L> layers = new ArrayList<>();
    private final List<LayerInfo> infos = new ArrayList<>(); // one per layer
    private int embeddingTensor = -1;
    private boolean outputsProbabilities;
    /** The classifier: the 1×1 conv or fully-connected op reading the pooled features, and its layer's index. */
    private ModelOperator classifierOp;
    private int classifierLayer = -1;

    private NetworkBuilder(TfliteModel model, LayerFactory<L> factory) {
        this.model = model;
        this.factory = factory;
        int n = model.tensors.size();
        lastUse = new int[n];
        slotOf = new int[n];
        pinned = new boolean[n];
        java.util.Arrays.fill(slotOf, -1);
    }

    /**
     * The float32 network of any supported model.
     *
     * @param kernels the float kernels' form: REGISTER_BLOCKED in the browser, VECTORIZABLE or a JVM-only set on
     *                the JVM
     */
    public static Network build(TfliteModel model, KernelSet kernels) {
        NetworkBuilder<Layer> b = new NetworkBuilder<>(model, new FloatLayers(kernels));
        b.plan();
        float[][] slots = new float[b.slotSizes.size()][];
        for (int s = 0; s < slots.length; s++) {
            slots[s] = new float[b.slotSizes.get(s)];
        }
        ModelTensor input = model.input();
        return new Network(b.layers.toArray(new Layer[0]), b.infos.toArray(new LayerInfo[0]), slots,
                b.slotOf[input.index], b.slotOf[model.outputs[0]], b.embeddingSlot(), input.shape[1], input.shape[2],
                input.shape[3], model.output().elementCount(), b.embeddingSize(), b.outputsProbabilities);
    }

    /** The exact integer network of a uint8 per-tensor model; refuses any other model with the reason. */
    public static QuantizedNetwork buildQuantized(TfliteModel model) {
        ModelTensor input = model.input();
        if (input.type != TensorType.UINT8) {
            throw new InvalidModelException("model input " + input.describe() + " is not UINT8: integer arithmetic"
                    + " runs only uint8 models; load it with float arithmetic");
        }
        NetworkBuilder<QuantizedLayer> b = new NetworkBuilder<>(model, new QuantizedLayers());
        b.plan();
        byte[][] slots = new byte[b.slotSizes.size()][];
        for (int s = 0; s < slots.length; s++) {
            slots[s] = new byte[b.slotSizes.get(s)];
        }
        ModelTensor embedding = b.embeddingTensor < 0 ? null : model.tensors.get(b.embeddingTensor);
        return new QuantizedNetwork(b.layers.toArray(new QuantizedLayer[0]), b.infos.toArray(new LayerInfo[0]),
                slots, b.slotOf[input.index], b.slotOf[model.outputs[0]], b.embeddingSlot(), input.shape[1],
                input.shape[2], input.shape[3], model.output(), embedding, b.outputsProbabilities,
                b.classifierLayer, b.floatClassifier());
    }

    /**
     * The classifier op in float, from its dequantized weights and bias, with its fused activation but not the
     * clamp to its uint8 output's range: for logits before TFLite rounds them. Null when the graph has none.
     */
    private MatMul floatClassifier() {
        if (classifierLayer < 0) {
            return null;
        }
        ModelTensor filter = model.tensors.get(classifierOp.inputs[1]);
        int outC = filter.shape[0];
        int inC = filter.elementCount() / outC;
        return new TiledMatMul(inC, outC, filter.dequantize(), FloatLayers.bias(bias(classifierOp, outC), outC),
                classifierOp.activation.min, classifierOp.activation.max);
    }

    private int embeddingSlot() {
        return embeddingTensor < 0 ? -1 : slotOf[embeddingTensor];
    }

    private int embeddingSize() {
        return embeddingTensor < 0 ? 0 : model.tensors.get(embeddingTensor).elementCount();
    }

    /** Checks every operator, makes its layer and plans the slots; throws on the first problem. */
    private void plan() {
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
        embeddingTensor = findEmbedding(ops);
        pinned[outputTensor] = true;
        if (embeddingTensor >= 0) {
            pinned[embeddingTensor] = true;
        }
        slotOf[input.index] = newSlot(input.elementCount(), false);

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
            int outSlot = pinned[out.index] ? newSlot(out.elementCount(), false) : allocate(out.elementCount());
            slotOf[out.index] = outSlot;
            layers.add(layer(op, out, outSlot));
            if (isClassifier(op)) {
                classifierOp = op;
                classifierLayer = layers.size() - 1;
            }
            for (int t : op.inputs) {
                if (t >= 0 && slotOf[t] >= 0 && lastUse[t] == i && !pinned[t] && t != out.index) {
                    slotFree.set(slotOf[t], Boolean.TRUE);
                }
            }
        }
        if (slotOf[outputTensor] < 0) {
            throw new InvalidModelException("no operator writes the model output "
                    + model.tensors.get(outputTensor).describe());
        }
        for (int i = classifierLayer + 1; classifierLayer >= 0 && i < ops.size(); i++) {
            OperatorType type = ops.get(i).type;
            if (type != OperatorType.RESHAPE && type != OperatorType.SQUEEZE && type != OperatorType.SOFTMAX
                    && type != OperatorType.QUANTIZE && type != OperatorType.DEQUANTIZE) {
                classifierLayer = -1;
            }
        }
        ModelOperator last = ops.get(ops.size() - 1);
        outputsProbabilities = last.type == OperatorType.SOFTMAX || (last.type == OperatorType.QUANTIZE
                && ops.size() > 1 && ops.get(ops.size() - 2).type == OperatorType.SOFTMAX);
        // Buffers are made only after this, so that a damaged shape is rejected before it can ask for a huge one.
        long activationValues = 0;
        for (int size : slotSizes) {
            activationValues += size;
        }
        if (activationValues > MAX_ACTIVATION_VALUES) {
            throw new InvalidModelException("the activations would need " + activationValues + " values, more than"
                    + " the " + MAX_ACTIVATION_VALUES + " any MobileNet-sized model needs; the shapes are damaged");
        }
    }

    /** Activation inputs are the first input of every op and both inputs of ADD; the rest are weights. */
    private static boolean isActivationInput(ModelOperator op, int k) {
        return k == 0 || op.type == OperatorType.ADD;
    }

    /**
     * Whether op, already checked, is a 1×1 conv or fully-connected op on the pooled features: the classifier, when
     * only reshapes and a softmax follow it (seen once the whole graph is planned).
     */
    private boolean isClassifier(ModelOperator op) {
        if (embeddingTensor < 0 || op.inputs[0] != embeddingTensor) {
            return false;
        }
        int[] filter = model.tensors.get(op.inputs[1]).shape;
        return op.type == OperatorType.FULLY_CONNECTED
                || (op.type == OperatorType.CONV_2D && filter[1] == 1 && filter[2] == 1);
    }

    /** The output of the last global pool: MobileNet's feature vector before the classifier. */
    private int findEmbedding(List<ModelOperator> ops) {
        int found = -1;
        for (ModelOperator op : ops) {
            if (op.type == OperatorType.MEAN || op.type == OperatorType.AVERAGE_POOL_2D) {
                found = op.outputs.length == 1 ? op.outputs[0] : -1;
            }
        }
        return found;
    }

    private int newSlot(int size, boolean free) {
        slotSizes.add(size);
        slotFree.add(free);
        return slotSizes.size() - 1;
    }

    /** Smallest free slot that fits, grown or created when none does. */
    private int allocate(int size) {
        int best = -1;
        int largestFree = -1;
        for (int s = 0; s < slotSizes.size(); s++) {
            if (!slotFree.get(s)) {
                continue;
            }
            if (slotSizes.get(s) >= size && (best < 0 || slotSizes.get(s) < slotSizes.get(best))) {
                best = s;
            }
            if (largestFree < 0 || slotSizes.get(s) > slotSizes.get(largestFree)) {
                largestFree = s;
            }
        }
        if (best < 0 && largestFree >= 0) {
            slotSizes.set(largestFree, size);
            best = largestFree;
        }
        if (best < 0) {
            return newSlot(size, false);
        }
        slotFree.set(best, Boolean.FALSE);
        return best;
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
                ModelTensor in = activation(op, 0);
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
        ModelTensor in = activation4d(op);
        ModelTensor filter = weights(op, 1, 4);
        int outC = filter.shape[0], kh = filter.shape[1], kw = filter.shape[2];
        expect(op, filter.shape[3] == in.shape[3], "filter " + filter.describe() + " expects " + filter.shape[3]
                + " input channels but " + in.describe() + " has " + in.shape[3]);
        ModelTensor bias = bias(op, outC);
        ConvGeometry g = new ConvGeometry(in.shape[1], in.shape[2], in.shape[3], outC, kh, kw, op.strideH,
                op.strideW, op.dilationH, op.dilationW, op.samePadding);
        expectShape(op, out, g);
        if (kh == 1 && kw == 1 && op.strideH == 1 && op.strideW == 1) {
            return pointwise(factory.pointwise(op, g.outH * g.outW, g.inC, in, filter, bias, out, slotOf[in.index],
                    outSlot), g.outH * g.outW, g.inC, outC);
        }
        return described(factory.conv(op, g, in, filter, bias, out, slotOf[in.index], outSlot), "conv",
                g.describe(), (long) g.outputSize() * kh * kw * g.inC);
    }

    private L depthwise(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor in = activation4d(op);
        ModelTensor filter = weights(op, 1, 4);
        int outC = filter.shape[3];
        // In long: a huge multiplier could wrap the int product round to the filter's channel count.
        expect(op, filter.shape[0] == 1 && outC == (long) in.shape[3] * op.depthMultiplier, "filter " + filter.describe()
                + " does not match " + in.describe() + " with depth multiplier " + op.depthMultiplier);
        ConvGeometry g = new ConvGeometry(in.shape[1], in.shape[2], in.shape[3], outC, filter.shape[1],
                filter.shape[2], op.strideH, op.strideW, op.dilationH, op.dilationW, op.samePadding);
        expectShape(op, out, g);
        return described(factory.depthwise(op, g, in, filter, bias(op, outC), out, slotOf[in.index], outSlot),
                "depthwise", g.describe(), (long) g.outputSize() * g.kernelH * g.kernelW);
    }

    private L fullyConnected(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor in = activation(op, 0);
        ModelTensor filter = weights(op, 1, 2);
        int outC = filter.shape[0], inC = filter.shape[1];
        expect(op, in.elementCount() % inC == 0, in.describe() + " cannot be split into rows of " + inC);
        int rows = in.elementCount() / inC;
        expect(op, out.elementCount() == rows * outC, out.describe() + " should hold " + rows * outC + " values");
        return pointwise(factory.pointwise(op, rows, inC, in, filter, bias(op, outC), out, slotOf[in.index], outSlot),
                rows, inC, outC);
    }

    private L add(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor a = activation(op, 0);
        ModelTensor b = activation(op, 1);
        expect(op, java.util.Arrays.equals(a.shape, b.shape) && a.elementCount() == out.elementCount(),
                "inputs " + a.describe() + " and " + b.describe() + " must have the output's shape (no broadcasting)");
        return described(factory.add(op, a, b, out, slotOf[a.index], slotOf[b.index], outSlot), "add",
                out.elementCount() + " values", 0);
    }

    private L averagePool(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor in = activation4d(op);
        ConvGeometry g = new ConvGeometry(in.shape[1], in.shape[2], in.shape[3], in.shape[3], op.filterH,
                op.filterW, op.strideH, op.strideW, 1, 1, op.samePadding);
        expectShape(op, out, g);
        return described(factory.averagePool(op, g, in, out, slotOf[in.index], outSlot), "pool", g.describe(), 0);
    }

    private L mean(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor in = activation4d(op);
        expect(op, op.inputs.length == 2 && op.inputs[1] >= 0, "MEAN needs an axis tensor");
        ModelTensor axisTensor = model.tensors.get(op.inputs[1]);
        // intValues() reads the constant's bytes as integers: anything else would be read past its data.
        expect(op, axisTensor.isConstant() && (axisTensor.type == TensorType.INT32
                || axisTensor.type == TensorType.INT64), "axes " + axisTensor.describe()
                + " must be a constant INT32 or INT64 vector");
        int[] axes = axisTensor.intValues();
        java.util.Arrays.sort(axes);
        expect(op, axes.length == 2 && axes[0] == 1 && axes[1] == 2,
                "only MEAN over height and width (axes [1, 2]) is supported, not " + java.util.Arrays.toString(axes));
        ConvGeometry g = new ConvGeometry(in.shape[1], in.shape[2], in.shape[3], in.shape[3], in.shape[1],
                in.shape[2], 1, 1, 1, 1, false);
        expect(op, out.elementCount() == in.shape[3], out.describe() + " should hold " + in.shape[3] + " values");
        return described(factory.averagePool(op, g, in, out, slotOf[in.index], outSlot), "pool", g.describe(), 0);
    }

    private L softmax(ModelOperator op, ModelTensor out, int outSlot) {
        ModelTensor in = activation(op, 0);
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

    private ModelTensor activation(ModelOperator op, int k) {
        expect(op, op.inputs.length > k && op.inputs[k] >= 0, "input " + k + " is missing");
        ModelTensor t = model.tensors.get(op.inputs[k]);
        expect(op, !t.isConstant() && slotOf[t.index] >= 0, "input " + t.describe() + " is not computed by the graph");
        return t;
    }

    private ModelTensor activation4d(ModelOperator op) {
        ModelTensor t = activation(op, 0);
        expect(op, t.shape.length == 4 && t.shape[0] == 1, "input " + t.describe() + " is not [1, h, w, c]");
        return t;
    }

    private ModelTensor weights(ModelOperator op, int k, int rank) {
        expect(op, op.inputs.length > k && op.inputs[k] >= 0, "weights (input " + k + ") are missing");
        ModelTensor t = model.tensors.get(op.inputs[k]);
        expect(op, t.isConstant() && t.shape.length == rank, "weights " + t.describe() + " must be a constant of rank "
                + rank);
        return t;
    }

    /** The op's bias tensor, checked to hold outC constants, or null when it has none. */
    private ModelTensor bias(ModelOperator op, int outC) {
        if (op.inputs.length < 3 || op.inputs[2] < 0) {
            return null;
        }
        ModelTensor b = model.tensors.get(op.inputs[2]);
        expect(op, b.isConstant() && b.elementCount() == outC, "bias " + b.describe() + " should be a constant of "
                + outC + " values");
        return b;
    }

    private void expectShape(ModelOperator op, ModelTensor out, ConvGeometry g) {
        expect(op, out.shape.length == 4 && out.shape[1] == g.outH && out.shape[2] == g.outW
                && out.shape[3] == g.outC, "output " + out.describe() + " should be [1, " + g.outH + ", " + g.outW
                + ", " + g.outC + "]");
    }

    private static void expect(ModelOperator op, boolean ok, String problem) {
        if (!ok) {
            throw new InvalidModelException(op.describe() + ": " + problem);
        }
    }
}
