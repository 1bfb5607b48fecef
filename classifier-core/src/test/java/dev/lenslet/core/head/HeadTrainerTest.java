package dev.lenslet.core.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.core.Prediction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Training converges on separable data, deterministically, and the head it gives classifies new examples. */
class HeadTrainerTest {
    @Test
    void lossFallsEveryEpochUntilEveryTrainingExampleIsRight() {
        SyntheticExamples data = new SyntheticExamples(20, 1280, 1);
        HeadTrainer trainer = new HeadTrainer(data.set(20));
        List<Double> losses = new ArrayList<>();
        losses.add(trainer.loss());
        assertEquals(Math.log(20), trainer.loss(), 1e-6, "zero weights: every class equally likely");
        while (trainer.step()) {
            losses.add(trainer.loss());
        }
        assertTrue(trainer.done());
        assertTrue(trainer.epoch() < HeadTrainer.MAX_EPOCHS, "converged before the epoch limit: " + losses);
        for (int e = 1; e < losses.size(); e++) {
            assertTrue(losses.get(e) <= losses.get(e - 1), "epoch " + e + " raised the loss: " + losses);
        }
        assertTrue(losses.get(losses.size() - 1) < 0.5 * losses.get(0), losses.toString());
        assertEquals(1.0, trainer.accuracy());
    }

    @Test
    void headPutsNewExamplesInTheirClassWithProbabilitiesSummingToOne() {
        SyntheticExamples data = new SyntheticExamples(5, 1280, 2);
        Head head = HeadTrainer.train(data.set(5));
        for (int c = 0; c < 5; c++) {
            List<Prediction> all = head.classify(data.example(c), 5);
            assertEquals(c, all.get(0).index(), all.toString());
            assertEquals("class " + c, all.get(0).label());
            double sum = 0;
            for (int i = 0; i < all.size(); i++) {
                sum += all.get(i).probability();
                assertTrue(i == 0 || all.get(i).probability() <= all.get(i - 1).probability(), all.toString());
            }
            assertEquals(1.0, sum, 1e-5);
            assertEquals(all.get(0).probability(), head.probabilities()[c]);
        }
        assertEquals(2, head.classify(data.example(0), 2).size());
    }

    @Test
    void sameExamplesInTheSameOrderGiveTheSameBytes() {
        byte[] first = HeadFile.write(HeadTrainer.train(new SyntheticExamples(4, 1280, 3).set(10)));
        byte[] second = HeadFile.write(HeadTrainer.train(new SyntheticExamples(4, 1280, 3).set(10)));
        assertArrayEquals(first, second);
    }

    @Test
    void thousandsOfExamplesTrain() {
        SyntheticExamples data = new SyntheticExamples(2, 1280, 4);
        TrainingSet set = data.set(TrainingSet.MAX_EXAMPLES / 2);
        assertEquals(TrainingSet.MAX_EXAMPLES, set.exampleCount());
        HeadTrainer trainer = new HeadTrainer(set);
        while (trainer.step()) {
            assertFalse(Double.isNaN(trainer.loss()));
        }
        assertEquals(1.0, trainer.accuracy());
    }
}
