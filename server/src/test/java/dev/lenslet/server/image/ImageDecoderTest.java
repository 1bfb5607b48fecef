package dev.lenslet.server.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.core.image.Pixels;
import dev.lenslet.server.SharedFiles;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** Every kind of image comes out as exact RGB bytes, and bad files as clear errors. */
class ImageDecoderTest {
    @TempDir
    Path temp;

    @Test
    void colourImageKeepsItsExactColours() throws Exception {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        int[] colours = {0xFF0000, 0x00FF00, 0x0000FF, 0x123456, 0xFFFFFF, 0x000000};
        image.setRGB(0, 0, 3, 2, colours, 0, 3);

        Pixels pixels = ImageDecoder.decode(write(image, "bmp"), Long.MAX_VALUE);

        assertEquals(3, pixels.width);
        assertEquals(2, pixels.height);
        assertEquals(3, pixels.channels);
        assertArrayEquals(rgbBytes(colours), pixels.data);
    }

    @Test
    void greyImageBecomesEqualRedGreenBlue() throws Exception {
        BufferedImage image = new BufferedImage(256, 1, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 256; x++) {
            image.getRaster().setSample(x, 0, 0, x);
        }

        Pixels pixels = ImageDecoder.decode(write(image, "png"), Long.MAX_VALUE);

        for (int x = 0; x < 256; x++) {
            for (int channel = 0; channel < 3; channel++) {
                assertEquals(x, pixels.data[3 * x + channel] & 0xFF, "grey " + x);
            }
        }
    }

    @Test
    void indexedImageIsLookedUpInItsPalette() throws Exception {
        byte[] reds = {(byte) 200, 10, 0, 0};
        byte[] greens = {100, 20, (byte) 255, 0};
        byte[] blues = {50, 30, 0, 0};
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(2, 4, reds, greens, blues));
        image.getRaster().setSample(0, 0, 0, 0);
        image.getRaster().setSample(1, 0, 0, 2);

        Pixels pixels = ImageDecoder.decode(write(image, "gif"), Long.MAX_VALUE);

        assertArrayEquals(new byte[] {(byte) 200, 100, 50, 0, (byte) 255, 0}, pixels.data);
    }

    @Test
    void transparentPixelsBecomeWhite() throws Exception {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00000000);
        image.setRGB(1, 0, 0xFF102030);

        Pixels pixels = ImageDecoder.decode(write(image, "png"), Long.MAX_VALUE);

        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, 0x10, 0x20, 0x30}, pixels.data);
    }

    @Test
    void rawRgbFileIsTakenAsIs() throws Exception {
        Path raw = SharedFiles.photo("bird.rgb");

        Pixels pixels = ImageDecoder.decode(raw, Long.MAX_VALUE);

        assertEquals(224, pixels.width);
        assertEquals(224, pixels.height);
        assertArrayEquals(Files.readAllBytes(raw), pixels.data);
    }

    @Test
    void rawRgbFileOfTheWrongSizeIsRejected() throws IOException {
        Path raw = Files.write(temp.resolve("small.rgb"), new byte[224 * 224 * 4]);

        UnreadableImageException e = assertThrows(UnreadableImageException.class,
                () -> ImageDecoder.decode(raw, Long.MAX_VALUE));

        assertTrue(e.getMessage().contains("exactly 224x224x3 = 150528 bytes") && e.getMessage().contains("200704"),
                e.getMessage());
    }

    @Test
    void truncatedPngIsRejected() throws IOException {
        byte[] png = Files.readAllBytes(SharedFiles.photo("burger-224.png"));
        Path truncated = Files.write(temp.resolve("truncated.png"), Arrays.copyOf(png, png.length / 3));

        UnreadableImageException e = assertThrows(UnreadableImageException.class,
                () -> ImageDecoder.decode(truncated, Long.MAX_VALUE));

        assertTrue(e.getMessage().startsWith("cannot decode the image"), e.getMessage());
    }

    @Test
    void imageInMemoryDecodesLikeItsFile() throws Exception {
        Path cat = SharedFiles.photo("cat.bmp");
        byte[] bytes = Files.readAllBytes(cat);

        assertTrue(ImageDecoder.isImage(bytes));
        assertFalse(ImageDecoder.isImage("plain text".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(ImageDecoder.decode(cat, Long.MAX_VALUE).data, ImageDecoder.decode(bytes, Long.MAX_VALUE).data);
    }

    @Test
    void missingFileIsReportedAsSuch() {
        UnreadableImageException e = assertThrows(UnreadableImageException.class,
                () -> ImageDecoder.decode(temp.resolve("absent.jpg"), Long.MAX_VALUE));

        assertEquals("cannot read it: no such file or directory", e.getMessage());
    }

    private Path write(BufferedImage image, String format) throws IOException {
        Path file = temp.resolve("image." + format);
        assertTrue(ImageIO.write(image, format, file.toFile()), "no ImageIO writer for " + format);
        return file;
    }

    private static byte[] rgbBytes(int[] colours) {
        byte[] bytes = new byte[colours.length * 3];
        for (int i = 0; i < colours.length; i++) {
            bytes[3 * i] = (byte) (colours[i] >> 16);
            bytes[3 * i + 1] = (byte) (colours[i] >> 8);
            bytes[3 * i + 2] = (byte) colours[i];
        }
        return bytes;
    }
}
