package dev.lenslet.core.image;

/**
 * How the image region becomes the square model input. {@link #SQUASH} resizes the whole region (distorting
 * its aspect ratio; the reference outputs were made this way). {@code center(f)} keeps the central square of
 * side f·min(width, height), so the aspect ratio is kept and borders are dropped.
 */
public final class Crop {
    public static final Crop SQUASH = new Crop(0f);
    public static final Crop CENTER = new Crop(0.875f);

    /** 0 for squash, else the fraction of the shorter side kept by the central crop. */
    public final float fraction;

    private Crop(float fraction) {
        this.fraction = fraction;
    }

    public static Crop center(float fraction) {
        if (!(fraction > 0f && fraction <= 1f)) {
            throw new IllegalArgumentException("central crop fraction must be in (0, 1], not " + fraction);
        }
        return new Crop(fraction);
    }

    public boolean isSquash() {
        return fraction == 0f;
    }

    /** Left edge, in image pixels, of the part of the pixels' region the network sees. */
    public float left(Pixels pixels) {
        return pixels.regionX + (pixels.regionWidth - width(pixels)) / 2f;
    }

    public float top(Pixels pixels) {
        return pixels.regionY + (pixels.regionHeight - height(pixels)) / 2f;
    }

    /** Width of what the network sees: the region's, or the central square's side. */
    public float width(Pixels pixels) {
        return isSquash() ? pixels.regionWidth : side(pixels);
    }

    public float height(Pixels pixels) {
        return isSquash() ? pixels.regionHeight : side(pixels);
    }

    private float side(Pixels pixels) {
        return Math.min((float) pixels.regionWidth, (float) pixels.regionHeight) * fraction;
    }
}
