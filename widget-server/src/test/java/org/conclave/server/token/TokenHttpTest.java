package org.conclave.server.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.conclave.server.WidgetServer;
import org.conclave.server.config.LiveKitConfig;
import org.conclave.server.config.Secret;
import org.conclave.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token service over HTTP, with the demo relay as the homeserver that vouches for OpenID
 * tokens (its real {@code /_matrix/federation/v1/openid/userinfo}): every answer lk-jwt-service
 * gives, with its code. No LiveKit runs here: {@code conclave.local} is not a full-access
 * homeserver (no room is created), except in the test that shows what an unreachable LiveKit costs.
 */
class TokenHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "http-test-secret-0123456789-abcdefghij";
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;
    private int closedPort;

    private LiveKitConfig livekit(List<String> fullAccess) {
        return new LiveKitConfig(URI.create("ws://127.0.0.1:" + closedPort), "devkey", new Secret(SECRET), fullAccess,
                "/livekit/jwt", Map.of("unreachable.example", URI.create("http://127.0.0.1:" + closedPort)));
    }

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        app = WidgetServer.create(ServerConfig.defaults().withPort(0).withLiveKit(livekit(List.of("full.example")))).start();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An OpenID token from the demo's homeserver for {@code user}, as a host page gets one. */
    private JsonNode openIdToken(String user) throws Exception {
        return relay(user, "get_openid");
    }

    /** The result of the demo relay's operation {@code op} (no arguments) for {@code user}. */
    private JsonNode relay(String user, String op) throws Exception {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        StringBuilder partial = new StringBuilder();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + app.port()
                + "/demo/relay?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&device=D1&room=%21t%3Aconclave.local"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                JsonNode m = JSON.readTree(partial.toString());
                                if ("result".equals(m.path("op").asText())) {
                                    result.complete(m.path("result"));
                                }
                            } catch (Exception e) {
                                result.completeExceptionally(e);
                            }
                            partial.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"op\":\"" + op + "\",\"rid\":\"1\"}", true);
        JsonNode token = result.get(5, TimeUnit.SECONDS);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        return token;
    }

    private static String getToken(JsonNode openId, String claimedUser) {
        return "{\"room_id\":\"!t:conclave.local\",\"slot_id\":\"m.call#ROOM\",\"openid_token\":" + openId
                + ",\"member\":{\"id\":\"" + claimedUser + ":D1\",\"claimed_user_id\":\"" + claimedUser
                + "\",\"claimed_device_id\":\"D1\"}}";
    }

    private static void assertError(HttpResponse<String> r, int status, String errcode) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).path("errcode").asText()).isEqualTo(errcode);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain(SECRET);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void theDemoHomeserverAdvertisesThisSfuAndTheWidgetMayReachItsPlainWsLiveKit() throws Exception {
        JsonNode transports = relay("@alice:conclave.local", "get_rtc_transports").path("rtc_transports");
        assertThat(transports).hasSize(1);
        assertThat(transports.get(0).path("type").asText()).isEqualTo("livekit");
        assertThat(transports.get(0).path("livekit_service_url").asText())
                .isEqualTo("http://127.0.0.1:" + app.port() + "/livekit/jwt");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("connect-src 'self' https: wss: ws://127.0.0.1:" + closedPort + " http://127.0.0.1:" + closedPort + " ")
                .as("served over plain http from loopback: other deployments on this machine may be reached")
                .contains(" http://127.0.0.1:* ws://127.0.0.1:* ");
    }

    @Test
    void eachDemoHomeserverAdvertisesItsOwnDeploymentsSfu() throws Exception {
        app.stop();
        app = WidgetServer.create(ServerConfig.defaults().withPort(0).withLiveKit(livekit(List.of("one.conclave.local")))
                .withDemoDeployments(Map.of("two.conclave.local", URI.create("http://127.0.0.1:9/two/jwt")))).start();
        assertThat(relay("@bob:two.conclave.local", "get_rtc_transports").path("rtc_transports").get(0)
                .path("livekit_service_url").asText()).isEqualTo("http://127.0.0.1:9/two/jwt");
        assertThat(relay("@alice:one.conclave.local", "get_rtc_transports").path("rtc_transports").get(0)
                .path("livekit_service_url").asText()).isEqualTo("http://127.0.0.1:" + app.port() + "/livekit/jwt");
    }

    @Test
    void aUserOfAnotherHomeserverGetsASubscribeOnlyTokenForARoomThatExists() throws Exception {
        // The token service of deployment "full.example" asked by a demo user (conclave.local is
        // not full access here): no room created (LiveKit is not even running), and no publishing.
        JsonNode openId = openIdToken("@carol:conclave.local");
        HttpResponse<String> r = post("/livekit/jwt/get_token", getToken(openId, "@carol:conclave.local"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256(SECRET)).withIssuer("devkey").build()
                .verify(JSON.readTree(r.body()).path("jwt").asText());
        assertThat(jwt.getClaim("video").asMap()).containsEntry("canPublish", false).containsEntry("canSubscribe", true);
    }

    @Test
    void aVouchedMemberGetsALiveKitToken() throws Exception {
        JsonNode openId = openIdToken("@alice:conclave.local");
        assertThat(openId.path("matrix_server_name").asText()).isEqualTo("conclave.local");
        HttpResponse<String> r = post("/livekit/jwt/get_token", getToken(openId, "@alice:conclave.local"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("url").asText()).isEqualTo("ws://127.0.0.1:" + closedPort);
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256(SECRET)).withIssuer("devkey").build().verify(body.path("jwt").asText());
        assertThat(jwt.getSubject()).isEqualTo(LiveKitNames.identity("@alice:conclave.local", "D1", "@alice:conclave.local:D1"));
        assertThat(jwt.getClaim("video").asMap()).containsEntry("room", LiveKitNames.room("!t:conclave.local", "m.call#ROOM"));

        HttpResponse<String> legacy = post("/livekit/jwt/sfu/get", "{\"room\":\"!t:conclave.local\",\"openid_token\":" + openId
                + ",\"device_id\":\"D1\"}");
        assertThat(legacy.statusCode()).as(legacy.body()).isEqualTo(200);
        assertThat(JWT.decode(JSON.readTree(legacy.body()).path("jwt").asText()).getSubject()).isEqualTo("@alice:conclave.local:D1");
    }

    @Test
    void delegatingTheDelayedLeaveIsNotOfferedAndBrowsersCanReadThatAnswer() throws Exception {
        // Element Call asks with a bare POST and reads 404 as "not offered".
        HttpResponse<String> asked = post("/livekit/jwt/delegate_delayed_leave", "");
        assertThat(asked.statusCode()).isEqualTo(404);
        assertThat(asked.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(JSON.readTree(asked.body()).path("errcode").asText()).isEqualTo("M_UNRECOGNIZED");
    }

    @Test
    void malformedOrUnknownJsonIsNotJson() throws Exception {
        JsonNode openId = openIdToken("@alice:conclave.local");
        assertError(post("/livekit/jwt/get_token", "{not json"), 400, "M_NOT_JSON");
        assertError(post("/livekit/jwt/get_token", ""), 400, "M_NOT_JSON");
        assertError(post("/livekit/jwt/get_token", "[1,2]"), 400, "M_NOT_JSON");
        String withExtra = getToken(openId, "@alice:conclave.local").replaceFirst("\\{", "{\"surprise\":1,");
        assertError(post("/livekit/jwt/get_token", withExtra), 400, "M_NOT_JSON");
        assertError(post("/livekit/jwt/sfu/get", "{\"room\":5}"), 400, "M_NOT_JSON");
    }

    @Test
    void missingFieldsAreBadJson() throws Exception {
        JsonNode openId = openIdToken("@alice:conclave.local");
        assertError(post("/livekit/jwt/get_token", "{}"), 400, "M_BAD_JSON");
        assertError(post("/livekit/jwt/get_token", getToken(openId, "@alice:conclave.local").replace("\"slot_id\":\"m.call#ROOM\",", "")),
                400, "M_BAD_JSON");
        assertError(post("/livekit/jwt/get_token", "{\"room_id\":\"!t:x\",\"slot_id\":\"m.call#ROOM\",\"member\":"
                + "{\"id\":\"m\",\"claimed_user_id\":\"@a:x\",\"claimed_device_id\":\"D\"}}"), 400, "M_BAD_JSON");
        assertError(post("/livekit/jwt/sfu/get", "{\"openid_token\":" + openId + "}"), 400, "M_BAD_JSON");
    }

    @Test
    void refusedTokensAndOtherUsersAreUnauthorised() throws Exception {
        JsonNode openId = openIdToken("@alice:conclave.local");
        assertError(post("/livekit/jwt/get_token", getToken(openId, "@bob:conclave.local")), 401, "M_UNAUTHORIZED");
        String forged = "{\"access_token\":\"forged\",\"token_type\":\"Bearer\",\"matrix_server_name\":\"conclave.local\",\"expires_in\":3600}";
        assertError(post("/livekit/jwt/get_token", getToken(JSON.readTree(forged), "@alice:conclave.local")), 401, "M_UNAUTHORIZED");
        String badServer = forged.replace("conclave.local", "evil.example/path?x=");
        assertError(post("/livekit/jwt/get_token", getToken(JSON.readTree(badServer), "@alice:conclave.local")), 401,
                "M_UNAUTHORIZED");
    }

    @Test
    void anUnreachableHomeserverIsABadGatewayWithAClearBody() throws Exception {
        String token = "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"matrix_server_name\":\"unreachable.example\",\"expires_in\":3600}";
        HttpResponse<String> r = post("/livekit/jwt/get_token", getToken(JSON.readTree(token), "@alice:unreachable.example"));
        assertError(r, 502, "M_UNKNOWN");
        assertThat(JSON.readTree(r.body()).path("error").asText()).contains("unreachable.example could not be reached");
    }

    @Test
    void anUnreachableLiveKitFailsRoomCreationForFullAccessUsers() throws Exception {
        app.stop();
        app = WidgetServer.create(ServerConfig.defaults().withPort(0).withLiveKit(livekit(List.of("*")))).start();
        JsonNode openId = openIdToken("@alice:conclave.local");
        HttpResponse<String> r = post("/livekit/jwt/get_token", getToken(openId, "@alice:conclave.local"));
        assertError(r, 500, "M_UNKNOWN");
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("Unable to create room on SFU");
    }

    @Test
    void healthCorsAndTheBodyLimit() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/livekit/jwt/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/livekit/jwt/healthz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/livekit/jwt/get_token")).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("POST");
        HttpResponse<String> huge = post("/livekit/jwt/get_token", "{\"room_id\":\"" + "x".repeat(100_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).doesNotContain("Exception");
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/config.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(config.body()).path("livekit").path("livekit_service_url").asText())
                .isEqualTo("http://127.0.0.1:" + app.port() + "/livekit/jwt");
    }

    @Test
    void aFloodFromOneAddressIsLimited() throws Exception {
        int limited = 0;
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> r = post("/livekit/jwt/get_token", "{}");
            if (r.statusCode() == 429) {
                limited++;
                assertError(r, 429, "M_LIMIT_EXCEEDED");
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(r.statusCode()).isEqualTo(400);
            }
        }
        assertThat(limited).as("requests past the burst of 20").isGreaterThanOrEqualTo(15);
    }
}
