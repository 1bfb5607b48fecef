package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** Reads what a browser API rejected with: usually a DOMException, whose name says what went wrong. */
public final class JsErrors {
    private JsErrors() {
    }

    /** The error's name ("NotAllowedError"…), or "" if it has none. */
    public static String name(Object error) {
        return nameOf((JSObject) error);
    }

    /** The error's message, or its text if it is not an Error. */
    public static String message(Object error) {
        return messageOf((JSObject) error);
    }

    @JSBody(params = "error", script = "return (error && typeof error.name === 'string') ? error.name : '';")
    private static native String nameOf(JSObject error);

    @JSBody(params = "error", script = "return (error && error.message) ? String(error.message) : String(error);")
    private static native String messageOf(JSObject error);
}
