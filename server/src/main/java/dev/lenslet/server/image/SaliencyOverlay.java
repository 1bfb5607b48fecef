package dev.lenslet.server.image;

import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.image.Region;
import dev.lenslet.server.inference.Saliency;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * An image with where the network looked drawn over it: the class activation map, upsampled bilinearly from its
 * grid to the pixels of the region the network saw, coloured with viridis (readable with every common colour
 * vision deficiency, and in grey) and blended half-transparently; pixels outside the region are left as they were.
 */
public final class SaliencyOverlay {
    /** Share of the overlay colour in a blended pixel: enough to read the map, little enough to see the photo. */
    static final float OPACITY = 0.5f;
    /** Viridis (matplotlib's) at 0, 1/8, ..., 1 as 0xRRGGBB; values in between are interpolated linearly. */
    private static final int[] VIRIDIS = {0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779,
            0x6DCD59, 0xFDE725};

    private SaliencyOverlay() {
    }

    /** Writes {@code pixels} with {@code saliency} drawn over it to {@code file} as PNG, at the image's size. */
    public static void writePng(Pixels pixels, Saliency saliency, Path file) throws IOException {
        ImageIO.write(draw(pixels, saliency), "png", file.toFile());
    }

    static BufferedImage draw(Pixels pixels, Saliency saliency) {
        BufferedImage image = new BufferedImage(pixels.width, pixels.height, BufferedImage.TYPE_INT_RGB);
        Region region = saliency.region();
        for (int y = 0; y < pixels.height; y++) {
            float v = (y + 0.5f - region.top) / region.height; // 0..1 down the region for the pixel's centre
            for (int x = 0; x < pixels.width; x++) {
                float u = (x + 0.5f - region.left) / region.width;
                int i = (y * pixels.width + x) * pixels.channels;
                int rgb = (pixels.data[i] & 0xFF) << 16 | (pixels.data[i + 1] & 0xFF) << 8 | pixels.data[i + 2] & 0xFF;
                if (u >= 0f && u < 1f && v >= 0f && v < 1f) {
                    rgb = blend(rgb, viridis(bilinear(saliency, u, v)));
                }
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /**
     * The map at (u, v) ∈ [0, 1)², interpolated between the four nearest cell centres (cell c's centre is at
     * (c + 0.5) / cells); beyond the outer centres the edge cells' values hold.
     */
    static float bilinear(Saliency saliency, float u, float v) {
        float gx = clamp(u * saliency.width() - 0.5f, saliency.width() - 1);
        float gy = clamp(v * saliency.height() - 0.5f, saliency.height() - 1);
        int x0 = (int) gx, y0 = (int) gy;
        int x1 = Math.min(x0 + 1, saliency.width() - 1), y1 = Math.min(y0 + 1, saliency.height() - 1);
        float fx = gx - x0, fy = gy - y0;
        float top = saliency.at(x0, y0) + fx * (saliency.at(x1, y0) - saliency.at(x0, y0));
        float bottom = saliency.at(x0, y1) + fx * (saliency.at(x1, y1) - saliency.at(x0, y1));
        return top + fy * (bottom - top);
    }

    /** Viridis at {@code value} ∈ [0, 1], as 0xRRGGBB. */
    static int viridis(float value) {
        float position = clamp(value, 1f) * (VIRIDIS.length - 1);
        int lower = Math.min((int) position, VIRIDIS.length - 2);
        return mix(VIRIDIS[lower], VIRIDIS[lower + 1], position - lower);
    }

    private static int blend(int photo, int overlay) {
        return mix(photo, overlay, OPACITY);
    }

    /** (1 − t)·a + t·b per channel, rounded. */
    private static int mix(int a, int b, float t) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int ca = a >> shift & 0xFF, cb = b >> shift & 0xFF;
            rgb |= Math.round(ca + t * (cb - ca)) << shift;
        }
        return rgb;
    }

    private static float clamp(float value, float max) {
        return Math.max(0f, Math.min(max, value));
    }
}
