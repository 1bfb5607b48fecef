package dev.lenslet.server;

import dev.lenslet.server.image.OddImageFiles;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Training examples made from a real photo, as a user photographs one thing a few ways: crops and a mirror image. */
final class ExamplePhotos {
    /** The share of each side a crop keeps. */
    private static final double CROP = 0.8;

    private ExamplePhotos() {
    }

    /**
     * Writes the photo itself, its mirror image and three crops (upper left, centre, lower right) as PNG files in
     * {@code folder}, and returns them.
     */
    static List<Path> of(Path photo, Path folder) throws IOException {
        BufferedImage image = ImageIO.read(photo.toFile());
        if (image == null) {
            throw new IOException("ImageIO cannot read " + photo);
        }
        int width = image.getWidth(), height = image.getHeight();
        int cropWidth = (int) (width * CROP), cropHeight = (int) (height * CROP);
        String name = photo.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        written.add(save(copy(image, 0, 0, width, height, false), folder, name + "-whole"));
        written.add(save(copy(image, 0, 0, width, height, true), folder, name + "-mirrored"));
        written.add(save(copy(image, 0, 0, cropWidth, cropHeight, false), folder, name + "-upper-left"));
        written.add(save(copy(image, (width - cropWidth) / 2, (height - cropHeight) / 2, cropWidth, cropHeight,
                false), folder, name + "-centre"));
        written.add(save(copy(image, width - cropWidth, height - cropHeight, cropWidth, cropHeight, false), folder,
                name + "-lower-right"));
        return written;
    }

    private static BufferedImage copy(BufferedImage image, int left, int top, int width, int height,
                                      boolean mirrored) {
        BufferedImage copy = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = copy.createGraphics();
        if (mirrored) {
            graphics.drawImage(image, width, 0, 0, height, left, top, left + width, top + height, null);
        } else {
            graphics.drawImage(image, 0, 0, width, height, left, top, left + width, top + height, null);
        }
        graphics.dispose();
        return copy;
    }

    private static Path save(BufferedImage image, Path folder, String name) throws IOException {
        return OddImageFiles.writePng(image, folder.resolve(name + ".png"));
    }
}
