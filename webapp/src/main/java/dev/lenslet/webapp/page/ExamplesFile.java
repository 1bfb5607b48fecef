package dev.lenslet.webapp.page;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * The examples file: the Teach panel's classes and examples, to keep or move apart from the head. JSON:
 * {@code {"format": "lenslet-examples-1", "classes": [{"name": "...", "examples": [{"embedding": base64 of the
 * float32 values, little-endian, "thumbnail": "data:image/jpeg;base64,..." or a PNG data URL}]}]}}. Reading checks
 * every field and refuses the whole file, saying where, if one is wrong; the embeddings' length is checked against
 * the model when training.
 */
final class ExamplesFile {
    static final String FORMAT = "lenslet-examples-1";
    static final String FILE_NAME = "lenslet-examples.json";
    /** A 64×64 thumbnail takes a few kilobytes; anything far larger is not one of ours. */
    private static final int MAX_THUMBNAIL_CHARS = 200_000;

    /** A class as read from a file: its name and examples (with no IndexedDB id yet). */
    record Imported(String name, List<TaughtClass.Example> examples) {
    }

    private ExamplesFile() {
    }

    static String write(List<TaughtClass> classes) {
        JSObject file = newFile(FORMAT);
        for (TaughtClass taught : classes) {
            JSObject examples = addClass(file, taught.name());
            for (TaughtClass.Example example : taught.examples()) {
                addExample(examples, example.embedding, example.thumbnail);
            }
        }
        return stringify(file);
    }

    /**
     * The classes in {@code text}, read from the file {@code fileName}.
     *
     * @throws IllegalArgumentException saying what is wrong, for people to read
     */
    static List<Imported> read(String text, String fileName) {
        JSObject file = parse(text);
        if (file == null || !FORMAT.equals(stringField(file, "format"))) {
            throw new IllegalArgumentException(fileName + " is not a Lenslet examples file (one exported with"
                    + " \"Export examples\"): it is not JSON with format \"" + FORMAT + "\".");
        }
        JSArrayReader<JSObject> classes = arrayField(file, "classes");
        if (classes == null) {
            throw damaged(fileName, "it has no list of classes");
        }
        List<Imported> read = new ArrayList<>();
        for (int c = 0; c < classes.getLength(); c++) {
            String name = stringField(classes.get(c), "name");
            JSArrayReader<JSObject> examples = arrayField(classes.get(c), "examples");
            if (name == null || name.trim().isEmpty() || examples == null) {
                throw damaged(fileName, "class " + (c + 1) + " lacks its name or its examples");
            }
            List<TaughtClass.Example> made = new ArrayList<>();
            for (int e = 0; e < examples.getLength(); e++) {
                String where = "example " + (e + 1) + " of \"" + name + "\"";
                Float32Array embedding = embedding(stringField(examples.get(e), "embedding"));
                String thumbnail = stringField(examples.get(e), "thumbnail");
                if (embedding == null) {
                    throw damaged(fileName, where + " has no embedding, or one that is not base64 float32 values");
                }
                if (thumbnail == null || thumbnail.length() > MAX_THUMBNAIL_CHARS
                        || !(thumbnail.startsWith("data:image/jpeg;base64,")
                        || thumbnail.startsWith("data:image/png;base64,"))) {
                    throw damaged(fileName, where + " has no thumbnail, or one that is not a small JPEG or PNG");
                }
                made.add(new TaughtClass.Example(0, embedding, thumbnail));
            }
            read.add(new Imported(name.trim(), made));
        }
        return read;
    }

    private static IllegalArgumentException damaged(String fileName, String what) {
        return new IllegalArgumentException(fileName + " is damaged: " + what + ". Export the examples again.");
    }

    @JSBody(params = "format", script = "return {format: format, classes: []};")
    private static native JSObject newFile(String format);

    /** Adds a class to the file; returns its list of examples. */
    @JSBody(params = {"file", "name"}, script = "const examples = [];"
            + "file.classes.push({name: name, examples: examples}); return examples;")
    private static native JSObject addClass(JSObject file, String name);

    @JSBody(params = {"examples", "embedding", "thumbnail"}, script = "const bytes = new Uint8Array("
            + "embedding.buffer, embedding.byteOffset, embedding.byteLength);"
            + "examples.push({embedding: btoa(String.fromCharCode.apply(null, bytes)), thumbnail: thumbnail});")
    private static native void addExample(JSObject examples, Float32Array embedding, String thumbnail);

    @JSBody(params = "file", script = "return JSON.stringify(file);")
    private static native String stringify(JSObject file);

    /** The parsed JSON object, or null if the text is not JSON for an object. */
    @JSBody(params = "text", script = "try { const value = JSON.parse(text);"
            + " return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null; }"
            + " catch (e) { return null; }")
    private static native JSObject parse(String text);

    @JSBody(params = {"object", "key"}, script = "const value = object !== null && typeof object === 'object'"
            + " ? object[key] : undefined; return typeof value === 'string' ? value : null;")
    private static native String stringField(JSObject object, String key);

    @JSBody(params = {"object", "key"}, script = "const value = object !== null && typeof object === 'object'"
            + " ? object[key] : undefined; return Array.isArray(value) ? value : null;")
    private static native JSArrayReader<JSObject> arrayField(JSObject object, String key);

    /** The float32 values in base64, or null if it is not base64 or not a whole number of them. */
    @JSBody(params = "base64", script = "if (base64 === null) return null;"
            + "let text; try { text = atob(base64); } catch (e) { return null; }"
            + "if (text.length === 0 || text.length % 4 !== 0) return null;"
            + "const bytes = new Uint8Array(text.length);"
            + "for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);"
            + "return new Float32Array(bytes.buffer);")
    private static native Float32Array embedding(String base64);
}
