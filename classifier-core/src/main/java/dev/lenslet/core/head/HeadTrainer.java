package dev.lenslet.core.head;

/**
 * Trains a {@link Head}: softmax regression on the L2-normalised embeddings with weight decay, minimised over the
 * whole set at once by L-BFGS from all-zero weights. No randomness: the same examples in the same order give the
 * same head, byte for byte. One epoch is one L-BFGS iteration (one or a few passes over every example). The caller
 * drives it, an epoch per {@link #step()}, and can show progress in between; there are no threads.
 * <pre>
 * HeadTrainer trainer = new HeadTrainer(set);
 * while (trainer.step()) { show(trainer.epoch(), trainer.loss(), trainer.accuracy()); }
 * Head head = trainer.head();
 * </pre>
 */
public final class HeadTrainer {
    /** Epochs at most; well-separated classes converge in far fewer. */
    public static final int MAX_EPOCHS = 200;
    /** Converged when no gradient component exceeds this. */
    static final double GRADIENT_TOLERANCE = 1e-5;
    /** Or when an epoch lowers the loss by less than this fraction of it. */
    static final double RELATIVE_DECREASE_TOLERANCE = 1e-7;

    private final TrainingSet set;
    private final SoftmaxObjective objective;
    private final Lbfgs lbfgs;
    private int epoch;
    private boolean done;

    /**
     * Takes the set as it is now (later additions are not seen) and evaluates the untrained head once.
     *
     * @throws InvalidHeadException if the set has fewer than 2 classes or a class has fewer than
     *                              {@link TrainingSet#MIN_EXAMPLES_PER_CLASS} examples
     */
    public HeadTrainer(TrainingSet set) {
        set.checkTrainable();
        this.set = set;
        this.objective = new SoftmaxObjective(set);
        this.lbfgs = new Lbfgs(objective);
        this.done = lbfgs.gradientMax() < GRADIENT_TOLERANCE;
    }

    /** Trains until converged or {@link #MAX_EPOCHS}, the whole training in one call. */
    public static Head train(TrainingSet set) {
        HeadTrainer trainer = new HeadTrainer(set);
        while (trainer.step()) {
            // each step is an epoch; nothing to show here
        }
        return trainer.head();
    }

    /**
     * Runs one epoch unless training is over.
     *
     * @return true if an epoch ran (then {@link #loss()} and {@link #accuracy()} describe its result)
     */
    public boolean step() {
        if (done) {
            return false;
        }
        double decrease = lbfgs.iterate();
        epoch++;
        done = epoch >= MAX_EPOCHS || lbfgs.stalled() || lbfgs.gradientMax() < GRADIENT_TOLERANCE
                || decrease < RELATIVE_DECREASE_TOLERANCE * Math.abs(lbfgs.loss());
        return true;
    }

    /** Epochs run so far. */
    public int epoch() {
        return epoch;
    }

    /** True once converged or out of epochs: {@link #step()} does nothing more. */
    public boolean done() {
        return done;
    }

    /** The training loss now: mean cross-entropy, each class weighing the same, plus the weight decay. */
    public double loss() {
        return lbfgs.loss();
    }

    /** Share of training examples whose most probable class is their own, now (0..1). */
    public double accuracy() {
        return objective.accuracy;
    }

    /** The head as trained so far (usually called once {@link #done()}). */
    public Head head() {
        int classes = objective.classes, length = objective.length;
        double[] theta = lbfgs.theta();
        float[][] weights = new float[classes][length];
        float[] bias = new float[classes];
        for (int c = 0; c < classes; c++) {
            for (int d = 0; d < length; d++) {
                weights[c][d] = (float) theta[c * length + d];
            }
            bias[c] = (float) theta[classes * length + c];
        }
        return new Head(set.names().toArray(new String[0]), weights, bias, set.modelSha256());
    }
}
