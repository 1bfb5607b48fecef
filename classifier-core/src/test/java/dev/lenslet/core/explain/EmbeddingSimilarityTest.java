package dev.lenslet.core.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.Classifier;
import dev.lenslet.core.SharedData;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.kernel.KernelSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two photos of one subject are nearer in embedding than photos of different subjects. */
class EmbeddingSimilarityTest {
    /** Pairs of shared photos of the same subject (other sizes, crops or encodings of one picture or scene). */
    private static final List<List<String>> SUBJECTS = List.of(
            List.of("cat.bmp", "cat_720p.jpg", "resized_cat.bmp"),
            List.of("grace_hopper.bmp", "grace_hopper.jpg"),
            List.of("burger.jpg", "burger-224.png"),
            List.of("bird.bmp", "bird.rgb"),
            List.of("sunflower.bmp", "sunflower.rgb"));

    @ParameterizedTest
    @EnumSource(Arithmetic.class)
    void sameSubjectIsNearerThanAnyOtherSubject(Arithmetic arithmetic) {
        Classifier classifier = Classifier.load(SharedData.bytes(SharedData.model(SharedData.PRIMARY)),
                SharedData.labelText(), arithmetic, KernelSet.VECTORIZABLE);
        Map<String, float[]> embeddings = new LinkedHashMap<>();
        for (List<String> subject : SUBJECTS) {
            for (String photo : subject) {
                classifier.run(SharedData.pixels(photo), Crop.CENTER);
                embeddings.put(photo, classifier.embedding().clone());
            }
        }
        for (List<String> subject : SUBJECTS) {
            for (String a : subject) {
                float farthestAlike = Float.POSITIVE_INFINITY;
                for (String b : subject) {
                    if (!a.equals(b)) {
                        farthestAlike = Math.min(farthestAlike, EmbeddingSimilarity.cosine(embeddings.get(a),
                                embeddings.get(b)));
                    }
                }
                for (Map.Entry<String, float[]> other : embeddings.entrySet()) {
                    if (!subject.contains(other.getKey())) {
                        float unlike = EmbeddingSimilarity.cosine(embeddings.get(a), other.getValue());
                        assertTrue(unlike < farthestAlike, arithmetic + ": " + a + " is nearer " + other.getKey()
                                + " (" + unlike + ") than its own subject (" + farthestAlike + ")");
                    }
                }
            }
        }
    }

    @Test
    void cosineOfKnownVectors() {
        assertEquals(1f, EmbeddingSimilarity.cosine(new float[] {1, 2, 3}, new float[] {2, 4, 6}), 1e-6f);
        assertEquals(0f, EmbeddingSimilarity.cosine(new float[] {1, 0}, new float[] {0, 5}), 1e-6f);
        assertEquals(-1f, EmbeddingSimilarity.cosine(new float[] {1, 1}, new float[] {-2, -2}), 1e-6f);
        assertEquals(0f, EmbeddingSimilarity.cosine(new float[] {0, 0}, new float[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingSimilarity.cosine(new float[2], new float[3]));
    }
}
