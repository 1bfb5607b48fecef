package dev.lenslet.server.image;

import dev.lenslet.core.image.Pixels;
import dev.lenslet.server.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Reads an image into upright RGB pixels: JPEG (also CMYK and YCCK, through the TwelveMonkeys plugin), PNG, BMP
 * or GIF (its first frame), recognised by their first bytes, or (from a file named *.rgb) a raw 224×224 RGB dump.
 * A JPEG's EXIF orientation is applied. Nothing else reaches a decoder, and images beyond the
 * {@link DecodeLimits} are refused from their header, before any pixel is decoded: a few kilobytes can declare a
 * picture that would need gigabytes or minutes.
 */
public final class ImageDecoder {
    /** A 50 MP image is larger than any phone photo, and decodes in about 300 MB (8-bit RGB). */
    public static final int DEFAULT_MAX_MEGAPIXELS = 50;
    private static final int RAW_SIDE = 224;
    private static final int RAW_BYTES = RAW_SIDE * RAW_SIDE * 3;
    private static final BooleanSupplier ALWAYS_WANTED = () -> false;

    private ImageDecoder() {
    }

    /** A file, with the pixel limit given and the other limits as shipped. */
    public static Pixels decode(Path file, long maxPixels) throws UnreadableImageException {
        try (DecodedImage image = decode(file, DecodeLimits.of(maxPixels))) {
            return image.pixels();
        }
    }

    /**
     * A file; close the result when its pixels are no longer used. The file's bytes are reserved from the budget
     * for encoded images ({@link MemoryBudget#forEncoded()}) while they are read and decoded.
     */
    public static DecodedImage decode(Path file, DecodeLimits limits) throws UnreadableImageException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UnreadableImageException("cannot read it: " + IoErrors.describe(e));
        }
        checkNotEmpty(size);
        if (isRawRgb(file)) {
            MemoryBudget.Reservation pixels = limits.memory().reserve(RAW_BYTES, limits.memoryWait(), "a raw file");
            try {
                return new DecodedImage(new Pixels(readRaw(file, size), RAW_SIDE, RAW_SIDE, 3), pixels);
            } catch (UnreadableImageException e) {
                pixels.close();
                throw e;
            }
        }
        try (MemoryBudget.Reservation encoded = MemoryBudget.forEncoded().reserve(size, limits.memoryWait(),
                "the file (" + size + " bytes)")) {
            return decode(read(file), limits, ALWAYS_WANTED);
        }
    }

    /** An image held in memory, with the pixel limit given and the other limits as shipped. */
    public static Pixels decode(byte[] image, long maxPixels) throws UnreadableImageException {
        try (DecodedImage decoded = decode(image, DecodeLimits.of(maxPixels), ALWAYS_WANTED)) {
            return decoded.pixels();
        }
    }

    /**
     * An image held in memory, such as an upload (a raw dump needs its file name); close the result when its
     * pixels are no longer used.
     *
     * @param abandoned polled while decoding: true stops the decode (the client has gone)
     */
    public static DecodedImage decode(byte[] image, DecodeLimits limits, BooleanSupplier abandoned)
            throws UnreadableImageException {
        checkNotEmpty(image.length);
        String unsupported = ImageFormats.unsupported(image);
        if (unsupported != null) {
            throw new UnreadableImageException.UnsupportedFormat(ImageFormats.refusal(unsupported));
        }
        ImageFormats.Readable format = ImageFormats.Readable.of(image);
        if (format == null) {
            throw new UnreadableImageException.UnsupportedFormat("not a JPEG, PNG, BMP or GIF image, whatever its"
                    + " name or type says; convert it to one of those");
        }
        return LimitedImageRead.decode(image, format, limits, abandoned);
    }

    /** Whether the bytes start like a JPEG, PNG, BMP or GIF, whatever name or type they came with. */
    public static boolean isImage(byte[] bytes) {
        return ImageFormats.Readable.of(bytes) != null;
    }

    private static void checkNotEmpty(long size) throws UnreadableImageException {
        if (size == 0) {
            throw new UnreadableImageException("the file is empty (0 bytes); replace it with the real image");
        }
    }

    private static boolean isRawRgb(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".rgb");
    }

    private static byte[] readRaw(Path file, long size) throws UnreadableImageException {
        if (size != RAW_BYTES) {
            throw new UnreadableImageException("a raw .rgb file must be exactly " + RAW_SIDE + "x" + RAW_SIDE
                    + "x3 = " + RAW_BYTES + " bytes (RGB, no header), but this one has " + size
                    + "; save the image as PNG or JPEG instead");
        }
        return read(file);
    }

    private static byte[] read(Path file) throws UnreadableImageException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnreadableImageException("cannot read it: " + IoErrors.describe(e));
        }
    }
}
