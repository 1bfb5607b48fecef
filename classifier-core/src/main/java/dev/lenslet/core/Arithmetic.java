package dev.lenslet.core;

/** How a {@link Classifier} computes the network. */
public enum Arithmetic {
    /** Weights dequantized once, activations in float32: runs every supported model. */
    FLOAT,
    /**
     * TFLite's exact integer arithmetic on raw uint8 activations, up to the pooled features, which match TFLite's
     * integer run; then the classifier and softmax in float, so that scores are not rounded to steps of 1/256 and
     * every class is ranked. Only for uint8 models with one scale and zero point per tensor (e.g. the
     * quantization-aware-trained MobileNets).
     */
    INTEGER;

    /**
     * The arithmetic named {@code name} in lower case ("float" or "integer"), as the CLI option and the worker's
     * load message spell it.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Arithmetic named(String name) {
        if ("float".equals(name)) {
            return FLOAT;
        }
        if ("integer".equals(name)) {
            return INTEGER;
        }
        throw new IllegalArgumentException("the arithmetic must be 'float' or 'integer', not '" + name + "'");
    }
}
