package dev.lenslet.server;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Short human wording for I/O failures, whose Java messages are often just a path, or null. */
public final class IoErrors {
    private IoErrors() {
    }

    public static String describe(Throwable e) {
        String what;
        if (e instanceof NoSuchFileException) {
            what = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof NotDirectoryException) {
            what = "not a directory";
        } else if (e instanceof FileSystemLoopException) {
            what = "symbolic link loop";
        } else {
            what = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        Throwable cause = e.getCause();
        return cause != null && cause != e ? what + " (" + describe(cause) + ")" : what;
    }
}
