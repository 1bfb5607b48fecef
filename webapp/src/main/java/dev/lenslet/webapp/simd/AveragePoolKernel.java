package dev.lenslet.webapp.simd;

import static dev.lenslet.webapp.simd.ValueType.I32;
import static dev.lenslet.webapp.simd.ValueType.V128;

/**
 * out[oy][ox][c] = clamp((Σ in[iy][ix][c] + n/2) / n, min, max) over the window's n pixels inside the input (n at
 * least 1), uint8, as the core's QuantizedAveragePool2d. 16 channels per step, summed in i32x4 lanes. The
 * integer division is a float one: q = trunc(f32(Σ + n/2) / f32(n)) is exact for n &lt; 2^16, since Σ + n/2 &lt;
 * 2^24 converts exactly, and a quotient below 256 that is not an integer lies at least 1/n &gt; 2^−16 from the
 * integers around it, more than the division's rounding error (half an ulp, at most 2^−17), so truncation finds
 * the same integer.
 *
 * <p>Signature {@code average_pool(in, inH, inW, C, kernelH, kernelW, strideH, strideW, padTop, padLeft, outH,
 * outW, out, min, max)}; in [inH][inW][C], out [outH][outW][C]. Reads 16 channels at a time: up to 15 bytes past
 * the end of in must be readable.
 */
final class AveragePoolKernel {
    private AveragePoolKernel() {
    }

    static FunctionCode generate() {
        FunctionCode f = new FunctionCode("average_pool", I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32,
                I32, I32, I32, I32);
        int in = 0, inH = 1, inW = 2, channels = 3, kernelH = 4, kernelW = 5, strideH = 6, strideW = 7;
        int padTop = 8, padLeft = 9, outH = 10, outW = 11, out = 12;
        int noZeroPoint = f.local(I32);
        ByteOutput output = new ByteOutput(f, noZeroPoint, 13, 14);
        int oy = f.local(I32), ox = f.local(I32), y0 = f.local(I32), y1 = f.local(I32), x0 = f.local(I32);
        int x1 = f.local(I32), y = f.local(I32), x = f.local(I32), c = f.local(I32), o = f.local(I32);
        int count = f.local(I32), left = f.local(I32), address = f.local(I32);
        int half = f.local(V128), divisor = f.local(V128), xv = f.local(V128), bytes = f.local(V128);
        int scratch = f.local(V128);
        int[] sum = {f.local(V128), f.local(V128), f.local(V128), f.local(V128)};
        f.get(out).set(o);
        f.whileLess(oy, outH, 1, () -> {
            window(f, oy, strideH, padTop, kernelH, inH, y0, y1);
            f.i32(0).set(ox);
            f.whileLess(ox, outW, 1, () -> {
                window(f, ox, strideW, padLeft, kernelW, inW, x0, x1);
                // n = max((y1 − y0)·(x1 − x0), 1)
                f.get(y1).get(y0).op(Op.I32_SUB).get(x1).get(x0).op(Op.I32_SUB).op(Op.I32_MUL).tee(count)
                        .i32(1).get(count).i32(1).op(Op.I32_GT_S).op(Op.SELECT).tee(count);
                f.i32(2).op(Op.I32_DIV_S).simd(Simd.I32X4_SPLAT).set(half);
                f.get(count).op(Op.F32_CONVERT_I32_S).simd(Simd.F32X4_SPLAT).set(divisor);
                f.i32(0).set(c);
                f.whileLess(c, channels, 16, () -> {
                    for (int k = 0; k < 4; k++) {
                        f.v128(new byte[16]).set(sum[k]);
                    }
                    f.get(y0).set(y);
                    f.whileLess(y, y1, 1, () -> {
                        f.get(x0).set(x);
                        f.whileLess(x, x1, 1, () -> {
                            f.get(in).get(y).get(inW).op(Op.I32_MUL).get(x).op(Op.I32_ADD).get(channels)
                                    .op(Op.I32_MUL).op(Op.I32_ADD).get(c).op(Op.I32_ADD).load(0).set(xv);
                            for (int k = 0; k < 4; k++) {
                                f.get(sum[k]).get(xv)
                                        .simd(k < 2 ? Simd.I16X8_EXTEND_LOW_I8X16_U : Simd.I16X8_EXTEND_HIGH_I8X16_U)
                                        .simd(k % 2 == 0 ? Simd.I32X4_EXTEND_LOW_I16X8_U
                                                : Simd.I32X4_EXTEND_HIGH_I16X8_U)
                                        .simd(Simd.I32X4_ADD).set(sum[k]);
                            }
                        });
                    });
                    for (int k = 0; k < 4; k++) {
                        f.get(sum[k]).get(half).simd(Simd.I32X4_ADD).simd(Simd.F32X4_CONVERT_I32X4_S)
                                .get(divisor).simd(Simd.F32X4_DIV).simd(Simd.I32X4_TRUNC_SAT_F32X4_S);
                    }
                    output.narrowFour(scratch);
                    f.set(bytes);
                    f.get(o).get(c).op(Op.I32_ADD).set(address);
                    ByteOutput.storeSixteen(f, bytes, address, channels, c, left);
                });
                f.get(o).get(channels).op(Op.I32_ADD).set(o);
            });
        });
        return f;
    }

    /** from = max(v·stride − pad, 0), to = min(v·stride − pad + kernel, size): the window's span inside the input. */
    private static void window(FunctionCode f, int v, int stride, int pad, int kernel, int size, int from, int to) {
        f.get(v).get(stride).op(Op.I32_MUL).get(pad).op(Op.I32_SUB).tee(from).i32(0).get(from).i32(0)
                .op(Op.I32_GT_S).op(Op.SELECT).set(from);
        f.get(v).get(stride).op(Op.I32_MUL).get(pad).op(Op.I32_SUB).get(kernel).op(Op.I32_ADD).tee(to)
                .get(size).get(to).get(size).op(Op.I32_LT_S).op(Op.SELECT).set(to);
    }
}
