package dev.lenslet.server.http;

import java.util.regex.Pattern;

/** The Cache-Control values the server uses, and which static files may be cached for good. */
public final class CacheControl {
    /** For content-addressed files: their URL changes whenever their bytes do, so they never need revalidating. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** Cache, but ask the server (a cheap 304 thanks to the ETag) before every use, so a new release shows at once. */
    public static final String REVALIDATE = "no-cache";

    /**
     * A file name with a hex content hash of at least 8 digits as one of its dot- or dash-separated parts, as
     * bundlers write them: {@code app.3f2a9c1e.js}, {@code chunk-0a1b2c3d4e5f.wasm}.
     */
    private static final Pattern CONTENT_HASHED_NAME = Pattern.compile("(^|[.-])[0-9a-f]{8,}([.-]|$)");

    private CacheControl() {
    }

    /** Immutable for content-hashed file names; everything else (index.html, sw.js, the manifest…) revalidates. */
    static String forStaticPath(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return CONTENT_HASHED_NAME.matcher(name).find() ? IMMUTABLE : REVALIDATE;
    }
}
