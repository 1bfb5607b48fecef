package dev.lenslet.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.Classifier;
import dev.lenslet.core.Prediction;
import dev.lenslet.core.SharedData;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.image.Region;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.tflite.ModelOperator;
import dev.lenslet.core.tflite.OperatorType;
import dev.lenslet.core.tflite.TfliteModel;
import dev.lenslet.core.tflite.TfliteModelReader;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Class activation maps mean what they say: the evidence for a class lies where its object is. */
class ClassActivationMapTest {
    private static final int CANVAS = 448;
    private static final int EGYPTIAN_CAT = 285;

    static Stream<Arguments> cornersInBothArithmetics() {
        return Stream.of(Arithmetic.FLOAT, Arithmetic.INTEGER).flatMap(a -> Stream.of(
                Arguments.of(a, 0, 0, "mostly the upper left"), Arguments.of(a, 1, 0, "mostly the upper right"),
                Arguments.of(a, 0, 1, "mostly the lower left"), Arguments.of(a, 1, 1, "mostly the lower right")));
    }

    /** The cat photo pasted into one quadrant of a plain grey canvas: the cat's map peaks in that quadrant. */
    @ParameterizedTest(name = "{0} cat at ({1}, {2})")
    @MethodSource("cornersInBothArithmetics")
    void mapPeaksWhereTheCatWasPasted(Arithmetic arithmetic, int right, int down, String words) {
        Classifier classifier = Classifier.load(SharedData.bytes(SharedData.model(SharedData.PRIMARY)),
                SharedData.labelText(), arithmetic, KernelSet.VECTORIZABLE);
        Pixels canvas = pasted(SharedData.pixels("resized_cat.bmp"), right * CANVAS / 2, down * CANVAS / 2);
        Prediction top = classifier.classify(canvas, Crop.SQUASH, 1).get(0);
        float[] map = classifier.activationMap(top.index()).clone();
        int w = classifier.mapWidth(), h = classifier.mapHeight();
        assertEquals(7, w);
        assertEquals(7, h);
        int peak = 0;
        for (int i = 1; i < map.length; i++) {
            peak = map[i] > map[peak] ? i : peak;
        }
        int px = peak % w, py = peak / w;
        String where = arithmetic + " " + top + ", peak at (" + px + ", " + py + ") of " + Arrays.toString(map);
        assertTrue(right == 0 ? px < 3 : px > 3, where);
        assertTrue(down == 0 ? py < 3 : py > 3, where);
        MapSummary.scaleToUnit(map, map.length);
        assertEquals(words, MapSummary.describe(map, w, h), where);
    }

    /**
     * Pool and classifier are linear: a class's logit is its map's mean plus its bias, so the maps of two classes
     * differ in mean as their logits do, less their biases (logit differences are log-ratios of probabilities).
     */
    @Test
    void mapMeansDifferAsTheLogitsDo() {
        byte[] file = SharedData.bytes(SharedData.model(SharedData.LOGITS));
        Classifier logits = Classifier.load(file, SharedData.labelText(), Arithmetic.FLOAT, KernelSet.VECTORIZABLE);
        logits.run(SharedData.pixels("cat.bmp"), Crop.CENTER);
        float[] p = logits.probabilities().clone();
        float[] bias = classifierBias(TfliteModelReader.read(file));
        int other = 281; // tabby
        double catMean = mean(logits.activationMap(EGYPTIAN_CAT)), otherMean = mean(logits.activationMap(other));
        double logitDifference = Math.log((double) p[EGYPTIAN_CAT + 1] / p[other + 1]);
        assertEquals(logitDifference, catMean + bias[EGYPTIAN_CAT + 1] - otherMean - bias[other + 1], 1e-3);
    }

    private static float[] classifierBias(TfliteModel model) {
        ModelOperator classifier = null;
        for (ModelOperator op : model.operators) {
            classifier = op.type == OperatorType.CONV_2D ? op : classifier;
        }
        return model.tensors.get(classifier.inputs[2]).dequantize();
    }

    @Test
    void inputRegionIsTheCentralCropOfTheImage() {
        Classifier classifier = SharedData.classifier(SharedData.PRIMARY, KernelSet.VECTORIZABLE);
        classifier.run(SharedData.pixels("cat.bmp"), Crop.CENTER); // 512×341
        Region region = classifier.inputRegion();
        float side = 341 * 0.875f;
        assertEquals(side, region.width, 1e-3f);
        assertEquals(side, region.height, 1e-3f);
        assertEquals((512 - side) / 2, region.left, 1e-3f);
        assertEquals((341 - side) / 2, region.top, 1e-3f);
        classifier.run(SharedData.pixels("cat.bmp"), Crop.SQUASH);
        assertEquals("512.0x341.0 at (0.0, 0.0)", classifier.inputRegion().toString());
    }

    private static double mean(float[] map) {
        double sum = 0;
        for (float v : map) {
            sum += v;
        }
        return sum / map.length;
    }

    private static Pixels pasted(Pixels photo, int x0, int y0) {
        byte[] rgb = new byte[CANVAS * CANVAS * 3];
        Arrays.fill(rgb, (byte) 128);
        for (int y = 0; y < photo.height; y++) {
            System.arraycopy(photo.data, y * photo.width * 3, rgb, ((y0 + y) * CANVAS + x0) * 3, photo.width * 3);
        }
        return new Pixels(rgb, CANVAS, CANVAS, 3);
    }
}
