package dev.lenslet.core.quant;

import dev.lenslet.core.InvalidModelException;
import dev.lenslet.core.PlannedEngine;
import dev.lenslet.core.explain.ClassActivationMap;
import dev.lenslet.core.fp32.Softmax;
import dev.lenslet.core.graph.GraphBuilder;
import dev.lenslet.core.graph.LayerFactory;
import dev.lenslet.core.graph.PlannedGraph;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.image.Preprocessor;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.kernel.MatMul;
import dev.lenslet.core.tflite.ModelOperator;
import dev.lenslet.core.tflite.ModelTensor;
import dev.lenslet.core.tflite.TensorType;
import dev.lenslet.core.tflite.TfliteModel;

/**
 * An exact integer network ready to run: uint8 layers in order over one arena ({@link ArenaLayout}) that holds the
 * reused activation buffers (slots), the layers' scratch and, for the SIMD kernels, their packed weights. Nothing
 * is allocated per call. Its scores come from the classifier run in float on the exact uint8 pooled features
 * ({@link #runToLogits()}), when the graph ends in one. The Java kernels run over a byte array; the browser's
 * WebAssembly build can run the SIMD kernels over a direct buffer instead ({@link #build(TfliteModel, KernelSet,
 * SimdKernels)}), with the same outputs byte for byte.
 */
public final class QuantizedNetwork extends PlannedEngine {
    private final QuantizedLayer[] layers;
    private final Arena arena;
    private final int inputSlot, outputSlot, embeddingSlot, featureMapSlot;
    private final byte[] input;      // [inputHeight][inputWidth][3]: the preprocessed image, copied into the arena
    private final byte[] output;     // [outputSize]: the raw uint8 output, copied out of the arena
    private final byte[] pooled;     // [embeddingSize] or null: the raw pooled features, copied out
    private final byte[] featureMapBytes; // the raw last feature map, copied out on request; null without a map
    private final float featureMapScale;
    private final int featureMapZeroPoint;
    final int outputSize;
    /** The raw input of a uint8 model is the pixel itself: real = scale · (pixel − zeroPoint). */
    private final Preprocessor preprocessor;
    /** Output real value = outputScale · (q − outputZeroPoint). */
    final float outputScale;
    final int outputZeroPoint;
    /** Whether the graph ends in SOFTMAX (else the output is logits). */
    private final boolean outputsProbabilities;
    private final float embeddingScale;
    private final int embeddingZeroPoint;
    private final float[] embedding; // [embeddingSize]: the pooled features, dequantized on request
    /** Index of the classifier layer (followed only by reshapes and softmax), or −1 when the graph has none. */
    private final int classifierLayer;
    private final MatMul floatClassifier; // weights [outputSize][embeddingSize], dequantized; null without one
    private final float[] logits;         // [outputSize]

    private QuantizedNetwork(PlannedGraph<QuantizedLayer> graph, Arena arena, MatMul floatClassifier) {
        super(graph);
        this.layers = graph.layers().toArray(new QuantizedLayer[0]);
        this.arena = arena;
        ModelTensor output = graph.output();
        ModelTensor embeddingTensor = graph.embedding();
        this.inputSlot = graph.slotOf(graph.input());
        this.outputSlot = graph.slotOf(output);
        this.embeddingSlot = embeddingTensor == null ? -1 : graph.slotOf(embeddingTensor);
        ModelTensor featureMap = graph.featureMap();
        this.featureMapSlot = activationMap == null ? -1 : graph.slotOf(featureMap);
        this.featureMapScale = activationMap == null ? 0f : featureMap.quantization.scale(0);
        this.featureMapZeroPoint = activationMap == null ? 0 : (int) featureMap.quantization.zeroPoint(0);
        this.featureMapBytes = activationMap == null ? null : new byte[featureMap.elementCount()];
        this.outputSize = output.elementCount();
        this.input = new byte[graph.input().elementCount()];
        this.output = new byte[outputSize];
        this.pooled = embeddingTensor == null ? null : new byte[embeddingTensor.elementCount()];
        this.preprocessor = new Preprocessor(inputHeight(), inputWidth(), 1f, 0f);
        this.outputScale = output.quantization.scale(0);
        this.outputZeroPoint = (int) output.quantization.zeroPoint(0);
        this.outputsProbabilities = graph.outputsProbabilities();
        this.embeddingScale = embeddingTensor == null ? 0f : embeddingTensor.quantization.scale(0);
        this.embeddingZeroPoint = embeddingTensor == null ? 0 : (int) embeddingTensor.quantization.zeroPoint(0);
        this.embedding = embeddingTensor == null ? null : new float[embeddingTensor.elementCount()];
        this.classifierLayer = graph.classifierLayer();
        this.floatClassifier = floatClassifier;
        this.logits = floatClassifier == null ? null : new float[outputSize];
    }

    /**
     * The exact integer network of a uint8 per-tensor model, on the Java kernels; refuses any other model with the
     * reason.
     *
     * @param kernels makes the classifier's float matrix product
     */
    public static QuantizedNetwork build(TfliteModel model, KernelSet kernels) {
        ArenaLayout layout = new ArenaLayout();
        HeapArena arena = new HeapArena();
        return build(model, kernels, layout, arena, new QuantizedLayers(layout, arena));
    }

    /**
     * The same network on the WebAssembly SIMD kernels, over an arena in a direct buffer (the browser's
     * WebAssembly build, whose direct buffers live in the linear memory the kernels work on).
     *
     * @throws InvalidModelException also when a layer has a shape the SIMD kernels do not cover (they cover
     *                               MobileNet's); the Java kernels run it
     */
    public static QuantizedNetwork build(TfliteModel model, KernelSet kernels, SimdKernels simd) {
        ArenaLayout layout = new ArenaLayout();
        DirectArena arena = new DirectArena(simd);
        return build(model, kernels, layout, arena, new SimdLayers(layout, arena));
    }

    private static QuantizedNetwork build(TfliteModel model, KernelSet kernels, ArenaLayout layout, Arena arena,
                                          LayerFactory<QuantizedLayer> layers) {
        ModelTensor input = model.input();
        if (input.type != TensorType.UINT8) {
            throw new InvalidModelException("model input " + input.describe() + " is not UINT8: integer arithmetic"
                    + " runs only uint8 models; load it with float arithmetic");
        }
        PlannedGraph<QuantizedLayer> graph = GraphBuilder.plan(model, layers);
        int[] slotAt = new int[graph.slotCount()];
        for (int s = 0; s < slotAt.length; s++) {
            slotAt[s] = layout.scratch(graph.slotSize(s));
        }
        arena.allocate(layout.size(), slotAt);
        layout.initialize(arena);
        return new QuantizedNetwork(graph, arena, floatClassifier(model, graph, kernels));
    }

    /**
     * The classifier op in float, from its dequantized weights and bias, with its fused activation but not the
     * clamp to its uint8 output's range: for logits before TFLite rounds them. Null when the graph has none.
     */
    private static MatMul floatClassifier(TfliteModel model, PlannedGraph<QuantizedLayer> graph, KernelSet kernels) {
        ModelOperator op = graph.classifierOp();
        if (graph.classifierLayer() < 0) {
            return null;
        }
        ModelTensor filter = model.tensors.get(op.inputs[1]);
        int outC = filter.shape[0];
        int inC = filter.elementCount() / outC;
        ModelTensor bias = op.inputs.length < 3 || op.inputs[2] < 0 ? null : model.tensors.get(op.inputs[2]);
        return kernels.matMul(inC, outC, filter.dequantize(), ModelTensor.dequantizedOrZeros(bias, outC),
                op.activation.min, op.activation.max);
    }

    @Override
    public void setInput(Pixels pixels, Crop crop) {
        preprocessor.run(pixels, crop, input);
        arena.put(arena.slot(inputSlot), input, input.length);
    }

    /** Runs every layer; returns the raw uint8 output [outputSize] (a buffer reused by the next call). */
    public byte[] run() {
        for (QuantizedLayer layer : layers) {
            layer.forward();
        }
        return output();
    }

    /** The raw uint8 output [outputSize] the layers run so far left, copied out of the arena into a reused buffer. */
    public byte[] output() {
        arena.get(arena.slot(outputSlot), output, outputSize);
        return output;
    }

    @Override
    public void run(float[] probabilities) {
        boolean areProbabilities;
        if (floatClassifier != null) {
            System.arraycopy(runToLogits(), 0, probabilities, 0, outputSize);
            areProbabilities = false;
        } else {
            byte[] out = run();
            for (int i = 0; i < outputSize; i++) {
                probabilities[i] = outputScale * ((out[i] & 0xFF) - outputZeroPoint);
            }
            areProbabilities = outputsProbabilities;
        }
        if (!areProbabilities) {
            Softmax.forward(probabilities, 0, outputSize, 1f, probabilities);
        }
    }

    /**
     * Runs the integer layers up to the pooled features, then the classifier in float on them: the logits
     * [outputSize] that TFLite would round to uint8, unrounded. Its uint8 softmax has steps of 1/256, so all but the
     * first few classes tie at 0; these rank them all. Returns a buffer reused by the next call.
     *
     * @throws IllegalStateException when the graph does not end in a classifier on pooled features
     */
    public float[] runToLogits() {
        if (floatClassifier == null) {
            throw new IllegalStateException("the graph does not end in a classifier on pooled features");
        }
        for (int i = 0; i < classifierLayer; i++) {
            layers[i].forward();
        }
        floatClassifier.multiply(embedding(), 0, 1, logits, 0);
        return logits;
    }

    @Override
    public void runLayer(int i) {
        layers[i].forward();
    }

    @Override
    public void classActivationMap(int output, float[] map) {
        ClassActivationMap maps = requireActivationMap();
        arena.get(arena.slot(featureMapSlot), featureMapBytes, featureMapBytes.length);
        maps.compute(output, featureMapBytes, featureMapScale, featureMapZeroPoint, map);
    }

    @Override
    public float[] embedding() {
        if (embedding == null) {
            return null;
        }
        arena.get(arena.slot(embeddingSlot), pooled, pooled.length);
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = embeddingScale * ((pooled[i] & 0xFF) - embeddingZeroPoint);
        }
        return embedding;
    }
}
