package dev.lenslet.webapp.page.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** A {@code <progress>} or {@code <meter>}: a bar showing value out of max, styled without inline styles. */
public interface ValueBar extends JSObject {
    @JSProperty
    double getValue();

    @JSProperty
    void setValue(double value);

    @JSProperty
    void setMax(double max);
}
