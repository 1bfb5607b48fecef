package dev.lenslet.server.cli;

import dev.lenslet.server.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --keystore} and where its password comes from (a picocli mixin): a file or an environment variable,
 * which other users of the machine cannot read, or the command line, which every user sees in the process list.
 */
final class KeyStoreOptions {
    static final String PASSWORD_VARIABLE = "LENSLET_KEYSTORE_PASSWORD";

    @Option(names = "--keystore", paramLabel = "FILE", description = {
            "PKCS12 or JKS key store with the certificate and key to serve HTTPS with. Browsers allow the"
                    + " camera only on https:// pages or on localhost. Its password (also the key's) comes from"
                    + " --keystore-password-file, else the " + PASSWORD_VARIABLE + " environment variable."})
    Path keyStore;

    @Option(names = "--keystore-password-file", paramLabel = "FILE",
            description = "File whose first line is the key store's password.")
    private Path passwordFile;

    @Option(names = "--keystore-password", paramLabel = "PASSWORD", description = "The key store's password itself;"
            + " every user of this machine can read it in the process list, so prefer --keystore-password-file.")
    private String password;

    /**
     * The key store's password, or null when there is no key store.
     *
     * @param environment where {@value #PASSWORD_VARIABLE} is looked up
     * @throws ParameterException when the options contradict each other or the password file cannot be read
     */
    String password(CommandLine commandLine, Map<String, String> environment) {
        if (keyStore == null) {
            if (password != null || passwordFile != null) {
                throw new ParameterException(commandLine, "--keystore-password and --keystore-password-file are"
                        + " only used with --keystore");
            }
            return null;
        }
        if (!Files.isRegularFile(keyStore)) {
            throw new ParameterException(commandLine, "key store " + keyStore + ": no such file; check the"
                    + " --keystore path");
        }
        if (password != null && passwordFile != null) {
            throw new ParameterException(commandLine, "give --keystore-password-file or --keystore-password, not"
                    + " both");
        }
        if (password != null) {
            return password;
        }
        if (passwordFile != null) {
            return firstLine(commandLine);
        }
        String fromEnvironment = environment.get(PASSWORD_VARIABLE);
        if (fromEnvironment == null) {
            throw new ParameterException(commandLine, "--keystore needs its password: --keystore-password-file"
                    + " FILE, the " + PASSWORD_VARIABLE + " environment variable, or --keystore-password PASSWORD");
        }
        return fromEnvironment;
    }

    private String firstLine(CommandLine commandLine) {
        try {
            return Files.readAllLines(passwordFile).stream().findFirst().orElse("");
        } catch (IOException e) {
            throw new ParameterException(commandLine, "cannot read the --keystore-password-file " + passwordFile
                    + ": " + IoErrors.describe(e));
        }
    }
}
