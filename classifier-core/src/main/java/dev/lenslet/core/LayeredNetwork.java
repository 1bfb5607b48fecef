package dev.lenslet.core;

/** A network whose layers a profiler can run one at a time, in either arithmetic. */
public interface LayeredNetwork {
    /** How many layers a whole run runs. */
    int layerCount();

    /**
     * Runs layer i alone. Running layers 0 .. layerCount − 1 in order right after filling the input is a whole
     * run; a layer's input buffer may be reused by later layers, so start again from the input.
     */
    void runLayer(int i);

    /** What layer i computes. */
    LayerInfo layer(int i);
}
