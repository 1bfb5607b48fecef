package dev.lenslet.core.tflite;

import java.util.List;

/** A parsed TFLite model: the first subgraph's tensors and operators, plus the metadata Lenslet uses. */
public final class TfliteModel {
    public final List<ModelTensor> tensors;
    public final List<ModelOperator> operators;
    public final int[] inputs;
    public final int[] outputs;
    /** Text of the label file found in the ZIP appended to the model, or null. */
    public final String embeddedLabels;

    TfliteModel(List<ModelTensor> tensors, List<ModelOperator> operators, int[] inputs, int[] outputs,
                String embeddedLabels) {
        this.tensors = tensors;
        this.operators = operators;
        this.inputs = inputs;
        this.outputs = outputs;
        this.embeddedLabels = embeddedLabels;
    }

    public ModelTensor input() {
        return tensors.get(inputs[0]);
    }

    public ModelTensor output() {
        return tensors.get(outputs[0]);
    }
}
