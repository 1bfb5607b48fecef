package dev.lenslet.webapp.page;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Float32Array;

/** One class's activation map in a worker's "result": where in the image the network found that class. */
interface ActivationMap extends JSObject {
    @JSProperty
    int getWidth();

    @JSProperty
    int getHeight();

    /** [height][width], row-major in image orientation, scaled to 0..1. */
    @JSProperty
    Float32Array getValues();

    /** The part of the image the map covers (the network's input: the crop), as fractions of the image. */
    @JSProperty
    Box getRegion();

    /** The map in words, e.g. "mostly the upper left". */
    @JSProperty
    String getText();

    /** A rectangle as fractions of an image's width and height. */
    interface Box extends JSObject {
        @JSProperty
        double getLeft();

        @JSProperty
        double getTop();

        @JSProperty
        double getWidth();

        @JSProperty
        double getHeight();
    }
}
