package org.conclave.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.conclave.server.config.ServerConfig;

/** The widget page, {@code config.json} and {@code healthz}. */
public final class WidgetRoutes {
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
        ctx.render("widget", Map.of());
    }

    /** The widget's runtime configuration (protocol.md §7 discovery fallback). */
    private void clientConfig(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        config.livekitServiceUrl().ifPresent(url -> body.put("livekit", Map.of("livekit_service_url", url.toString())));
        body.put("e2ee", Map.of("scheme", "sframe-rfc9605", "required", true));
        ctx.header("Cache-Control", "no-cache");
        ctx.json(body);
    }
}
