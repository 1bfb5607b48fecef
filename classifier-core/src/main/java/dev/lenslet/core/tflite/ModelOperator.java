package dev.lenslet.core.tflite;

/** One operator of the graph with the options Lenslet uses (defaults where the file leaves them out). */
public final class ModelOperator {
    public final int index;
    public final OperatorType type;
    public final int[] inputs;
    public final int[] outputs;
    /** true = SAME, false = VALID. */
    public boolean samePadding = true;
    public int strideW = 1;
    public int strideH = 1;
    public int dilationW = 1;
    public int dilationH = 1;
    public int depthMultiplier = 1;
    public int filterW;
    public int filterH;
    public boolean keepDims;
    public float beta = 1f;
    public Activation activation = Activation.NONE;

    ModelOperator(int index, OperatorType type, int[] inputs, int[] outputs) {
        this.index = index;
        this.type = type;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    public String describe() {
        return "operator " + index + " (" + type + ")";
    }
}
