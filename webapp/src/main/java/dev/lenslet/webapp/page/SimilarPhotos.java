package dev.lenslet.webapp.page;

import dev.lenslet.core.explain.EmbeddingSimilarity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * "Similar photos": orders the gallery's classified photos by the cosine similarity of their embeddings to a chosen
 * one, most alike first, and shows each card's similarity ({@code .similarity}, "92% similar"); cards without an
 * embedding follow in their order. {@code #gallery-order-status} (a live region) says what the order is, and
 * {@code #gallery-order-reset} puts the gallery back in the order the photos came in.
 */
public final class SimilarPhotos {
    /** On each card while the gallery is reordered: its place in the order the photos came in. */
    private static final String ARRIVAL = "data-arrival";
    /** On the cards ordered by similarity, while they are being placed. */
    private static final String RANKED = "data-ranked";
    private final HTMLElement gallery = Dom.byId("gallery");
    private final HTMLElement status = Dom.byId("gallery-order-status");
    private final HTMLElement reset = Dom.byId("gallery-order-reset");
    private final List<Photo> photos = new ArrayList<>();
    private boolean reordered;
    private Photo chosen;

    private static final class Photo {
        final HTMLElement card;
        final String name;
        final float[] embedding;
        final HTMLElement similarity = Dom.create("p", "similarity");
        float score;

        Photo(HTMLElement card, String name, float[] embedding) {
            this.card = card;
            this.name = name;
            this.embedding = embedding;
            similarity.setHidden(true);
        }
    }

    public SimilarPhotos() {
        reset.addEventListener("click", (Event event) -> restoreOrder());
    }

    /** Registers a classified photo's card; returns what its "Similar photos" button does. */
    Runnable add(GalleryCard card, String name, Float32Array embedding) {
        Photo photo = new Photo(card.element(), name, embedding.copyToJavaArray());
        photos.add(photo);
        photo.card.querySelector(".card-body").appendChild(photo.similarity);
        return () -> orderBy(photo);
    }

    /** Orders the gallery by similarity to {@code chosen}, which comes first; keeps focus on its button. */
    private void orderBy(Photo chosen) {
        if (!reordered) {
            markArrivalOrder();
            reordered = true;
        }
        this.chosen = chosen;
        for (Photo photo : photos) {
            photo.score = EmbeddingSimilarity.cosine(chosen.embedding, photo.embedding);
        }
        List<Photo> ordered = new ArrayList<>(photos);
        ordered.sort(Comparator.comparingDouble((Photo photo) -> photo == chosen ? 2 : photo.score).reversed());
        List<HTMLElement> before = cardsInGallery();
        for (Photo photo : ordered) {
            photo.similarity.setTextContent(photo == chosen ? "The photo compared"
                    : Math.round(Math.max(0, photo.score) * 100) + "% similar");
            photo.similarity.setHidden(false);
            photo.card.setAttribute(RANKED, "");
            gallery.appendChild(photo.card);
        }
        // Cards without an embedding (errors, still classifying) follow, in the order they had.
        for (HTMLElement card : before) {
            if (!card.hasAttribute(RANKED)) {
                gallery.appendChild(card);
            }
            card.removeAttribute(RANKED);
        }
        status.setTextContent("Photos ordered by similarity to " + chosen.name + ", most alike first.");
        reset.setHidden(false);
        focusSimilarButton(chosen);
    }

    /** Back to the order the photos came in; photos added since stay first, as new ones always come first. */
    private void restoreOrder() {
        List<HTMLElement> cards = cardsInGallery();
        // A stable sort: cards added since, all -1, keep the order they have among themselves.
        cards.sort(Comparator.comparingInt(SimilarPhotos::arrival));
        for (HTMLElement card : cards) {
            gallery.appendChild(card);
            card.removeAttribute(ARRIVAL);
        }
        reordered = false;
        for (Photo photo : photos) {
            photo.similarity.setHidden(true);
        }
        status.setTextContent("Photos in the order they were added.");
        reset.setHidden(true);
        focusSimilarButton(chosen);
    }

    /** Numbers the cards as they are now, the order they came in; cards added later have no number. */
    private void markArrivalOrder() {
        List<HTMLElement> cards = cardsInGallery();
        for (int i = 0; i < cards.size(); i++) {
            cards.get(i).setAttribute(ARRIVAL, Integer.toString(i));
        }
    }

    /** A card's place in the order the photos came in: those added after the reordering first, as they stood. */
    private static int arrival(HTMLElement card) {
        return card.hasAttribute(ARRIVAL) ? Integer.parseInt(card.getAttribute(ARRIVAL)) : -1;
    }

    /** Moving a card takes the focus off its button: give it back. */
    private static void focusSimilarButton(Photo photo) {
        ((HTMLElement) photo.card.querySelector(".similar-button")).focus();
    }

    private List<HTMLElement> cardsInGallery() {
        List<HTMLElement> cards = new ArrayList<>();
        for (int i = 0; i < gallery.getChildren().getLength(); i++) {
            cards.add((HTMLElement) gallery.getChildren().get(i));
        }
        return cards;
    }
}
