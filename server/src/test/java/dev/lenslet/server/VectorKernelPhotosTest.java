package dev.lenslet.server;

import dev.lenslet.server.kernel.VectorKernelSet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.core.Classifier;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.Prediction;
import dev.lenslet.server.image.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;


/**
 * Every photo in shared/photos through the real model with the Vector API kernels: the same top 5 as the core's
 * float kernels, with probabilities within {@link #TOLERANCE} of theirs (FMA rounds each multiply-add once, so
 * they are not the same floats; on these photos they differ by less than 1e-4), and the reference's expected label
 * where it names one.
 */
class VectorKernelPhotosTest {
    private static final double TOLERANCE = 1e-3;
    private static Classifier vector;
    private static Classifier vectorizable;
    private static JsonNode reference;

    @BeforeAll
    static void load() throws IOException {
        byte[] model = Files.readAllBytes(SharedFiles.MODEL);
        vector = Classifier.load(model, VectorKernelSet.INSTANCE);
        vectorizable = Classifier.load(model, KernelSet.VECTORIZABLE);
        reference = new ObjectMapper().readTree(SharedFiles.path("reference/photos_reference_outputs.json").toFile());
    }

    static Stream<Path> photos() throws IOException {
        try (Stream<Path> files = Files.list(SharedFiles.path("photos"))) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("photos")
    void sameTopFiveAsTheCoreFloatKernels(Path photo) throws Exception {
        Pixels pixels = ImageDecoder.decode(photo, ImageDecoder.DEFAULT_MAX_MEGAPIXELS * 1_000_000L);
        List<Prediction> expected = vectorizable.classify(pixels, Crop.SQUASH, 5);
        List<Prediction> actual = vector.classify(pixels, Crop.SQUASH, 10); // ties below may swap places

        String name = photo.getFileName().toString();
        assertEquals(expected.get(0).index(), actual.get(0).index(), name + ": " + actual);
        for (Prediction p : expected) {
            Prediction q = actual.stream().filter(a -> a.index() == p.index()).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": " + p + " not in " + actual));
            assertEquals(p.probability(), q.probability(), TOLERANCE, name + ": " + p.label());
        }
        int expectedIndex = reference.path("photos/" + name).path("expected_index_1001").asInt(-1); // −1: none
        if (expectedIndex > 0) {
            assertEquals(expectedIndex - 1, actual.get(0).index(), name + ": " + actual);
        }
    }
}
