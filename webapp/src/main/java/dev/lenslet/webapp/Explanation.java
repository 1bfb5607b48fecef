package dev.lenslet.webapp;

import dev.lenslet.core.Classifier;
import dev.lenslet.core.explain.MapSummary;
import dev.lenslet.core.image.Region;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * What the worker tells of the image it classified last, beyond its classes: where the network looked for a class
 * and the image's embedding. Asked for in the same request as the classification, so that both come from the
 * worker that ran that image. Nothing here runs unless asked, so the live loop pays nothing for it.
 */
final class Explanation {
    private Explanation() {
    }

    /**
     * Class {@code classIndex}'s activation map as JSON {@code {"width":7,"height":7,"values":[…],"region":{"left":…,
     * "top":…,"width":…,"height":…},"text":"mostly the upper left"}}: values row-major in image orientation, scaled to 0..1;
     * the region the map covers as fractions of the {@code imageWidth × imageHeight} image, so that it places the
     * map on any scaled copy of it; text the map in words.
     */
    static String activationMapJson(Classifier classifier, int classIndex, int imageWidth, int imageHeight) {
        float[] map = classifier.activationMap(classIndex);
        int width = classifier.mapWidth();
        int height = classifier.mapHeight();
        MapSummary.scaleToUnit(map, width * height);
        Region region = classifier.inputRegion();
        var json = new StringBuilder(24 + 12 * width * height + 120)
                .append("{\"width\":").append(width).append(",\"height\":").append(height).append(",\"values\":[");
        for (int i = 0; i < width * height; i++) {
            json.append(i == 0 ? "" : ",").append(map[i]);
        }
        return json.append("],\"region\":{\"left\":").append(region.left / imageWidth)
                .append(",\"top\":").append(region.top / imageHeight)
                .append(",\"width\":").append(region.width / imageWidth)
                .append(",\"height\":").append(region.height / imageHeight).append("},\"text\":\"")
                .append(MapSummary.describe(map, width, height)).append("\"}").toString();
    }

    /** A copy of the last image's embedding (1280 values for MobileNetV2), which the next image overwrites. */
    static Float32Array embedding(Classifier classifier) {
        float[] embedding = classifier.embedding();
        if (embedding == null) {
            throw new IllegalStateException("This model has no embedding (no global pool before its classifier)");
        }
        return Float32Array.copyFromJavaArray(embedding);
    }
}
