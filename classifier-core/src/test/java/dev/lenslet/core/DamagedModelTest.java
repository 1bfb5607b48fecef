package dev.lenslet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The primary model with one byte changed at seeded random positions (1 000 with
 * {@code -Dlenslet.damagedModel.flips=1000}; fewer by default, as each loaded model runs a full inference), and
 * cut at 200 seeded random lengths: each either loads a Classifier that classifies a photo, or is refused with an InvalidModelException.
 * Never another exception, an OutOfMemoryError, or a hang (each case has its own time limit).
 */
class DamagedModelTest {
    private static final int FLIPS = Integer.getInteger("lenslet.damagedModel.flips", 200);
    private static final int TRUNCATIONS = 200;
    private static final long SEED = 20261201L;
    private static final long SECONDS_PER_CASE = 60;

    private static byte[] model;
    private static Pixels photo;
    private static ExecutorService worker;

    @BeforeAll
    static void load() {
        model = SharedData.bytes(SharedData.model(SharedData.PRIMARY));
        photo = SharedData.pixels("resized_cat.bmp");
        worker = newWorker();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "damaged-model");
            thread.setDaemon(true); // a hung case must not keep the test JVM alive
            return thread;
        });
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
    }

    @Test
    void everyFlippedByteLoadsAndRunsOrIsRefused() throws Exception {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < FLIPS; i++) {
            byte[] damaged = model.clone();
            int position = random.nextInt(damaged.length);
            damaged[position] ^= (byte) (1 + random.nextInt(255));
            refused += outcome(damaged, "byte " + position + " changed", failures);
        }
        assertEquals(List.of(), failures);
        System.out.println("flipped bytes: " + refused + " of " + FLIPS + " refused, the rest loaded and ran");
    }

    @Test
    void everyTruncationIsRefused() throws Exception {
        Random random = new Random(SEED + 1);
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < TRUNCATIONS; i++) {
            int length = random.nextInt(model.length);
            byte[] cut = Arrays.copyOf(model, length);
            refused += outcome(cut, "cut at " + length + " bytes", failures);
        }
        assertEquals(List.of(), failures);
        // A model cut anywhere loses tensor data or the labels at its end; nothing short of the whole file runs.
        assertEquals(TRUNCATIONS, refused);
    }

    /** 1 if refused with InvalidModelException, 0 if it ran; anything else is added to {@code failures}. */
    private static int outcome(byte[] file, String damage, List<String> failures) throws InterruptedException {
        Future<?> run = worker.submit(() -> {
            Classifier classifier = Classifier.load(file);
            assertEquals(5, classifier.classify(photo, Crop.SQUASH, 5).size());
        });
        try {
            run.get(SECONDS_PER_CASE, TimeUnit.SECONDS);
            return 0;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvalidModelException) {
                return 1;
            }
            failures.add(damage + ": " + e.getCause());
        } catch (TimeoutException e) {
            run.cancel(true);
            failures.add(damage + ": still running after " + SECONDS_PER_CASE + " s");
            worker.shutdownNow();
            worker = newWorker(); // the hung thread is abandoned; the next case needs one
        }
        return 0;
    }
}
