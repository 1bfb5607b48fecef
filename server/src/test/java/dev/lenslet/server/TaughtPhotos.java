package dev.lenslet.server;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Classes to teach from the shared photos, made into more examples by cropping and mirroring them (written as PNG
 * into a temporary folder, never into the project): one subfolder per class, as {@code lenslet train} reads.
 */
public final class TaughtPhotos {
    /** Class name → shared photos of it; sorted by name, as train numbers the classes. */
    public static final Map<String, List<String>> CLASSES = Map.of(
            "bird", List.of("bird.bmp", "parrot.jpg"),
            "cat", List.of("cat.bmp", "cat_720p.jpg"),
            "food", List.of("burger.jpg", "hot_dog.jpg"));
    public static final List<String> CLASS_ORDER = List.of("bird", "cat", "food");
    /** Variants per photo written by {@link #writeExamples}: 5, so that train holds out one per photo on average. */
    private static final int EXAMPLE_VARIANTS = 5;

    private TaughtPhotos() {
    }

    /** DIR/class/photo-variant.png for each class, photo and training variant. */
    public static void writeExamples(Path dir) throws IOException {
        for (var entry : CLASSES.entrySet()) {
            Path classDir = Files.createDirectories(dir.resolve(entry.getKey()));
            for (String photo : entry.getValue()) {
                BufferedImage image = ImageIO.read(SharedFiles.photo(photo).toFile());
                for (int v = 0; v < EXAMPLE_VARIANTS; v++) {
                    write(variant(image, v), classDir.resolve(stem(photo) + "-" + v + ".png"));
                }
            }
        }
    }

    /**
     * A view of each photo that no training example shows (a smaller crop, mirrored), as DIR/class-photo.png: new
     * photos of the taught classes.
     */
    public static void writeNewPhotos(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (var entry : CLASSES.entrySet()) {
            for (String photo : entry.getValue()) {
                BufferedImage image = ImageIO.read(SharedFiles.photo(photo).toFile());
                write(mirror(crop(image, 0.3f, 0.05f, 0.7f)), dir.resolve(entry.getKey() + "-" + stem(photo) + ".png"));
            }
        }
    }

    /** The class a file written by {@link #writeNewPhotos} shows. */
    public static String classOf(Path newPhoto) {
        String name = newPhoto.getFileName().toString();
        return name.substring(0, name.indexOf('-'));
    }

    private static BufferedImage variant(BufferedImage image, int v) {
        return switch (v) {
            case 0 -> image;
            case 1 -> mirror(image);
            case 2 -> crop(image, 0f, 0f, 0.8f);
            case 3 -> crop(image, 0.2f, 0.2f, 0.8f);
            default -> mirror(crop(image, 0.1f, 0.1f, 0.8f));
        };
    }

    /** The share {@code size} of the image's width and height, from (x, y) given as shares too. */
    private static BufferedImage crop(BufferedImage image, float x, float y, float size) {
        int w = Math.round(image.getWidth() * size), h = Math.round(image.getHeight() * size);
        return image.getSubimage(Math.round(image.getWidth() * x), Math.round(image.getHeight() * y), w, h);
    }

    private static BufferedImage mirror(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, image.getWidth(), 0, -image.getWidth(), image.getHeight(), null);
        g.dispose();
        return out;
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        ImageIO.write(image, "png", file.toFile());
    }

    private static String stem(String photo) {
        return photo.substring(0, photo.lastIndexOf('.')).replace('-', '_');
    }
}
