package dev.lenslet.server.http;

/** A request the API turns down: the HTTP status to answer and a message saying what is wrong and what to do. */
final class ApiException extends Exception {
    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
