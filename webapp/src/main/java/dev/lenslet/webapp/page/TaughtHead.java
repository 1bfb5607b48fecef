package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.Browser;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.ArrayBuffer;

/**
 * Keeps every classifier worker on the same head: a head file is first checked by one worker (which says what is
 * wrong with a bad one), then sent to the others, and to each worker that loads the model later, before any image.
 * Whether photos and frames get the head's classes or ImageNet's is switched in all of them alike.
 */
final class TaughtHead {
    private final WorkerPool pool;
    /** The head every worker has, or null. */
    private ArrayBuffer file;
    private boolean inUse;
    /** An install asked for before any worker had the model: the first to load it checks the file. */
    private Runnable waitingInstall;

    TaughtHead(WorkerPool pool) {
        this.pool = pool;
        pool.onWorkerLoaded(worker -> {
            if (waitingInstall != null) {
                Runnable install = waitingInstall;
                waitingInstall = null;
                install.run();
            } else if (file != null) {
                worker.request(headRequest(file, inUse), JSArray.create(), warnOnFailure());
            }
        });
    }

    boolean hasHead() {
        return file != null;
    }

    boolean inUse() {
        return inUse;
    }

    /**
     * Installs {@code headFile} in every worker and has them classify with it when {@code use}; the listener gets
     * the first worker's reply, whose {@link WorkerReply#getClasses()} names the classes. A refused file changes
     * nothing. While no worker has the model, the file waits for the first that loads it, and goes to it before
     * any image does.
     */
    void install(ArrayBuffer headFile, boolean use, InferenceWorker.ReplyListener listener) {
        List<InferenceWorker> workers = pool.loadedWorkers();
        if (workers.isEmpty()) {
            waitingInstall = () -> install(headFile, use, listener);
            return;
        }
        workers.get(0).request(headRequest(headFile, use), JSArray.create(), new InferenceWorker.ReplyListener() {
            @Override
            public void replied(WorkerReply reply) {
                file = headFile;
                inUse = use;
                for (InferenceWorker other : pool.loadedWorkers()) {
                    if (other != workers.get(0)) {
                        other.request(headRequest(headFile, use), JSArray.create(), warnOnFailure());
                    }
                }
                listener.replied(reply);
            }

            @Override
            public void failed(String message) {
                listener.failed(message);
            }
        });
    }

    /** Switches every worker between the head's classes ({@code use}) and ImageNet's. */
    void use(boolean use) {
        inUse = use;
        for (InferenceWorker worker : pool.loadedWorkers()) {
            worker.request(modeRequest(use), JSArray.create(), warnOnFailure());
        }
    }

    private static InferenceWorker.ReplyListener warnOnFailure() {
        return new InferenceWorker.ReplyListener() {
            @Override
            public void replied(WorkerReply reply) {
                // Installed like in the first worker.
            }

            @Override
            public void failed(String message) {
                Browser.warn("Lenslet: a classifier worker refused the taught head: " + message);
            }
        };
    }

    /** The head file is copied to each worker, not transferred: every worker needs it, and so does the page. */
    @JSBody(params = {"head", "use"}, script = "return {type: 'head', head: head, use: use};")
    private static native JSObject headRequest(ArrayBuffer head, boolean use);

    @JSBody(params = "use", script = "return {type: 'head', use: use};")
    private static native JSObject modeRequest(boolean use);
}
