package dev.lenslet.webapp.simd;

/**
 * The SIMD128 instructions without immediates the kernels use: prefix 0xFD, then the sub-opcode as an unsigned
 * LEB128 (WebAssembly core spec 3.0, binary format, vector instructions).
 */
enum Simd {
    I8X16_SPLAT(15), I32X4_SPLAT(17), I64X2_SPLAT(18), F32X4_SPLAT(19),
    V128_AND(78),
    I8X16_NARROW_I16X8_U(102), I8X16_MIN_U(119), I8X16_MAX_U(121),
    I16X8_NARROW_I32X4_S(133), I16X8_EXTEND_LOW_I8X16_U(137), I16X8_EXTEND_HIGH_I8X16_U(138),
    I32X4_EXTEND_LOW_I16X8_U(169), I32X4_EXTEND_HIGH_I16X8_U(170),
    I32X4_SHL(171), I32X4_ADD(174), I32X4_SUB(177), I32X4_DOT_I16X8_S(186),
    I32X4_EXTMUL_LOW_I16X8_S(188), I32X4_EXTMUL_HIGH_I16X8_S(189),
    I64X2_SHR_S(204), I64X2_ADD(206), I64X2_LT_S(216),
    I64X2_EXTMUL_LOW_I32X4_S(220), I64X2_EXTMUL_HIGH_I32X4_S(221),
    F32X4_DIV(231), I32X4_TRUNC_SAT_F32X4_S(248), F32X4_CONVERT_I32X4_S(250);

    final int code;

    Simd(int code) {
        this.code = code;
    }
}
