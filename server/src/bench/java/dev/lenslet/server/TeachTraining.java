package dev.lenslet.server;

import dev.lenslet.server.http.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Teach panel's costs in headless Chromium: training a head in a Wasm worker of its own on 20 classes × 20
 * synthetic embeddings (the worker's own time for the 'train' request: taking the examples, every epoch and writing
 * the head file), and the bytes one stored example takes in IndexedDB, taught from real photos.
 */
final class TeachTraining {
    static final int CLASSES = 20;
    static final int EXAMPLES_PER_CLASS = 20;

    record Result(int runs, double medianMs, double minMs, int epochs, double embeddingBytes,
                  double thumbnailBytes) {
    }

    /**
     * Clustered like real embeddings: 20 random non-negative class centres, each example its centre plus noise, from
     * a fixed seed, so every run trains on the same set.
     */
    private static final String TRAIN_SCRIPT = """
            const [runs, classes, perClass] = arguments;
            const worker = new Worker('worker.js?build=wasm', {type: 'module'});
            const reply = (type) => new Promise((resolve, reject) => {
              worker.onmessage = (event) => event.data.type === type ? resolve(event.data)
                  : event.data.type === 'error' ? reject(new Error(event.data.message)) : undefined;
            });
            let waiting = reply('loaded');
            worker.postMessage({type: 'load', id: 1, manifest: 'model/manifest.json'});
            await waiting;
            let seed = 42;
            const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
            const length = 1280;
            const centres = Array.from({length: classes}, () => Float32Array.from({length}, () => 6 * random()));
            const names = Array.from({length: classes}, (_, c) => `class ${c + 1}`);
            const times = [];
            let epochs;
            for (let run = 0; run < runs; run++) {
              const embeddings = new Float32Array(classes * perClass * length);
              const classIndices = new Int32Array(classes * perClass);
              for (let i = 0; i < classes * perClass; i++) {
                const c = i % classes;
                classIndices[i] = c;
                for (let d = 0; d < length; d++) {
                  embeddings[i * length + d] = Math.max(0, centres[c][d] + 3 * (random() - 0.5));
                }
              }
              waiting = reply('trained');
              worker.postMessage({type: 'train', id: 2 + run, names, embeddings, classIndices});
              const trained = await waiting;
              times.push(trained.ms);
              epochs = trained.epochs;
            }
            worker.terminate();
            return {times, epochs};
            """;

    private TeachTraining() {
    }

    static Result measure(TestServer server, int runs) throws IOException {
        Path examples = Files.createTempDirectory("lenslet-bench-teach");
        try (LensletPage page = LensletPage.inNewChromium(TeachTraining.class)) {
            page.open(server.uri("/"));
            page.waitForModelReady();
            @SuppressWarnings("unchecked")
            Map<String, Object> trained = (Map<String, Object>) page.script(
                    "return (async () => {" + TRAIN_SCRIPT + "})();", runs, CLASSES, EXAMPLES_PER_CLASS);
            @SuppressWarnings("unchecked")
            double[] times = ((List<Number>) trained.get("times")).stream().mapToDouble(Number::doubleValue)
                    .sorted().toArray();
            double median = times.length % 2 == 1 ? times[times.length / 2]
                    : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;

            TeachPanel teach = new TeachPanel(page);
            teach.addClass("cat");
            List<Path> photos = new ArrayList<>();
            for (String photo : List.of("cat.bmp", "resized_cat.bmp", "cat_720p.jpg", "pets.jpg")) {
                photos.addAll(ExamplePhotos.of(SharedFiles.photo(photo), examples));
            }
            teach.addPhotos("cat", photos.toArray(Path[]::new));
            @SuppressWarnings("unchecked")
            Map<String, Number> sizes = page.waitFor("the examples to be stored", TeachPanel.TEACH,
                    () -> (Map<String, Number>) page.script("""
                            return lensletTeachStore.load().then(({classes}) => {
                              const examples = classes.flatMap((c) => c.examples);
                              return examples.length < arguments[0] ? null : {
                                embedding: examples.reduce((sum, e) => sum + e.embedding.byteLength, 0)
                                    / examples.length,
                                thumbnail: examples.reduce((sum, e) => sum + e.thumbnail.length, 0)
                                    / examples.length};
                            });""", photos.size()));
            return new Result(times.length, median, Arrays.stream(times).min().orElseThrow(),
                    ((Number) trained.get("epochs")).intValue(), sizes.get("embedding").doubleValue(),
                    sizes.get("thumbnail").doubleValue());
        }
    }
}
