package dev.lenslet.webapp.page;

import org.teavm.jso.typedarrays.ArrayBuffer;

/** An image as the worker takes it: width × height RGBA pixels, in a buffer of its own that can be transferred. */
record RgbaFrame(ArrayBuffer pixels, int width, int height) {
}
