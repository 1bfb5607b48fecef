package dev.lenslet.core.tflite;

import dev.lenslet.core.InvalidModelException;

/**
 * The builtin options of one operator as TFLite's schema lays them out per type, with the schema's defaults where
 * the file leaves them out; read once, then copied into the immutable {@link ModelOperator}.
 */
final class OperatorOptions {
    /** true = SAME, false = VALID. */
    boolean samePadding = true;
    int strideW = 1;
    int strideH = 1;
    int dilationW = 1;
    int dilationH = 1;
    int depthMultiplier = 1;
    int filterW;
    int filterH;
    boolean keepDims;
    float beta = 1f;
    Activation activation = Activation.NONE;

    private OperatorOptions() {
    }

    /**
     * @param o     the operator's builtin_options table, or null when it has none
     * @param where the operator, for messages
     * @throws InvalidModelException for strides, dilations, multipliers or pool sizes below 1
     */
    static OperatorOptions read(OperatorType type, FlatBuffer.Table o, String where) {
        OperatorOptions op = new OperatorOptions();
        if (o == null) {
            return op;
        }
        switch (type) {
            case CONV_2D:
                op.samePadding = o.byteField(0, 0) == 0;
                op.strideW = o.intField(1, 1);
                op.strideH = o.intField(2, 1);
                op.activation = Activation.fromCode(o.byteField(3, 0), where);
                op.dilationW = o.intField(4, 1);
                op.dilationH = o.intField(5, 1);
                break;
            case DEPTHWISE_CONV_2D:
                op.samePadding = o.byteField(0, 0) == 0;
                op.strideW = o.intField(1, 1);
                op.strideH = o.intField(2, 1);
                op.depthMultiplier = o.intField(3, 1);
                op.activation = Activation.fromCode(o.byteField(4, 0), where);
                op.dilationW = o.intField(5, 1);
                op.dilationH = o.intField(6, 1);
                break;
            case AVERAGE_POOL_2D:
                op.samePadding = o.byteField(0, 0) == 0;
                op.strideW = o.intField(1, 1);
                op.strideH = o.intField(2, 1);
                op.filterW = o.intField(3, 1);
                op.filterH = o.intField(4, 1);
                op.activation = Activation.fromCode(o.byteField(5, 0), where);
                break;
            case ADD:
            case FULLY_CONNECTED:
                op.activation = Activation.fromCode(o.byteField(0, 0), where);
                break;
            case SOFTMAX:
                op.beta = o.floatField(0, 1f);
                break;
            case MEAN:
                op.keepDims = o.byteField(0, 0) != 0;
                break;
            default:
                break;
        }
        if (op.strideW < 1 || op.strideH < 1 || op.dilationW < 1 || op.dilationH < 1 || op.depthMultiplier < 1
                || (type == OperatorType.AVERAGE_POOL_2D && (op.filterW < 1 || op.filterH < 1))) {
            throw new InvalidModelException(where + ": invalid options (stride " + op.strideW + "x" + op.strideH
                    + ", dilation " + op.dilationW + "x" + op.dilationH + ", depth multiplier " + op.depthMultiplier
                    + ", filter " + op.filterW + "x" + op.filterH + ")");
        }
        return op;
    }
}
