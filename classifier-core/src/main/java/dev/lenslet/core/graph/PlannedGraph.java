package dev.lenslet.core.graph;

import dev.lenslet.core.LayerInfo;
import dev.lenslet.core.tflite.ModelOperator;
import dev.lenslet.core.tflite.ModelTensor;
import java.util.List;

/**
 * A checked graph in one arithmetic, ready to become a network: its layers in run order, what each computes, and the
 * activation buffers (slots) they share, each tensor's slot planned by {@link GraphBuilder}.
 *
 * @param <L> the arithmetic's layer type
 */
public final class PlannedGraph<L> {
    private final List<L> layers;
    private final List<LayerInfo> infos;
    private final int[] slotSizes;
    private final int[] slotOf;
    private final ModelTensor input, output, embedding, featureMap, classifierWeights;
    private final boolean outputsProbabilities;
    private final ModelOperator classifierOp;
    private final int classifierLayer;

    PlannedGraph(List<L> layers, List<LayerInfo> infos, int[] slotSizes, int[] slotOf, ModelTensor input,
                 ModelTensor output, ModelTensor embedding, ModelTensor featureMap, boolean outputsProbabilities,
                 ModelOperator classifierOp, int classifierLayer, ModelTensor classifierWeights) {
        this.layers = List.copyOf(layers);
        this.infos = List.copyOf(infos);
        this.slotSizes = slotSizes;
        this.slotOf = slotOf;
        this.input = input;
        this.output = output;
        this.embedding = embedding;
        this.featureMap = featureMap;
        this.classifierWeights = classifierWeights;
        this.outputsProbabilities = outputsProbabilities;
        this.classifierOp = classifierOp;
        this.classifierLayer = classifierLayer;
    }

    public List<L> layers() {
        return layers;
    }

    /** What each layer computes, in the order of {@link #layers()}. */
    public List<LayerInfo> infos() {
        return infos;
    }

    public int slotCount() {
        return slotSizes.length;
    }

    /** Values slot s must hold. */
    public int slotSize(int s) {
        return slotSizes[s];
    }

    /** The slot that holds tensor t, or −1 for constants. */
    public int slotOf(ModelTensor t) {
        return slotOf[t.index];
    }

    /** The image input [1, height, width, 3]. */
    public ModelTensor input() {
        return input;
    }

    public ModelTensor output() {
        return output;
    }

    /** The pooled features (output of the last global pool), or null when the graph has none. */
    public ModelTensor embedding() {
        return embedding;
    }

    /** The last feature map [1, h, w, c], which the global pool averages into the embedding; null without one. */
    public ModelTensor featureMap() {
        return featureMap;
    }

    /** The classifier's weights [outputs][channels] (or [outputs][1][1][channels]), or null without a classifier. */
    public ModelTensor classifierWeights() {
        return classifierLayer < 0 ? null : classifierWeights;
    }

    /** Whether the graph ends in SOFTMAX (possibly followed by a QUANTIZE), else its output is logits. */
    public boolean outputsProbabilities() {
        return outputsProbabilities;
    }

    /** The 1×1 conv or fully-connected op reading the pooled features, followed only by reshapes; null if none. */
    public ModelOperator classifierOp() {
        return classifierOp;
    }

    /** Index in {@link #layers()} of {@link #classifierOp()}'s layer, or −1. */
    public int classifierLayer() {
        return classifierLayer;
    }
}
