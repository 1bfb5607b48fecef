package dev.lenslet.webapp.simd;

import static dev.lenslet.webapp.simd.ValueType.I32;
import static dev.lenslet.webapp.simd.ValueType.V128;

/**
 * out[r][o] = requantize(term[o] + Σ_i in[r][i] · w'[o][i]) for r &lt; rows, o &lt; outC, uint8 in and out: the
 * 1×1 convolutions, the classifier and (over im2col rows) the stem. With w' = w − zw and
 * term[o] = bias[o] − zx·Σ_i w'[o][i] this is TFLite's bias[o] + Σ_i (in[r][i] − zx)(w[o][i] − zw), the same int32 (wrapping alike) as the core's
 * QuantizedMatMul. XNNPACK's 4×8c2 pattern: a tile of 4 rows × 8 output channels in 8 i32x4 accumulators; per
 * step 8 input bytes of each row widened to i16, each pair of them broadcast and multiplied with the pair's
 * 8 channels' weights by {@code i32x4.dot_i16x8_s} (x·w' &lt; 2^16, a pair's sum &lt; 2^17: exact).
 *
 * <p>Signature {@code gemm(in, rows, inC, packed, outC, out, multiplier, shift, zeroPoint, min, max)}, byte
 * addresses. in is [rows][inC] and out [rows][outC], row-major without gaps. The packed weights are ⌈outC/8⌉
 * blocks of 32 + 128·⌈inC/8⌉ bytes; block b, for channels o = 8b + 4h + q (h &lt; 2, q &lt; 4):
 * <ul>
 *   <li>bytes 0..31: int32 term[o] for the 8 channels, little-endian;</li>
 *   <li>bytes 32 + 128s + 32j + 16h + 4q + 2e: int16 w'[o][8s + 2j + e] for s &lt; ⌈inC/8⌉, j &lt; 4, e &lt; 2;</li>
 * </ul>
 * 0 wherever o ≥ outC or the input channel ≥ inC. Each row is read 8 bytes at a time, so up to 7 bytes past the
 * end of in must be readable (their weights are 0: they add nothing). A row tail (rows not a multiple of 4)
 * repeats the last row, writing the same bytes twice; a channel tail stores only the channels that exist.
 */
final class GemmKernel {
    static final int ROWS = 4, CHANNELS = 8, STEP = 8;

    static FunctionCode generate() {
        return new GemmKernel().f;
    }

    private final FunctionCode f = new FunctionCode("gemm", I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32);
    private final int in = 0, rows = 1, inC = 2, packed = 3, outC = 4, out = 5;
    private final Requantization requantization = new Requantization(f, 6, 7);
    private final ByteOutput output = new ByteOutput(f, 8, 9, 10);
    private final int r = f.local(I32), c = f.local(I32), w = f.local(I32), wEnd = f.local(I32);
    private final int stepBytes = f.local(I32), count = f.local(I32), address = f.local(I32);
    private final int[] row = locals(I32), walk = locals(I32), outRow = locals(I32);
    private final int pairs = f.local(V128), wa = f.local(V128), wb = f.local(V128);
    private final int bytes = f.local(V128), high = f.local(V128), scratch = f.local(V128);
    private final int[] x = locals(V128), accA = locals(V128), accB = locals(V128);

    private GemmKernel() {
        // weight bytes per block after its terms: ⌈inC/8⌉ steps of 128
        f.get(inC).i32(STEP - 1).op(Op.I32_ADD).i32(3).op(Op.I32_SHR_S).i32(STEP * CHANNELS * 2).op(Op.I32_MUL)
                .set(stepBytes);
        f.whileLess(r, rows, ROWS, () -> {
            for (int k = 0; k < ROWS; k++) {
                // row min(r + k, rows − 1): the tail repeats the last row
                f.get(r).i32(k).op(Op.I32_ADD).get(rows).i32(1).op(Op.I32_SUB)
                        .get(r).i32(k).op(Op.I32_ADD).get(rows).op(Op.I32_LT_S).op(Op.SELECT).set(count);
                f.get(in).get(count).get(inC).op(Op.I32_MUL).op(Op.I32_ADD).set(row[k]);
                f.get(out).get(count).get(outC).op(Op.I32_MUL).op(Op.I32_ADD).set(outRow[k]);
            }
            f.get(packed).set(w);
            f.i32(0).set(c);
            f.whileLess(c, outC, CHANNELS, this::tile);
        });
    }

    private int[] locals(ValueType type) {
        int[] indices = new int[ROWS];
        for (int k = 0; k < ROWS; k++) {
            indices[k] = f.local(type);
        }
        return indices;
    }

    /** One 4 × 8 tile: the accumulators from the block's terms, the steps over inC, requantize, store. */
    private void tile() {
        for (int k = 0; k < ROWS; k++) {
            f.get(w).load(0).set(accA[k]);
            f.get(w).load(16).set(accB[k]);
            f.get(row[k]).set(walk[k]);
        }
        f.get(w).i32(32).op(Op.I32_ADD).tee(w).get(stepBytes).op(Op.I32_ADD).set(wEnd);
        f.block().loop();
        f.get(w).get(wEnd).op(Op.I32_GE_S).brIf(1);
        for (int k = 0; k < ROWS; k++) {
            f.get(walk[k]).load64Zero(0).simd(Simd.I16X8_EXTEND_LOW_I8X16_U).set(x[k]);
        }
        for (int j = 0; j < 4; j++) {
            f.get(w).load(32 * j).set(wa);
            f.get(w).load(32 * j + 16).set(wb);
            int[] broadcast = new int[16];
            for (int k = 0; k < 16; k++) {
                broadcast[k] = 4 * j + k % 4;
            }
            for (int k = 0; k < ROWS; k++) {
                f.get(accA[k]).get(x[k]).get(x[k]).shuffle(broadcast).tee(pairs).get(wa)
                        .simd(Simd.I32X4_DOT_I16X8_S).simd(Simd.I32X4_ADD).set(accA[k]);
                f.get(accB[k]).get(pairs).get(wb).simd(Simd.I32X4_DOT_I16X8_S).simd(Simd.I32X4_ADD).set(accB[k]);
            }
        }
        for (int k = 0; k < ROWS; k++) {
            f.get(walk[k]).i32(STEP).op(Op.I32_ADD).set(walk[k]);
        }
        f.get(w).i32(STEP * CHANNELS * 2).op(Op.I32_ADD).set(w);
        f.br(0).end().end();
        // rows 2m and 2m + 1 as 16 bytes: the 8 channels of row 2m in bytes 0..7, of row 2m + 1 in bytes 8..15
        for (int m = 0; m < ROWS / 2; m++) {
            for (int k = 2 * m; k < 2 * m + 2; k++) {
                f.get(accA[k]);
                requantization.apply();
                output.addZeroPoint();
                f.get(accB[k]);
                requantization.apply();
                output.addZeroPoint();
            }
            output.narrowFour(scratch);
            f.set(bytes);
            storeRows(outRow[2 * m], outRow[2 * m + 1]);
        }
    }

    /** Row o0's channels c.. from bytes 0..7, row o1's from bytes 8..15: all 8, or the outC − c that exist. */
    private void storeRows(int o0, int o1) {
        f.get(outC).get(c).op(Op.I32_SUB).tee(count).i32(CHANNELS).op(Op.I32_GE_S).ifTrue();
        f.get(o0).get(c).op(Op.I32_ADD).get(bytes).storeLane(3, 0, 0);
        f.get(o1).get(c).op(Op.I32_ADD).get(bytes).storeLane(3, 0, 1);
        f.end();
        f.get(count).i32(CHANNELS).op(Op.I32_LT_S).ifTrue();
        f.get(bytes).get(bytes).shuffle(8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15).set(high);
        f.get(o0).get(c).op(Op.I32_ADD).set(address);
        ByteOutput.storeFirst(f, bytes, address, count);
        f.get(o1).get(c).op(Op.I32_ADD).set(address);
        ByteOutput.storeFirst(f, high, address, count);
        f.end();
    }
}
