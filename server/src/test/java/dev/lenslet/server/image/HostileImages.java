package dev.lenslet.server.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Small files that would cost a decoder far more than their size, generated here (never committed). */
public final class HostileImages {
    private HostileImages() {
    }

    /** A valid 64×64 progressive JPEG whose last scan is repeated until it has {@code scans} scans. */
    public static byte[] progressiveJpegWithScans(int scans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(OddImages.redLeftBlueRight(64, 64), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = out.toByteArray();
        int lastScan = lastIndexOf(jpeg, (byte) 0xFF, (byte) 0xDA);
        int end = jpeg.length - 2; // before the end-of-image marker
        int written = JpegScans.count(jpeg, Integer.MAX_VALUE);
        ByteArrayOutputStream repeated = new ByteArrayOutputStream();
        repeated.write(jpeg, 0, end);
        for (; written < scans; written++) {
            repeated.write(jpeg, lastScan, end - lastScan);
        }
        repeated.write(jpeg, end, 2);
        return repeated.toByteArray();
    }

    /** A 1×1 PNG whose header declares {@code width}×{@code height} pixels of 16-bit RGBA (8 bytes each). */
    public static byte[] rgba16PngDeclaring(int width, int height) {
        byte[] png = OddImages.pngDeclaring(width, height);
        png[24] = 16; // bit depth
        png[25] = 6;  // colour type: RGBA
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        png[29] = (byte) (crc.getValue() >>> 24);
        png[30] = (byte) (crc.getValue() >>> 16);
        png[31] = (byte) (crc.getValue() >>> 8);
        png[32] = (byte) crc.getValue();
        return png;
    }

    /**
     * A valid PNG of {@code width}×{@code height} black pixels of 16-bit RGBA: its rows of zeros deflate about a
     * thousandfold, so a few hundred kilobytes take seconds and hundreds of megabytes to decode.
     */
    public static byte[] blackRgba16Png(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(png)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            pngChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                    .put((byte) 16).put((byte) 6).array()); // bit depth, RGBA; deflate, no filter, no interlace
            ByteArrayOutputStream pixels = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflated = new DeflaterOutputStream(pixels)) {
                byte[] row = new byte[1 + width * 8]; // filter type 0, then R, G, B, A of 2 bytes each
                for (int y = 0; y < height; y++) {
                    deflated.write(row);
                }
            }
            pngChunk(out, "IDAT", pixels.toByteArray());
            pngChunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static void pngChunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    /** A real image in a format ImageIO reads but Lenslet does not list ("tiff", "wbmp"). */
    public static byte[] unlisted(String format, int side) {
        return OddImages.encode(new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY), format);
    }

    /**
     * A 6-entry little-endian TIFF declaring 1200×1200 pixels of 1024 32-bit float samples (about 6 GB), with one
     * strip of 8 bytes.
     */
    public static byte[] tiffDeclaringFloatSamples() {
        int[][] entries = {{256, 4, 1200}, {257, 4, 1200}, {258, 3, 32}, {277, 3, 1024}, {273, 4, 90},
                {339, 3, 3}};
        byte[] tiff = new byte[98];
        tiff[0] = 'I';
        tiff[1] = 'I';
        tiff[2] = 42;
        tiff[4] = 8; // the first directory's offset
        tiff[8] = (byte) entries.length;
        for (int i = 0; i < entries.length; i++) {
            int at = 10 + 12 * i;
            tiff[at] = (byte) entries[i][0];
            tiff[at + 1] = (byte) (entries[i][0] >> 8);
            tiff[at + 2] = (byte) entries[i][1];
            tiff[at + 4] = 1; // count
            tiff[at + 8] = (byte) entries[i][2];
            tiff[at + 9] = (byte) (entries[i][2] >> 8);
        }
        return tiff;
    }

    private static int lastIndexOf(byte[] bytes, byte first, byte second) {
        for (int i = bytes.length - 2; i >= 0; i--) {
            if (bytes[i] == first && bytes[i + 1] == second) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found in " + Arrays.toString(Arrays.copyOf(bytes, 16)));
    }
}
