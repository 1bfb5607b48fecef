package dev.lenslet.core.quant;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.Classifier;
import dev.lenslet.core.InvalidModelException;
import dev.lenslet.core.Prediction;
import dev.lenslet.core.SharedData;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.tflite.TfliteModelReader;
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

/** The primary uint8 model in exact integer arithmetic reproduces TFLite's integer run on real photos. */
class IntegerArithmeticPhotosTest {
    private static Classifier integer;
    private static JsonNode reference;

    @BeforeAll
    static void load() throws IOException {
        integer = Classifier.load(SharedData.bytes(SharedData.model(SharedData.PRIMARY)), SharedData.labelText(),
                Arithmetic.INTEGER, KernelSet.VECTORIZABLE);
        reference = new ObjectMapper().readTree(SharedData.root().resolve("reference")
                .resolve("photos_reference_outputs.json").toFile());
    }

    /** Every one of the 1001 uint8 softmax outputs equals TFLite's integer reference run. */
    @ParameterizedTest
    @CsvSource({"resized_cat.bmp", "bird.rgb", "sunflower.rgb", "burger-224.png"})
    void exactInputMatchesTfliteIntegerRun(String photo) {
        QuantizedNetwork network = network(SharedData.PRIMARY);
        network.setInput(SharedData.pixels(photo), Crop.SQUASH);
        byte[] output = network.run();
        JsonNode expected = reference.get("photos/" + photo).get("mnv2_quant_int_ref_full_output_uint8");
        assertEquals(1001, expected.size());
        assertEquals(1001, output.length);
        for (int i = 0; i < 1001; i++) {
            int q = output[i] & 0xFF;
            int want = expected.get(i).asInt();
            assertEquals(want, q, photo + " output " + i);
        }
    }

    /**
     * The classifier's scores come from its float logits: the top 5 are five distinct, ranked, non-zero scores
     * (the uint8 softmax would tie all but the first few at 0), within 2 points of TFLite's uint8 scores.
     */
    @ParameterizedTest
    @CsvSource({"resized_cat.bmp", "bird.rgb", "sunflower.rgb", "burger-224.png"})
    void scoresRankEveryClassAndAgreeWithTheUint8Softmax(String photo) {
        List<Prediction> top = integer.classify(SharedData.pixels(photo), Crop.SQUASH, 5);
        JsonNode expected = reference.get("photos/" + photo).get("mnv2_quant_int_ref_full_output_uint8");
        for (int i = 0; i < top.size(); i++) {
            Prediction p = top.get(i);
            assertTrue(p.probability() > 0f, photo + ": " + top);
            assertTrue(i == 0 || p.probability() < top.get(i - 1).probability(), photo + ": " + top);
            float tflite = expected.get(p.index() + 1).asInt() / 256f;
            assertEquals(tflite, p.probability(), 0.02f, photo + " " + p);
        }
        assertEquals(expected.get(top.get(0).index() + 1).asInt(), maxOf(expected), photo + ": same top-1");
    }

    /**
     * The float logits are the ones TFLite rounds to uint8: rounded the same way they give the logits-only
     * model's integer output within 1 step.
     */
    @ParameterizedTest
    @CsvSource({"resized_cat.bmp", "bird.rgb", "sunflower.rgb", "burger-224.png"})
    void floatLogitsRoundToTheIntegerLogits(String photo) {
        QuantizedNetwork network = network(SharedData.LOGITS);
        network.setInput(SharedData.pixels(photo), Crop.SQUASH);
        float[] unrounded = network.runToLogits().clone();
        // The layers reuse the input's buffer: fill it again.
        network.setInput(SharedData.pixels(photo), Crop.SQUASH);
        byte[] rounded = network.run();
        for (int i = 0; i < network.outputSize; i++) {
            int q = Math.round(unrounded[i] / network.outputScale) + network.outputZeroPoint;
            int want = rounded[i] & 0xFF;
            assertTrue(Math.abs(Math.max(0, Math.min(255, q)) - want) <= 1,
                    photo + " logit " + i + ": " + unrounded[i] + " rounds to " + q + ", TFLite " + want);
        }
    }

    private static QuantizedNetwork network(String model) {
        return QuantizedNetwork.build(TfliteModelReader.read(SharedData.bytes(SharedData.model(model))),
                KernelSet.VECTORIZABLE);
    }

    private static int maxOf(JsonNode values) {
        int max = 0;
        for (JsonNode v : values) {
            max = Math.max(max, v.asInt());
        }
        return max;
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("dev.lenslet.core.SharedData#labelledPhotos")
    void labelledPhotoGetsItsLabel(String photo, int index1001, String label) {
        Prediction top = integer.classify(SharedData.pixels(photo), Crop.SQUASH, 5).get(0);
        assertEquals(index1001 - 1, top.index(), photo + ": " + top);
        assertEquals(label, top.label());
    }

    @Test
    void embeddingIsThePooledReluSixFeatures() {
        integer.run(SharedData.pixels("cat.bmp"), Crop.SQUASH);
        float[] embedding = integer.embedding();
        assertNotNull(embedding);
        assertEquals(1280, embedding.length);
        float largest = 0f;
        for (float v : embedding) {
            assertTrue(v >= 0f && v <= 6f, "pooled ReLU6 features lie in [0, 6]: " + v);
            largest = Math.max(largest, v);
        }
        assertTrue(largest > 0f, "some feature is active");
    }

    /** The logits-only file: integer logits, then softmax in float; same top-1 on the exact inputs. */
    @ParameterizedTest
    @CsvSource({"resized_cat.bmp, 286", "bird.rgb, 20", "burger-224.png, 934", "sunflower.rgb, 986"})
    void logitsModelRunsInIntegerArithmetic(String photo, int index1001) {
        Classifier logits = Classifier.load(SharedData.bytes(SharedData.model(SharedData.LOGITS)),
                SharedData.labelText(), Arithmetic.INTEGER, KernelSet.VECTORIZABLE);
        Prediction top = logits.classify(SharedData.pixels(photo), Crop.SQUASH, 1).get(0);
        assertEquals(index1001 - 1, top.index(), photo + ": " + top);
        float sum = 0f;
        for (float p : logits.probabilities()) {
            sum += p;
        }
        assertEquals(1f, sum, 0.01f, "softmax applied to the dequantized logits");
    }

    @Test
    void perChannelModelIsRefusedWithTheReason() {
        byte[] model = SharedData.bytes(SharedData.model(SharedData.PER_CHANNEL));
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> Classifier.load(model, SharedData.labelText(), Arithmetic.INTEGER, KernelSet.VECTORIZABLE));
        assertTrue(e.getMessage().contains("integer arithmetic") && e.getMessage().contains("float arithmetic"),
                e.getMessage());
    }
}
