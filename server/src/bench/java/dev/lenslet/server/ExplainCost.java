package dev.lenslet.server;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.Classifier;
import dev.lenslet.core.explain.EmbeddingSimilarity;
import dev.lenslet.core.explain.MapSummary;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.server.image.ImageDecoder;
import dev.lenslet.server.kernel.JvmKernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * What explaining costs on the JVM, one thread, after warm-up (issue 16): one class activation map of the top class
 * (the map, scaled to 0..1 and described in words, as {@code classify --saliency} makes it) against one inference,
 * in each arithmetic; and ordering 1000 embeddings by cosine similarity to one, as "similar photos" does.
 */
final class ExplainCost {
    record Map(Arithmetic arithmetic, double inferenceMs, double mapMicros) {
    }

    private ExplainCost() {
    }

    static Map map(Path model, Path photo, Arithmetic arithmetic, int runs) throws Exception {
        Classifier classifier = Classifier.load(Files.readAllBytes(model), null, arithmetic, JvmKernels.CHOSEN);
        Pixels pixels = ImageDecoder.decode(photo, Long.MAX_VALUE);
        double[] inference = new double[runs];
        for (int i = -runs / 2; i < runs; i++) { // the negative half warms up
            long start = System.nanoTime();
            classifier.run(pixels, Crop.CENTER);
            if (i >= 0) {
                inference[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        int top = classifier.top(1).get(0).index();
        int maps = 100 * runs;
        double[] map = new double[maps];
        for (int i = -maps / 2; i < maps; i++) {
            long start = System.nanoTime();
            float[] cells = classifier.activationMap(top);
            MapSummary.scaleToUnit(cells, cells.length);
            MapSummary.describe(cells, classifier.mapWidth(), classifier.mapHeight());
            if (i >= 0) {
                map[i] = (System.nanoTime() - start) / 1e3;
            }
        }
        return new Map(arithmetic, median(inference), median(map));
    }

    /** Median microseconds to order {@code count} embeddings of {@code length} values by cosine to a query. */
    static double similaritySortMicros(int count, int length, int runs) {
        Random random = new Random(16);
        float[][] embeddings = new float[count][length];
        for (float[] embedding : embeddings) {
            for (int i = 0; i < length; i++) {
                // Post-ReLU6 pooled features: non-negative, mostly small.
                embedding[i] = (float) Math.abs(random.nextGaussian());
            }
        }
        float[] similarity = new float[count];
        double[] times = new double[runs];
        for (int r = -runs / 2; r < runs; r++) {
            float[] query = embeddings[Math.floorMod(r, count)];
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                similarity[i] = EmbeddingSimilarity.cosine(query, embeddings[i]);
            }
            Integer[] order = IntStream.range(0, count).boxed().sorted(
                    Comparator.comparingDouble(i -> -similarity[i])).toArray(Integer[]::new);
            if (r >= 0) {
                times[r] = (System.nanoTime() - start) / 1e3;
            }
            if (order.length != count) {
                throw new AssertionError();
            }
        }
        return median(times);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
