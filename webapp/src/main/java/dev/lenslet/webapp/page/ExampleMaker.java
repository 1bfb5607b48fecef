package dev.lenslet.webapp.page;

import dev.lenslet.core.image.Region;
import java.util.ArrayDeque;
import java.util.Deque;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.canvas.CanvasImageSource;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.file.File;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * Makes training examples from photos and camera frames: the image's embedding, computed by a classifier worker,
 * and a thumbnail. Photos are decoded one at a time, so that dropping many does not decode them all at once.
 */
final class ExampleMaker {
    /** Exactly one method is called per image. */
    interface Listener {
        void made(Float32Array embedding, String thumbnail);

        /** @param message what went wrong, naming the file if there is one */
        void failed(String message);
    }

    private final WorkerPool pool;
    private final ImageDecoder decoder;
    private final FrameGrabber grabber;
    private final CropChoice crop;
    private final Thumbnail thumbnail = new Thumbnail();
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private boolean busy;

    /** @param crop what of an image the network sees, as when classifying, so that examples match the use */
    ExampleMaker(WorkerPool pool, ImageDecoder decoder, FrameGrabber grabber, CropChoice crop) {
        this.pool = pool;
        this.decoder = decoder;
        this.grabber = grabber;
        this.crop = crop;
    }

    void fromFile(File file, Listener listener) {
        Listener thenNext = new Listener() {
            @Override
            public void made(Float32Array embedding, String thumbnail) {
                listener.made(embedding, thumbnail);
                busy = false;
                next();
            }

            @Override
            public void failed(String message) {
                listener.failed(message);
                busy = false;
                next();
            }
        };
        waiting.add(() -> decoder.decode(file, new ImageDecoder.Callback() {
            @Override
            public void decoded(CanvasImageSource image, int width, int height) {
                embed(image, width, height, file.getName() + " could not be learnt from: ", thenNext);
            }

            @Override
            public void failed(String message) {
                thenNext.failed(message);
            }
        }));
        next();
    }

    /** The frame now on screen (a video, say), taken at once, whatever photos are waiting. */
    void fromImage(CanvasImageSource image, int width, int height, Listener listener) {
        embed(image, width, height, "The camera frame could not be learnt from: ", listener);
    }

    private void embed(CanvasImageSource image, int width, int height, String failurePrefix, Listener listener) {
        InferenceWorker worker = pool.leastBusyWorker();
        if (worker == null) {
            listener.failed(failurePrefix + (pool.failure() != null ? "the model could not be loaded."
                    : "the model is not loaded yet. Wait until it is ready, then add it again."));
            return;
        }
        String small = thumbnail.of(image, width, height);
        RgbaFrame frame = grabber.grab(image, new Region(0, 0, width, height));
        worker.request(embedRequest(frame.pixels(), frame.width(), frame.height(), crop.workerCrop()),
                JSArray.<JSObject>of(frame.pixels()), new InferenceWorker.ReplyListener() {
                    @Override
                    public void replied(WorkerReply reply) {
                        listener.made(reply.getEmbedding(), small);
                    }

                    @Override
                    public void failed(String message) {
                        listener.failed(failurePrefix + message);
                    }
                });
    }

    private void next() {
        if (!busy && !waiting.isEmpty()) {
            busy = true;
            waiting.poll().run();
        }
    }

    @JSBody(params = {"pixels", "width", "height", "crop"}, script = "return {type: 'embed', pixels: pixels,"
            + " width: width, height: height, crop: crop};")
    private static native JSObject embedRequest(ArrayBuffer pixels, int width, int height, String crop);
}
