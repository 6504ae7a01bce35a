package org.conclave.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.conclave.server.config.ServerConfig;

/** The widget page, {@code config.json} and {@code healthz}. */
public final class WidgetRoutes {
    /** The widget page: the same static file the embedded distribution ships as index.html. */
    private static final byte[] WIDGET_PAGE = readPage();

    private final ServerConfig config;

    public WidgetRoutes(ServerConfig config) {
        this.config = config;
    }

    /** Adds the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/", this::widgetPage);
        routes.get("/config.json", this::clientConfig);
        routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        routes.head("/healthz", ctx -> ctx.status(200));
    }

    private void widgetPage(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(WIDGET_PAGE);
    }

    private static byte[] readPage() {
        try (InputStream in = WidgetRoutes.class.getResourceAsStream("/public/index.html")) {
            if (in == null) {
                throw new IllegalStateException("public/index.html is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The widget's runtime configuration (protocol.md §7 discovery fallback). */
    private void clientConfig(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        String service = config.livekitServiceUrl().map(Object::toString).orElse(null);
        if (service == null && config.livekit().isPresent()) {
            // This server's own token service: where the widget was loaded from, plus its path.
            String origin = config.publicUrl().map(u -> u.getScheme() + "://" + u.getRawAuthority())
                    .orElse(ctx.scheme() + "://" + ctx.host());
            service = origin + config.livekit().get().basePath();
        }
        if (service != null) {
            body.put("livekit", Map.of("livekit_service_url", service));
        }
        body.put("e2ee", Map.of("scheme", "sframe-rfc9605", "required", true));
        ctx.header("Cache-Control", "no-cache");
        ctx.json(body);
    }
}
