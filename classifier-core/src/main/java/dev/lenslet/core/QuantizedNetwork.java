package dev.lenslet.core;

/**
 * An exact integer network ready to run: uint8 layers in order over reused byte buffers (slots). Nothing is
 * allocated per call.
 */
public final class QuantizedNetwork implements LayeredNetwork {
    private final QuantizedLayer[] layers;
    private final LayerInfo[] infos; // [layers.length]
    private final byte[][] slots;
    private final int inputSlot, outputSlot, embeddingSlot;
    /** Model input shape [1][height][width][channels]. */
    public final int inputHeight, inputWidth, inputChannels;
    public final int outputSize;
    /** Output real value = outputScale · (q − outputZeroPoint). */
    public final float outputScale;
    public final int outputZeroPoint;
    /** Whether the graph ends in SOFTMAX (else the output is logits). */
    public final boolean outputsProbabilities;
    private final float embeddingScale;
    private final int embeddingZeroPoint;
    private final float[] embedding; // [embeddingSize]: the pooled features, dequantized on request
    /** Index of the classifier layer (followed only by reshapes and softmax), or −1 when the graph has none. */
    private final int classifierLayer;
    private final MatMul floatClassifier; // weights [outputSize][embeddingSize], dequantized; null without one
    private final float[] logits;         // [outputSize]

    QuantizedNetwork(QuantizedLayer[] layers, LayerInfo[] infos, byte[][] slots, int inputSlot, int outputSlot,
                     int embeddingSlot, int inputHeight, int inputWidth, int inputChannels, ModelTensor output,
                     ModelTensor embeddingTensor, boolean outputsProbabilities, int classifierLayer,
                     MatMul floatClassifier) {
        this.layers = layers;
        this.infos = infos;
        this.slots = slots;
        this.inputSlot = inputSlot;
        this.outputSlot = outputSlot;
        this.embeddingSlot = embeddingSlot;
        this.inputHeight = inputHeight;
        this.inputWidth = inputWidth;
        this.inputChannels = inputChannels;
        this.outputSize = output.elementCount();
        this.outputScale = output.quantization.scale(0);
        this.outputZeroPoint = (int) output.quantization.zeroPoint(0);
        this.outputsProbabilities = outputsProbabilities;
        this.embeddingScale = embeddingTensor == null ? 0f : embeddingTensor.quantization.scale(0);
        this.embeddingZeroPoint = embeddingTensor == null ? 0 : (int) embeddingTensor.quantization.zeroPoint(0);
        this.embedding = embeddingTensor == null ? null : new float[embeddingTensor.elementCount()];
        this.classifierLayer = classifierLayer;
        this.floatClassifier = floatClassifier;
        this.logits = floatClassifier == null ? null : new float[outputSize];
    }

    /** The raw uint8 input buffer [inputHeight][inputWidth][inputChannels] to fill before {@link #run()}. */
    public byte[] input() {
        return slots[inputSlot];
    }

    /** Runs every layer; returns the raw uint8 output buffer [outputSize] (reused by the next call). */
    public byte[] run() {
        for (QuantizedLayer layer : layers) {
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

    /** Whether {@link #runToLogits()} can run: the graph ends in a classifier on pooled features. */
    public boolean hasFloatLogits() {
        return floatClassifier != null;
    }

    /**
     * Runs the integer layers up to the pooled features, then the classifier in float on them: the logits
     * [outputSize] that TFLite would round to uint8, unrounded. Its uint8 softmax has steps of 1/256, so all but the
     * first few classes tie at 0; these rank them all. Returns a buffer reused by the next call.
     */
    public float[] runToLogits() {
        for (int i = 0; i < classifierLayer; i++) {
            layers[i].forward(slots);
        }
        floatClassifier.multiply(embedding(), 0, 1, logits, 0);
        return logits;
    }

    /** The pooled feature vector of the last run, dequantized, or null when the graph has no global pool. */
    public float[] embedding() {
        if (embedding == null) {
            return null;
        }
        byte[] pooled = slots[embeddingSlot];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = embeddingScale * ((pooled[i] & 0xFF) - embeddingZeroPoint);
        }
        return embedding;
    }
}
