package dev.lenslet.server.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lenslet.core.Labels;
import dev.lenslet.server.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading a photo's class from its path, with the real 1001-line label file and the shipped synset order. */
class ClassNamesTest {
    private static ClassNames classes;

    @BeforeAll
    static void load() throws Exception {
        classes = new ClassNames(Labels.parse(Files.readString(SharedFiles.path("models/imagenet_labels.txt"))));
    }

    @Test
    void synsetOrderMatchesTheLabelLines() {
        assertEquals("tench", classes.label(classes.classNamed("n01440764")));
        assertEquals("Egyptian cat", classes.label(classes.classNamed("n02124075")));
        assertEquals("chickadee", classes.label(classes.classNamed("n01592084")));
        assertEquals("military uniform", classes.label(classes.classNamed("n03763968")));
        assertEquals("hotdog", classes.label(classes.classNamed("n07697537")));
        assertEquals("toilet tissue", classes.label(classes.classNamed("n15075141")));
    }

    @Test
    void wordNetIdIsReadAsAPrefixOrAToken() {
        assertEquals(0, classes.classNamed("n01440764_10026"));
        assertEquals(285, classes.classNamed("ILSVRC2012_val_00000001_n02124075"));
        assertEquals(-1, classes.classNamed("n014407641"), "nine digits are not an id");
        assertEquals(-1, classes.classNamed("xn01440764"), "an id inside a word is not a token");
        assertEquals(-1, classes.classNamed("n00000001"), "not one of the 1000 classes");
    }

    @Test
    void labelIsAnyNameOnItsLineCaseInsensitive() {
        assertEquals(934, classes.classNamed("hot_dog"));
        assertEquals(934, classes.classNamed("Red Hot"));
        assertEquals(0, classes.classNamed("TINCA tinca"));
        assertEquals(-1, classes.classNamed("hot dogs"), "exact names only");
        assertEquals(-1, classes.classNamed("crane"), "the bird and the machine: never guessed");
    }

    @Test
    void fileNameFirstThenFoldersInnermostFirst() {
        assertEquals(934, classes.classOf(Path.of("n02124075", "hotdog.jpg")));
        assertEquals(285, classes.classOf(Path.of("n01440764", "Egyptian cat", "IMG_0001.jpg")));
        assertEquals(0, classes.classOf(Path.of("n01440764", "misc", "IMG_0001.jpg")));
        assertEquals(-1, classes.classOf(Path.of("misc", "IMG_0001.jpg")));
    }
}
