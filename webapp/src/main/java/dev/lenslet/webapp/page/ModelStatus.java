package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.PageState;
import dev.lenslet.webapp.page.browser.ValueBar;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Shows how far the model has got: #model-status, #model-progress, #model-error, #build and #arithmetic. #model-status is
 * aria-busy while the model loads, so that screen readers announce where it ended up rather than every step.
 */
public final class ModelStatus {
    private final HTMLElement status = Dom.byId("model-status");
    private final HTMLElement progress = Dom.byId("model-progress");
    private final HTMLElement error = Dom.byId("model-error");
    private final HTMLElement build = Dom.byId("build");
    private final HTMLElement arithmetic = Dom.byId("arithmetic");
    private final PageState state;

    public ModelStatus(PageState state) {
        this.state = state;
    }

    void showProgress(double loadedBytes, double totalBytes) {
        status.setTextContent("Loading model… " + Format.megabytes(loadedBytes) + " / "
                + Format.megabytes(totalBytes) + " MB");
        ValueBar bar = (ValueBar) progress;
        bar.setMax(totalBytes);
        bar.setValue(loadedBytes);
    }

    void showReady(String buildName, String arithmeticName) {
        finish("Model ready (" + buildName + ")");
        build.setTextContent(buildName);
        arithmetic.setTextContent(arithmeticName);
        state.setBuild(buildName);
        state.setArithmetic(arithmeticName);
        state.setModelReady(true);
    }

    void showFailure(String message) {
        finish("The model could not be loaded");
        error.setTextContent(message);
        error.setHidden(false);
    }

    private void finish(String outcome) {
        status.setTextContent(outcome);
        status.removeAttribute("aria-busy");
        progress.setHidden(true);
    }
}
