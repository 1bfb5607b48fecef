package dev.lenslet.core.graph;

import dev.lenslet.core.tflite.ModelOperator;
import dev.lenslet.core.tflite.OperatorType;
import dev.lenslet.core.tflite.TfliteModel;
import java.util.List;

/**
 * Finds MobileNet's head: the pooled feature vector (the output of the last global pool, the embedding) and the
 * classifier that reads it (a 1×1 conv or fully-connected op followed only by reshapes, softmax and conversions).
 */
final class ClassifierHead {
    private final TfliteModel model;
    /** The pooled features' tensor, or −1 when the graph has no global pool. */
    final int embeddingTensor;
    /** The last feature map, which that pool averages, or −1 without one. */
    final int featureMapTensor;
    private ModelOperator classifierOp;
    private int classifierLayer = -1;

    ClassifierHead(TfliteModel model) {
        this.model = model;
        int found = -1;
        int features = -1;
        for (ModelOperator op : model.operators) {
            if (op.type == OperatorType.MEAN || op.type == OperatorType.AVERAGE_POOL_2D) {
                found = op.outputs.length == 1 ? op.outputs[0] : -1;
                features = op.outputs.length == 1 && op.inputs.length > 0 ? op.inputs[0] : -1;
            }
        }
        this.embeddingTensor = found;
        this.featureMapTensor = features;
    }

    /** Notes op, already checked and made layer {@code layer}, as the classifier if it reads the pooled features. */
    void consider(ModelOperator op, int layer) {
        if (embeddingTensor < 0 || op.inputs[0] != embeddingTensor) {
            return;
        }
        int[] filter = model.tensors.get(op.inputs[1]).shape;
        if (op.type == OperatorType.FULLY_CONNECTED
                || (op.type == OperatorType.CONV_2D && filter[1] == 1 && filter[2] == 1)) {
            classifierOp = op;
            classifierLayer = layer;
        }
    }

    /** Once every op is planned: a classifier followed by anything but reshapes and softmax is no head. */
    void confirm(List<ModelOperator> ops) {
        for (int i = classifierLayer + 1; classifierLayer >= 0 && i < ops.size(); i++) {
            OperatorType type = ops.get(i).type;
            if (type != OperatorType.RESHAPE && type != OperatorType.SQUEEZE && type != OperatorType.SOFTMAX
                    && type != OperatorType.QUANTIZE && type != OperatorType.DEQUANTIZE) {
                classifierLayer = -1;
                classifierOp = null;
            }
        }
    }

    ModelOperator classifierOp() {
        return classifierOp;
    }

    int classifierLayer() {
        return classifierLayer;
    }
}
