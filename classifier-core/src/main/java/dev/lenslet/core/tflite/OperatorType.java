package dev.lenslet.core.tflite;

/** The TFLite builtin operators Lenslet runs, with their schema codes. */
public enum OperatorType {
    ADD(0), AVERAGE_POOL_2D(1), CONV_2D(3), DEPTHWISE_CONV_2D(4), DEQUANTIZE(6), FULLY_CONNECTED(9),
    RESHAPE(22), SOFTMAX(25), MEAN(40), SQUEEZE(43), QUANTIZE(114);

    final int code;

    OperatorType(int code) {
        this.code = code;
    }

    /** Returns null for an operator Lenslet does not implement. */
    static OperatorType fromCode(int code) {
        for (OperatorType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
