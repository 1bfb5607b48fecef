package dev.lenslet.server;

/** The model cannot be found, fetched, read or loaded; the message names the file (or URL) and what is wrong. */
final class ModelUnavailableException extends Exception {
    ModelUnavailableException(String message) {
        super(message);
    }
}
