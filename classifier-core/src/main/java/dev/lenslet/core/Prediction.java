package dev.lenslet.core;

/** One ranked class: ImageNet index (0..999, background excluded), its name and its probability. */
public final class Prediction {
    private final int index;
    private final String label;
    private final float probability;

    public Prediction(int index, String label, float probability) {
        this.index = index;
        this.label = label;
        this.probability = probability;
    }

    public int index() {
        return index;
    }

    public String label() {
        return label;
    }

    public float probability() {
        return probability;
    }

    @Override
    public String toString() {
        return index + " " + label + " " + probability;
    }
}
