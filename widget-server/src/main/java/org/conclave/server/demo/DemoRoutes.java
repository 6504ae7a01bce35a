package org.conclave.server.demo;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.conclave.server.web.SecurityHeaders;

/**
 * The development demo: {@code /demo/} lists who to open as; {@code /demo/host} is a host page
 * that embeds the widget the way Element Web does (another origin, the same URL parameters, the
 * real matrix-widget-api) in a room on {@link DemoRelay}; {@code /demo/api/…} lets tests read the
 * room. Labelled as a development demo on every page; off with {@code CONCLAVE_DEMO=false}.
 */
public final class DemoRoutes {
    static final String DEFAULT_ROOM = "!demo:conclave.local";

    private final DemoRelay relay;
    private final Supplier<String> widgetUrl;

    /** Routes for {@code relay}; {@code widgetUrl} gives the widget's base URL once the port is known. */
    public DemoRoutes(DemoRelay relay, Supplier<String> widgetUrl) {
        this.relay = relay;
        this.widgetUrl = widgetUrl;
    }

    /** Adds the demo's routes. */
    public void register(RoutesConfig routes) {
        routes.get("/demo", ctx -> ctx.redirect("/demo/"));
        routes.get("/demo/", this::index);
        routes.get("/demo/host", this::host);
        routes.ws("/demo/relay", relay::configure);
        routes.get("/demo/api/rooms/{roomId}/to-device", ctx -> ctx.json(room(ctx).toDeviceLog()));
        routes.get("/demo/api/rooms/{roomId}/state", ctx -> ctx.json(room(ctx).state()));
        routes.post("/demo/api/rooms/{roomId}/withhold-keys", this::withholdKeys);
    }

    private DemoRoom room(Context ctx) {
        DemoRoom room = relay.room(ctx.pathParam("roomId"));
        if (room == null) {
            throw new NotFoundResponse("no such demo room");
        }
        return room;
    }

    /** Test fault injection: {@code ?user=…&device=…} stops media keys reaching that device. */
    private void withholdKeys(Context ctx) {
        String user = ctx.queryParam("user");
        String device = ctx.queryParam("device");
        if (user == null || device == null || !DemoRelay.USER_ID.matcher(user).matches()
                || !DemoRelay.DEVICE_ID.matcher(device).matches()) {
            throw new io.javalin.http.BadRequestResponse("user and device must be valid Matrix ids");
        }
        room(ctx).withholdKeysFrom(user, device);
        ctx.status(204);
    }

    private void index(Context ctx) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("room", DEFAULT_ROOM);
        ctx.render("demo-index", model);
    }

    private void host(Context ctx) {
        String user = ctx.queryParam("user");
        if (user == null || user.isBlank()) {
            user = "alice";
        }
        String localpart = user.startsWith("@") ? user.substring(1, Math.max(1, user.indexOf(':'))) : user;
        String userId = user.startsWith("@") ? user : "@" + user + ":conclave.local";
        String device = orDefault(ctx.queryParam("device"), localpart.toUpperCase(java.util.Locale.ROOT) + "DEVICE");
        String room = orDefault(ctx.queryParam("room"), DEFAULT_ROOM);
        if (!DemoRelay.USER_ID.matcher(userId).matches() || !DemoRelay.DEVICE_ID.matcher(device).matches()
                || !DemoRelay.ROOM_ID.matcher(room).matches()) {
            throw new io.javalin.http.BadRequestResponse("user, device and room must be valid Matrix ids");
        }
        String widget = widgetUrl.get();
        SecurityHeaders.applyDemoHost(ctx, origin(widget));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("userId", userId);
        model.put("displayName", orDefault(ctx.queryParam("displayName"), capitalise(localpart)));
        model.put("deviceId", device);
        model.put("roomId", room);
        model.put("roomName", orDefault(ctx.queryParam("roomName"), ""));
        model.put("widgetUrl", widget);
        model.put("waitForIframeLoad", "load".equals(ctx.queryParam("mode")));
        model.put("theme", orDefault(ctx.queryParam("theme"), "dark"));
        model.put("intent", orDefault(ctx.queryParam("intent"), "join_existing"));
        // Widget parameters the demo passes on when asked: skipLobby, and the frame transform to use.
        model.put("skipLobby", "true".equals(ctx.queryParam("skipLobby")) ? "true" : "");
        model.put("frameTransform", "streams".equals(ctx.queryParam("frameTransform")) ? "streams" : "");
        // devices=blocked: the host does not delegate camera and microphone to the widget's frame.
        model.put("devicesBlocked", "blocked".equals(ctx.queryParam("devices")) ? "true" : "");
        // turn=offered: the host has TURN servers for the widget; tests hand them to harness.offerTurnServers.
        model.put("turn", "offered".equals(ctx.queryParam("turn")) ? "offered" : "");
        ctx.render("demo-host", model);
    }

    static String origin(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
