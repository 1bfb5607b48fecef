package dev.lenslet.core;

/**
 * An exact integer network ready to run: uint8 layers in order over reused byte buffers (slots). Nothing is
 * allocated per call.
 */
public final class QuantizedNetwork {
    private final QuantizedLayer[] layers;
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

    QuantizedNetwork(QuantizedLayer[] layers, byte[][] slots, int inputSlot, int outputSlot, int embeddingSlot,
                     int inputHeight, int inputWidth, int inputChannels, ModelTensor output,
                     ModelTensor embeddingTensor, boolean outputsProbabilities) {
        this.layers = layers;
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
