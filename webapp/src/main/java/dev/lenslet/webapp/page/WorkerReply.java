package dev.lenslet.webapp.page;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Float32Array;

/** A message from worker.js; its comments list them. Fields a type does not carry read as null or 0. */
interface WorkerReply extends JSObject {
    /** "ready", "progress", "loaded", "result" or "error". */
    @JSProperty
    String getType();

    @JSProperty
    String getBuild();

    /** "float" or "integer", in a "loaded" reply. */
    @JSProperty
    String getArithmetic();

    @JSProperty
    double getLoaded();

    @JSProperty
    double getTotal();

    @JSProperty
    JSArrayReader<Prediction> getTop();

    @JSProperty
    double getMs();

    @JSProperty
    String getMessage();

    /** In a "result" asked for maps: one per top class, in the same order; else null. */
    @JSProperty
    JSArrayReader<ActivationMap> getMaps();

    /** In a "result" asked for the embedding, and in an "embedded" reply: the image's embedding; else null. */
    @JSProperty
    Float32Array getEmbedding();
    /** In "training" and "trained" replies. */
    @JSProperty
    int getEpoch();

    @JSProperty
    int getEpochs();

    @JSProperty
    int getMaxEpochs();

    @JSProperty
    double getLoss();

    @JSProperty
    double getAccuracy();

    /** In a "trained" reply: the head file. */
    @JSProperty
    ArrayBuffer getHead();

    /** In a "head" reply: the installed head's class names, or null if none was sent. */
    @JSProperty
    JSArrayReader<JSString> getClasses();
}
