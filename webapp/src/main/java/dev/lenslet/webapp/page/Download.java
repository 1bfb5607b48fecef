package dev.lenslet.webapp.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.file.File;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** Files the user saves from the page (as the browser saves downloads) or chooses to read into it. */
final class Download {
    private Download() {
    }

    /** Saves {@code content} (an ArrayBuffer or a string) as a file named {@code name}. */
    @JSBody(params = {"content", "name", "type"}, script = "const url = URL.createObjectURL(new Blob([content],"
            + " {type: type}));"
            + "const link = document.createElement('a'); link.href = url; link.download = name; link.click();"
            + "setTimeout(() => URL.revokeObjectURL(url), 60000);")
    static native void save(JSObject content, String name, String type);

    @JSBody(params = "file", script = "return file.arrayBuffer();")
    static native JSPromise<ArrayBuffer> bytesOf(File file);

    @JSBody(params = "file", script = "return file.text();")
    static native JSPromise<JSString> textOf(File file);
}
