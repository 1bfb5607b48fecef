package dev.lenslet.core.head;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lenslet.core.Classifier;
import dev.lenslet.core.Prediction;
import dev.lenslet.core.SharedData;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.kernel.KernelSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A head taught five classes from the real MobileNetV2's embeddings of one real photo each (with crops and mirror
 * images of it, as a user's camera gives several views) puts other photos in the right class: the same scene at
 * another size or format, and different animals or dishes of a taught kind (a macaw for "bird", a hot dog for
 * "food").
 */
class HeadPhotosTest {
    private static Classifier classifier;
    private static Head head;

    @BeforeAll
    static void teach() {
        byte[] model = SharedData.bytes(SharedData.model(SharedData.PRIMARY));
        classifier = Classifier.load(model, SharedData.labelText(), KernelSet.VECTORIZABLE);
        TrainingSet set = new TrainingSet(Sha256.digest(model), classifier.embedding().length);
        String[][] taught = {{"cat", "cat.bmp"}, {"bird", "bird.bmp"}, {"food", "burger.jpg"},
            {"person", "grace_hopper.bmp"}, {"insect", "dragonfly.bmp"}};
        for (String[] classAndPhoto : taught) {
            int c = set.addClass(classAndPhoto[0]);
            Pixels photo = SharedData.pixels(classAndPhoto[1]);
            for (Pixels view : new Pixels[] {photo, mirrored(photo)}) {
                for (Pixels crop : crops(view)) {
                    classifier.run(crop, Crop.CENTER);
                    set.add(c, classifier.embedding());
                }
            }
        }
        HeadTrainer trainer = new HeadTrainer(set);
        while (trainer.step()) {
            // train to the end
        }
        assertEquals(1.0, trainer.accuracy());
        head = trainer.head();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"cat_720p.jpg, cat", "resized_cat.bmp, cat", "bird.rgb, bird", "parrot.jpg, bird",
        "hot_dog.jpg, food", "burger-224.png, food", "grace_hopper.jpg, person"})
    void heldOutPhotoGoesToItsClass(String photo, String expected) {
        classifier.run(SharedData.pixels(photo), Crop.CENTER);
        Prediction top = head.classify(classifier.embedding(), 5).get(0);
        assertEquals(expected, top.label(), photo + ": " + head.classify(classifier.embedding(), 5));
    }

    /** The whole image, its four corners at 85% of each side, and its centre at 70%. */
    private static Pixels[] crops(Pixels p) {
        int w = p.width * 85 / 100, h = p.height * 85 / 100;
        int cw = p.width * 70 / 100, ch = p.height * 70 / 100;
        return new Pixels[] {p, p.crop(0, 0, w, h), p.crop(p.width - w, 0, w, h), p.crop(0, p.height - h, w, h),
            p.crop(p.width - w, p.height - h, w, h), p.crop((p.width - cw) / 2, (p.height - ch) / 2, cw, ch)};
    }

    /** The image flipped left to right. */
    private static Pixels mirrored(Pixels p) {
        byte[] out = new byte[p.width * p.height * p.channels];
        for (int y = 0; y < p.height; y++) {
            for (int x = 0; x < p.width; x++) {
                System.arraycopy(p.data, (y * p.width + x) * p.channels, out,
                        (y * p.width + p.width - 1 - x) * p.channels, p.channels);
            }
        }
        return new Pixels(out, p.width, p.height, p.channels);
    }
}
