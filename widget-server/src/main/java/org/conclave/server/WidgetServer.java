package org.conclave.server;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.conclave.server.config.LiveKitConfig;
import org.conclave.server.config.ServerConfig;
import org.conclave.server.demo.DemoRelay;
import org.conclave.server.demo.DemoRoutes;
import org.conclave.server.web.SecurityHeaders;
import org.conclave.server.token.FederationOpenIdVerifier;
import org.conclave.server.token.LiveKitRoomService;
import org.conclave.server.token.LiveKitTokens;
import org.conclave.server.token.RateLimiter;
import org.conclave.server.token.TokenService;
import org.conclave.server.web.ThymeleafRenderer;
import org.conclave.server.web.TokenRoutes;
import org.conclave.server.web.WidgetRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds Conclave's HTTP server: the widget page and assets from the classpath ({@code public/}),
 * {@code config.json}, {@code healthz}, security headers on every response, and the development
 * demo when enabled (with the embedded distribution under {@value #EMBEDDED_PATH}, when the jar
 * carries it). Returns it un-started, so tests start it on port 0.
 */
public final class WidgetServer {
    private static final Logger LOG = LoggerFactory.getLogger(WidgetServer.class);

    /** The largest request body accepted (413 beyond). */
    static final long MAX_REQUEST_BYTES = 64 * 1024;
    /** Token requests per client address: a burst, then this many a second. */
    static final int TOKEN_BURST = 20;
    static final double TOKEN_RATE = 2;

    /** Where Element Web serves its call widget, and the demo the embedded distribution. */
    public static final String EMBEDDED_PATH = "/widgets/element-call";

    /** The embedded distribution on the classpath (put into the jar by the build). */
    static final String EMBEDDED_RESOURCES = "/embedded";

    private WidgetServer() {}

    /** An un-started server for {@code config}. */
    public static Javalin create(ServerConfig config) {
        AtomicReference<Javalin> self = new AtomicReference<>();
        SecurityHeaders headers = new SecurityHeaders(config.allowedParentOrigins(), plainLiveKitOrigins(config));
        DemoRelay relay = config.demoEnabled() ? new DemoRelay() : null;
        Javalin app = Javalin.create(c -> {
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson());
            // No route takes a large body: token requests are well under 1 KiB.
            c.http.maxRequestSize = MAX_REQUEST_BYTES;
            c.fileRenderer(new ThymeleafRenderer());
            c.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/public";
                s.location = Location.CLASSPATH;
            });
            if (relay != null && WidgetServer.class.getResource(EMBEDDED_RESOURCES) != null) {
                // The embedded distribution, where Element Web keeps its call widget: the demo
                // hosts it on the host page's own origin (demo host ?widget=embedded).
                c.staticFiles.add(s -> {
                    s.hostedPath = EMBEDDED_PATH;
                    s.directory = EMBEDDED_RESOURCES;
                    s.location = Location.CLASSPATH;
                });
            }
            c.routes.before(ctx -> headers.apply(ctx, relay == null ? List.of() : List.of(demoHostOrigin(self.get()))));
            new WidgetRoutes(config).register(c.routes);
            config.livekit().ifPresent(livekit -> tokenRoutes(livekit, relay, self).register(c.routes));
            if (relay != null && config.livekit().isPresent()) {
                String path = config.livekit().get().basePath();
                relay.advertiseSfu(() -> config.livekitServiceUrl().map(Object::toString).orElseGet(() -> {
                    URI widget = URI.create(widgetUrl(config, self.get()));
                    return widget.getScheme() + "://" + widget.getRawAuthority() + path;
                }));
            }
            if (relay != null && !config.demoDeployments().isEmpty()) {
                java.util.Map<String, String> others = new java.util.LinkedHashMap<>();
                config.demoDeployments().forEach((name, service) -> others.put(name, service.toString()));
                relay.advertiseDeployments(others);
            }
            if (relay != null) {
                new DemoRoutes(relay, () -> widgetUrl(config, self.get()), config.demoElementCallUrl()).register(c.routes);
                c.events.serverStopped(relay::stop);
            }
            c.routes.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).result(e.getMessage()));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).result("Internal server error");
            });
        });
        self.set(app);
        return app;
    }

    /**
     * The SFU token service. With the demo on, the demo's homeserver ({@code conclave.local}) is
     * this server itself, which answers OpenID user-info requests for the demo's users.
     */
    private static TokenRoutes tokenRoutes(LiveKitConfig livekit, DemoRelay relay, AtomicReference<Javalin> self) {
        Map<String, URI> urls = livekit.homeserverUrls();
        FederationOpenIdVerifier verifier = new FederationOpenIdVerifier(server -> {
            URI url = urls.get(server);
            if (url == null && relay != null && DemoRelay.isDemoServer(server)) {
                url = URI.create("http://127.0.0.1:" + self.get().port());
            }
            return url;
        });
        LiveKitTokens tokens = new LiveKitTokens(livekit.apiKey(), livekit.apiSecret(), Clock.systemUTC());
        TokenService service = new TokenService(livekit, verifier, new LiveKitRoomService(livekit.livekitApiUrl(), tokens),
                tokens);
        LOG.info("SFU token service at {} for LiveKit at {}", livekit.basePath(), livekit.livekitUrl());
        return new TokenRoutes(livekit.basePath(), service, new RateLimiter(TOKEN_BURST, TOKEN_RATE, Clock.systemUTC()));
    }

    /**
     * The configured LiveKit server's origins when it is reached over plain {@code ws://} (on
     * loopback in tests and the demo): the widget's CSP allows {@code https:} and {@code wss:}
     * already, and livekit-client also asks the server's HTTP side when a connection fails.
     */
    /**
     * Where pages may connect beyond {@code 'self' https: wss:}: this server's LiveKit when it is on
     * plain {@code ws://}; and when the widget itself is served over plain http from loopback (a
     * development machine, the tests), any loopback port, so that the token services and SFUs of
     * other deployments running on the same machine can be reached too. A deployment on https
     * gets neither: there every token service and SFU is https and wss.
     */
    static List<String> plainLiveKitOrigins(ServerConfig config) {
        List<String> out = new java.util.ArrayList<>();
        config.livekit().map(l -> l.livekitUrl()).filter(u -> "ws".equals(u.getScheme()))
                .ifPresent(u -> out.addAll(List.of("ws://" + u.getRawAuthority(), "http://" + u.getRawAuthority())));
        URI widget = config.publicUrl().orElse(URI.create("http://" + config.host() + "/"));
        if ("http".equals(widget.getScheme()) && isLoopback(widget.getHost())) {
            out.addAll(List.of("http://127.0.0.1:*", "ws://127.0.0.1:*", "http://localhost:*", "ws://localhost:*"));
        }
        return out;
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    /** The URL Element Web (or the demo) loads the widget from. */
    public static String widgetUrl(ServerConfig config, Javalin app) {
        return config.publicUrl().map(Object::toString).orElseGet(() -> "http://127.0.0.1:" + app.port() + "/");
    }

    /** The demo host page's origin: another origin than the widget's, like Element Web's. */
    public static String demoHostOrigin(Javalin app) {
        return "http://localhost:" + app.port();
    }
}
