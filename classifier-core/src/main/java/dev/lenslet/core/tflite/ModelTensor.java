package dev.lenslet.core.tflite;

import dev.lenslet.core.InvalidModelException;

/** One tensor of a TFLite graph: shape, element type, quantization and, for constants, its bytes. */
public final class ModelTensor {
    public final int index;
    public final String name;
    public final TensorType type;
    public final int[] shape;
    /** null when the tensor is not quantized. */
    public final Quantization quantization;
    private final byte[] file;
    private final int dataOffset;
    private final int dataLength;

    ModelTensor(int index, String name, TensorType type, int[] shape, Quantization quantization,
                byte[] file, int dataOffset, int dataLength) {
        this.index = index;
        this.name = name;
        this.type = type;
        this.shape = shape;
        this.quantization = quantization;
        this.file = file;
        this.dataOffset = dataOffset;
        this.dataLength = dataLength;
    }

    public boolean isConstant() {
        return dataLength > 0;
    }

    public int elementCount() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public int dataLength() {
        return dataLength;
    }

    /** Raw little-endian byte {@code i} of the constant data. */
    public int byteAt(int i) {
        return file[dataOffset + i];
    }

    public int int32At(int i) {
        int p = dataOffset + 4 * i;
        return (file[p] & 0xFF) | (file[p + 1] & 0xFF) << 8 | (file[p + 2] & 0xFF) << 16 | file[p + 3] << 24;
    }

    /**
     * The constant values as real numbers: quantized ints are dequantized (per channel where the tensor says so),
     * float32 values are taken as they are.
     */
    public float[] dequantize() {
        float[] out = new float[elementCount()];
        dequantize(0, out);
        return out;
    }

    /** Values {@code from .. from + out.length} of {@link #dequantize()}, into {@code out}. */
    public void dequantize(int from, float[] out) {
        int channelStride = 1;
        int channels = 1;
        if (quantization != null && quantization.perChannel()) {
            for (int d = quantization.dimension + 1; d < shape.length; d++) {
                channelStride *= shape[d];
            }
            channels = shape[quantization.dimension];
        }
        for (int j = 0; j < out.length; j++) {
            int i = from + j;
            int c = (i / channelStride) % channels;
            float raw;
            switch (type) {
                case UINT8: raw = byteAt(i) & 0xFF; break;
                case INT8: raw = byteAt(i); break;
                case INT32: raw = int32At(i); break;
                case FLOAT32: out[j] = Float.intBitsToFloat(int32At(i)); continue;
                default: throw new InvalidModelException("tensor " + index + " '" + name + "': cannot use "
                        + type + " constants as weights");
            }
            out[j] = quantization == null ? raw : quantization.scale(c) * (raw - quantization.zeroPoint(c));
        }
    }

    /** The same tensor holding a copy of its own data only, so that keeping it does not keep the model file. */
    public ModelTensor detached() {
        byte[] own = new byte[dataLength];
        System.arraycopy(file, dataOffset, own, 0, dataLength);
        return new ModelTensor(index, name, type, shape, quantization, own, 0, dataLength);
    }

    /** A bias tensor's values dequantized, or n zeros for an op without bias (null). */
    public static float[] dequantizedOrZeros(ModelTensor bias, int n) {
        return bias == null ? new float[n] : bias.dequantize();
    }

    /** Integer constant values (shape vectors of RESHAPE, axes of MEAN). */
    public int[] intValues() {
        int n = elementCount();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = type == TensorType.INT64 ? int32At(2 * i) : int32At(i);
        }
        return out;
    }

    public String describe() {
        StringBuilder s = new StringBuilder("tensor ").append(index).append(" '").append(name).append("' ")
                .append(type).append(" [");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(']').toString();
    }
}
