package org.conclave.server;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.conclave.server.config.ServerConfig;
import org.conclave.server.demo.DemoRelay;
import org.conclave.server.demo.DemoRoutes;
import org.conclave.server.web.SecurityHeaders;
import org.conclave.server.web.ThymeleafRenderer;
import org.conclave.server.web.WidgetRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds Conclave's HTTP server: the widget page and assets from the classpath ({@code public/}),
 * {@code config.json}, {@code healthz}, security headers on every response, and the development
 * demo when enabled. Returns it un-started, so tests start it on port 0.
 */
public final class WidgetServer {
    private static final Logger LOG = LoggerFactory.getLogger(WidgetServer.class);

    private WidgetServer() {}

    /** An un-started server for {@code config}. */
    public static Javalin create(ServerConfig config) {
        AtomicReference<Javalin> self = new AtomicReference<>();
        SecurityHeaders headers = new SecurityHeaders(config.allowedParentOrigins());
        DemoRelay relay = config.demoEnabled() ? new DemoRelay() : null;
        Javalin app = Javalin.create(c -> {
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson());
            c.fileRenderer(new ThymeleafRenderer());
            c.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/public";
                s.location = Location.CLASSPATH;
            });
            c.routes.before(ctx -> headers.apply(ctx, relay == null ? List.of() : List.of(demoHostOrigin(self.get()))));
            new WidgetRoutes(config).register(c.routes);
            if (relay != null) {
                new DemoRoutes(relay, () -> widgetUrl(config, self.get())).register(c.routes);
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

    /** The URL Element Web (or the demo) loads the widget from. */
    public static String widgetUrl(ServerConfig config, Javalin app) {
        return config.publicUrl().map(Object::toString).orElseGet(() -> "http://127.0.0.1:" + app.port() + "/");
    }

    /** The demo host page's origin: another origin than the widget's, like Element Web's. */
    public static String demoHostOrigin(Javalin app) {
        return "http://localhost:" + app.port();
    }
}
