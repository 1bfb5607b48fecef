package dev.lenslet.server.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Image files of the kinds people drop by accident or attackers craft on purpose, written into a test's folder:
 * each method writes one file and returns its path.
 */
public final class OddImageFiles {
    private OddImageFiles() {
    }

    public static Path empty(Path dir, String name) throws IOException {
        return Files.write(dir.resolve(name), new byte[0]);
    }

    /** The first {@code fraction} of {@code photo}'s bytes, as a download that broke off. */
    public static Path truncated(Path photo, double fraction, Path dir, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(photo);
        return Files.write(dir.resolve(name), Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
    }

    public static Path text(Path dir, String name) throws IOException {
        return Files.writeString(dir.resolve(name), "This is a shopping list, not a photo: milk, eggs, bread.\n");
    }

    /** A horizontal colour ramp of the given size, as a PNG. */
    public static Path ramp(int width, int height, Path dir, String name) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            int rgb = Color.HSBtoRGB((float) x / width, 0.8f, 0.9f);
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, rgb);
            }
        }
        return writePng(image, dir.resolve(name));
    }

    /**
     * A decompression bomb: a valid PNG of {@code side}×{@code side} black pixels, one bit each, that deflate
     * squeezes into a file a thousand times smaller than its decoded RGBA pixels.
     */
    public static Path pngBomb(int side, Path dir, String name) throws IOException {
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(ihdr);
        header.writeInt(side);
        header.writeInt(side);
        header.write(new byte[] {1, 0, 0, 0, 0}); // bit depth 1, greyscale, deflate, no filter, no interlace
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] row = new byte[1 + (side + 7) / 8]; // filter type 0, then the row's bits: all zero
            for (int y = 0; y < side; y++) {
                deflate.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        writeChunk(png, "IHDR", ihdr.toByteArray());
        writeChunk(png, "IDAT", idat.toByteArray());
        writeChunk(png, "IEND", new byte[0]);
        return Files.write(dir.resolve(name), png.toByteArray());
    }

    /** A two-frame GIF: {@code photo} first, then a black frame. Only the first frame is to be classified. */
    public static Path animatedGif(Path photo, Path dir, String name) throws IOException {
        BufferedImage first = ImageIO.read(photo.toFile());
        BufferedImage black = new BufferedImage(first.getWidth(), first.getHeight(), BufferedImage.TYPE_INT_RGB);
        Path gif = dir.resolve(name);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(gif.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(rgb(first), null, null), null);
            writer.writeToSequence(new IIOImage(black, null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return gif;
    }

    /** {@code photo} with a fully transparent border of {@code border} pixels around it, as a PNG with alpha. */
    public static Path transparentBorder(Path photo, int border, Path dir, String name) throws IOException {
        BufferedImage inner = ImageIO.read(photo.toFile());
        BufferedImage framed = new BufferedImage(inner.getWidth() + 2 * border, inner.getHeight() + 2 * border,
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = framed.createGraphics();
        g.drawImage(inner, border, border, null);
        g.dispose();
        return writePng(framed, dir.resolve(name));
    }

    private static BufferedImage rgb(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** Writes {@code image} to {@code file} as PNG and returns the file. */
    public static Path writePng(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        return file;
    }

    private static void writeChunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(png);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
