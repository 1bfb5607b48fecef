package dev.lenslet.server;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Turns a photo into a Y4M video for Chromium's fake camera ({@code --use-file-for-fake-video-capture}), which
 * plays the file in a loop as if a webcam were filming the photo.
 *
 * <p>Y4M is a one-line text header followed by frames, each {@code FRAME\n} and then the raw I420 planes: Y at
 * full resolution, then U and V at half resolution in each direction.
 */
final class FakeCameraVideo {
    /** A common webcam size, 4:3; both sides even, as 4:2:0 chroma needs. */
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    /** One second at 30 fps: the content is a still photo, so the loop length only sets the file size. */
    private static final int FRAMES = 30;

    private FakeCameraVideo() {
    }

    /** Writes {@code photo}, scaled to cover {@value #WIDTH}x{@value #HEIGHT} and centre-cropped, as a Y4M file. */
    static Path write(Path photo, Path y4m) throws IOException {
        byte[] frame = toI420(coverScaled(read(photo)));
        try (OutputStream out = Files.newOutputStream(y4m)) {
            out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F30:1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < FRAMES; i++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(frame);
            }
        }
        return y4m;
    }

    private static BufferedImage read(Path photo) throws IOException {
        BufferedImage image = ImageIO.read(photo.toFile());
        if (image == null) {
            throw new IOException(photo + ": not an image ImageIO can decode");
        }
        return image;
    }

    /** Like CSS object-fit: cover, so the subject stays in the middle of the frame at its own aspect ratio. */
    private static BufferedImage coverScaled(BufferedImage photo) {
        double scale = Math.max((double) WIDTH / photo.getWidth(), (double) HEIGHT / photo.getHeight());
        int scaledWidth = (int) Math.ceil(photo.getWidth() * scale);
        int scaledHeight = (int) Math.ceil(photo.getHeight() * scale);
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(photo, (WIDTH - scaledWidth) / 2, (HEIGHT - scaledHeight) / 2, scaledWidth, scaledHeight, null);
        g.dispose();
        return frame;
    }

    /** BT.601 limited range, as webcams deliver; each chroma sample averages its 2x2 block of pixels. */
    private static byte[] toI420(BufferedImage rgb) {
        int lumaSize = WIDTH * HEIGHT;
        int chromaSize = lumaSize / 4;
        byte[] planes = new byte[lumaSize + 2 * chromaSize];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int pixel = rgb.getRGB(x, y);
                planes[y * WIDTH + x] = (byte) luma(red(pixel), green(pixel), blue(pixel));
            }
        }
        int chromaWidth = WIDTH / 2;
        for (int cy = 0; cy < HEIGHT / 2; cy++) {
            for (int cx = 0; cx < chromaWidth; cx++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int pixel = rgb.getRGB(2 * cx + dx, 2 * cy + dy);
                        r += red(pixel);
                        g += green(pixel);
                        b += blue(pixel);
                    }
                }
                r = (r + 2) / 4;
                g = (g + 2) / 4;
                b = (b + 2) / 4;
                int index = cy * chromaWidth + cx;
                planes[lumaSize + index] = (byte) blueDifference(r, g, b);
                planes[lumaSize + chromaSize + index] = (byte) redDifference(r, g, b);
            }
        }
        return planes;
    }

    // The integer BT.601 formulas (ITU-R BT.601, 8-bit, studio swing: Y 16..235, U and V 16..240).
    private static int luma(int r, int g, int b) {
        return ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
    }

    private static int blueDifference(int r, int g, int b) {
        return ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128;
    }

    private static int redDifference(int r, int g, int b) {
        return ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128;
    }

    private static int red(int pixel) {
        return (pixel >> 16) & 0xff;
    }

    private static int green(int pixel) {
        return (pixel >> 8) & 0xff;
    }

    private static int blue(int pixel) {
        return pixel & 0xff;
    }
}
