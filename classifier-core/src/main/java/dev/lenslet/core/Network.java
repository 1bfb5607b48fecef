package dev.lenslet.core;

/**
 * A float32 network ready to run: layers in order over a small set of reused activation buffers (slots).
 * Nothing is allocated per call.
 */
public final class Network implements LayeredNetwork {
    private final Layer[] layers;
    private final LayerInfo[] infos; // [layers.length]
    private final float[][] slots;
    private final int inputSlot, outputSlot, embeddingSlot;
    /** Model input shape [1][height][width][channels]. */
    public final int inputHeight, inputWidth, inputChannels;
    public final int outputSize;
    public final int embeddingSize;
    /** Whether the graph ends in SOFTMAX (else the output is logits). */
    public final boolean outputsProbabilities;

    Network(Layer[] layers, LayerInfo[] infos, float[][] slots, int inputSlot, int outputSlot, int embeddingSlot,
            int inputHeight, int inputWidth, int inputChannels, int outputSize, int embeddingSize,
            boolean outputsProbabilities) {
        this.layers = layers;
        this.infos = infos;
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

    @Override
    public int layerCount() {
        return layers.length;
    }

    @Override
    public void runLayer(int i) {
        layers[i].forward(slots);
    }

    @Override
    public LayerInfo layer(int i) {
        return infos[i];
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
