package dev.lenslet.server.model;

/** The model cannot be found, fetched, read or loaded; the message names the file (or URL) and what is wrong. */
public final class ModelUnavailableException extends Exception {
    ModelUnavailableException(String message) {
        super(message);
    }
}
