package dev.lenslet.server.inference;

import dev.lenslet.core.Classifier;
import dev.lenslet.core.explain.MapSummary;
import dev.lenslet.core.image.Region;
import java.util.Arrays;

/**
 * Where the network looked for one class in one image: its class activation map scaled to 0..1 (row-major, image
 * orientation), the image region the map's grid covers (the network's input: the whole image or the central
 * crop), and the map in words, e.g. "mostly the upper left".
 *
 * @param map [height · width], a copy of the classifier's reused buffer
 */
public record Saliency(int classIndex, float[] map, int width, int height, Region region, String description) {
    /** The map of ImageNet class {@code classIndex} for the image {@code classifier} has just run. */
    public static Saliency of(Classifier classifier, int classIndex) {
        int width = classifier.mapWidth(), height = classifier.mapHeight();
        float[] map = Arrays.copyOf(classifier.activationMap(classIndex), width * height);
        MapSummary.scaleToUnit(map, map.length);
        return new Saliency(classIndex, map, width, height, classifier.inputRegion(),
                MapSummary.describe(map, width, height));
    }

    /** The scaled value of cell (x, y). */
    public float at(int x, int y) {
        return map[y * width + x];
    }
}
