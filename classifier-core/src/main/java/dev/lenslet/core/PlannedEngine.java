package dev.lenslet.core;

import dev.lenslet.core.explain.ClassActivationMap;
import dev.lenslet.core.graph.PlannedGraph;

/**
 * What both networks know of the graph they were built from: its layers' descriptions, the input and output sizes,
 * and its class activation maps. The subclasses run the layers in their arithmetic.
 */
public abstract class PlannedEngine implements Engine {
    private final LayerInfo[] infos; // one per layer, in run order
    private final int inputHeight, inputWidth, outputSize;
    /** The maps of the graph's pooled classifier; null when it has none. */
    protected final ClassActivationMap activationMap;

    protected PlannedEngine(PlannedGraph<?> graph) {
        this.infos = graph.infos().toArray(new LayerInfo[0]);
        this.inputHeight = graph.input().shape[1];
        this.inputWidth = graph.input().shape[2];
        this.outputSize = graph.output().elementCount();
        this.activationMap = ClassActivationMap.of(graph);
    }

    @Override
    public int inputWidth() {
        return inputWidth;
    }

    @Override
    public int inputHeight() {
        return inputHeight;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public int layerCount() {
        return infos.length;
    }

    @Override
    public LayerInfo layer(int i) {
        return infos[i];
    }

    @Override
    public int mapHeight() {
        return activationMap == null ? 0 : activationMap.height();
    }

    @Override
    public int mapWidth() {
        return activationMap == null ? 0 : activationMap.width();
    }

    /** The maps, for {@link #classActivationMap}. */
    protected ClassActivationMap requireActivationMap() {
        if (activationMap == null) {
            throw new IllegalStateException("the model has no global pool followed by a classifier");
        }
        return activationMap;
    }
}
