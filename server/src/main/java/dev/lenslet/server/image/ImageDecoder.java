package dev.lenslet.server.image;

import dev.lenslet.core.image.Pixels;
import dev.lenslet.server.IoErrors;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads an image into upright RGB pixels: JPEG (also CMYK and YCCK, through the TwelveMonkeys plugin), PNG, BMP
 * or GIF (its first frame) through ImageIO, or (from a file named *.rgb) a raw 224×224 RGB dump. A JPEG's EXIF
 * orientation is applied. Images declaring more than a pixel limit are refused from their header, before any
 * pixel is decoded: a few kilobytes can declare a picture that would need gigabytes.
 */
public final class ImageDecoder {
    /** A 50 MP image is larger than any phone photo, and decodes in about 200 MB. */
    public static final int DEFAULT_MAX_MEGAPIXELS = 50;
    private static final int RAW_SIDE = 224;
    private static final int RAW_BYTES = RAW_SIDE * RAW_SIDE * 3;
    private static final String READABLE = "JPEG, PNG, BMP or GIF";

    private ImageDecoder() {
    }

    public static Pixels decode(Path file, long maxPixels) throws UnreadableImageException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UnreadableImageException("cannot read it: " + IoErrors.describe(e));
        }
        if (isRawRgb(file)) {
            checkNotEmpty(size);
            return decodeRaw(file, size);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnreadableImageException("cannot read it: " + IoErrors.describe(e));
        }
        return decode(bytes, maxPixels);
    }

    /** An image held in memory, such as an upload (a raw dump needs its file name). */
    public static Pixels decode(byte[] image, long maxPixels) throws UnreadableImageException {
        checkNotEmpty(image.length);
        String unsupported = ImageFormats.unsupported(image);
        if (unsupported != null) {
            throw new UnreadableImageException.UnsupportedFormat(ImageFormats.refusal(unsupported));
        }
        Pixels stored = decodeWithImageIo(new ByteArrayInputStream(image), maxPixels);
        return ExifOrientation.upright(stored, ExifOrientation.of(image));
    }

    /** Whether the bytes start like an image ImageIO can read, whatever name or type they came with. */
    public static boolean isImage(byte[] bytes) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return ImageIO.getImageReaders(in).hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException("closing an in-memory stream cannot fail", e);
        }
    }

    private static void checkNotEmpty(long size) throws UnreadableImageException {
        if (size == 0) {
            throw new UnreadableImageException("the file is empty (0 bytes); replace it with the real image");
        }
    }

    private static boolean isRawRgb(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".rgb");
    }

    private static Pixels decodeRaw(Path file, long size) throws UnreadableImageException {
        if (size != RAW_BYTES) {
            throw new UnreadableImageException("a raw .rgb file must be exactly " + RAW_SIDE + "x" + RAW_SIDE
                    + "x3 = " + RAW_BYTES + " bytes (RGB, no header), but this one has " + size
                    + "; save the image as PNG or JPEG instead");
        }
        try {
            return new Pixels(Files.readAllBytes(file), RAW_SIDE, RAW_SIDE, 3);
        } catch (IOException e) {
            throw new UnreadableImageException("cannot read it: " + IoErrors.describe(e));
        }
    }

    /** Decodes the first image (a GIF's first frame) in {@code file}; the caller closes it. */
    private static Pixels decodeWithImageIo(InputStream file, long maxPixels) throws UnreadableImageException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(file)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImageException("not a " + READABLE + " image, whatever its name says;"
                        + " convert it to one of those");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                checkPixelCount(reader.getWidth(0), reader.getHeight(0), maxPixels);
                // Readers report a truncated or damaged file as a warning and return an image with made-up
                // (grey) pixels; classifying those would give a confident wrong answer.
                List<String> damage = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (!warning.contains("profile")) { // a bad colour profile is ignored, the pixels are fine
                        damage.add(warning);
                    }
                });
                BufferedImage image = reader.read(0);
                if (!damage.isEmpty()) {
                    throw new UnreadableImageException("the image is damaged or cut short (" + String.join("; ", damage)
                            + "); copy or download it again");
                }
                return toRgb(image);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO's readers throw unchecked exceptions too on malformed data.
            throw new UnreadableImageException("cannot decode the image: " + IoErrors.describe(e)
                    + "; the file may be damaged or cut short; copy or download it again");
        }
    }

    private static void checkPixelCount(int width, int height, long maxPixels) throws UnreadableImageException {
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new UnreadableImageException.TooManyPixels("the image declares " + width + "x" + height + " = "
                    + megapixels(pixels) + " megapixels, more than the limit of " + megapixels(maxPixels)
                    + "; shrink it (or raise --max-megapixels if it really is that large)");
        }
    }

    private static String megapixels(long pixels) {
        return String.format(Locale.ROOT, "%.1f", pixels / 1e6);
    }

    /**
     * Packs any image type (grey, indexed, 16-bit, with alpha) into RGB bytes. Java2D's drawImage converts in
     * bulk into its native 3-byte BGR layout, which then only needs B and R swapped; transparent areas come out
     * white, as an image viewer shows them.
     */
    private static Pixels toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        BufferedImage bgr = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = bgr.createGraphics();
        try {
            graphics.drawImage(image, 0, 0, Color.WHITE, null);
        } finally {
            graphics.dispose();
        }
        byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < data.length; i += 3) {
            byte blue = data[i];
            data[i] = data[i + 2];
            data[i + 2] = blue;
        }
        return new Pixels(data, width, height, 3);
    }
}
