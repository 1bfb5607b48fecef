package dev.lenslet.webapp.simd;

import static dev.lenslet.webapp.simd.ValueType.I32;

/**
 * out[oy][ox][o] = requantize(bias[o] + Σ_{ky,kx,i} (in[iy][ix][i] − zx) · (w[o][ky][kx][i] − zw)), iy = oy·sH −
 * padTop + ky, ix = ox·sW − padLeft + kx, taps outside the input reading zx: the stem convolution, as the core's
 * QuantizedConv2d computes it. Each output row's windows are gathered into patches [outW][kH·kW·inC] (im2col,
 * byte by byte: the stem has 3 input channels), then multiplied by {@link GemmKernel}'s function with the weights
 * packed for inC' = kH·kW·inC.
 *
 * <p>Signature {@code conv(in, inH, inW, inC, kernelH, kernelW, strideH, strideW, padTop, padLeft, outH, outW,
 * inZero, patches, packed, outC, out, multiplier, shift, zeroPoint, min, max)}. patches needs outW·inC' bytes and,
 * as gemm's input, 7 readable bytes after them.
 */
final class ConvKernel {
    private ConvKernel() {
    }

    /** @param gemm the index of {@link GemmKernel}'s function in the module */
    static FunctionCode generate(int gemm) {
        FunctionCode f = new FunctionCode("conv", I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32,
                I32, I32, I32, I32, I32, I32, I32, I32, I32);
        int in = 0, inH = 1, inW = 2, inC = 3, kernelH = 4, kernelW = 5, strideH = 6, strideW = 7, padTop = 8;
        int padLeft = 9, outH = 10, outW = 11, inZero = 12, patches = 13, packed = 14, outC = 15, out = 16;
        int oy = f.local(I32), ox = f.local(I32), ky = f.local(I32), kx = f.local(I32), i = f.local(I32);
        int iy = f.local(I32), ix = f.local(I32), inside = f.local(I32), from = f.local(I32), p = f.local(I32);
        int patchC = f.local(I32);
        f.get(kernelH).get(kernelW).op(Op.I32_MUL).get(inC).op(Op.I32_MUL).set(patchC);
        f.whileLess(oy, outH, 1, () -> {
            f.get(patches).set(p);
            f.i32(0).set(ox);
            f.whileLess(ox, outW, 1, () -> {
                f.i32(0).set(ky);
                f.whileLess(ky, kernelH, 1, () -> {
                    f.get(oy).get(strideH).op(Op.I32_MUL).get(padTop).op(Op.I32_SUB).get(ky).op(Op.I32_ADD).set(iy);
                    f.i32(0).set(kx);
                    f.whileLess(kx, kernelW, 1, () -> {
                        f.get(ox).get(strideW).op(Op.I32_MUL).get(padLeft).op(Op.I32_SUB).get(kx).op(Op.I32_ADD)
                                .set(ix);
                        // unsigned compares: a negative coordinate is a huge unsigned one
                        f.get(iy).get(inH).op(Op.I32_LT_U).get(ix).get(inW).op(Op.I32_LT_U).op(Op.I32_AND)
                                .set(inside);
                        // outside, read a harmless address (in) and keep the zero point instead
                        f.get(in).get(iy).get(inW).op(Op.I32_MUL).get(ix).op(Op.I32_ADD).get(inC).op(Op.I32_MUL)
                                .op(Op.I32_ADD).get(in).get(inside).op(Op.SELECT).set(from);
                        f.i32(0).set(i);
                        f.whileLess(i, inC, 1, () -> {
                            f.get(p).get(from).get(i).op(Op.I32_ADD).loadByte(0).get(inZero).get(inside)
                                    .op(Op.SELECT).storeByte(0);
                            f.get(p).i32(1).op(Op.I32_ADD).set(p);
                        });
                    });
                });
            });
            f.get(patches).get(outW).get(patchC).get(packed).get(outC)
                    .get(out).get(oy).get(outW).op(Op.I32_MUL).get(outC).op(Op.I32_MUL).op(Op.I32_ADD);
            for (int param = 17; param <= 21; param++) {
                f.get(param);
            }
            f.call(gemm);
        });
        return f;
    }
}
