package dev.lenslet.server;

/** An input file that cannot be turned into pixels; the message says what is wrong and what to do. */
final class UnreadableImageException extends Exception {
    UnreadableImageException(String message) {
        super(message);
    }
}
