package dev.lenslet.webapp.page;

import dev.lenslet.core.image.Region;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.teavm.jso.canvas.CanvasImageSource;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.file.File;

/**
 * Classifies the files the user gives, each into its own gallery card. Files are decoded one at a time on the
 * main thread, then handed to the least busy worker. At most {@value #MAX_FRAMES_HELD} decoded images wait or are
 * being classified at once, so that dropping a hundred photos does not decode them all into memory up front.
 * Each is classified with the {@link CropChoice} made when it was decoded, and its card outlines that region.
 */
public final class PhotoClassifier {
    private static final int MAX_FRAMES_HELD = 4;

    private final Gallery gallery;
    private final WorkerPool pool;
    private final ImageDecoder decoder;
    private final FrameGrabber grabber;
    private final CropChoice crop;
    private final Deque<Photo> toDecode = new ArrayDeque<>();
    private final Deque<Photo> toClassify = new ArrayDeque<>();
    private int framesHeld;
    private boolean decoding;

    /** A file on its way to a result. */
    private static final class Photo {
        final File file;
        final GalleryCard card;
        RgbaFrame frame;
        /** The worker's crop for this photo. */
        String workerCrop;

        Photo(File file, GalleryCard card) {
            this.file = file;
            this.card = card;
        }
    }

    public PhotoClassifier(Gallery gallery, WorkerPool pool, ImageDecoder decoder, FrameGrabber grabber,
                           CropChoice crop) {
        this.gallery = gallery;
        this.pool = pool;
        this.decoder = decoder;
        this.grabber = grabber;
        this.crop = crop;
        pool.onChange(this::advance);
    }

    /** Adds a card for every file; those that are not images get an error card straight away. */
    public void classify(JSArrayReader<File> files) {
        List<GalleryCard> cards = new ArrayList<>();
        for (int i = 0; i < files.getLength(); i++) {
            File file = files.get(i);
            GalleryCard card = new GalleryCard(file.getName());
            cards.add(card);
            String type = file.getType();
            // Some systems give no type for images they do not know (.webp on older ones): try to decode those.
            if (!type.isEmpty() && !type.startsWith("image/")) {
                card.showError(file.getName() + " is not an image (" + type + "). "
                        + "Drop JPEG, PNG, GIF, BMP or WebP files.");
            } else {
                toDecode.add(new Photo(file, card));
            }
        }
        gallery.addFirst(cards);
        advance();
    }

    /** Moves every photo as far along as it can go now. */
    private void advance() {
        if (pool.failure() != null) {
            failWaiting();
            return;
        }
        InferenceWorker worker;
        while (!toClassify.isEmpty() && (worker = pool.leastBusyWorker()) != null) {
            send(toClassify.poll(), worker);
        }
        if (!decoding && !toDecode.isEmpty() && framesHeld < MAX_FRAMES_HELD) {
            decodeNext();
        }
    }

    private void decodeNext() {
        Photo photo = toDecode.poll();
        decoding = true;
        decoder.decode(photo.file, new ImageDecoder.Callback() {
            @Override
            public void decoded(CanvasImageSource image, int width, int height) {
                photo.frame = grabber.grab(image, new Region(0, 0, width, height));
                photo.workerCrop = crop.workerCrop();
                photo.card.showThumbnail(photo.file, crop.region(width, height), width, height);
                framesHeld++;
                toClassify.add(photo);
                decoding = false;
                advance();
            }

            @Override
            public void failed(String message) {
                photo.card.showError(message);
                decoding = false;
                advance();
            }
        });
    }

    private void send(Photo photo, InferenceWorker worker) {
        RgbaFrame frame = photo.frame;
        photo.frame = null;
        worker.classify(frame, photo.workerCrop, new InferenceWorker.ClassifyListener() {
            @Override
            public void classified(JSArrayReader<Prediction> top, double inferenceMs) {
                photo.card.showResult(top);
                framesHeld--;
                advance();
            }

            @Override
            public void failed(String message) {
                photo.card.showError(photo.file.getName() + " could not be classified: " + message);
                framesHeld--;
                advance();
            }
        });
    }

    /** Without a model nothing can be classified: say so on every card still waiting. */
    private void failWaiting() {
        while (!toDecode.isEmpty()) {
            failUnclassified(toDecode.poll());
        }
        while (!toClassify.isEmpty()) {
            failUnclassified(toClassify.poll());
            framesHeld--;
        }
    }

    private static void failUnclassified(Photo photo) {
        photo.card.showError(photo.file.getName() + " was not classified: the model could not be loaded.");
    }
}
