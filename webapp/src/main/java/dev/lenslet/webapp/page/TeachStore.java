package dev.lenslet.webapp.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * The taught classes, their examples and the trained head in IndexedDB, through the plain script teach-store.js
 * (its comment describes the database). Every call answers with a promise; a refused write rejects with the
 * browser's DOMException, which {@link #isQuotaError} recognises.
 */
final class TeachStore {
    private TeachStore() {
    }

    interface Stored extends JSObject {
        @JSProperty
        JSArrayReader<StoredClass> getClasses();

        /** Null if no head was trained or imported. */
        @JSProperty
        StoredHead getHead();
    }

    interface StoredClass extends JSObject {
        @JSProperty
        int getId();

        @JSProperty
        String getName();

        @JSProperty
        JSArrayReader<StoredExample> getExamples();
    }

    interface StoredExample extends JSObject {
        @JSProperty
        int getId();

        @JSProperty
        Float32Array getEmbedding();

        @JSProperty
        String getThumbnail();
    }

    interface StoredHead extends JSObject {
        @JSProperty
        ArrayBuffer getFile();

        @JSProperty
        boolean isUse();
    }

    /** Whether teach-store.js was loaded (it is not where IndexedDB is missing or the script failed). */
    @JSBody(script = "return !!window.lensletTeachStore && typeof indexedDB !== 'undefined';")
    static native boolean isAvailable();

    @JSBody(script = "return window.lensletTeachStore.load();")
    static native JSPromise<Stored> load();

    /** Resolves with the new class's id. */
    @JSBody(params = "name", script = "return window.lensletTeachStore.addClass(name);")
    static native JSPromise<JSObject> addClass(String name);

    @JSBody(params = {"id", "name"}, script = "return window.lensletTeachStore.renameClass(id, name);")
    static native JSPromise<JSObject> renameClass(int id, String name);

    @JSBody(params = "id", script = "return window.lensletTeachStore.deleteClass(id);")
    static native JSPromise<JSObject> deleteClass(int id);

    /** Resolves with the new example's id. */
    @JSBody(params = {"classId", "embedding", "thumbnail"},
            script = "return window.lensletTeachStore.addExample(classId, embedding, thumbnail);")
    static native JSPromise<JSObject> addExample(int classId, Float32Array embedding, String thumbnail);

    @JSBody(params = "id", script = "return window.lensletTeachStore.deleteExample(id);")
    static native JSPromise<JSObject> deleteExample(int id);

    @JSBody(params = {"file", "use"}, script = "return window.lensletTeachStore.saveHead(file, use);")
    static native JSPromise<JSObject> saveHead(ArrayBuffer file, boolean use);

    /** The id a store call resolved with. */
    @JSBody(params = "value", script = "return value;")
    static native int asId(JSObject value);

    @JSBody(params = "error", script = "return !!error && error.name === 'QuotaExceededError';")
    static native boolean isQuotaError(JSObject error);

    @JSBody(params = "error", script = "return String(error && error.message || error);")
    static native String messageOf(JSObject error);
}
