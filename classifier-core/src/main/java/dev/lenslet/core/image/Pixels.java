package dev.lenslet.core.image;

/**
 * An 8-bit RGB or RGBA image (row-major, top row first) and the region of it to classify (default: all).
 * The pixel bytes are not copied.
 */
public final class Pixels {
    public final byte[] data;
    public final int width, height;
    /** 3 for RGB, 4 for RGBA (alpha is ignored). */
    public final int channels;
    public final int regionX, regionY, regionWidth, regionHeight;

    public Pixels(byte[] data, int width, int height, int channels) {
        this(data, width, height, channels, 0, 0, width, height);
    }

    private Pixels(byte[] data, int width, int height, int channels, int x, int y, int w, int h) {
        if (channels != 3 && channels != 4) {
            throw new IllegalArgumentException("pixels must be RGB (3 channels) or RGBA (4), not " + channels);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "×" + height + " is empty");
        }
        if (data == null || (long) width * height * channels > data.length) {
            throw new IllegalArgumentException("a " + width + "×" + height + "×" + channels + " image needs "
                    + (long) width * height * channels + " bytes but " + (data == null ? 0 : data.length)
                    + " were given");
        }
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop " + w + "×" + h + " at (" + x + ", " + y
                    + ") does not lie inside the " + width + "×" + height + " image");
        }
        this.data = data;
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.regionX = x;
        this.regionY = y;
        this.regionWidth = w;
        this.regionHeight = h;
    }

    /** The same pixels, classifying only the w×h rectangle at (x, y). */
    public Pixels crop(int x, int y, int w, int h) {
        return new Pixels(data, width, height, channels, x, y, w, h);
    }
}
