package dev.lenslet.core.head;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Made-up embeddings shaped like MobileNet's (non-negative, most of their length shared by every image): class c's
 * examples scatter around a centre of its own, drawn from a fixed seed.
 */
final class SyntheticExamples {
    static final byte[] MODEL_SHA = Sha256.digest("a model".getBytes(StandardCharsets.UTF_8));

    private final float[] shared;
    private final float[][] centres;
    private final Random random;

    SyntheticExamples(int classes, int length, long seed) {
        random = new Random(seed);
        shared = gaussian(length, 1);
        centres = new float[classes][];
        for (int c = 0; c < classes; c++) {
            centres[c] = gaussian(length, 0.5f);
        }
    }

    /** A new example of class c: |shared + centre + noise|, noise as strong as the centre. */
    float[] example(int c) {
        float[] noise = gaussian(shared.length, 0.5f);
        float[] x = new float[shared.length];
        for (int d = 0; d < x.length; d++) {
            x[d] = Math.abs(shared[d] + centres[c][d] + noise[d]);
        }
        return x;
    }

    /** A training set of {@code perClass} examples for each class, named "class 0", "class 1", … */
    TrainingSet set(int perClass) {
        TrainingSet set = new TrainingSet(MODEL_SHA, shared.length);
        for (int c = 0; c < centres.length; c++) {
            set.addClass("class " + c);
        }
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < centres.length; c++) {
                set.add(c, example(c));
            }
        }
        return set;
    }

    private float[] gaussian(int length, float sigma) {
        float[] v = new float[length];
        for (int d = 0; d < length; d++) {
            v[d] = (float) random.nextGaussian() * sigma;
        }
        return v;
    }
}
