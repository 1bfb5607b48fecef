package dev.lenslet.core.explain;

/** How alike two images are by their embeddings (the pooled features): the cosine of the angle between them. */
public final class EmbeddingSimilarity {
    private EmbeddingSimilarity() {
    }

    /** cos(a, b) = Σ a[i]·b[i] / (|a|·|b|), in [−1, 1]; 0 when either is all zero. */
    public static float cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of " + a.length + " and " + b.length
                    + " values come from different models");
        }
        double dot = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? 0f : (float) (dot / Math.sqrt(aa * bb));
    }
}
