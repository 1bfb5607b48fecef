package dev.lenslet.core.image;

import dev.lenslet.core.InvalidModelException;
import dev.lenslet.core.tflite.ModelTensor;
import dev.lenslet.core.tflite.Quantization;

/**
 * Pixels of any size to the model input [height][width][3]: crop, resize, normalize. Upscales and downscales of
 * up to 2× use bilinear interpolation with half-pixel centres (as TFLite's reference runs do); larger downscales
 * average the covered source area, so webcam and phone photos are not aliased. The normalization comes from
 * the model's input quantization. Tables and the intermediate buffer are reused across calls.
 */
public final class Preprocessor {
    private final int outH, outW;
    private final float mul, add; // model value = pixel · mul + add
    private final AxisTaps xTaps = new AxisTaps();
    private final AxisTaps yTaps = new AxisTaps();
    private float[] rows = new float[0]; // [source rows used][outW][3], the horizontal pass
    private float[] values = new float[0]; // [outH][outW][3]: the float result, for the raw uint8 output only

    public Preprocessor(int outH, int outW, float mul, float add) {
        this.outH = outH;
        this.outW = outW;
        this.mul = mul;
        this.add = add;
    }

    /** A preprocessor for the model's input tensor: uint8 (scale, zero point), int8 (shifted by 128) or float. */
    public static Preprocessor forInput(ModelTensor input) {
        int h = input.shape[1], w = input.shape[2];
        Quantization q = input.quantization;
        switch (input.type) {
            case UINT8:
                requireQuantized(input, q);
                return new Preprocessor(h, w, q.scale(0), -q.scale(0) * q.zeroPoint(0));
            case INT8:
                requireQuantized(input, q);
                return new Preprocessor(h, w, q.scale(0), -q.scale(0) * (q.zeroPoint(0) + 128));
            case FLOAT32:
                // Float MobileNets take [-1, 1], the convention of the TF-Slim and Keras MobileNet checkpoints.
                return new Preprocessor(h, w, 1f / 127.5f, -1f);
            default:
                throw new InvalidModelException("model input " + input.describe() + " must be UINT8, INT8 or FLOAT32");
        }
    }

    private static void requireQuantized(ModelTensor input, Quantization q) {
        if (q == null || q.perChannel()) {
            throw new InvalidModelException("model input " + input.describe()
                    + " has no single scale and zero point, so pixel values cannot be mapped to it");
        }
    }

    /** Writes the model input for {@code pixels} (its region, cropped as {@code crop} says) into {@code out}. */
    public void run(Pixels pixels, Crop crop, float[] out) {
        if (isIdentity(pixels, crop)) {
            // The resize would copy each pixel with the weights 1 and 0: the same values, without the passes.
            for (int y = 0, o = 0; y < outH; y++) {
                for (int x = 0, i = pixelOffset(pixels, y); x < outW; x++, i += pixels.channels) {
                    out[o++] = (pixels.data[i] & 0xFF) * mul + add;
                    out[o++] = (pixels.data[i + 1] & 0xFF) * mul + add;
                    out[o++] = (pixels.data[i + 2] & 0xFF) * mul + add;
                }
            }
            return;
        }
        float x0 = crop.left(pixels), y0 = crop.top(pixels), w = crop.width(pixels), h = crop.height(pixels);
        xTaps.compute(x0, w, pixels.regionX, pixels.regionX + pixels.regionWidth, outW);
        yTaps.compute(y0, h, pixels.regionY, pixels.regionY + pixels.regionHeight, outH);
        int firstRow = yTaps.first[0];
        int lastRow = yTaps.first[outH - 1] + yTaps.count[outH - 1] - 1;
        int needed = (lastRow - firstRow + 1) * outW * 3;
        if (rows.length < needed) {
            rows = new float[needed];
        }
        horizontalPass(pixels, firstRow, lastRow);
        verticalPass(firstRow, out);
    }

    /**
     * Writes raw uint8 model values into {@code out} [height][width][3]: each value · mul + add rounded to the
     * nearest integer and clamped to [0, 255]. With mul 1 and add 0 these are the resized pixels, which is what a
     * uint8 input whose real value is scale · (q − zeroPoint) takes.
     */
    public void run(Pixels pixels, Crop crop, byte[] out) {
        if (mul == 1f && add == 0f && isIdentity(pixels, crop)) {
            for (int y = 0, o = 0; y < outH; y++) {
                for (int x = 0, i = pixelOffset(pixels, y); x < outW; x++, i += pixels.channels) {
                    out[o++] = pixels.data[i];
                    out[o++] = pixels.data[i + 1];
                    out[o++] = pixels.data[i + 2];
                }
            }
            return;
        }
        int n = outH * outW * 3;
        if (values.length < n) {
            values = new float[n];
        }
        run(pixels, crop, values);
        for (int i = 0; i < n; i++) {
            out[i] = (byte) Math.min(Math.max(Math.round(values[i]), 0), 255);
        }
    }

    /**
     * Whether the image is already the model's input: a squashed region of exactly its size, as the page's live
     * frames are, grabbed at that size.
     */
    private boolean isIdentity(Pixels pixels, Crop crop) {
        return crop.isSquash() && pixels.regionWidth == outW && pixels.regionHeight == outH;
    }

    /** Where row y of the region starts in the image's data. */
    private static int pixelOffset(Pixels pixels, int y) {
        return ((pixels.regionY + y) * pixels.width + pixels.regionX) * pixels.channels;
    }

    /** rows[r][x][c] = Σ_t xWeight[x][t] · pixel[firstRow + r][xFirst[x] + t][c]. */
    private void horizontalPass(Pixels p, int firstRow, int lastRow) {
        byte[] data = p.data;
        int ch = p.channels;
        for (int y = firstRow; y <= lastRow; y++) {
            int rowBase = y * p.width;
            int o = (y - firstRow) * outW * 3;
            for (int x = 0; x < outW; x++) {
                float r = 0f, g = 0f, b = 0f;
                int wi = x * xTaps.stride;
                for (int t = 0, col = xTaps.first[x]; t < xTaps.count[x]; t++, col++) {
                    float wt = xTaps.weight[wi + t];
                    int i = (rowBase + col) * ch;
                    r += wt * (data[i] & 0xFF);
                    g += wt * (data[i + 1] & 0xFF);
                    b += wt * (data[i + 2] & 0xFF);
                }
                rows[o++] = r;
                rows[o++] = g;
                rows[o++] = b;
            }
        }
    }

    /** out[y][x][c] = mul · Σ_t yWeight[y][t] · rows[yFirst[y] + t][x][c] + add. */
    private void verticalPass(int firstRow, float[] out) {
        int rowSize = outW * 3;
        for (int y = 0; y < outH; y++) {
            int o = y * rowSize;
            int wi = y * yTaps.stride;
            for (int i = 0; i < rowSize; i++) {
                out[o + i] = 0f;
            }
            for (int t = 0; t < yTaps.count[y]; t++) {
                float wt = yTaps.weight[wi + t];
                int src = (yTaps.first[y] - firstRow + t) * rowSize;
                for (int i = 0; i < rowSize; i++) {
                    out[o + i] += wt * rows[src + i];
                }
            }
            for (int i = 0; i < rowSize; i++) {
                out[o + i] = out[o + i] * mul + add;
            }
        }
    }

    /** For each output coordinate along one axis: the first source index, the number of taps and their weights. */
    private static final class AxisTaps {
        int[] first = new int[0];
        int[] count = new int[0];
        float[] weight = new float[0]; // [outputs][stride]
        int stride;

        /** Maps the source span [start, start + length) onto n outputs; taps stay inside [lo, hi). */
        void compute(float start, float length, int lo, int hi, int n) {
            float scale = length / n;
            boolean area = scale > 2f;
            stride = area ? (int) Math.ceil(scale) + 2 : 2;
            if (first.length < n) {
                first = new int[n];
                count = new int[n];
            }
            if (weight.length < n * stride) {
                weight = new float[n * stride];
            }
            for (int i = 0; i < n; i++) {
                if (area) {
                    areaTaps(i, start + i * scale, start + (i + 1) * scale, scale, lo, hi);
                } else {
                    bilinearTaps(i, start + (i + 0.5f) * scale - 0.5f, lo, hi);
                }
            }
        }

        private void bilinearTaps(int i, float centre, int lo, int hi) {
            int f = (int) Math.floor(centre);
            float t = centre - f;
            int a = Math.min(Math.max(f, lo), hi - 1);
            int b = Math.min(Math.max(f + 1, lo), hi - 1);
            first[i] = a;
            if (a == b) {
                count[i] = 1;
                weight[i * stride] = 1f;
            } else {
                count[i] = 2;
                weight[i * stride] = 1f - t;
                weight[i * stride + 1] = t;
            }
        }

        private void areaTaps(int i, float from, float to, float scale, int lo, int hi) {
            int a = Math.max((int) Math.floor(from), lo);
            int b = Math.min((int) Math.ceil(to), hi);
            first[i] = a;
            count[i] = b - a;
            for (int j = a; j < b; j++) {
                float overlap = Math.min(to, j + 1) - Math.max(from, j);
                weight[i * stride + j - a] = overlap / scale;
            }
        }
    }
}
