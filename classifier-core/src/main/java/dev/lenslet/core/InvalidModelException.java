package dev.lenslet.core;

/** A model file that cannot be used: not TFLite, damaged, or using something Lenslet does not run. */
public class InvalidModelException extends RuntimeException {
    public InvalidModelException(String message) {
        super(message);
    }
}
