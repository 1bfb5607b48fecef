package dev.lenslet.core.explain;

/**
 * What a person is told of a class activation map: its values scaled to 0..1, and in words where most of the
 * evidence lies ("mostly the upper left"), the text alternative of the overlay.
 */
public final class MapSummary {
    /** Cells at or above this share of the scaled map count as "where it looked". */
    static final float HOT = 0.5f;

    private MapSummary() {
    }

    /** Scales map[0 .. n) in place to 0..1 (minimum 0, maximum 1); a flat map becomes all 0. */
    public static void scaleToUnit(float[] map, int n) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, map[i]);
            max = Math.max(max, map[i]);
        }
        float range = max - min;
        for (int i = 0; i < n; i++) {
            map[i] = range > 0f ? (map[i] - min) / range : 0f;
        }
    }

    /**
     * Where the hot cells of a map scaled to 0..1 ([height][width], image orientation) lie: their weighted centre's
     * third of the image across and down, e.g. "mostly the upper left", "mostly the centre"; "spread over the whole
     * image" when over half the cells are hot.
     */
    public static String describe(float[] scaled, int width, int height) {
        double sum = 0, sumX = 0, sumY = 0;
        int hot = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = scaled[y * width + x];
                if (v >= HOT) {
                    hot++;
                    sum += v;
                    sumX += v * (x + 0.5);
                    sumY += v * (y + 0.5);
                }
            }
        }
        if (hot == 0 || 2 * hot > width * height) {
            return "spread over the whole image";
        }
        String across = third(sumX / sum / width, "left", null, "right");
        String down = third(sumY / sum / height, "upper", null, "lower");
        if (across == null && down == null) {
            return "mostly the centre";
        }
        if (down == null) {
            return "mostly the " + across;
        }
        return "mostly the " + (across == null ? down + " middle" : down + " " + across);
    }

    private static String third(double position, String first, String middle, String last) {
        return position < 1 / 3.0 ? first : position >= 2 / 3.0 ? last : middle;
    }
}
