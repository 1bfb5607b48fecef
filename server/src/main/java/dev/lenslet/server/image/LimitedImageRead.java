package dev.lenslet.server.image;

import dev.lenslet.core.image.Pixels;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes one JPEG, PNG, BMP or GIF through ImageIO's reader for that format, within {@link DecodeLimits}: the
 * pixel count, the progressive scans and the memory are checked from the header before decoding; the time and
 * whether anyone still wants the result are checked while the reader runs, which is stopped with
 * {@link ImageReader#abort()}.
 */
final class LimitedImageRead implements IIOReadProgressListener {
    private final ImageReader reader;
    private final long deadline;
    private final BooleanSupplier abandoned;
    /** Why the reader was stopped, or null while it may go on. */
    private volatile Stop stoppedBecause;

    private enum Stop { ABANDONED, OVER_TIME }

    private LimitedImageRead(ImageReader reader, DecodeLimits limits, BooleanSupplier abandoned) {
        this.reader = reader;
        this.deadline = System.nanoTime() + limits.maxTime().toNanos();
        this.abandoned = abandoned;
    }

    /** The upright RGB pixels of {@code image}, with the memory reserved for them. */
    static DecodedImage decode(byte[] image, ImageFormats.Readable format, DecodeLimits limits,
            BooleanSupplier abandoned) throws UnreadableImageException {
        if (format == ImageFormats.Readable.JPEG) {
            int scans = JpegScans.count(image, DecodeLimits.MAX_JPEG_SCANS);
            if (scans > DecodeLimits.MAX_JPEG_SCANS) {
                throw new UnreadableImageException.TooLarge("the JPEG has more than " + DecodeLimits.MAX_JPEG_SCANS
                        + " progressive scans (each costs a pass over the whole image); save it again as a baseline"
                        + " JPEG or a PNG");
            }
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(image))) {
            ImageReader reader = readerFor(format, in);
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkPixelCount(width, height, limits.maxPixels());
                // The reader's own image, then the RGB copy made from it; rotating by EXIF makes one more RGB copy
                // once the reader's image is gone. The encoded bytes are reserved by whoever holds them.
                long bytes = (long) width * height * Math.max(bytesPerPixel(reader) + 3, 6);
                MemoryBudget.Reservation memory = limits.memory().reserve(bytes, limits.memoryWait(),
                        "the image (" + width + "x" + height + ", " + bytesPerPixel(reader) + " bytes per pixel)");
                try {
                    Pixels stored = new LimitedImageRead(reader, limits, abandoned).read(limits);
                    return new DecodedImage(ExifOrientation.upright(stored, ExifOrientation.of(image)), memory);
                } catch (UnreadableImageException | RuntimeException | Error e) {
                    memory.close();
                    throw e;
                }
            } finally {
                reader.dispose();
            }
        } catch (IIOException e) {
            // A reader's own words on what is wrong with the data; a wrapped cause is a Java failure, not the file's.
            throw damaged(e.getCause() == null ? ": " + e.getMessage() : "");
        } catch (IOException | RuntimeException e) {
            throw damaged(""); // readers throw unchecked exceptions on malformed data; their text is Java's, not ours
        }
    }

    private static UnreadableImageException damaged(String detail) {
        return new UnreadableImageException("cannot decode the image" + detail + "; the file may be damaged or cut"
                + " short; copy or download it again");
    }

    /** The first reader of {@code format} that accepts these bytes, never a reader of another format. */
    private static ImageReader readerFor(ImageFormats.Readable format, ImageInputStream in)
            throws IOException, UnreadableImageException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (reader.getOriginatingProvider().canDecodeInput(in)) {
                return reader;
            }
        }
        throw new UnreadableImageException("the file starts like a " + format + " image but is not one; the file may"
                + " be damaged; copy or download it again");
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

    /** What one pixel of the reader's own image takes: samples × bytes per sample, as its header declares. */
    private static int bytesPerPixel(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        ImageTypeSpecifier type = types.hasNext() ? types.next() : reader.getRawImageType(0);
        if (type == null) {
            return 4 * Integer.BYTES; // unknown layout: as if four samples of the largest type
        }
        SampleModel samples = type.getSampleModel();
        return samples.getNumDataElements() * DataBuffer.getDataTypeSize(samples.getDataType()) / Byte.SIZE;
    }

    private Pixels read(DecodeLimits limits) throws IOException, UnreadableImageException {
        // Readers report a truncated or damaged file as a warning and return an image with made-up (grey) pixels;
        // classifying those would give a confident wrong answer.
        List<String> damage = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> {
            if (!warning.contains("profile")) { // a bad colour profile is ignored, the pixels are fine
                damage.add(warning);
            }
        });
        reader.addIIOReadProgressListener(this);
        BufferedImage image = reader.read(0);
        if (stoppedBecause != null) {
            if (stoppedBecause == Stop.ABANDONED) {
                throw new UnreadableImageException.Abandoned("stopped: the result is no longer wanted");
            }
            throw new UnreadableImageException.TooLarge("the image takes more than " + limits.maxTime().toMillis()
                    + " ms to decode; save it smaller, as a baseline JPEG or an 8-bit PNG");
        }
        if (!damage.isEmpty()) {
            throw new UnreadableImageException("the image is damaged or cut short (" + String.join("; ", damage)
                    + "); copy or download it again");
        }
        return toRgb(image);
    }

    /** Called by the reader as it goes (per row or pass): stops it when over time or no longer wanted. */
    private void check() {
        if (stoppedBecause == null && (abandoned.getAsBoolean() || System.nanoTime() - deadline > 0)) {
            stoppedBecause = abandoned.getAsBoolean() ? Stop.ABANDONED : Stop.OVER_TIME;
            reader.abort();
        }
    }

    @Override
    public void imageStarted(ImageReader source, int imageIndex) {
        check();
    }

    @Override
    public void imageProgress(ImageReader source, float percentageDone) {
        check();
    }

    @Override
    public void sequenceStarted(ImageReader source, int minIndex) {
    }

    @Override
    public void sequenceComplete(ImageReader source) {
    }

    @Override
    public void imageComplete(ImageReader source) {
    }

    @Override
    public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
    }

    @Override
    public void thumbnailProgress(ImageReader source, float percentageDone) {
    }

    @Override
    public void thumbnailComplete(ImageReader source) {
    }

    @Override
    public void readAborted(ImageReader source) {
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
