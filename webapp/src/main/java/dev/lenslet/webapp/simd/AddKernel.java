package dev.lenslet.webapp.simd;

import static dev.lenslet.webapp.simd.ValueType.I32;
import static dev.lenslet.webapp.simd.ValueType.V128;

/**
 * out[i] = clamp(M_out(M_a((a[i] − za) << 20) + M_b((b[i] − zb) << 20)) + zo, min, max), uint8: TFLite's quantized
 * ADD (the inverted-residual shortcut), each M a requantization multiply by (multiplier, shift) as in the core's
 * QuantizedAdd, which tabulates the same arithmetic over all 65536 input pairs. 16 elements per step, each as
 * four i32x4 lanes through the three multiplies.
 *
 * <p>Signature {@code add(a, b, out, n, aMultiplier, aShift, aZero, bMultiplier, bShift, bZero, outMultiplier,
 * outShift, outZero, min, max)}. Reads 16 bytes at a time: up to 15 bytes past the end of a and of b must be
 * readable; writes exactly n bytes.
 */
final class AddKernel {
    private static final int LEFT_SHIFT = 20;

    private AddKernel() {
    }

    static FunctionCode generate() {
        FunctionCode f = new FunctionCode("add", I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32,
                I32, I32);
        int a = 0, b = 1, out = 2, n = 3, aZero = 6, bZero = 9;
        Requantization rescaleA = new Requantization(f, 4, 5);
        Requantization rescaleB = new Requantization(f, 7, 8);
        Requantization rescaleOut = new Requantization(f, 10, 11);
        ByteOutput output = new ByteOutput(f, 12, 13, 14);
        int i = f.local(I32), count = f.local(I32), address = f.local(I32);
        int za = f.local(V128), zb = f.local(V128), xa = f.local(V128), xb = f.local(V128);
        int bytes = f.local(V128), scratch = f.local(V128);
        f.get(aZero).simd(Simd.I32X4_SPLAT).set(za);
        f.get(bZero).simd(Simd.I32X4_SPLAT).set(zb);
        f.whileLess(i, n, 16, () -> {
            f.get(a).get(i).op(Op.I32_ADD).load(0).set(xa);
            f.get(b).get(i).op(Op.I32_ADD).load(0).set(xb);
            for (int quarter = 0; quarter < 4; quarter++) {
                scaled(f, xa, quarter, za, rescaleA);
                scaled(f, xb, quarter, zb, rescaleB);
                f.simd(Simd.I32X4_ADD);
                rescaleOut.apply();
                output.addZeroPoint();
            }
            output.narrowFour(scratch);
            f.set(bytes);
            f.get(out).get(i).op(Op.I32_ADD).set(address);
            ByteOutput.storeSixteen(f, bytes, address, n, i, count);
        });
        return f;
    }

    /** [] → [i32x4 M((x − z) << 20)] for bytes 4·quarter .. 4·quarter + 3 of the u8x16 local x. */
    private static void scaled(FunctionCode f, int x, int quarter, int zero, Requantization rescale) {
        f.get(x).simd(quarter < 2 ? Simd.I16X8_EXTEND_LOW_I8X16_U : Simd.I16X8_EXTEND_HIGH_I8X16_U)
                .simd(quarter % 2 == 0 ? Simd.I32X4_EXTEND_LOW_I16X8_U : Simd.I32X4_EXTEND_HIGH_I16X8_U)
                .get(zero).simd(Simd.I32X4_SUB).i32(LEFT_SHIFT).simd(Simd.I32X4_SHL);
        rescale.apply();
    }
}
