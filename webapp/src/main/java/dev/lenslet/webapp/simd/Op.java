package dev.lenslet.webapp.simd;

/** The plain instructions (one opcode byte, no immediate) the kernels use. */
enum Op {
    I32_LT_S(0x48), I32_LT_U(0x49), I32_GT_S(0x4A), I32_GE_S(0x4E),
    I32_ADD(0x6A), I32_SUB(0x6B), I32_MUL(0x6C), I32_DIV_S(0x6D), I32_AND(0x71), I32_SHR_S(0x75),
    I64_ADD(0x7C), I64_SHL(0x86), I64_EXTEND_I32_U(0xAD), F32_CONVERT_I32_S(0xB2),
    SELECT(0x1B);

    final int code;

    Op(int code) {
        this.code = code;
    }
}
