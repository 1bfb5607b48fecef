package dev.lenslet.server.cli;

import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.SystemStream;

/**
 * Whether the process's standard error (file descriptor 2) is a terminal. Java 17 cannot tell: System.console()
 * speaks of stdin and stdout only. JLine's JNI provider asks the C library (isatty on POSIX, the console mode on
 * Windows) with the native library it ships for each platform.
 */
final class Stderr {
    private Stderr() {
    }

    /** True only when a person can watch fd 2; false when it goes to a file or pipe, or when the check fails. */
    static boolean isTerminal() {
        try {
            return new JniTerminalProvider().isSystemStream(SystemStream.Error);
        } catch (LinkageError | RuntimeException e) {
            // No native library for this platform: draw nothing rather than fill a log with carriage returns.
            return false;
        }
    }
}
