package dev.lenslet.server.cli;

import dev.lenslet.core.Arithmetic;
import dev.lenslet.core.head.InvalidHeadException;
import dev.lenslet.server.IoErrors;
import dev.lenslet.server.http.LensletServer;
import dev.lenslet.server.http.ServerConfig;
import dev.lenslet.server.kernel.JvmKernels;
import dev.lenslet.server.model.ModelLoader;
import dev.lenslet.server.model.ModelSource;
import dev.lenslet.server.model.ModelUnavailableException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lenslet serve}: runs the web app, its model shards and the classify API until stopped. */
@Command(name = "serve", sortOptions = false,
        description = "Serve the Lenslet web app, which classifies camera frames and photos in the browser, plus"
                + " the model it downloads and a classify API (POST /api/classify).",
        footer = {"", "Exit status: 0 when stopped, 1 if the server cannot start, 2 for a usage error or an"
                + " unusable model."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "TCP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = {
            "Address to listen on (default: ${DEFAULT-VALUE}, this machine only); 0.0.0.0 for every network"
                    + " interface, so that phones on the same network can connect."})
    private String host;

    @Mixin
    private ModelOptions modelOptions;

    @Mixin
    private ImageLimitOptions imageLimits;

    @Mixin
    private KeyStoreOptions keyStoreOptions;

    @Mixin
    private HeadOptions head;

    private final Map<String, String> environment;

    ServeCommand() {
        this(System.getenv());
    }

    /** @param environment where the key store's password may be, instead of the command line */
    ServeCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        Server server;
        try {
            server = start();
        } catch (ModelUnavailableException | InvalidHeadException e) {
            spec.commandLine().getErr().println("lenslet: error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (server == null) {
            return ExitCode.SOFTWARE;
        }
        server.join();
        return ExitCode.OK;
    }

    /**
     * Loads the model, starts the server and prints where to open it.
     *
     * @return the running server, or null if it could not start (the reason is printed)
     * @throws ParameterException for inconsistent options
     * @throws ModelUnavailableException if the model or labels cannot be found or used
     * @throws InvalidHeadException if the --head file cannot be read, is damaged or is another model's
     */
    Server start() throws ModelUnavailableException {
        checkOptions();
        Path keyStore = keyStoreOptions.keyStore;
        String keyStorePassword = keyStoreOptions.password(spec.commandLine(), environment);
        long maxPixels = imageLimits.maxPixels(spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path modelFile = ModelSource.standard().resolve(modelOptions.model, err,
                Stderr.isTerminal() ? err : new PrintWriter(Writer.nullWriter()));
        Server server = ModelLoader.load(modelFile, modelOptions.labels, (modelBytes, labelText) -> {
            ServerConfig config = ServerConfig.of(modelFile.getFileName().toString(), modelBytes, labelText)
                    .withArithmetic(modelOptions.arithmetic).withMaxPixels(maxPixels);
            if (head.taught()) {
                config = config.withHead(head.headFile);
            }
            return LensletServer.newServer(port, host, keyStore == null ? config
                    : config.withTls(keyStore, keyStorePassword));
        });
        // Ctrl+C stops the server cleanly: in-flight responses finish, jar mounts are released.
        server.setStopAtShutdown(true);
        try {
            server.start();
        } catch (Exception e) {
            err.println("lenslet: error: cannot serve on " + host + ":" + port + ": " + startFailure(e));
            stopQuietly(server);
            return null;
        }
        int actualPort = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        String url = (keyStore == null ? "http" : "https") + "://" + urlHost(host) + ":" + actualPort + "/";
        if (modelOptions.arithmetic == Arithmetic.FLOAT) {
            out.println(JvmKernels.description());
        }
        out.println("Lenslet is serving " + modelFile.getFileName() + ". Open " + url
                + " in a browser; press Ctrl+C to stop.");
        out.flush();
        if (keyStore == null && !isLoopback(host)) {
            err.println(insecureCameraWarning(host));
            err.flush();
        }
        return server;
    }

    private void checkOptions() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535, not " + port);
        }
    }

    /** The address a browser on this machine can open: the wildcard addresses themselves cannot be. */
    static String urlHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "localhost";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // the start has failed already; no warning is needed on top of that error
        }
    }

    static String insecureCameraWarning(String host) {
        return "lenslet: warning: " + host + " can be reached from other machines, but over plain HTTP:"
                + " browsers allow the camera only on https:// pages or on localhost, so on other devices"
                + " the camera will not start. Serve HTTPS with --keystore FILE --keystore-password-file FILE"
                + " (for example a key store made with: keytool -genkeypair -keyalg RSA -storetype PKCS12"
                + " -keystore lenslet.p12 -dname CN=lenslet -ext SAN=ip:<this machine's address>).";
    }

    private static String startFailure(Exception e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            return "the port is in use or the address is not this machine's (" + cause.getMessage()
                    + "); pick another --port or --host";
        }
        return IoErrors.describe(e) + "; check --host, and --keystore and its password if given";
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Nothing is listening, and the failure to start has been reported: there is nothing left to do.
        }
    }
}
