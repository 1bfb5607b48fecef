package dev.lenslet.webapp.page;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** One entry of a worker's "result" message: a class and its probability, 0..1. */
interface Prediction extends JSObject {
    @JSProperty
    String getLabel();

    @JSProperty
    double getScore();
}
