package dev.lenslet.core.explain;

import dev.lenslet.core.graph.PlannedGraph;
import dev.lenslet.core.tflite.ModelTensor;

/**
 * map[y][x] = Σ_k W[o][k] · F[y][x][k]: the class activation map of output o (Zhou et al. 2016), where F is the
 * last feature map [height][width][channels] and W the classifier that follows its global average pool. Since the
 * pool and the classifier are both linear, the logit of o is the mean of the map plus the bias: the map shows where
 * in the image the evidence for o sits. The classifier's weights are dequantized one row per map; nothing is
 * allocated per call.
 */
public final class ClassActivationMap {
    private final ModelTensor weights; // [outputs][channels], a copy detached from the model file
    private final int height, width, channels;
    private final float[] row;         // [channels]: W[o][·] of the map being made

    private ClassActivationMap(ModelTensor weights, int height, int width, int channels) {
        this.weights = weights;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.row = new float[channels];
    }

    /** The maps of a graph whose global pool feeds a classifier, or null when it has none. */
    public static ClassActivationMap of(PlannedGraph<?> graph) {
        ModelTensor features = graph.featureMap();
        ModelTensor weights = graph.classifierWeights();
        if (features == null || weights == null || features.shape.length != 4
                || weights.elementCount() % features.shape[3] != 0) {
            return null;
        }
        return new ClassActivationMap(weights.detached(), features.shape[1], features.shape[2], features.shape[3]);
    }

    /** Rows of the map: the feature map's height (7 for MobileNetV2 at 224×224). */
    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Writes output o's map [height][width] of float features F [height][width][channels] into {@code map}. */
    public void compute(int output, float[] features, float[] map) {
        weights.dequantize(output * channels, row);
        for (int p = 0, f = 0; p < height * width; p++) {
            float sum = 0f;
            for (int k = 0; k < channels; k++, f++) {
                sum += row[k] * features[f];
            }
            map[p] = sum;
        }
    }

    /**
     * The same over uint8 features whose real value is scale · (q − zeroPoint): Σ_k W[o][k] · scale · (q − zp),
     * dequantized on the fly.
     */
    public void compute(int output, byte[] features, float scale, int zeroPoint, float[] map) {
        weights.dequantize(output * channels, row);
        for (int p = 0, f = 0; p < height * width; p++) {
            float sum = 0f;
            for (int k = 0; k < channels; k++, f++) {
                sum += row[k] * ((features[f] & 0xFF) - zeroPoint);
            }
            map[p] = sum * scale;
        }
    }
}
