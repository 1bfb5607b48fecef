package dev.lenslet.core.image;

/** A rectangle of an image in pixels, fractional where a crop does not fall on pixel edges. Immutable. */
public final class Region {
    public final float left, top, width, height;

    public Region(float left, float top, float width, float height) {
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
    }

    @Override
    public String toString() {
        return width + "x" + height + " at (" + left + ", " + top + ")";
    }
}
