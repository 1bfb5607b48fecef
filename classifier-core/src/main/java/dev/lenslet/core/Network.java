package dev.lenslet.core;

/**
 * A float32 network ready to run: layers in order over a small set of reused activation buffers (slots).
 * Nothing is allocated per call.
 */
public final class Network {
    private final Layer[] layers;
    private final float[][] slots;
    private final int inputSlot, outputSlot, embeddingSlot;
    /** Model input shape [1][height][width][channels]. */
    public final int inputHeight, inputWidth, inputChannels;
    public final int outputSize;
    public final int embeddingSize;
    /** Whether the graph ends in SOFTMAX (else the output is logits). */
    public final boolean outputsProbabilities;

    Network(Layer[] layers, float[][] slots, int inputSlot, int outputSlot, int embeddingSlot,
            int inputHeight, int inputWidth, int inputChannels, int outputSize, int embeddingSize,
            boolean outputsProbabilities) {
        this.layers = layers;
        this.slots = slots;
        this.inputSlot = inputSlot;
        this.outputSlot = outputSlot;
        this.embeddingSlot = embeddingSlot;
        this.inputHeight = inputHeight;
        this.inputWidth = inputWidth;
        this.inputChannels = inputChannels;
        this.outputSize = outputSize;
        this.embeddingSize = embeddingSize;
        this.outputsProbabilities = outputsProbabilities;
    }

    /** The input buffer [inputHeight][inputWidth][inputChannels] to fill before {@link #run()}. */
    public float[] input() {
        return slots[inputSlot];
    }

    /** Runs every layer; returns the output buffer [outputSize] (reused by the next call). */
    public float[] run() {
        for (Layer layer : layers) {
            layer.forward(slots);
        }
        return slots[outputSlot];
    }

    /** How many layers {@link #run()} runs; a profiler runs them one by one with {@link #runLayer}. */
    public int layerCount() {
        return layers.length;
    }

    /**
     * Runs layer i alone. Running layers 0 .. layerCount − 1 in order right after filling {@link #input()} is
     * {@link #run()}; a layer's input slot may be reused by later layers, so start again from the input.
     */
    public void runLayer(int i) {
        layers[i].forward(slots);
    }

    /** Layer i's kind: conv, pointwise, depthwise, add, pool, softmax or copy. */
    public String layerKind(int i) {
        return layers[i].kind();
    }

    /** Layer i's shapes, e.g. "56x56x24 -> 56x56x144". */
    public String layerShape(int i) {
        return layers[i].shape();
    }

    /** Layer i's multiply-adds per run (0 for layers that only add, average or move values). */
    public long layerMultiplyAdds(int i) {
        return layers[i].multiplyAdds();
    }

    /** The pooled feature vector [embeddingSize] of the last run, or null when the graph has no global pool. */
    public float[] embedding() {
        return embeddingSlot < 0 ? null : slots[embeddingSlot];
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
