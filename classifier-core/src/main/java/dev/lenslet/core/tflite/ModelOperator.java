package dev.lenslet.core.tflite;

/** One operator of the graph with the options Lenslet uses (defaults where the file leaves them out). Immutable. */
public final class ModelOperator {
    public final int index;
    public final OperatorType type;
    /** Tensor indexes, −1 for an omitted optional input; read-only, as every field here. */
    public final int[] inputs;
    public final int[] outputs;
    /** true = SAME, false = VALID. */
    public final boolean samePadding;
    public final int strideW;
    public final int strideH;
    public final int dilationW;
    public final int dilationH;
    public final int depthMultiplier;
    public final int filterW;
    public final int filterH;
    public final boolean keepDims;
    public final float beta;
    public final Activation activation;

    ModelOperator(int index, OperatorType type, int[] inputs, int[] outputs, OperatorOptions options) {
        this.index = index;
        this.type = type;
        this.inputs = inputs;
        this.outputs = outputs;
        this.samePadding = options.samePadding;
        this.strideW = options.strideW;
        this.strideH = options.strideH;
        this.dilationW = options.dilationW;
        this.dilationH = options.dilationH;
        this.depthMultiplier = options.depthMultiplier;
        this.filterW = options.filterW;
        this.filterH = options.filterH;
        this.keepDims = options.keepDims;
        this.beta = options.beta;
        this.activation = options.activation;
    }

    public String describe() {
        return "operator " + index + " (" + type + ")";
    }
}
