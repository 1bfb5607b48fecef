package dev.lenslet.core;

import dev.lenslet.core.fp32.FloatNetwork;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.quant.QuantizedNetwork;
import dev.lenslet.core.tflite.TfliteModel;
import dev.lenslet.core.tflite.TfliteModelReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real primary model and a fixed input image, shared by the benchmarks and the allocation check. */
final class BenchModel {
    /** Relative to the project root, where the bench commands run; override with -Dlenslet.model=... */
    static final String DEFAULT_MODEL = "../shared/models/mobilenet_v2_1.0_224_quant.tflite";
    static final int SIZE = 224;

    private BenchModel() {
    }

    static Classifier loadClassifier(NetworkPath path) {
        return Classifier.load(modelBytes(), null, path.arithmetic, path.kernels);
    }

    /** The layers of path's network as one whole run, on the test pattern already in its input. */
    static Runnable networkRun(NetworkPath path) {
        TfliteModel model = TfliteModelReader.read(modelBytes());
        if (path.arithmetic == Arithmetic.INTEGER) {
            QuantizedNetwork network = QuantizedNetwork.build(model, path.kernels);
            network.setInput(testPattern(), Crop.CENTER);
            return network::run;
        }
        FloatNetwork network = FloatNetwork.build(model, path.kernels);
        network.setInput(testPattern(), Crop.CENTER);
        return network::run;
    }

    private static byte[] modelBytes() {
        Path model = Path.of(System.getProperty("lenslet.model", DEFAULT_MODEL));
        try {
            return Files.readAllBytes(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + model.toAbsolutePath()
                    + "; run from the project root with ../shared beside it, or pass -Dlenslet.model=<file>", e);
        }
    }

    /** A smooth RGB test pattern [SIZE][SIZE][3], the same one bench.js feeds the browser worker. */
    static Pixels testPattern() {
        byte[] rgb = new byte[SIZE * SIZE * 3];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int i = (y * SIZE + x) * 3;
                rgb[i] = (byte) x;
                rgb[i + 1] = (byte) y;
                rgb[i + 2] = (byte) ((x * y) >> 8);
            }
        }
        return new Pixels(rgb, SIZE, SIZE, 3);
    }
}
