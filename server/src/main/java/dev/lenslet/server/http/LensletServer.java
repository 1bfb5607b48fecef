package dev.lenslet.server.http;

import dev.lenslet.core.head.Sha256;
import dev.lenslet.server.inference.ClassifierPool;
import dev.lenslet.server.inference.TaughtHead;
import dev.lenslet.server.inference.TopClasses;
import dev.lenslet.server.model.ModelShards;
import java.time.Duration;
import org.eclipse.jetty.compression.gzip.GzipCompression;
import org.eclipse.jetty.compression.server.CompressionConfig;
import org.eclipse.jetty.compression.server.CompressionHandler;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the Lenslet web server: the page and its files, the model as shards, {@code /healthz} and the classify
 * API, on one HTTP or HTTPS port.
 *
 * <pre>
 * ContextHandler /                          the root context: path mappings and mime types
 *  └ OneUrlPerFileHandler                   400 for URLs with . or .. segments or ;parameters
 *     └ SecurityHeadersHandler              CSP, nosniff, no referrer on every response
 *        └ CompressionHandler               gzip for text and wasm; never the shards (dense 8-bit weights)
 *           └ PathMappingsHandler
 *              /healthz       GET HEAD      HealthHandler
 *              /api/classify  POST          ClassifyHandler
 *              /api/embed     POST          EmbedHandler (through ClassifyHandler's upload and admission)
 *              /model/*       GET HEAD      ModelShardsHandler
 *              /              GET HEAD      StaticFilesHandler (classpath web/)
 * </pre>
 */
public final class LensletServer {
    static final Duration HSTS_MAX_AGE = Duration.ofDays(365);
    private LensletServer() {
    }

    /**
     * An unstarted server. The model is converted into shards and loaded into the classifiers here, so a bad
     * model fails now, before a port is opened.
     *
     * @param port 0 for any free port ({@link ServerConnector#getLocalPort()} tells which, once started)
     * @param host the address to listen on, e.g. 127.0.0.1, or 0.0.0.0 for every interface
     * @throws dev.lenslet.core.InvalidModelException if the model or its labels cannot be used
     * @throws dev.lenslet.core.head.InvalidHeadException if the head file cannot be read, is damaged or belongs to
     *                                                    another model
     */
    public static Server newServer(int port, String host, ServerConfig config) {
        ModelShards shards = ModelShards.of(config.modelName(), config.model(), config.labelText());
        ClassifierPool classifiers = new ClassifierPool(config.model(), config.labelText(), config.arithmetic(),
                config.classifiers(), config.maxInferenceWait());
        TaughtHead head = config.headFile() == null ? null : TaughtHead.read(config.headFile(),
                Sha256.digest(config.model()), classifiers.embeddingLength());

        QueuedThreadPool threads = new QueuedThreadPool(config.clients().threads());
        threads.setName("lenslet-http");
        Server server = new Server(threads);
        ServerConnector connector = newConnector(server, config.tls());
        connector.setIdleTimeout(config.clients().idle().toMillis());
        HeaderDeadline headerDeadline = new HeaderDeadline(config.clients(), connector.getScheduler());
        connector.addEventListener(headerDeadline);
        connector.addBean(headerDeadline);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        String get = HttpMethod.GET.asString();
        String headMethod = HttpMethod.HEAD.asString();
        PathMappingsHandler routes = new PathMappingsHandler();
        ClassifyHandler classify = new ClassifyHandler(classifiers, config, head == null ? TopClasses.IMAGENET : head);
        routes.addMapping(PathSpec.from(HealthHandler.PATH),
                new AllowedMethodsHandler(new HealthHandler(shards.model(), head, classify), get, headMethod));
        routes.addMapping(PathSpec.from(ClassifyHandler.PATH),
                new AllowedMethodsHandler(classify, HttpMethod.POST.asString()));
        routes.addMapping(PathSpec.from(EmbedHandler.PATH),
                new AllowedMethodsHandler(new EmbedHandler(classify), HttpMethod.POST.asString()));
        routes.addMapping(PathSpec.from("/model/*"),
                new AllowedMethodsHandler(new ModelShardsHandler(shards), get, headMethod));
        routes.addMapping(PathSpec.from("/"), new AllowedMethodsHandler(
                new StaticFilesHandler(StaticFilesHandler.classpathWebRoot(ResourceFactory.of(server))), get, headMethod));

        // Jetty's defaults already compress HTML, JavaScript, JSON and wasm and skip images; listing types here
        // would replace that list, so only the shards are excluded.
        CompressionHandler compression = new CompressionHandler(routes);
        compression.putCompression(new GzipCompression());
        compression.putConfiguration("/", CompressionConfig.builder().defaults()
                .compressExcludePath(shards.shardFolder() + "*")
                .build());

        ContextHandler root = new ContextHandler(new OneUrlPerFileHandler(new SecurityHeadersHandler(compression)), "/");
        StaticFilesHandler.addMimeTypes(root.getMimeTypes());
        server.setHandler(root);
        server.setErrorHandler(new JsonErrorHandler());
        return server;
    }

    private static ServerConnector newConnector(Server server, ServerConfig.KeyStoreFile tls) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // nothing to gain from telling every client the Jetty version
        if (tls == null) {
            return new ServerConnector(server, new HttpConnectionFactory(http));
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        // PKCS12 is the default type; the JDK reads JKS files through it too (keystore.type.compat).
        ssl.setKeyStorePath(tls.path());
        ssl.setKeyStorePassword(tls.password());
        // Self-signed certificates for a LAN address rarely name the host the browser used; the browser already
        // warns about the certificate, so Jetty need not reject such requests as well.
        SecureRequestCustomizer secure = new SecureRequestCustomizer(false);
        // Browsers ignore HSTS from a connection with certificate errors or to an IP address, so it binds only
        // a host name with a certificate the browser trusts; not includeSubDomains: they are not this server's.
        secure.setStsMaxAge(HSTS_MAX_AGE.toSeconds());
        http.addCustomizer(secure);
        return new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(http));
    }
}
