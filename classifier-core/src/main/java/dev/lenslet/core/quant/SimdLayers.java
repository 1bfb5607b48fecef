package dev.lenslet.core.quant;

import static dev.lenslet.core.quant.QuantizedLayers.bias;
import static dev.lenslet.core.quant.QuantizedLayers.rawBytes;
import static dev.lenslet.core.quant.QuantizedLayers.requantizer;
import static dev.lenslet.core.quant.QuantizedLayers.scale;
import static dev.lenslet.core.quant.QuantizedLayers.zeroPoint;

import dev.lenslet.core.InvalidModelException;
import dev.lenslet.core.graph.ConvGeometry;
import dev.lenslet.core.graph.LayerFactory;
import dev.lenslet.core.tflite.ModelOperator;
import dev.lenslet.core.tflite.ModelTensor;

/**
 * The exact integer layers on the WebAssembly SIMD kernels ({@link SimdKernels}), over an arena in a direct buffer:
 * the same checks and constants as {@link QuantizedLayers}, the weights packed into the arena in the kernels'
 * layouts ({@link SimdPacking}), the stem's patch rows and each depthwise layer's padded input as arena scratch.
 * Softmax and reshapes run in Java on the arena. Shapes the kernels do not cover are refused with the reason.
 */
final class SimdLayers implements LayerFactory<QuantizedLayer> {
    private final ArenaLayout layout;
    private final DirectArena arena;

    SimdLayers(ArenaLayout layout, DirectArena arena) {
        this.layout = layout;
        this.arena = arena;
    }

    @Override
    public QuantizedLayer conv(ModelOperator op, ConvGeometry g, ModelTensor in, ModelTensor filter,
                               ModelTensor bias, ModelTensor out, int inSlot, int outSlot) {
        if (g.dilationH != 1 || g.dilationW != 1) {
            throw uncovered(op, "is dilated");
        }
        int patchC = g.kernelH * g.kernelW * g.inC;
        int packed = gemmWeights(op, patchC, g.outC, in, filter, bias);
        int patches = layout.scratch(g.outW * patchC);
        return new SimdConv2d(g, zeroPoint(op, in), patches, packed, requantizer(op, in, filter, out), arena,
                inSlot, outSlot);
    }

    @Override
    public QuantizedLayer pointwise(ModelOperator op, int rows, int inC, ModelTensor in, ModelTensor filter,
                                    ModelTensor bias, ModelTensor out, int inSlot, int outSlot) {
        int outC = filter.shape[0];
        return new SimdPointwiseConv2d(rows, inC, outC, gemmWeights(op, inC, outC, in, filter, bias),
                requantizer(op, in, filter, out), arena, inSlot, outSlot);
    }

    @Override
    public QuantizedLayer depthwise(ModelOperator op, ConvGeometry g, ModelTensor in, ModelTensor filter,
                                    ModelTensor bias, ModelTensor out, int inSlot, int outSlot) {
        if (!g.slides3x3(op.depthMultiplier) || g.strideH != g.strideW) {
            throw uncovered(op, "is not a 3×3 depthwise convolution with multiplier 1 and stride 1 or 2");
        }
        int inZero = zeroPoint(op, in);
        int padded = layout.filled(QuantizedDepthwiseConv2d.paddedHeight(g) * QuantizedDepthwiseConv2d.paddedWidth(g)
                * g.inC, inZero);
        int packed = layout.constant(SimdPacking.depthwise(rawBytes(op, filter), g.outC, zeroPoint(op, filter),
                bias(op, bias, g.outC), inZero));
        return new SimdDepthwiseConv2d(g, padded, packed, requantizer(op, in, filter, out), arena, inSlot, outSlot);
    }

    @Override
    public QuantizedLayer add(ModelOperator op, ModelTensor a, ModelTensor b, ModelTensor out, int aSlot, int bSlot,
                              int outSlot) {
        int[] range = QuantizedLayers.activationRange(op, out);
        return new SimdAdd(out.elementCount(), scale(op, a), zeroPoint(op, a), scale(op, b), zeroPoint(op, b),
                scale(op, out), zeroPoint(op, out), range[0], range[1], arena, aSlot, bSlot, outSlot);
    }

    @Override
    public QuantizedLayer averagePool(ModelOperator op, ConvGeometry g, ModelTensor in, ModelTensor out,
                                      int inSlot, int outSlot) {
        QuantizedLayers.requireSameQuantization(op, in, out);
        if ((long) g.kernelH * g.kernelW >= SimdAveragePool2d.MAX_WINDOW) {
            throw uncovered(op, "averages windows of " + (long) g.kernelH * g.kernelW + " pixels");
        }
        int[] range = QuantizedLayers.activationRange(op, out);
        return new SimdAveragePool2d(g, range[0], range[1], arena, inSlot, outSlot);
    }

    @Override
    public QuantizedLayer softmax(ModelOperator op, int rows, int classes, ModelTensor in, ModelTensor out,
                                  int inSlot, int outSlot) {
        return QuantizedLayers.softmax(op, rows, classes, in, out, arena, inSlot, outSlot);
    }

    @Override
    public QuantizedLayer reshape(ModelOperator op, ModelTensor in, ModelTensor out, int inSlot, int outSlot) {
        return QuantizedLayers.reshape(op, in, out, arena, inSlot, outSlot);
    }

    /** The weights [outC][inC] and their terms in gemm's layout, as an arena constant; returns its offset. */
    private int gemmWeights(ModelOperator op, int inC, int outC, ModelTensor in, ModelTensor filter,
                            ModelTensor bias) {
        if (inC > QuantizedMatMul.MAX_INPUT_CHANNELS) {
            throw uncovered(op, "sums " + inC + " products per output");
        }
        return layout.constant(SimdPacking.gemm(rawBytes(op, filter), inC, outC, zeroPoint(op, filter),
                bias(op, bias, outC), zeroPoint(op, in)));
    }

    private static InvalidModelException uncovered(ModelOperator op, String what) {
        return new InvalidModelException(op.describe() + " " + what + ": the SIMD kernels do not cover it; the Java"
                + " integer kernels run it");
    }
}
