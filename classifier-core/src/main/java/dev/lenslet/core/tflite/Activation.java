package dev.lenslet.core.tflite;

import dev.lenslet.core.InvalidModelException;

/** Fused activation applied to an operator's output. */
public enum Activation {
    NONE(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY),
    RELU(0f, Float.POSITIVE_INFINITY),
    RELU_N1_TO_1(-1f, 1f),
    RELU6(0f, 6f);

    public final float min;
    public final float max;

    Activation(float min, float max) {
        this.min = min;
        this.max = max;
    }

    static Activation fromCode(int code, String where) {
        switch (code) {
            case 0: return NONE;
            case 1: return RELU;
            case 2: return RELU_N1_TO_1;
            case 3: return RELU6;
            default: throw new InvalidModelException(where + ": fused activation code " + code
                    + " is not supported (Lenslet runs NONE, RELU, RELU_N1_TO_1 and RELU6)");
        }
    }
}
