package dev.lenslet.core.head;

/**
 * Examples that cannot train a head, or a head file that cannot be used (damaged, another format version, another
 * model's): the message says what is wrong and what to do.
 */
public class InvalidHeadException extends RuntimeException {
    public InvalidHeadException(String message) {
        super(message);
    }
}
