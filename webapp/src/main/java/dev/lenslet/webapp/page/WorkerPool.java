package dev.lenslet.webapp.page;

import dev.lenslet.webapp.page.browser.Browser;
import dev.lenslet.webapp.page.browser.PageState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.teavm.jso.browser.Performance;

/**
 * The classifier workers: one, plus a second on machines with two or more cores, so that while one classifies a
 * frame the other can take the next. The second starts once the first has loaded the model, so that it does not
 * compete for the download (it then gets the shards from the HTTP cache). Only the first reports to
 * {@link ModelStatus}: if the second fails, the page carries on with one.
 */
public final class WorkerPool {
    /** The least gap between two workers' finishes, as a share of one inference. */
    private static final double STAGGER = 0.25;
    private final String workerUrl;
    private final String manifestUrl;
    private final ModelStatus status;
    private final PageState state;
    private final List<InferenceWorker> workers = new ArrayList<>();
    private final List<Runnable> changeListeners = new ArrayList<>();
    private final List<Consumer<InferenceWorker>> loadListeners = new ArrayList<>();
    private String failure;

    /**
     * @param workerUrl   worker.js, with any ?build= choice
     * @param manifestUrl the model's shard manifest, relative to worker.js
     */
    public WorkerPool(String workerUrl, String manifestUrl, ModelStatus status, PageState state) {
        this.workerUrl = workerUrl;
        this.manifestUrl = manifestUrl;
        this.status = status;
        this.state = state;
    }

    /** {@code listener} runs whenever a worker becomes ready or the model fails to load. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /**
     * {@code listener} gets each worker as it loads the model, before anyone is told it is ready: what it sends
     * the worker then comes before any image.
     */
    void onWorkerLoaded(Consumer<InferenceWorker> listener) {
        loadListeners.add(listener);
    }

    /** The workers with the model loaded. */
    List<InferenceWorker> loadedWorkers() {
        List<InferenceWorker> loaded = new ArrayList<>();
        for (InferenceWorker worker : workers) {
            if (worker.isLoaded()) {
                loaded.add(worker);
            }
        }
        return loaded;
    }

    public void start() {
        if (!Browser.canRunWorkers()) {
            fail("This browser cannot run Lenslet's classifier (it lacks Web Workers or fetch). "
                    + "Use a current version of Chrome, Edge, Firefox or Safari.");
            return;
        }
        startWorker(new InferenceWorker.LoadListener() {
            @Override
            public void progress(double loadedBytes, double totalBytes) {
                status.showProgress(loadedBytes, totalBytes);
            }

            @Override
            public void loaded(String build, String arithmetic) {
                status.showReady(build, arithmetic);
                notifyChange();
                if (Browser.hardwareConcurrency() >= 2) {
                    startSecondWorker();
                } else {
                    state.setWorkersSettled(true);
                }
            }

            @Override
            public void failed(String message) {
                fail(message);
            }
        });
    }

    private void startSecondWorker() {
        startWorker(new InferenceWorker.LoadListener() {
            @Override
            public void progress(double loadedBytes, double totalBytes) {
                // The first worker's progress is the one shown.
            }

            @Override
            public void loaded(String build, String arithmetic) {
                state.setWorkersSettled(true);
                notifyChange();
            }

            @Override
            public void failed(String message) {
                state.setWorkersSettled(true);
                Browser.warn("Lenslet: the second classifier worker failed, carrying on with one: " + message);
            }
        });
    }

    private void startWorker(InferenceWorker.LoadListener listener) {
        List<InferenceWorker> started = new ArrayList<>(1);
        InferenceWorker worker = InferenceWorker.start(workerUrl, manifestUrl, new InferenceWorker.LoadListener() {
            @Override
            public void progress(double loadedBytes, double totalBytes) {
                listener.progress(loadedBytes, totalBytes);
            }

            @Override
            public void loaded(String build, String arithmetic) {
                loadListeners.forEach(loadListener -> loadListener.accept(started.get(0)));
                listener.loaded(build, arithmetic);
            }

            @Override
            public void failed(String message) {
                listener.failed(message);
            }
        });
        if (worker != null) {
            started.add(worker);
            workers.add(worker);
        }
    }

    /** Why the model could not be loaded, or null if it loaded or is still loading. */
    String failure() {
        return failure;
    }

    /**
     * A worker for a live frame, or null: one with the model and nothing to do; else one busy with a single frame
     * that it should finish before {@code nextFrameMs}, when the next camera frame is due. Waiting for that frame
     * would leave the worker idle, while this one waits in its queue for less than a frame interval; so no worker
     * ever holds more than one waiting frame, and none that is stale. Either way the frame must keep the workers
     * {@link #staggered}.
     */
    InferenceWorker workerForLiveFrame(double nextFrameMs) {
        InferenceWorker almostDone = null;
        for (InferenceWorker worker : workers) {
            if (!worker.isLoaded() || !staggered(worker)) {
                continue;
            }
            if (worker.pendingCount() == 0) {
                return worker;
            }
            if (worker.pendingCount() == 1 && worker.expectedFinishMs() < nextFrameMs) {
                almostDone = worker;
            }
        }
        return almostDone;
    }

    /**
     * Whether a frame given to {@code worker} now would be done a good part of an inference ({@link #STAGGER})
     * before or after the frames of the other workers. Two workers that finish close together swap order whenever
     * the later one runs a little faster, and the older result, which arrives last, is dropped: 7–9% of them in the
     * live benchmark, 0–3% kept apart. It costs at most a camera frame of waiting, now and then, after which the
     * workers stay apart.
     */
    private boolean staggered(InferenceWorker worker) {
        double finish = worker.finishOfNewRequestMs();
        for (InferenceWorker other : workers) {
            double otherFinish = other.expectedFinishMs();
            if (other != worker && other.isLoaded() && other.pendingCount() > 0 && !Double.isInfinite(otherFinish)
                    && Math.abs(finish - otherFinish) < STAGGER * (finish - Performance.now())) {
                return false;
            }
        }
        return true;
    }

    /** The worker with the model and the fewest requests waiting, or null while none has the model. */
    InferenceWorker leastBusyWorker() {
        InferenceWorker best = null;
        for (InferenceWorker worker : workers) {
            if (worker.isLoaded() && (best == null || worker.pendingCount() < best.pendingCount())) {
                best = worker;
            }
        }
        return best;
    }

    private void fail(String message) {
        failure = message;
        state.setWorkersSettled(true);
        status.showFailure(message);
        notifyChange();
    }

    private void notifyChange() {
        for (Runnable listener : changeListeners) {
            listener.run();
        }
    }
}
