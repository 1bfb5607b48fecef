package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * {@code window.lensletState}, made by {@link Browser#publishPageState()}: what the page has reached, for tests
 * and for the curious in the console: {@code {build: 'wasm'|'js'|null, arithmetic: 'float'|'integer'|null,
 * modelReady: boolean, workersSettled: boolean, framesClassified: number}}. {@code workersSettled}: every worker the page starts has loaded the model or failed,
 * so none is still downloading shards.
 */
public interface PageState extends JSObject {
    @JSProperty
    void setBuild(String build);

    @JSProperty
    void setArithmetic(String arithmetic);

    @JSProperty
    void setModelReady(boolean ready);

    @JSProperty
    void setWorkersSettled(boolean settled);

    @JSProperty
    int getFramesClassified();

    @JSProperty
    void setFramesClassified(int frames);
}
