package dev.lenslet.core.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Examples that cannot make a head are refused with a message that says what is wrong and what to do. */
class TrainingSetTest {
    private final SyntheticExamples data = new SyntheticExamples(2, 8, 11);

    @Test
    void singleClassIsRefused() {
        TrainingSet set = new TrainingSet(SyntheticExamples.MODEL_SHA, 8);
        set.addClass("cat");
        set.add(0, data.example(0));
        set.add(0, data.example(0));
        assertEquals("a head needs at least 2 classes to tell apart, but there is only \"cat\"; add another class",
                refusal(() -> new HeadTrainer(set)));
    }

    @Test
    void emptyClassIsRefused() {
        TrainingSet set = twoClasses(3, 0);
        assertEquals("class \"dog\" has no examples; give every class at least 2 (5 or more make a reliable head)",
                refusal(() -> new HeadTrainer(set)));
    }

    @Test
    void classWithOneExampleIsRefused() {
        TrainingSet set = twoClasses(3, 1);
        assertEquals("class \"dog\" has only 1 example; give every class at least 2 (5 or more make a reliable head)",
                refusal(() -> new HeadTrainer(set)));
    }

    @Test
    void twoExamplesPerClassTrain() {
        Head head = HeadTrainer.train(twoClasses(2, 2));
        assertEquals(2, head.classCount());
    }

    @Test
    void twentyFirstClassIsRefused() {
        TrainingSet set = new TrainingSet(SyntheticExamples.MODEL_SHA, 8);
        for (int c = 0; c < TrainingSet.MAX_CLASSES; c++) {
            set.addClass("class " + c);
        }
        assertEquals("a head has at most 20 classes; \"one more\" would be class 21: remove a class or merge two",
                refusal(() -> set.addClass("one more")));
    }

    @Test
    void duplicateNamesAreRefusedIgnoringCase() {
        TrainingSet set = twoClasses(0, 0);
        assertEquals("two classes are named \"Cat\" (names are compared ignoring case); give each class its own name",
                refusal(() -> set.addClass("Cat")));
    }

    @Test
    void controlCharactersBlankAndOverlongNamesAreRefused() {
        TrainingSet set = twoClasses(0, 0);
        assertEquals("class name 3 contains the control or invalid character U+0007 at position 4; use printable"
                + " text only", refusal(() -> set.addClass("bee\u0007")));
        assertEquals("class name 3 contains the control or invalid character U+D800 at position 1; use printable"
                + " text only", refusal(() -> set.addClass("\ud800")));
        assertEquals("class 3 has no name; give every class a name", refusal(() -> set.addClass(" \t")));
        assertEquals("class name \"" + "x".repeat(20) + "…\" has 101 characters; use at most 100",
                refusal(() -> set.addClass("x".repeat(101))));
        set.addClass("<img src=x onerror=alert(1)>");
        assertEquals("<img src=x onerror=alert(1)>", set.className(2), "markup is kept as text");
    }

    @Test
    void badEmbeddingsAreRefused() {
        TrainingSet set = twoClasses(0, 0);
        assertEquals("example 1 of \"cat\" has 1280 embedding values but the model's embeddings have 8; use"
                + " embeddings of the model the head belongs to", refusal(() -> set.add(0, new float[1280])));
        float[] nan = data.example(0);
        nan[3] = Float.NaN;
        assertEquals("example 1 of \"dog\" has the value NaN at position 3 of its embedding; the image or model gave"
                + " no usable embedding, leave it out", refusal(() -> set.add(1, nan)));
        assertEquals(0, set.exampleCount());
    }

    @Test
    void examplesBeyondTheLimitAreRefused() {
        TrainingSet set = twoClasses(0, 0);
        float[] x = data.example(0);
        for (int i = 0; i < TrainingSet.MAX_EXAMPLES; i++) {
            set.add(i % 2, x);
        }
        assertEquals("example 2001 of \"cat\" is one too many: a head learns from at most 4000 examples in all;"
                + " remove some (a few dozen per class are plenty)", refusal(() -> set.add(0, x)));
    }

    @Test
    void predictionRefusesEmbeddingsOfAnotherLength() {
        Head head = HeadTrainer.train(twoClasses(2, 2));
        assertEquals("the embedding to classify has 1001 embedding values but the model's embeddings have 8; use"
                + " embeddings of the model the head belongs to", refusal(() -> head.classify(new float[1001], 1)));
    }

    private TrainingSet twoClasses(int cats, int dogs) {
        TrainingSet set = new TrainingSet(SyntheticExamples.MODEL_SHA, 8);
        set.addClass("cat");
        set.addClass("dog");
        for (int i = 0; i < cats; i++) {
            set.add(0, data.example(0));
        }
        for (int i = 0; i < dogs; i++) {
            set.add(1, data.example(1));
        }
        return set;
    }

    private static String refusal(Executable action) {
        return assertThrows(InvalidHeadException.class, action).getMessage();
    }
}
