package dev.lenslet.core;

import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.kernel.KernelSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.provider.Arguments;

/** The real models, photos and reference outputs in ../shared (never copied into the project). */
public final class SharedData {
    public static final String PRIMARY = "mobilenet_v2_1.0_224_quant.tflite";
    public static final String PER_CHANNEL = "tf2_mobilenet_v2_1.0_224_ptq.tflite";
    public static final String LOGITS = "mobilenet_v2_1.0_224_quant_logits.tflite";

    private SharedData() {
    }

    /** Every labelled photo with its expected label (../shared/README.md), as (photo, 1001-output index, label). */
    public static Stream<Arguments> labelledPhotos() {
        return Stream.of(
                Arguments.of("cat.bmp", 286, "Egyptian cat"),
                Arguments.of("cat_720p.jpg", 286, "Egyptian cat"),
                Arguments.of("resized_cat.bmp", 286, "Egyptian cat"),
                Arguments.of("bird.bmp", 20, "chickadee"),
                Arguments.of("bird.rgb", 20, "chickadee"),
                Arguments.of("grace_hopper.bmp", 653, "military uniform"),
                Arguments.of("grace_hopper.jpg", 653, "military uniform"),
                Arguments.of("parrot.jpg", 89, "macaw"),
                Arguments.of("hot_dog.jpg", 935, "hotdog"),
                Arguments.of("dragonfly.bmp", 320, "dragonfly"),
                Arguments.of("burger.jpg", 934, "cheeseburger"),
                Arguments.of("burger-224.png", 934, "cheeseburger"));
    }

    public static Path root() {
        String configured = System.getProperty("lenslet.shared");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(root.resolve("models"))) {
            throw new IllegalStateException("real model data not found at " + root.toAbsolutePath()
                    + ": the project expects ../shared beside it (see README)");
        }
        return root;
    }

    public static Path model(String name) {
        return root().resolve("models").resolve(name);
    }

    public static Path photo(String name) {
        return root().resolve("photos").resolve(name);
    }

    public static byte[] bytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String labelText() {
        return new String(bytes(model("imagenet_labels.txt")), StandardCharsets.UTF_8);
    }

    public static Classifier classifier(String model, KernelSet kernels) {
        return Classifier.load(bytes(model(model)), labelText(), kernels);
    }

    /** A photo as RGB pixels: raw .rgb files are 224×224×3 bytes, everything else goes through ImageIO. */
    public static Pixels pixels(String photo) {
        Path path = photo(photo);
        if (photo.endsWith(".rgb")) {
            return new Pixels(bytes(path), 224, 224, 3);
        }
        try {
            BufferedImage image = ImageIO.read(path.toFile());
            int w = image.getWidth(), h = image.getHeight();
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            byte[] rgb = new byte[w * h * 3];
            for (int i = 0; i < argb.length; i++) {
                rgb[3 * i] = (byte) (argb[i] >> 16);
                rgb[3 * i + 1] = (byte) (argb[i] >> 8);
                rgb[3 * i + 2] = (byte) argb[i];
            }
            return new Pixels(rgb, w, h, 3);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
