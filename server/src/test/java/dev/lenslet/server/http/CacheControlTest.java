package dev.lenslet.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


/** Only file names that carry a content hash may be cached without revalidation. */
class CacheControlTest {
    @ParameterizedTest
    @CsvSource({
        "/app.3f2a9c1e.js, immutable",
        "/assets/chunk-0a1b2c3d4e5f.wasm, immutable",
        "/icons/icon.deadbeef00.png, immutable",
        "/, revalidate",
        "/index.html, revalidate",
        "/sw.js, revalidate",
        "/manifest.webmanifest, revalidate",
        "/wasm/classifier.wasm, revalidate",
        "/wasm/classifier.wasm-runtime.js, revalidate",
        "/icons/icon-192.png, revalidate",
        "/3f2a9c1e/app.js, revalidate",
        "/app.3F2A9C1E.js, revalidate",
    })
    void contentHashedNamesAreImmutable(String path, String expected) {
        String value = CacheControl.forStaticPath(path);
        assertEquals(expected.equals("immutable") ? "public, max-age=31536000, immutable" : "no-cache", value, path);
    }
}
