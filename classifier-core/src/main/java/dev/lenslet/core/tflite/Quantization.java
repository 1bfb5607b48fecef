package dev.lenslet.core.tflite;

/**
 * Affine quantization of a tensor: real = scale[c] * (q - zeroPoint[c]). One entry per tensor, or one per
 * channel along {@code dimension} (per-channel int8 weights).
 */
public final class Quantization {
    public final float[] scales;
    public final long[] zeroPoints;
    public final int dimension;

    Quantization(float[] scales, long[] zeroPoints, int dimension) {
        this.scales = scales;
        this.zeroPoints = zeroPoints;
        this.dimension = dimension;
    }

    public boolean perChannel() {
        return scales.length > 1;
    }

    public float scale(int channel) {
        return scales[scales.length == 1 ? 0 : channel];
    }

    public long zeroPoint(int channel) {
        return zeroPoints.length == 0 ? 0 : zeroPoints[zeroPoints.length == 1 ? 0 : channel];
    }
}
