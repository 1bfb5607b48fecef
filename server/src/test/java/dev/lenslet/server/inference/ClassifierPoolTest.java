package dev.lenslet.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.Classifier;
import dev.lenslet.server.SharedFiles;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;


/** The pool lends each Classifier to one task at a time and turns a request away when all stay busy. */
class ClassifierPoolTest {
    @Test
    void busyPoolAnswersEmptyAfterTheWaitAndRecovers() throws Exception {
        ClassifierPool pool = new ClassifierPool(Files.readAllBytes(SharedFiles.MODEL), null, Arithmetic.FLOAT, 1,
                Duration.ofMillis(100));
        CountDownLatch borrowed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<Classifier>> holder = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.withClassifier(classifier -> {
                    borrowed.countDown();
                    awaitQuietly(release);
                    return classifier;
                });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(borrowed.await(10, TimeUnit.SECONDS));

        assertEquals(Optional.empty(), pool.withClassifier(classifier -> classifier), "the only one is lent out");

        release.countDown();
        Classifier first = holder.get(10, TimeUnit.SECONDS).orElseThrow();
        assertEquals(Optional.of(first), pool.withClassifier(classifier -> classifier), "given back and lent again");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
