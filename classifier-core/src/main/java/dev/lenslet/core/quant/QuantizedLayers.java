package dev.lenslet.core.quant;

import dev.lenslet.core.InvalidModelException;
import dev.lenslet.core.graph.ConvGeometry;
import dev.lenslet.core.graph.LayerFactory;
import dev.lenslet.core.tflite.ModelOperator;
import dev.lenslet.core.tflite.ModelTensor;
import dev.lenslet.core.tflite.OperatorType;
import dev.lenslet.core.tflite.Quantization;
import dev.lenslet.core.tflite.TensorType;

/**
 * The exact integer kernels, for uint8 models with one scale and zero point per tensor and int32 biases (as
 * MobileNet's quantization-aware-trained files): activations stay raw uint8, sums are int32, and every rescaling
 * follows TFLite's fixed-point arithmetic, so outputs match TFLite's integer run. Anything else is refused. These
 * are the Java kernels, over a byte array arena; {@link SimdLayers} makes the same layers from the WebAssembly SIMD
 * kernels, with these checks.
 */
final class QuantizedLayers implements LayerFactory<QuantizedLayer> {
    private final ArenaLayout layout;
    private final HeapArena arena;

    QuantizedLayers(ArenaLayout layout, HeapArena arena) {
        this.layout = layout;
        this.arena = arena;
    }

    @Override
    public QuantizedLayer conv(ModelOperator op, ConvGeometry g, ModelTensor in, ModelTensor filter,
                               ModelTensor bias, ModelTensor out, int inSlot, int outSlot) {
        return new QuantizedConv2d(g, matMul(op, g.kernelH * g.kernelW * g.inC, g.outC, in, filter, bias, out),
                zeroPoint(op, in), layout, arena, inSlot, outSlot);
    }

    @Override
    public QuantizedLayer pointwise(ModelOperator op, int rows, int inC, ModelTensor in, ModelTensor filter,
                                    ModelTensor bias, ModelTensor out, int inSlot, int outSlot) {
        return new QuantizedPointwiseConv2d(rows, matMul(op, inC, filter.shape[0], in, filter, bias, out),
                arena, inSlot, outSlot);
    }

    @Override
    public QuantizedLayer depthwise(ModelOperator op, ConvGeometry g, ModelTensor in, ModelTensor filter,
                                    ModelTensor bias, ModelTensor out, int inSlot, int outSlot) {
        return new QuantizedDepthwiseConv2d(g, op.depthMultiplier, rawBytes(op, filter), zeroPoint(op, filter),
                bias(op, bias, g.outC), zeroPoint(op, in), requantizer(op, in, filter, out), layout, arena, inSlot,
                outSlot);
    }

    @Override
    public QuantizedLayer add(ModelOperator op, ModelTensor a, ModelTensor b, ModelTensor out, int aSlot, int bSlot,
                              int outSlot) {
        int[] range = activationRange(op, out);
        return new QuantizedAdd(out.elementCount(), scale(op, a), zeroPoint(op, a), scale(op, b), zeroPoint(op, b),
                scale(op, out), zeroPoint(op, out), range[0], range[1], arena, aSlot, bSlot, outSlot);
    }

    @Override
    public QuantizedLayer averagePool(ModelOperator op, ConvGeometry g, ModelTensor in, ModelTensor out,
                                      int inSlot, int outSlot) {
        requireSameQuantization(op, in, out);
        int[] range = activationRange(op, out);
        return new QuantizedAveragePool2d(g, range[0], range[1], arena, inSlot, outSlot);
    }

    @Override
    public QuantizedLayer softmax(ModelOperator op, int rows, int classes, ModelTensor in, ModelTensor out,
                                  int inSlot, int outSlot) {
        return softmax(op, rows, classes, in, out, arena, inSlot, outSlot);
    }

    @Override
    public QuantizedLayer reshape(ModelOperator op, ModelTensor in, ModelTensor out, int inSlot, int outSlot) {
        return reshape(op, in, out, arena, inSlot, outSlot);
    }

    /** Softmax in Java, for either kind of arena. */
    static QuantizedLayer softmax(ModelOperator op, int rows, int classes, ModelTensor in, ModelTensor out,
                                  Arena arena, int inSlot, int outSlot) {
        return new QuantizedSoftmax(rows, classes, op.beta, scale(op, in), scale(op, out), zeroPoint(op, out),
                arena, inSlot, outSlot);
    }

    /** A reshape as a copy, for either kind of arena. */
    static QuantizedLayer reshape(ModelOperator op, ModelTensor in, ModelTensor out, Arena arena, int inSlot,
                                  int outSlot) {
        if (op.type == OperatorType.QUANTIZE || op.type == OperatorType.DEQUANTIZE) {
            throw refused(op, "converts between number formats");
        }
        requireSameQuantization(op, in, out);
        return new QuantizedCopy(out.elementCount(), arena, inSlot, outSlot);
    }

    private static QuantizedMatMul matMul(ModelOperator op, int inC, int outC, ModelTensor in, ModelTensor filter,
                                          ModelTensor bias, ModelTensor out) {
        return new QuantizedMatMul(inC, outC, rawBytes(op, filter), zeroPoint(op, filter), bias(op, bias, outC),
                zeroPoint(op, in), requantizer(op, in, filter, out));
    }

    /** TFLite's conv rescaling: inScale · filterScale / outScale, in double from the float scales. */
    static Requantizer requantizer(ModelOperator op, ModelTensor in, ModelTensor filter, ModelTensor out) {
        double real = (double) scale(op, in) * scale(op, filter) / scale(op, out);
        int[] range = activationRange(op, out);
        return new Requantizer(real, zeroPoint(op, out), range[0], range[1]);
    }

    /**
     * TFLite's CalculateActivationRangeQuantized: the fused activation's bounds quantized with the output's
     * scale (rounded half away from zero), intersected with [0, 255].
     */
    static int[] activationRange(ModelOperator op, ModelTensor out) {
        float scale = scale(op, out);
        int zero = zeroPoint(op, out);
        float lo = op.activation.min, hi = op.activation.max;
        int min = Float.isInfinite(lo) ? 0 : Math.max(0, zero + roundHalfAway(lo / scale));
        int max = Float.isInfinite(hi) ? 255 : Math.min(255, zero + roundHalfAway(hi / scale));
        return new int[] {min, max};
    }

    private static int roundHalfAway(float x) {
        return x >= 0 ? Math.round(x) : -Math.round(-x);
    }

    static byte[] rawBytes(ModelOperator op, ModelTensor filter) {
        requireUint8(op, filter);
        byte[] raw = new byte[filter.elementCount()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) filter.byteAt(i);
        }
        return raw;
    }

    static int[] bias(ModelOperator op, ModelTensor bias, int outC) {
        if (bias == null) {
            return new int[outC];
        }
        if (bias.type != TensorType.INT32) {
            throw refused(op, "has bias " + bias.describe() + ", not INT32");
        }
        int[] values = new int[outC];
        for (int i = 0; i < outC; i++) {
            values[i] = bias.int32At(i);
        }
        return values;
    }

    static float scale(ModelOperator op, ModelTensor t) {
        requireUint8(op, t);
        return t.quantization.scale(0);
    }

    static int zeroPoint(ModelOperator op, ModelTensor t) {
        requireUint8(op, t);
        return (int) t.quantization.zeroPoint(0);
    }

    private static void requireUint8(ModelOperator op, ModelTensor t) {
        Quantization q = t.quantization;
        if (t.type != TensorType.UINT8 || q == null || q.perChannel() || !(q.scale(0) > 0f)
                || q.zeroPoint(0) < 0 || q.zeroPoint(0) > 255) {
            throw refused(op, "uses " + t.describe() + (t.type == TensorType.UINT8 && q != null && q.perChannel()
                    ? " with per-channel scales" : "") + "; integer arithmetic runs only uint8 tensors with one"
                    + " scale and zero point each");
        }
    }

    static void requireSameQuantization(ModelOperator op, ModelTensor in, ModelTensor out) {
        if (scale(op, in) != scale(op, out) || zeroPoint(op, in) != zeroPoint(op, out)) {
            throw refused(op, "rescales " + in.describe() + " to " + out.describe());
        }
    }

    static InvalidModelException refused(ModelOperator op, String what) {
        return new InvalidModelException(op.describe() + " " + what + ": integer arithmetic cannot run it exactly;"
                + " load the model with float arithmetic");
    }
}
