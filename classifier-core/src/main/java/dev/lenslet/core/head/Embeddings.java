package dev.lenslet.core.head;

/** Checks and L2-normalises embeddings: a head sees every embedding, in training and prediction, at length 1. */
final class Embeddings {
    private Embeddings() {
    }

    /** A new array holding {@code embedding} normalised; {@code where} names it in the error message. */
    static float[] normalised(float[] embedding, int length, String where) {
        float[] out = new float[length];
        normalise(embedding, out, where);
        return out;
    }

    /**
     * out[i] = in[i] / ‖in‖₂ (all zeros stay zeros), the norm summed in double in index order.
     *
     * @throws InvalidHeadException if {@code in} is not {@code out}'s length or holds a NaN or infinity
     */
    static void normalise(float[] in, float[] out, String where) {
        if (in == null || in.length != out.length) {
            throw new InvalidHeadException(where + " has " + (in == null ? "no" : in.length)
                    + " embedding values but the model's embeddings have " + out.length
                    + "; use embeddings of the model the head belongs to");
        }
        double squares = 0;
        for (int i = 0; i < in.length; i++) {
            float v = in[i];
            if (Float.isNaN(v) || Float.isInfinite(v)) {
                throw new InvalidHeadException(where + " has the value " + v + " at position " + i
                        + " of its embedding; the image or model gave no usable embedding, leave it out");
            }
            squares += (double) v * v;
        }
        float scale = squares > 0 ? (float) (1 / Math.sqrt(squares)) : 0f;
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] * scale;
        }
    }
}
