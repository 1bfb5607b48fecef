package dev.lenslet.webapp.simd;

import static dev.lenslet.webapp.simd.ValueType.I32;
import static dev.lenslet.webapp.simd.ValueType.V128;

/**
 * out[oy][ox][c] = requantize(term[c] + Σ_{ky,kx &lt; 3} padded[oy·s + ky][ox·s + kx][c] · w'[ky][kx][c]), uint8 in
 * and out, s = 1 or 2: MobileNet's 3×3 depthwise convolution over the input copied into a buffer padded with its
 * zero point, as the core's QuantizedDepthwiseConv2d pads it (padded [paddedH][paddedW][C], the input at row
 * padTop, column padLeft). With w' = w − zw and term[c] = bias[c] − zx·Σ w'[·][·][c] this is TFLite's
 * bias + Σ (x − zx)(w − zw) over the taps inside the input: the padding's raw value zx adds zx·w', which the term
 * takes away again. 16 channels per step: the 9 taps' bytes widened to i16, {@code i32x4.extmul} with the i16
 * weights (|x·w'| &lt; 2^16), summed in four i32x4 lanes.
 *
 * <p>Signature {@code depthwise3x3(padded, paddedW, C, packed, out, outH, outW, stride, multiplier, shift,
 * zeroPoint, min, max)}. The packed weights are ⌈C/16⌉ groups of {@link #GROUP_BYTES}; group g, channels
 * c = 16g + l: bytes 4l: int32 term[c]; bytes 64 + 32t + 2l: int16 w'[t / 3][t % 3][c] (tap t &lt; 9); 0 for
 * c ≥ C. Each pixel's channels are read 16 at a time, so up to 15 bytes past the end of padded must be readable.
 */
final class DepthwiseKernel {
    static final int CHANNELS = 16, GROUP_BYTES = 64 + 9 * 32;

    private final FunctionCode f = new FunctionCode("depthwise3x3", I32, I32, I32, I32, I32, I32, I32, I32, I32,
            I32, I32, I32, I32);
    private final int padded = 0, paddedW = 1, channels = 2, packed = 3, out = 4, outH = 5, outW = 6, stride = 7;
    private final Requantization requantization = new Requantization(f, 8, 9);
    private final ByteOutput output = new ByteOutput(f, 10, 11, 12);
    private final int oy = f.local(I32), ox = f.local(I32), c = f.local(I32), w = f.local(I32);
    private final int pixel = f.local(I32), p = f.local(I32), o = f.local(I32), rowBytes = f.local(I32);
    private final int count = f.local(I32), address = f.local(I32);
    private final int[] tap = new int[9];
    private final int xv = f.local(V128), xl = f.local(V128), xh = f.local(V128), wl = f.local(V128);
    private final int wh = f.local(V128), bytes = f.local(V128), scratch = f.local(V128);
    private final int[] acc = {f.local(V128), f.local(V128), f.local(V128), f.local(V128)};

    static FunctionCode generate() {
        return new DepthwiseKernel().f;
    }

    private DepthwiseKernel() {
        f.get(paddedW).get(channels).op(Op.I32_MUL).set(rowBytes);
        for (int t = 0; t < 9; t++) {
            tap[t] = f.local(I32);
            f.get(rowBytes).i32(t / 3).op(Op.I32_MUL).get(channels).i32(t % 3).op(Op.I32_MUL).op(Op.I32_ADD)
                    .set(tap[t]);
        }
        f.get(out).set(o);
        f.whileLess(oy, outH, 1, () -> {
            f.get(padded).get(oy).get(stride).op(Op.I32_MUL).get(rowBytes).op(Op.I32_MUL).op(Op.I32_ADD).set(pixel);
            f.i32(0).set(ox);
            f.whileLess(ox, outW, 1, () -> {
                f.get(packed).set(w);
                f.i32(0).set(c);
                f.whileLess(c, channels, CHANNELS, this::channelGroup);
                f.get(pixel).get(stride).get(channels).op(Op.I32_MUL).op(Op.I32_ADD).set(pixel);
                f.get(o).get(channels).op(Op.I32_ADD).set(o);
            });
        });
    }

    private void channelGroup() {
        f.get(pixel).get(c).op(Op.I32_ADD).set(p);
        for (int k = 0; k < 4; k++) {
            f.get(w).load(16 * k).set(acc[k]);
        }
        for (int t = 0; t < 9; t++) {
            f.get(p).get(tap[t]).op(Op.I32_ADD).load(0).tee(xv).simd(Simd.I16X8_EXTEND_LOW_I8X16_U).set(xl);
            f.get(xv).simd(Simd.I16X8_EXTEND_HIGH_I8X16_U).set(xh);
            f.get(w).load(64 + 32 * t).set(wl);
            f.get(w).load(64 + 32 * t + 16).set(wh);
            accumulate(acc[0], xl, wl, Simd.I32X4_EXTMUL_LOW_I16X8_S);
            accumulate(acc[1], xl, wl, Simd.I32X4_EXTMUL_HIGH_I16X8_S);
            accumulate(acc[2], xh, wh, Simd.I32X4_EXTMUL_LOW_I16X8_S);
            accumulate(acc[3], xh, wh, Simd.I32X4_EXTMUL_HIGH_I16X8_S);
        }
        for (int k = 0; k < 4; k++) {
            f.get(acc[k]);
            requantization.apply();
            output.addZeroPoint();
        }
        output.narrowFour(scratch);
        f.set(bytes);
        f.get(o).get(c).op(Op.I32_ADD).set(address);
        ByteOutput.storeSixteen(f, bytes, address, channels, c, count);
        f.get(w).i32(GROUP_BYTES).op(Op.I32_ADD).set(w);
    }

    private void accumulate(int accumulator, int x, int weights, Simd multiply) {
        f.get(accumulator).get(x).get(weights).simd(multiply).simd(Simd.I32X4_ADD).set(accumulator);
    }
}
