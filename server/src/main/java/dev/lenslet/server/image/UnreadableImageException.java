package dev.lenslet.server.image;

/** An input file that cannot be turned into pixels; the message says what is wrong and what to do. */
public class UnreadableImageException extends Exception {
    UnreadableImageException(String message) {
        super(message);
    }

    /** An image whose header declares more pixels than the limit: refused before any is decoded. */
    public static final class TooManyPixels extends UnreadableImageException {
        TooManyPixels(String message) {
            super(message);
        }
    }

    /** An image in a format recognised by its first bytes but not decoded here (WebP, HEIC, ...). */
    public static final class UnsupportedFormat extends UnreadableImageException {
        UnsupportedFormat(String message) {
            super(message);
        }
    }
}
