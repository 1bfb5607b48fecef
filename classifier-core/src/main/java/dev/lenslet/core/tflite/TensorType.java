package dev.lenslet.core.tflite;

import dev.lenslet.core.InvalidModelException;

/** TFLite tensor element types that MobileNet models use, with their schema codes. */
public enum TensorType {
    FLOAT32(0, 4), INT32(2, 4), UINT8(3, 1), INT64(4, 8), INT8(9, 1);

    final int code;
    final int bytes;

    TensorType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    static TensorType fromCode(int code, String where) {
        for (TensorType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new InvalidModelException(where + ": tensor type code " + code
                + " is not supported (Lenslet reads FLOAT32, INT32, UINT8, INT64 and INT8)");
    }
}
