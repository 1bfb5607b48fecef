package dev.lenslet.webapp.page;

/** Why the camera cannot be used, in plain words with what to do about it. */
final class CameraErrors {
    static final String ENDED = "The camera stopped. Press Start camera to try again.";

    private CameraErrors() {
    }

    /** The browser offers no camera API at all. */
    static String unavailable(boolean secureContext) {
        return secureContext
                ? "This browser cannot use a camera. Use a current version of Chrome, Edge, Firefox or Safari."
                : "The camera only works on a secure page. Open Lenslet through https:// or on http://localhost.";
    }

    /** @param errorName the name of the DOMException getUserMedia rejected with */
    static String startFailed(String errorName) {
        return switch (errorName) {
            case "NotAllowedError", "PermissionDeniedError", "SecurityError" ->
                    "Lenslet is not allowed to use the camera. To allow it, open this site's settings in your"
                            + " browser (click the icon at the left of the address bar), set Camera to Allow,"
                            + " then press Start camera again.";
            case "NotFoundError", "DevicesNotFoundError", "OverconstrainedError" ->
                    "No camera was found. Connect a camera, then press Start camera.";
            case "NotReadableError", "TrackStartError", "AbortError" ->
                    "The camera is in use by another app, or it could not be started. Close other apps that"
                            + " use the camera, then press Start camera again.";
            default -> "The camera could not be started" + (errorName.isEmpty() ? "" : " (" + errorName + ")")
                    + ". Press Start camera to try again.";
        };
    }
}
