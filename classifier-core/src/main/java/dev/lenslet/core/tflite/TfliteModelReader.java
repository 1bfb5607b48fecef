package dev.lenslet.core.tflite;

import dev.lenslet.core.InvalidModelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the TFLite flatbuffer (schema v3, identifier "TFL3") from a byte array: the subset MobileNet V1/V2
 * models use. Anything else is rejected with an {@link InvalidModelException} saying what and where.
 */
public final class TfliteModelReader {
    // Field indexes from tensorflow/lite/schema/schema.fbs.
    private static final int MODEL_OPERATOR_CODES = 1, MODEL_SUBGRAPHS = 2, MODEL_BUFFERS = 4;
    private static final int SUBGRAPH_TENSORS = 0, SUBGRAPH_INPUTS = 1, SUBGRAPH_OUTPUTS = 2, SUBGRAPH_OPERATORS = 3;
    private static final int TENSOR_SHAPE = 0, TENSOR_TYPE = 1, TENSOR_BUFFER = 2, TENSOR_NAME = 3, TENSOR_QUANT = 4;
    private static final int QUANT_SCALE = 2, QUANT_ZERO_POINT = 3, QUANT_DIMENSION = 6;
    private static final int OP_OPCODE_INDEX = 0, OP_INPUTS = 1, OP_OUTPUTS = 2, OP_OPTIONS = 4;
    private static final int OPCODE_DEPRECATED_BUILTIN = 0, OPCODE_CUSTOM = 1, OPCODE_BUILTIN = 3;
    private static final int BUFFER_DATA = 0;
    private static final int MAX_RANK = 6;

    private TfliteModelReader() {
    }

    public static TfliteModel read(byte[] file) {
        if (file == null || file.length < 8) {
            throw new InvalidModelException("not a TFLite model: the file has " + (file == null ? 0 : file.length)
                    + " bytes, too few for a flatbuffer header");
        }
        if (file[4] != 'T' || file[5] != 'F' || file[6] != 'L' || file[7] != '3') {
            throw new InvalidModelException("not a TFLite model: expected file identifier \"TFL3\" at bytes 4..7,"
                    + " found \"" + printable(file, 4, 4) + "\"");
        }
        FlatBuffer fb = new FlatBuffer(file);
        FlatBuffer.Table model = fb.table(fb.deref(0, "model root"), "model");

        OperatorType[] opcodes = readOpcodes(model);
        FlatBuffer.Vector buffers = model.vectorField(MODEL_BUFFERS, 4, "buffers");
        FlatBuffer.Vector subgraphs = model.vectorField(MODEL_SUBGRAPHS, 4, "subgraphs");
        if (subgraphs == null || subgraphs.length == 0) {
            throw new InvalidModelException("model has no subgraph: nothing to run");
        }
        FlatBuffer.Table graph = subgraphs.table(0);

        FlatBuffer.Vector tensorVector = graph.vectorField(SUBGRAPH_TENSORS, 4, "tensors");
        if (tensorVector == null) {
            throw new InvalidModelException("subgraph 0 has no tensors");
        }
        List<ModelTensor> tensors = new ArrayList<>(tensorVector.length);
        for (int i = 0; i < tensorVector.length; i++) {
            tensors.add(readTensor(fb, tensorVector.table(i), i, buffers));
        }

        int[] inputs = graph.intVector(SUBGRAPH_INPUTS, "inputs");
        int[] outputs = graph.intVector(SUBGRAPH_OUTPUTS, "outputs");
        if (inputs.length != 1 || outputs.length != 1) {
            throw new InvalidModelException("model has " + inputs.length + " inputs and " + outputs.length
                    + " outputs; an image classifier needs exactly one of each");
        }
        checkTensorIndexes(inputs, tensors.size(), false, "model inputs");
        checkTensorIndexes(outputs, tensors.size(), false, "model outputs");

        FlatBuffer.Vector opVector = graph.vectorField(SUBGRAPH_OPERATORS, 4, "operators");
        if (opVector == null || opVector.length == 0) {
            throw new InvalidModelException("subgraph 0 has no operators");
        }
        List<ModelOperator> operators = new ArrayList<>(opVector.length);
        for (int i = 0; i < opVector.length; i++) {
            operators.add(readOperator(opVector.table(i), i, opcodes, tensors.size()));
        }
        return new TfliteModel(tensors, operators, inputs, outputs, AppendedZip.labels(file));
    }

    private static OperatorType[] readOpcodes(FlatBuffer.Table model) {
        FlatBuffer.Vector codes = model.vectorField(MODEL_OPERATOR_CODES, 4, "operator_codes");
        if (codes == null) {
            throw new InvalidModelException("model has no operator_codes table");
        }
        OperatorType[] result = new OperatorType[codes.length];
        for (int i = 0; i < codes.length; i++) {
            FlatBuffer.Table code = codes.table(i);
            // Newer files keep small codes in the deprecated byte field and large ones in the int field.
            int builtin = Math.max(code.byteField(OPCODE_DEPRECATED_BUILTIN, 0), code.intField(OPCODE_BUILTIN, 0));
            String custom = code.stringField(OPCODE_CUSTOM);
            if (custom != null) {
                throw new InvalidModelException("operator code " + i + " is the custom operator '" + custom
                        + "', which Lenslet does not run");
            }
            result[i] = OperatorType.fromCode(builtin);
            if (result[i] == null) {
                throw new InvalidModelException("unsupported operator: builtin code " + builtin + " (operator_codes["
                        + i + "]); Lenslet runs " + java.util.Arrays.toString(OperatorType.values()));
            }
        }
        return result;
    }

    private static ModelTensor readTensor(FlatBuffer fb, FlatBuffer.Table t, int index,
                                          FlatBuffer.Vector buffers) {
        String where = "tensor " + index;
        String name = t.stringField(TENSOR_NAME);
        if (name != null) {
            where += " '" + name + "'";
        }
        TensorType type = TensorType.fromCode(t.byteField(TENSOR_TYPE, 0), where);
        int[] shape = t.intVector(TENSOR_SHAPE, "shape");
        if (shape.length > MAX_RANK) {
            throw new InvalidModelException(where + ": rank " + shape.length + " is larger than " + MAX_RANK);
        }
        long elements = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new InvalidModelException(where + ": negative dimension " + d + " in its shape");
            }
            elements *= d;
            if (elements > Integer.MAX_VALUE / 8) {
                throw new InvalidModelException(where + ": shape has too many elements");
            }
        }

        int dataOffset = 0;
        int dataLength = 0;
        int bufferIndex = t.intField(TENSOR_BUFFER, 0);
        if (bufferIndex != 0) {
            if (buffers == null || bufferIndex < 0 || bufferIndex >= buffers.length) {
                throw new InvalidModelException(where + ": buffer index " + bufferIndex + " is out of range (the model"
                        + " has " + (buffers == null ? 0 : buffers.length) + " buffers)");
            }
            FlatBuffer.Vector data = buffers.table(bufferIndex).vectorField(BUFFER_DATA, 1, "data");
            if (data != null && data.length > 0) {
                long expected = elements * type.bytes;
                if (data.length != expected) {
                    throw new InvalidModelException(where + ": shape needs " + expected + " bytes of " + type
                            + " data but its buffer " + bufferIndex + " holds " + data.length);
                }
                dataOffset = data.start;
                dataLength = data.length;
            }
        }
        return new ModelTensor(index, name == null ? "" : name, type, shape,
                readQuantization(t.tableField(TENSOR_QUANT, "quantization"), shape, where), fb.bytes, dataOffset,
                dataLength);
    }

    private static Quantization readQuantization(FlatBuffer.Table q, int[] shape, String where) {
        if (q == null) {
            return null;
        }
        FlatBuffer.Vector scaleVector = q.vectorField(QUANT_SCALE, 4, "scale");
        if (scaleVector == null || scaleVector.length == 0) {
            return null;
        }
        float[] scales = new float[scaleVector.length];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = Float.intBitsToFloat(scaleVector.intAt(i));
        }
        FlatBuffer.Vector zpVector = q.vectorField(QUANT_ZERO_POINT, 8, "zero_point");
        long[] zeroPoints = new long[zpVector == null ? 0 : zpVector.length];
        for (int i = 0; i < zeroPoints.length; i++) {
            zeroPoints[i] = zpVector.longAt(i);
        }
        int dimension = q.intField(QUANT_DIMENSION, 0);
        if (scales.length > 1) {
            if (dimension < 0 || dimension >= shape.length || shape[dimension] != scales.length) {
                throw new InvalidModelException(where + ": " + scales.length + " per-channel scales do not match"
                        + " quantized_dimension " + dimension + " of its shape");
            }
            if (zeroPoints.length != 1 && zeroPoints.length != scales.length) {
                throw new InvalidModelException(where + ": " + zeroPoints.length + " zero points for "
                        + scales.length + " scales");
            }
        }
        return new Quantization(scales, zeroPoints, dimension);
    }

    private static ModelOperator readOperator(FlatBuffer.Table t, int index, OperatorType[] opcodes,
                                              int tensorCount) {
        int opcodeIndex = t.intField(OP_OPCODE_INDEX, 0);
        if (opcodeIndex < 0 || opcodeIndex >= opcodes.length) {
            throw new InvalidModelException("operator " + index + ": opcode_index " + opcodeIndex
                    + " is out of range (the model has " + opcodes.length + " operator codes)");
        }
        OperatorType type = opcodes[opcodeIndex];
        int[] inputs = t.intVector(OP_INPUTS, "inputs");
        int[] outputs = t.intVector(OP_OUTPUTS, "outputs");
        String where = "operator " + index + " (" + type + ")";
        checkTensorIndexes(inputs, tensorCount, true, where + " inputs");
        checkTensorIndexes(outputs, tensorCount, false, where + " outputs");
        OperatorOptions options = OperatorOptions.read(type, t.tableField(OP_OPTIONS, "builtin_options"), where);
        return new ModelOperator(index, type, inputs, outputs, options);
    }

    /** -1 marks an omitted optional operator input; model inputs, model outputs and operator outputs need a tensor. */
    private static void checkTensorIndexes(int[] indexes, int tensorCount, boolean omittable, String where) {
        for (int i : indexes) {
            if (i < (omittable ? -1 : 0) || i >= tensorCount) {
                throw new InvalidModelException(where + ": tensor index " + i + " is out of range (the graph has "
                        + tensorCount + " tensors)");
            }
        }
    }

    private static String printable(byte[] b, int from, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            int c = b[i] & 0xFF;
            s.append(c >= 32 && c < 127 ? String.valueOf((char) c) : "\\x" + Integer.toHexString(c));
        }
        return s.toString();
    }
}
