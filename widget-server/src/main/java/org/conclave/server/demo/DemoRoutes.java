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
    /** The embedded widget, relative to the host page's origin (as Element Web loads it). */
    static final int MAX_ADDED_MEMBERS = 50_000;
    static final String EMBEDDED_WIDGET = "/widgets/element-call/index.html";

    private final DemoRelay relay;
    private final Supplier<String> widgetUrl;
    private final java.util.Optional<java.net.URI> elementCallUrl;

    /**
     * Routes for {@code relay}; {@code widgetUrl} gives the widget's base URL once the port is
     * known; {@code elementCallUrl}, when present, is an Element Call widget the host page opens
     * instead of Conclave on {@code widget=element-call}.
     */
    public DemoRoutes(DemoRelay relay, Supplier<String> widgetUrl, java.util.Optional<java.net.URI> elementCallUrl) {
        this.relay = relay;
        this.widgetUrl = widgetUrl;
        this.elementCallUrl = elementCallUrl;
    }

    /** Adds the demo's routes. */
    public void register(RoutesConfig routes) {
        // Javalin ignores trailing slashes: this one route answers /demo and /demo/ (a redirect from
        // one to the other would match itself and loop).
        routes.get("/demo", this::index);
        routes.get("/demo/host", this::host);
        routes.ws("/demo/relay", relay::configure);
        routes.get("/demo/api/rooms/{roomId}/to-device", ctx -> ctx.json(room(ctx).toDeviceLog()));
        routes.get("/demo/api/rooms/{roomId}/state", ctx -> ctx.json(room(ctx).state()));
        routes.post("/demo/api/rooms/{roomId}/withhold-keys", this::withholdKeys);
        routes.post("/demo/api/rooms/{roomId}/members", this::addMembers);
        routes.post("/demo/api/rooms/{roomId}/phantom", this::phantom);
        // The demo homeserver's media: the generated pictures its members have as avatars.
        routes.get("/demo/api/media/{server}/{mediaId}", this::media);
        // The demo's homeserver's client discovery, with its SFU as MSC4143 RTC focus, as a
        // deployment's .well-known/matrix/client names it (Element Call reads it).
        routes.get("/.well-known/matrix/client", this::wellKnownClient);
        // The few client-server endpoints a call widget reaches over HTTP besides the widget API
        // (Element Call does: the spec versions, and whether the server delegates delayed
        // leaves), with the client-server API's CORS headers.
        routes.get("/_matrix/client/versions", this::clientVersions);
        routes.post("/_matrix/client/unstable/io.element.msc4195/rtc/livekit/delegate_delayed_leave", ctx -> {
            clientCors(ctx);
            ctx.status(404).contentType("application/json")
                    .result("{\"errcode\":\"M_UNRECOGNIZED\",\"error\":\"Unrecognized request\"}");
        });
        routes.options("/_matrix/client/*", ctx -> {
            clientCors(ctx);
            ctx.status(204);
        });
        // The demo's homeserver answers OpenID user-info requests, so the token service can check them.
        routes.get("/_matrix/federation/v1/openid/userinfo", this::openIdUserInfo);
    }

    private static final java.util.regex.Pattern AVATAR_ID = java.util.regex.Pattern.compile("avatar-([a-z0-9._=-]{1,64})");
    private static final String[] AVATAR_COLOURS = {"#0dbd8b", "#368bd6", "#ac3ba8", "#e64f7a", "#ff812d", "#2dc2c5"};

    /** The picture a demo member has: {@code mxc://<server>/avatar-<localpart>}. */
    static String avatarUri(String userId) {
        int colon = userId.indexOf(':');
        return "mxc://" + userId.substring(colon + 1) + "/avatar-" + userId.substring(1, colon).toLowerCase(java.util.Locale.ROOT);
    }

    /** A generated avatar (a coloured disc with the localpart's initial, SVG), or 404. */
    private void media(Context ctx) {
        java.util.regex.Matcher m = AVATAR_ID.matcher(ctx.pathParam("mediaId"));
        if (!m.matches() || !ctx.pathParam("server").matches("[A-Za-z0-9.:-]{1,255}")) {
            ctx.status(404).json(Map.of("errcode", "M_NOT_FOUND", "error", "no such media"));
            return;
        }
        String name = m.group(1);
        char initial = Character.toUpperCase(name.charAt(0));
        String letter = Character.isLetterOrDigit(initial) ? String.valueOf(initial) : "?";
        String colour = AVATAR_COLOURS[Math.floorMod(name.hashCode(), AVATAR_COLOURS.length)];
        ctx.contentType("image/svg+xml").header("Cache-Control", "no-store").result(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\" viewBox=\"0 0 96 96\">"
                + "<circle cx=\"48\" cy=\"48\" r=\"48\" fill=\"" + colour + "\"/><text x=\"48\" y=\"62\" font-size=\"44\""
                + " font-family=\"sans-serif\" text-anchor=\"middle\" fill=\"#fff\">" + letter + "</text></svg>");
    }

    /** The spec versions and unstable features the demo's homeserver offers through the widget API. */
    private void clientVersions(Context ctx) {
        clientCors(ctx);
        ctx.contentType("application/json").result("{\"versions\":[\"v1.1\",\"v1.2\",\"v1.3\",\"v1.4\",\"v1.5\","
                + "\"v1.6\",\"v1.7\",\"v1.8\",\"v1.9\",\"v1.10\",\"v1.11\",\"v1.12\"],"
                + "\"unstable_features\":{\"org.matrix.msc4140\":true}}");
    }

    /** The client-server API's CORS headers (the spec asks every endpoint for them). */
    private static void clientCors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "X-Requested-With, Content-Type, Authorization");
    }

    private void wellKnownClient(Context ctx) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        json.putObject("m.homeserver").put("base_url", ctx.scheme() + "://" + (ctx.host() == null ? "localhost" : ctx.host()));
        json.set("org.matrix.msc4143.rtc_foci", relay.rtcTransports().get("rtc_transports"));
        // Clients on any origin read it (the client-server API's CORS rule for .well-known).
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.contentType("application/json").result(json.toString());
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

    /**
     * Test fault injection: {@code ?viewer=…&user=…&device=…} shows {@code viewer} alone a
     * device of {@code user} in the call (a homeserver lying to one member).
     */
    private void phantom(Context ctx) {
        String viewer = ctx.queryParam("viewer");
        String user = ctx.queryParam("user");
        String device = ctx.queryParam("device");
        if (viewer == null || user == null || device == null || !DemoRelay.USER_ID.matcher(viewer).matches()
                || !DemoRelay.USER_ID.matcher(user).matches() || !DemoRelay.DEVICE_ID.matcher(device).matches()) {
            throw new io.javalin.http.BadRequestResponse("viewer, user and device must be valid Matrix ids");
        }
        room(ctx).showOnlyTo(viewer, user, device);
        ctx.status(204);
    }

    private void openIdUserInfo(Context ctx) {
        String userId = relay.userIdForOpenIdToken(ctx.queryParam("access_token"));
        if (userId == null) {
            ctx.status(401).json(Map.of("errcode", "M_UNKNOWN_TOKEN", "error", "Access token unknown or expired"));
            return;
        }
        ctx.json(Map.of("sub", userId));
    }

    /** Test load: {@code ?count=N} (1 to {@value #MAX_ADDED_MEMBERS}) more joined members in the room. */
    private void addMembers(Context ctx) {
        String roomId = ctx.pathParam("roomId");
        int count;
        try {
            count = Integer.parseInt(String.valueOf(ctx.queryParam("count")));
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > MAX_ADDED_MEMBERS || !DemoRelay.ROOM_ID.matcher(roomId).matches()) {
            throw new io.javalin.http.BadRequestResponse("count must be 1 to " + MAX_ADDED_MEMBERS + " and the room a valid room id");
        }
        DemoRoom room = relay.roomOrCreate(roomId, "@admin:conclave.local");
        if (room == null) {
            throw new io.javalin.http.TooManyRequestsResponse("too many demo rooms");
        }
        room.addMembers(count, "conclave.local");
        ctx.status(204);
    }

    private void index(Context ctx) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("room", DEFAULT_ROOM);
        model.put("elementCall", elementCallUrl.isPresent());
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
        // widget=embedded: the embedded distribution on this page's own origin, where Element Web
        // keeps its call widget; widget=element-call: Element Call's widget, when the server was
        // given one, for mixed calls; widget=standalone (the default): the standalone widget on its own origin.
        String kind = orDefault(ctx.queryParam("widget"), "standalone");
        String widget;
        String frameOrigin;
        switch (kind) {
            case "embedded" -> {
                widget = EMBEDDED_WIDGET;
                frameOrigin = origin(widgetUrl.get());
            }
            case "element-call" -> {
                widget = elementCallUrl.map(Object::toString).orElseThrow(() -> new io.javalin.http.BadRequestResponse(
                        "this demo has no Element Call widget (set CONCLAVE_DEMO_ELEMENT_CALL_URL)"));
                frameOrigin = origin(widget);
            }
            case "standalone" -> {
                widget = widgetUrl.get();
                frameOrigin = origin(widget);
            }
            default -> throw new io.javalin.http.BadRequestResponse("widget must be standalone, embedded or element-call");
        }
        // homeserver=<origin>: the host page is a real Matrix client of that homeserver (the tests'
        // Synapse), logged in with a session the opener gives the page, instead of the in-memory room.
        String homeserver = homeserverOrigin(ctx.queryParam("homeserver"));
        SecurityHeaders.applyDemoHost(ctx, frameOrigin, homeserver);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("homeserver", homeserver == null ? "" : homeserver);
        model.put("userId", userId);
        model.put("displayName", orDefault(ctx.queryParam("displayName"), capitalise(localpart)));
        model.put("deviceId", device);
        model.put("roomId", room);
        model.put("roomName", orDefault(ctx.queryParam("roomName"), ""));
        model.put("widgetUrl", widget);
        model.put("widgetKind", kind);
        model.put("waitForIframeLoad", "load".equals(ctx.queryParam("mode")));
        model.put("theme", orDefault(ctx.queryParam("theme"), "dark"));
        model.put("intent", orDefault(ctx.queryParam("intent"), "join_existing"));
        // avatar=none: the member has no picture (the demo's members have a generated one otherwise).
        model.put("avatar", "none".equals(ctx.queryParam("avatar")) ? "none" : "generated");
        // The host's language and text size, as Element Web passes them (lang=de, fontScale=1.25).
        String lang = orDefault(ctx.queryParam("lang"), "en");
        model.put("lang", lang.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*") ? lang : "en");
        String fontScale = orDefault(ctx.queryParam("fontScale"), "1");
        model.put("fontScale", fontScale.matches("[0-9]{1,2}(\\.[0-9]{1,3})?") ? fontScale : "1");
        // Widget parameters the demo passes on when asked: skipLobby, and the frame transform to use.
        model.put("skipLobby", "true".equals(ctx.queryParam("skipLobby")) ? "true" : "");
        model.put("frameTransform", "streams".equals(ctx.queryParam("frameTransform")) ? "streams" : "");
        // devices=blocked: the host does not delegate camera and microphone to the widget's frame.
        model.put("devicesBlocked", "blocked".equals(ctx.queryParam("devices")) ? "true" : "");
        // turn=offered: the host has TURN servers for the widget; tests hand them to harness.offerTurnServers.
        model.put("turn", "offered".equals(ctx.queryParam("turn")) ? "offered" : "");
        ctx.render("demo-host", model);
    }

    /** The origin of {@code url} (http or https, nothing after the authority), or null for none. */
    static String homeserverOrigin(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new io.javalin.http.BadRequestResponse("homeserver must be an http or https URL");
        }
        String path = uri.getRawPath();
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getRawAuthority() == null
                || uri.getRawUserInfo() != null || (path != null && !path.isEmpty() && !"/".equals(path))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new io.javalin.http.BadRequestResponse("homeserver must be an http or https URL with nothing after the host and port");
        }
        return origin(url);
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
