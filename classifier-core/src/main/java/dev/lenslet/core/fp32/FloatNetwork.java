package dev.lenslet.core.fp32;

import dev.lenslet.core.PlannedEngine;
import dev.lenslet.core.graph.GraphBuilder;
import dev.lenslet.core.graph.PlannedGraph;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.image.Preprocessor;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.tflite.TfliteModel;

/**
 * A float32 network ready to run: layers in order over a small set of reused activation buffers (slots), weights
 * dequantized once. Nothing is allocated per call.
 */
public final class FloatNetwork extends PlannedEngine {
    private final Layer[] layers;
    private final float[][] slots;
    private final int inputSlot, outputSlot, embeddingSlot, featureMapSlot;
    private final int outputSize;
    private final Preprocessor preprocessor;
    /** Whether the graph ends in SOFTMAX (else the output is logits). */
    private final boolean outputsProbabilities;

    private FloatNetwork(PlannedGraph<Layer> graph, Preprocessor preprocessor) {
        super(graph);
        this.layers = graph.layers().toArray(new Layer[0]);
        this.slots = new float[graph.slotCount()][];
        for (int s = 0; s < slots.length; s++) {
            slots[s] = new float[graph.slotSize(s)];
        }
        this.inputSlot = graph.slotOf(graph.input());
        this.outputSlot = graph.slotOf(graph.output());
        this.embeddingSlot = graph.embedding() == null ? -1 : graph.slotOf(graph.embedding());
        this.featureMapSlot = activationMap == null ? -1 : graph.slotOf(graph.featureMap());
        this.outputSize = graph.output().elementCount();
        this.preprocessor = preprocessor;
        this.outputsProbabilities = graph.outputsProbabilities();
    }

    /**
     * The float32 network of any supported model.
     *
     * @param kernels the float kernels' form: {@link KernelSet#REGISTER_BLOCKED} in the browser, on the JVM
     *                {@link KernelSet#VECTORIZABLE} or a JVM-only set (each fast on its own compiler)
     * @throws dev.lenslet.core.InvalidModelException if the model cannot be run
     */
    public static FloatNetwork build(TfliteModel model, KernelSet kernels) {
        PlannedGraph<Layer> graph = GraphBuilder.plan(model, new FloatLayers(kernels));
        return new FloatNetwork(graph, Preprocessor.forInput(model.input()));
    }

    /** The input buffer [inputHeight][inputWidth][3], filled by {@link #setInput}. */
    public float[] input() {
        return slots[inputSlot];
    }

    @Override
    public void setInput(Pixels pixels, Crop crop) {
        preprocessor.run(pixels, crop, slots[inputSlot]);
    }

    /** Runs every layer; returns the output buffer [outputSize] (reused by the next call). */
    public float[] run() {
        for (Layer layer : layers) {
            layer.forward(slots);
        }
        return slots[outputSlot];
    }

    @Override
    public void run(float[] probabilities) {
        System.arraycopy(run(), 0, probabilities, 0, outputSize);
        if (!outputsProbabilities) {
            Softmax.forward(probabilities, 0, outputSize, 1f, probabilities);
        }
    }

    @Override
    public void runLayer(int i) {
        layers[i].forward(slots);
    }

    @Override
    public float[] embedding() {
        return embeddingSlot < 0 ? null : slots[embeddingSlot];
    }

    @Override
    public void classActivationMap(int output, float[] map) {
        requireActivationMap().compute(output, slots[featureMapSlot], map);
    }

    /** Floats held by activation buffers (for memory reports). */
    public long activationFloats() {
        long n = 0;
        for (float[] s : slots) {
            n += s.length;
        }
        return n;
    }
}
