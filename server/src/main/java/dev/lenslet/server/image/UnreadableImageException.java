package dev.lenslet.server.image;

/** An input file that cannot be turned into pixels; the message says what is wrong and what to do. */
public class UnreadableImageException extends Exception {
    UnreadableImageException(String message) {
        super(message);
    }

    /**
     * An image that would take more than the limits allow: too many pixels declared, more memory than the budget,
     * too many progressive scans, or more decoding time. Refused from its header where possible.
     */
    public static class TooLarge extends UnreadableImageException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** An image whose header declares more pixels than the limit. */
    public static final class TooManyPixels extends TooLarge {
        TooManyPixels(String message) {
            super(message);
        }
    }

    /** An image in a format recognised by its first bytes but not decoded here (WebP, HEIC, TIFF, ...). */
    public static final class UnsupportedFormat extends UnreadableImageException {
        UnsupportedFormat(String message) {
            super(message);
        }
    }

    /** An image within the limits whose memory is taken by other images right now: worth trying again. */
    public static final class MemoryBusy extends UnreadableImageException {
        MemoryBusy(String message) {
            super(message);
        }
    }

    /** A decode stopped because whoever asked for it is gone (the client disconnected). */
    public static final class Abandoned extends UnreadableImageException {
        Abandoned(String message) {
            super(message);
        }
    }
}
