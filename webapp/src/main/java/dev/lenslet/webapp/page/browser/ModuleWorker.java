package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.events.EventTarget;

/** A Web Worker started with {@code type: 'module'} by {@link Browser#startModuleWorker(String)}. */
public interface ModuleWorker extends EventTarget {
    void postMessage(JSObject message, JSArrayReader<JSObject> transfer);

    void postMessage(JSObject message);

    void terminate();
}
