package dev.lenslet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.Classifier;
import dev.lenslet.core.Prediction;
import dev.lenslet.core.SharedData;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.kernel.KernelSet;
import dev.lenslet.server.http.TestServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page's worker in Chromium, WebAssembly build, integer arithmetic, on the SIMD kernels and (with ?simd=0) on
 * the Java kernels, against the JVM's integer network on the shared photos: all 1000 classes in the same order with
 * the same scores. The scores come from the float classifier on the pooled uint8 features, which WebAssembly
 * computes bit for bit as the JVM does, so equal scores mean the integer layers gave the same bytes. They arrive as
 * text that TeaVM's float formatting sometimes shortens by a digit, so a score may read one ulp off.
 */
class SimdNetworkIT {
    private static final String[] PHOTOS = {"cat.bmp", "bird.rgb", "burger-224.png", "sunflower.rgb"};
    private static final int CLASSES = 1000;
    private static final String CLASSIFY_SCRIPT = """
            const [query, photos, done] = arguments;
            (async () => {
              const worker = new Worker('/worker.js?' + query, {type: 'module'});
              const ask = (request, expected) => new Promise((resolve, reject) => {
                worker.onmessage = ({data}) => {
                  if (data.type === expected) {
                    resolve(data);
                  } else if (data.type === 'error') {
                    reject(new Error(data.message));
                  }
                };
                worker.postMessage(request);
              });
              const loaded = await ask({type: 'load', id: 1, manifest: 'model/manifest.json',
                  arithmetic: 'integer'}, 'loaded');
              const results = [];
              for (const photo of photos) {
                const pixels = Uint8Array.from(atob(photo.rgba), (c) => c.charCodeAt(0));
                const {top} = await ask({type: 'classify', id: 2, pixels: pixels.buffer, width: photo.width,
                    height: photo.height, k: %d, crop: 'squash'}, 'result');
                results.push(top);
              }
              worker.terminate();
              return JSON.stringify({build: loaded.build, results});
            })().then(done, (error) => done(JSON.stringify({error: String(error)})));
            """.formatted(CLASSES);

    @AutoClose
    private static TestServer server;
    @AutoClose("quit")
    private static ChromeDriver driver;
    private static Classifier jvm;
    private static List<Object> photos;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        driver = Chromium.start(SimdNetworkIT.class);
        driver.get(server.uri("/healthz").toString());
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        jvm = Classifier.load(Files.readAllBytes(SharedFiles.MODEL), SharedData.labelText(), Arithmetic.INTEGER,
                KernelSet.REGISTER_BLOCKED);
        photos = new ArrayList<>();
        for (String photo : PHOTOS) {
            Pixels pixels = SharedData.pixels(photo);
            photos.add(java.util.Map.of("rgba", Base64.getEncoder().encodeToString(rgba(pixels)),
                    "width", pixels.width, "height", pixels.height));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"build=wasm", "build=wasm&simd=0"})
    void workerScoresEqualTheJvmIntegerNetwork(String query) throws Exception {
        Object reply = ((JavascriptExecutor) driver).executeAsyncScript(CLASSIFY_SCRIPT, query, photos);
        JsonNode result = new ObjectMapper().readTree(String.valueOf(reply));
        assertEquals("", result.path("error").asText(), "the worker classified every photo");
        assertEquals(query.contains("simd=0") ? "wasm" : "wasm+simd", result.get("build").asText(),
                "Chromium validates kernels.wasm, so the integer network runs on it unless ?simd=0");
        for (int p = 0; p < PHOTOS.length; p++) {
            List<Prediction> expected = jvm.classify(SharedData.pixels(PHOTOS[p]), Crop.SQUASH, CLASSES);
            JsonNode top = result.get("results").get(p);
            assertEquals(expected.size(), top.size(), PHOTOS[p]);
            for (int i = 0; i < expected.size(); i++) {
                JsonNode actual = top.get(i);
                String what = PHOTOS[p] + " " + query + " rank " + i;
                assertEquals(expected.get(i).index(), actual.get("index").asInt(), what);
                float score = expected.get(i).probability();
                assertEquals(score, Float.parseFloat(actual.get("score").asText()), Math.ulp(score), what);
            }
        }
    }

    /** RGBA bytes of the pixels, as the page's ImageData holds them. */
    private static byte[] rgba(Pixels pixels) {
        byte[] out = new byte[pixels.width * pixels.height * 4];
        for (int i = 0; i < pixels.width * pixels.height; i++) {
            for (int c = 0; c < 3; c++) {
                out[4 * i + c] = pixels.data[i * pixels.channels + c];
            }
            out[4 * i + 3] = (byte) 255;
        }
        return out;
    }
}
