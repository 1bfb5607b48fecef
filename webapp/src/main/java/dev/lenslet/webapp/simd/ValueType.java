package dev.lenslet.webapp.simd;

/** The value types the kernels use, with their binary codes. */
enum ValueType {
    I32(0x7F), V128(0x7B);

    final int code;

    ValueType(int code) {
        this.code = code;
    }
}
