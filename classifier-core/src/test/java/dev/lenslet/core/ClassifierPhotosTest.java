package dev.lenslet.core;

import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.kernel.KernelSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real photos through the real pretrained MobileNetV2 files give the right ImageNet labels, with the JVM's
 * {@link KernelSet#VECTORIZABLE} kernels; the browser's {@link KernelSet#REGISTER_BLOCKED} ones give the same
 * probabilities.
 */
class ClassifierPhotosTest {
    private static Classifier primary;
    private static JsonNode reference;

    @BeforeAll
    static void load() throws IOException {
        primary = SharedData.classifier(SharedData.PRIMARY, KernelSet.VECTORIZABLE);
        reference = new ObjectMapper().readTree(SharedData.root().resolve("reference")
                .resolve("photos_reference_outputs.json").toFile());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("dev.lenslet.core.SharedData#labelledPhotos")
    void labelledPhotoGetsItsLabel(String photo, int index1001, String label) {
        Prediction top = primary.classify(SharedData.pixels(photo), Crop.SQUASH, 5).get(0);
        assertEquals(index1001 - 1, top.index(), photo + ": " + top);
        assertEquals(label, top.label());
    }

    /** Grace Hopper is left out: her portrait's central square keeps the cap and drops most of the uniform. */
    @ParameterizedTest
    @CsvSource({"cat.bmp, 286", "cat_720p.jpg, 286", "bird.bmp, 20", "parrot.jpg, 89", "hot_dog.jpg, 935",
        "dragonfly.bmp, 320", "burger.jpg, 934"})
    void centralCropKeepsTheLabel(String photo, int index1001) {
        Prediction top = primary.classify(SharedData.pixels(photo), Crop.CENTER, 1).get(0);
        assertEquals(index1001 - 1, top.index(), photo + ": " + top);
    }

    @Test
    void catPassesCoralsOwnScoreBar() {
        Prediction top = primary.classify(SharedData.pixels("cat.bmp"), Crop.SQUASH, 1).get(0);
        assertEquals("Egyptian cat", top.label());
        assertTrue(top.probability() > 0.7f, "Coral's test requires > 0.7, got " + top.probability());
    }

    @Test
    void soccerBallFoundInItsCropOfMultiObjects() {
        Pixels crop = SharedData.pixels("multi_objects.jpg").crop(406, 110, 148, 153);
        Prediction top = primary.classify(crop, Crop.SQUASH, 1).get(0);
        assertEquals(806 - 1, top.index(), top.toString());
        assertEquals("soccer ball", top.label());
    }

    /** The exact-input photos need no resizing, so the float path must track the reference float run closely. */
    @ParameterizedTest
    @CsvSource({"resized_cat.bmp", "bird.rgb", "sunflower.rgb", "burger-224.png"})
    void exactInputMatchesReferenceFloatRun(String photo) {
        primary.run(SharedData.pixels(photo), Crop.SQUASH);
        float[] probabilities = primary.probabilities();
        assertEquals(1001, probabilities.length);
        JsonNode top5 = reference.get("photos/" + photo).get("mnv2_quant_dequant_float_top5");
        for (JsonNode entry : top5) {
            int index = entry.get(0).asInt();
            double expected = entry.get(1).asDouble();
            assertEquals(expected, probabilities[index], 0.03, photo + " output " + index);
        }
        List<Prediction> ours = primary.top(3);
        for (int i = 0; i < 3; i++) {
            assertEquals(top5.get(i).get(0).asInt() - 1, ours.get(i).index(), photo + " rank " + i);
        }
        JsonNode integerRun = reference.get("photos/" + photo).get("mnv2_quant_int_ref_full_output_uint8");
        for (int i = 0; i < 1001; i++) {
            assertEquals(integerRun.get(i).asInt() / 256.0, probabilities[i], 0.05, photo + " vs integer run, output " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "tf2_mobilenet_v2_1.0_224_ptq.tflite, resized_cat.bmp, 286",
        "tf2_mobilenet_v2_1.0_224_ptq.tflite, bird.rgb, 20",
        "tf2_mobilenet_v2_1.0_224_ptq.tflite, burger-224.png, 934",
        "tf2_mobilenet_v2_1.0_224_ptq.tflite, sunflower.rgb, 986",
        "mobilenet_v2_1.0_224_quant_logits.tflite, resized_cat.bmp, 286",
        "mobilenet_v2_1.0_224_quant_logits.tflite, bird.rgb, 20",
        "mobilenet_v2_1.0_224_quant_logits.tflite, burger-224.png, 934",
        "mobilenet_v2_1.0_224_quant_logits.tflite, sunflower.rgb, 986",
    })
    void otherModelsAgreeOnExactInputs(String model, String photo, int index1001) {
        Classifier classifier = SharedData.classifier(model, KernelSet.VECTORIZABLE);
        List<Prediction> top = classifier.classify(SharedData.pixels(photo), Crop.SQUASH, 5);
        assertEquals(index1001 - 1, top.get(0).index(), model + " on " + photo + ": " + top);
        float sum = 0;
        for (float p : classifier.probabilities()) {
            sum += p;
        }
        assertEquals(1f, sum, 0.01f, "probabilities of " + model + " sum to 1 (softmax applied to logits)");
    }

    /** Both kernel sets add every sum's terms in the same order: the same floats out, to the last bit. */
    @ParameterizedTest
    @CsvSource({"cat.bmp", "grace_hopper.jpg", "parrot.jpg", "bird.rgb"})
    void registerBlockedKernelsGiveTheSameProbabilitiesAndEmbedding(String photo) {
        Classifier blocked = SharedData.classifier(SharedData.PRIMARY, KernelSet.REGISTER_BLOCKED);
        blocked.run(SharedData.pixels(photo), Crop.SQUASH);
        primary.run(SharedData.pixels(photo), Crop.SQUASH);
        assertArrayEquals(blocked.probabilities(), primary.probabilities(), photo + " probabilities");
        assertArrayEquals(blocked.embedding(), primary.embedding(), photo + " embedding");
        assertEquals(blocked.top(1).get(0).label(), primary.top(1).get(0).label(), photo);
    }

    @Test
    void labelsEmbeddedInThePrimaryModelMatchTheLabelFile() {
        Classifier embedded = Classifier.load(SharedData.bytes(SharedData.model(SharedData.PRIMARY)),
                KernelSet.VECTORIZABLE);
        Prediction top = embedded.classify(SharedData.pixels("resized_cat.bmp"), Crop.SQUASH, 1).get(0);
        assertEquals("Egyptian cat", top.label());
        assertEquals(1000, embedded.classCount());
    }

    @Test
    void modelWithoutLabelsAndNoLabelFileIsRefusedClearly() {
        byte[] logits = SharedData.bytes(SharedData.model(SharedData.LOGITS));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> Classifier.load(logits,
                KernelSet.VECTORIZABLE));
        assertTrue(e.getMessage().contains("no embedded label file"), e.getMessage());
    }

    @Test
    void labelFileOfTheWrongLengthIsRefused() {
        byte[] model = SharedData.bytes(SharedData.model(SharedData.PRIMARY));
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> Classifier.load(model, "background\ncat\ndog\n", KernelSet.VECTORIZABLE));
        assertTrue(e.getMessage().contains("3 lines but the model has 1001 outputs"), e.getMessage());
    }

    @Test
    void backgroundIsNeverReported() {
        List<Prediction> all = primary.classify(SharedData.pixels("sunflower.rgb"), Crop.SQUASH, 5000);
        assertEquals(1000, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertTrue(all.get(i).index() >= 0 && all.get(i).index() < 1000);
            assertTrue(!all.get(i).label().equals("background"));
            assertTrue(i == 0 || all.get(i - 1).probability() >= all.get(i).probability(), "sorted at " + i);
        }
    }

    @Test
    void embeddingSeparatesCatsFromParrots() {
        float[] cat = embeddingOf("cat.bmp");
        float[] cat720 = embeddingOf("cat_720p.jpg");
        float[] parrot = embeddingOf("parrot.jpg");
        assertEquals(1280, cat.length);
        for (float v : cat) {
            assertTrue(v >= 0f && v <= 6f, "pooled ReLU6 features lie in [0, 6]");
        }
        assertTrue(cosine(cat, cat720) > cosine(cat, parrot) + 0.2,
                "cat~cat " + cosine(cat, cat720) + " vs cat~parrot " + cosine(cat, parrot));
    }

    @Test
    void repeatedRunsAreIndependentOfWhatRanBefore() {
        Pixels cat = SharedData.pixels("resized_cat.bmp");
        primary.run(cat, Crop.SQUASH);
        float[] first = primary.probabilities().clone();
        primary.run(SharedData.pixels("parrot.jpg"), Crop.CENTER);
        primary.run(cat, Crop.SQUASH);
        assertArrayEquals(first, primary.probabilities());
    }

    private static float[] embeddingOf(String photo) {
        primary.run(SharedData.pixels(photo), Crop.CENTER);
        float[] e = primary.embedding();
        assertNotNull(e);
        return e.clone();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
