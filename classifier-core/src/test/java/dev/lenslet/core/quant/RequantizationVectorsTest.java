package dev.lenslet.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * TFLite's fixed-point rescaling pinned by vectors computed outside Lenslet: a Python transcription of gemmlowp's
 * SaturatingRoundingDoublingHighMul and RoundingDivideByPOT and of TFLite's MultiplyByQuantizedMultiplier and
 * QuantizeMultiplier (frexp, round half away from zero), run on these inputs. They include ties (gemmlowp's high
 * multiply rounds −0.5 to 0 and +0.5 to 1; the divide rounds ties away from zero) and TFLite's double rounding
 * (1 · 0.5 · 2^−1 gives 1, not 0), so a rescaling that is merely close fails here.
 */
class RequantizationVectorsTest {
    /** {x, multiplier, shift, MultiplyByQuantizedMultiplier(x, multiplier, shift)}. */
    private static final long[][] MULTIPLY = {
        {1, 1073741824L, 0, 1},
        {-1, 1073741824L, 0, 0},
        {2, 1073741824L, 0, 1},
        {-2, 1073741824L, 0, -1},
        {3, 1073741824L, 0, 2},
        {-3, 1073741824L, 0, -1},
        {5, 1073741824L, 0, 3},
        {-5, 1073741824L, 0, -2},
        {6, 1073741824L, 0, 3},
        {-6, 1073741824L, 0, -3},
        {7, 1073741824L, 0, 4},
        {-7, 1073741824L, 0, -3},
        {1, 1073741824L, -1, 1},
        {-1, 1073741824L, -1, 0},
        {2, 1073741824L, -1, 1},
        {-2, 1073741824L, -1, -1},
        {3, 1073741824L, -1, 1},
        {-3, 1073741824L, -1, -1},
        {5, 1073741824L, -1, 2},
        {-5, 1073741824L, -1, -1},
        {6, 1073741824L, -1, 2},
        {-6, 1073741824L, -1, -2},
        {7, 1073741824L, -1, 2},
        {-7, 1073741824L, -1, -2},
        {1, 1073741824L, -2, 0},
        {-1, 1073741824L, -2, 0},
        {2, 1073741824L, -2, 0},
        {-2, 1073741824L, -2, 0},
        {3, 1073741824L, -2, 1},
        {-3, 1073741824L, -2, 0},
        {5, 1073741824L, -2, 1},
        {-5, 1073741824L, -2, -1},
        {6, 1073741824L, -2, 1},
        {-6, 1073741824L, -2, -1},
        {7, 1073741824L, -2, 1},
        {-7, 1073741824L, -2, -1},
        {1, 1073741824L, 1, 1},
        {-1, 1073741824L, 1, -1},
        {2, 1073741824L, 1, 2},
        {-2, 1073741824L, 1, -2},
        {3, 1073741824L, 1, 3},
        {-3, 1073741824L, 1, -3},
        {5, 1073741824L, 1, 5},
        {-5, 1073741824L, 1, -5},
        {6, 1073741824L, 1, 6},
        {-6, 1073741824L, 1, -6},
        {7, 1073741824L, 1, 7},
        {-7, 1073741824L, 1, -7},
        {88897, 1223355282L, 0, 50642},
        {412045, 1756738135L, -4, 21067},
        {-20112, 1907133418L, -1, -8931},
        {243795, 1124008260L, -5, 3988},
        {1047764, 1200065277L, -5, 18297},
        {-413461, 1762979902L, 1, -678863},
        {252821, 1938410255L, -1, 114104},
        {-196179, 1928697826L, -9, -344},
        {74830, 1428551062L, -11, 24},
        {433584, 1365039208L, -6, 4306},
        {-951513, 1077229033L, -5, -14916},
        {73214, 1567254585L, -10, 52},
        {186240, 1495681024L, 1, 259425},
        {951145, 1229507761L, -9, 1064},
        {2147483647, 2147483647L, 0, 2147483646},
        {-2147483648, 2147483647L, 0, -2147483647},
        {123456, 1518500250L, -8, 341},
        {-123456, 1518500250L, -8, -341}
    };

    /** {real, multiplier, shift}: QuantizeMultiplier(real). */
    private static final double[][] QUANTIZE = {
        {0.007812810477443553, 1073784496, -6},
        {0.001953125, 1073741824, -8},
        {0.75, 1610612736, 0},
        {1.0, 1073741824, 1},
        {1e-10, 0, 0},
        {0.5, 1073741824, 0},
        {4.656612873077393e-10, 1073741824, -30},
        {3.0000001, 1610612790, 2}
    };

    @Test
    void tflitesStepsGiveTheVectors() {
        for (long[] v : MULTIPLY) {
            assertEquals(v[3], TfliteRescaling.multiply((int) v[0], (int) v[1], (int) v[2]), describe(v));
        }
    }

    @Test
    void requantizerGivesTheVectors() {
        for (long[] v : MULTIPLY) {
            double real = v[1] * Math.pow(2, v[2] - 31); // exact: the multiplier has 31 bits
            Requantizer rq = new Requantizer(real, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
            assertEquals(v[1], rq.multiplier, describe(v));
            assertEquals(v[2], rq.shift, describe(v));
            assertEquals(v[3], rq.apply((int) v[0]), describe(v));
        }
    }

    /** Kernels' sums stay far from int32's limits, so the zero point is added without overflow. */
    @Test
    void requantizerWithZeroPointAndClampGivesTheVectorsShiftedAndClamped() {
        for (long[] v : MULTIPLY) {
            if (Math.abs(v[3]) > 1 << 30) {
                continue;
            }
            Requantizer rq = new Requantizer(v[1] * Math.pow(2, v[2] - 31), 128, 0, 255);
            assertEquals(Math.max(0, Math.min(255, v[3] + 128)), rq.apply((int) v[0]), describe(v));
        }
    }

    @Test
    void multipliersAreQuantizedAsTfliteQuantizes() {
        for (double[] v : QUANTIZE) {
            long[] m = Requantizer.quantizeMultiplier(v[0]);
            assertEquals((long) v[1], m[0], "multiplier of " + v[0]);
            assertEquals((long) v[2], m[1], "shift of " + v[0]);
        }
    }

    private static String describe(long[] v) {
        return v[0] + " · " + v[1] + " · 2^(" + v[2] + " − 31)";
    }
}
