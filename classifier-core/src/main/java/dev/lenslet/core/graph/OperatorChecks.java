package dev.lenslet.core.graph;

import dev.lenslet.core.InvalidModelException;
import dev.lenslet.core.tflite.ModelOperator;
import dev.lenslet.core.tflite.ModelTensor;
import dev.lenslet.core.tflite.TfliteModel;

/**
 * The shape checks every operator's inputs pass before a layer is made for it; each failure names the operator and
 * what is wrong with it.
 */
final class OperatorChecks {
    private final TfliteModel model;
    /** Slot of each tensor written so far, −1 for tensors not yet computed (shared with the builder). */
    private final int[] slotOf;

    OperatorChecks(TfliteModel model, int[] slotOf) {
        this.model = model;
        this.slotOf = slotOf;
    }

    /** Input k, an activation some earlier operator computed. */
    ModelTensor activation(ModelOperator op, int k) {
        expect(op, op.inputs.length > k && op.inputs[k] >= 0, "input " + k + " is missing");
        ModelTensor t = model.tensors.get(op.inputs[k]);
        expect(op, !t.isConstant() && slotOf[t.index] >= 0, "input " + t.describe() + " is not computed by the graph");
        return t;
    }

    /** Input 0 as one NHWC image [1, h, w, c]. */
    ModelTensor activation4d(ModelOperator op) {
        ModelTensor t = activation(op, 0);
        expect(op, t.shape.length == 4 && t.shape[0] == 1, "input " + t.describe() + " is not [1, h, w, c]");
        return t;
    }

    ModelTensor weights(ModelOperator op, int k, int rank) {
        expect(op, op.inputs.length > k && op.inputs[k] >= 0, "weights (input " + k + ") are missing");
        ModelTensor t = model.tensors.get(op.inputs[k]);
        expect(op, t.isConstant() && t.shape.length == rank, "weights " + t.describe() + " must be a constant of rank "
                + rank);
        return t;
    }

    /** The op's bias tensor, checked to hold outC constants, or null when it has none. */
    ModelTensor bias(ModelOperator op, int outC) {
        if (op.inputs.length < 3 || op.inputs[2] < 0) {
            return null;
        }
        ModelTensor b = model.tensors.get(op.inputs[2]);
        expect(op, b.isConstant() && b.elementCount() == outC, "bias " + b.describe() + " should be a constant of "
                + outC + " values");
        return b;
    }

    void expectShape(ModelOperator op, ModelTensor out, ConvGeometry g) {
        expect(op, out.shape.length == 4 && out.shape[1] == g.outH && out.shape[2] == g.outW
                && out.shape[3] == g.outC, "output " + out.describe() + " should be [1, " + g.outH + ", " + g.outW
                + ", " + g.outC + "]");
    }

    static void expect(ModelOperator op, boolean ok, String problem) {
        if (!ok) {
            throw new InvalidModelException(op.describe() + ": " + problem);
        }
    }
}
