package dev.lenslet.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The Teach panel of a {@link LensletPage}, driven as a user would: classes, their examples, training. */
final class TeachPanel {
    /** Embedding a dozen photos, or training on them. */
    static final Duration TEACH = Duration.ofSeconds(60);

    private static final String CLASS_CARD_SCRIPT = """
            return [...document.querySelectorAll('#teach-classes .teach-class')]
                .find((card) => card.querySelector('.teach-class-name').value === arguments[0]) ?? null;
            """;

    private final LensletPage page;

    TeachPanel(LensletPage page) {
        this.page = page;
    }

    /** Types the name into "New class" and adds it; waits for its card. */
    void addClass(String name) {
        page.element("#teach-class-name").sendKeys(name);
        page.element("#teach-add-class button[type=submit]").click();
        page.waitFor("the class " + name + " to be added", TEACH, () -> card(name) != null);
    }

    /** The card of the class named {@code name}, or null. */
    WebElement card(String name) {
        return (WebElement) page.script(CLASS_CARD_SCRIPT, name);
    }

    /** Picks the photos with the class's own picker and waits until they are all its examples. */
    void addPhotos(String name, Path... photos) {
        int expected = exampleCount(name) + photos.length;
        card(name).findElement(By.cssSelector("input[type=file]")).sendKeys(Stream.of(photos)
                .map(photo -> photo.toAbsolutePath().normalize().toString()).collect(Collectors.joining("\n")));
        awaitExamples(name, expected);
    }

    /** Drops the photos on the class's card, as dragged from the desktop, and waits until they are its examples. */
    void dropPhotos(String name, Path... photos) {
        int expected = exampleCount(name) + photos.length;
        page.dropOn(card(name), photos);
        awaitExamples(name, expected);
    }

    /** Copies the PNG, focuses the class's name, presses Ctrl+V and waits until the image is an example. */
    void pastePhoto(String name, Path png) {
        int expected = exampleCount(name) + 1;
        page.copyToClipboard(png);
        card(name).findElement(By.cssSelector(".teach-class-name")).click();
        page.pasteWithKeyboard();
        awaitExamples(name, expected);
    }

    private void awaitExamples(String name, int expected) {
        page.waitFor(name + " to have " + expected + " examples", TEACH, () -> {
            failOnMessage();
            return exampleCount(name) == expected;
        });
    }

    /** The number in the class's count ("3 examples"). */
    int exampleCount(String name) {
        String count = card(name).findElement(By.cssSelector(".teach-count")).getText();
        return Integer.parseInt(count.substring(0, count.indexOf(' ')));
    }

    /** Clicks Train and waits for the head to be trained and in use; returns #teach-status. */
    String train() {
        page.element("#teach-train").click();
        return waitForStatus("Trained on ");
    }

    String waitForStatus(String prefix) {
        return page.waitFor("#teach-status to start with " + prefix, TEACH, () -> {
            failOnMessage();
            String status = page.text("#teach-status");
            return status.startsWith(prefix) ? status : null;
        });
    }

    /** Waits for #teach-message to say something that starts with {@code prefix}, and returns it. */
    String waitForMessage(String prefix) {
        return page.waitFor("#teach-message to show a message starting with " + prefix, TEACH, () -> {
            String message = message();
            return !message.isEmpty() && message.startsWith(prefix) ? message : null;
        });
    }

    String message() {
        return Boolean.TRUE.equals(page.script("return document.getElementById('teach-message').hidden"))
                ? "" : page.text("#teach-message");
    }

    private void failOnMessage() {
        String message = message();
        if (!message.isEmpty()) {
            throw new AssertionError("the Teach panel says: " + message + "\n" + page.diagnostics());
        }
    }
}
