package dev.lenslet.server.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The odd files users drop, made in memory for each test (never stored): every colour model and format variant
 * Lenslet reads, files it must refuse, and headers that lie about their size.
 */
public final class OddImages {
    private OddImages() {
    }

    /** A landscape image, red on its left half and blue on its right: its orientation shows after any turn. */
    public static BufferedImage redLeftBlueRight(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    /** Four quadrants in the colours of {@code colours}: top left, top right, bottom left, bottom right. */
    static BufferedImage quadrants(int width, int height, Color... colours) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int q = 0; q < 4; q++) {
            g.setColor(colours[q]);
            g.fillRect(q % 2 * width / 2, q / 2 * height / 2, width / 2, height / 2);
        }
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG with an EXIF segment whose Orientation tag is {@code orientation}, placed after the JFIF header. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        return withExif(jpeg, new byte[] {'I', 'I', 0x2A, 0, 8, 0, 0, 0, // little-endian, IFD0 at offset 8
                1, 0,                                    // one entry
                0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, // Orientation, SHORT, count 1
                0, 0, 0, 0});                            // no next IFD
    }

    /** A JPEG with an EXIF segment holding {@code tiff} (any bytes, well-formed or not) after the JFIF header. */
    static byte[] withExif(byte[] jpeg, byte[] tiff) {
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.length;
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.write(0xFF);
        segment.write(0xE1);
        segment.write(length >> 8);
        segment.write(length & 0xFF);
        segment.writeBytes(exif);
        segment.writeBytes(tiff);
        int afterJfif = 4 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF); // SOI, then APP0 marker and its length
        return insert(jpeg, afterJfif, segment.toByteArray());
    }

    /**
     * An Adobe CMYK JPEG (as Photoshop saves for print), cyan on the left and red on the right. Adobe stores the
     * inks inverted: 0 is full ink.
     */
    public static byte[] cmykJpeg() {
        return adobeJpeg(new int[] {0, 255, 255, 255}, new int[] {255, 0, 0, 255}, 0);
    }

    /**
     * The same cyan and red as {@link #cmykJpeg()} in Adobe's YCCK form (APP14 transform 2), as Photoshop also
     * saves CMYK: the amounts of C, M and Y ink are taken as R, G and B and kept as JFIF Y, Cb and Cr (libjpeg's
     * ycck_cmyk_convert undoes it); K is kept as it is, inverted. A decoder that took these for plain CMYK would
     * show blue and yellow.
     */
    public static byte[] ycckJpeg() {
        return adobeJpeg(ycck(0, 255, 255, 255), ycck(255, 0, 0, 255), 2);
    }

    /** Y, Cb, Cr and K of the inverted inks c, m, y, k (Adobe's storage: 0 is full ink). */
    private static int[] ycck(int c, int m, int y, int k) {
        double r = 255 - c;
        double g = 255 - m;
        double b = 255 - y;
        return new int[] {
                clamp(0.299 * r + 0.587 * g + 0.114 * b),
                clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b),
                clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b),
                k};
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    /** A 64×64 four-component JPEG, {@code left} and {@code right} halves, with an Adobe APP14 {@code transform}. */
    private static byte[] adobeJpeg(int[] left, int[] right, int transform) {
        WritableRaster components = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 64, 64, 4, null); // [64][64][4]
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                components.setPixel(x, y, x < 32 ? left : right);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(components, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        return insert(out.toByteArray(), 2, adobe);
    }

    /** A two-frame GIF: red, then blue. */
    public static byte[] animatedGif() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (Color colour : new Color[] {Color.RED, Color.BLUE}) {
                BufferedImage frame = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = frame.createGraphics();
                g.setColor(colour);
                g.fillRect(0, 0, 8, 8);
                g.dispose();
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A 16-bit greyscale PNG: a ramp from black to white. */
    public static byte[] grey16Png() {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < 4; x++) {
            image.getRaster().setSample(x, 0, 0, x * 0xFFFF / 3);
        }
        return encode(image, "png");
    }

    /** A valid 1×1 PNG whose header then claims {@code width}×{@code height}: a decompression bomb's header. */
    public static byte[] pngDeclaring(int width, int height) {
        byte[] png = encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
        // Signature (8), IHDR length (4), "IHDR" (4), width (4) at 16, height (4) at 20, ..., CRC at 29.
        putInt(png, 16, width);
        putInt(png, 20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        putInt(png, 29, (int) crc.getValue());
        return png;
    }

    /** A small JPEG whose frame header claims {@code width}×{@code height}. */
    static byte[] jpegDeclaring(int width, int height) {
        byte[] jpeg = encode(redLeftBlueRight(16, 16), "jpg");
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) { // SOF0: length, precision, height, width
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 marker in the JPEG writer's output");
    }

    /** The first bytes of a file in a format Lenslet does not decode, as that format's files begin. */
    public static byte[] startOf(String format) {
        String head = switch (format) {
            case "WebP" -> "RIFF\u0024\0\0\0WEBPVP8 ";
            case "HEIC" -> "\0\0\0\u0018ftypheic\0\0\0\0mif1heic";
            case "AVIF" -> "\0\0\0\u001cftypavif\0\0\0\0avifmif1miaf";
            case "JPEG XL" -> "\u00ff\n\u00fa\u007f";
            default -> throw new IllegalArgumentException(format);
        };
        return Arrays.copyOf(head.getBytes(StandardCharsets.ISO_8859_1), 64);
    }

    public static byte[] truncated(byte[] file) {
        return Arrays.copyOf(file, file.length / 2);
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
        return result;
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
