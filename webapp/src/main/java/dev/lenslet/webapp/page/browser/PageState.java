package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * {@code window.lensletState}, made by {@link Browser#publishPageState()}: what the page has reached, for tests
 * and for the curious in the console: {@code {build: 'wasm'|'js'|null, modelReady: boolean,
 * framesClassified: number}}.
 */
public interface PageState extends JSObject {
    @JSProperty
    void setBuild(String build);

    @JSProperty
    void setModelReady(boolean ready);

    @JSProperty
    int getFramesClassified();

    @JSProperty
    void setFramesClassified(int frames);
}
