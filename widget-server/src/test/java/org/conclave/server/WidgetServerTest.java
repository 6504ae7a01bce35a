package org.conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.conclave.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WidgetServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;

    private Javalin start(ServerConfig config) {
        app = WidgetServer.create(config.withPort(0)).start();
        return app;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onlyAWidgetServedFromLoopbackMayReachOtherLoopbackPorts() throws Exception {
        // A development machine: other deployments' token services and SFUs run on loopback ports.
        start(ServerConfig.defaults());
        assertThat(get("/").headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains(" http://127.0.0.1:* ws://127.0.0.1:* http://localhost:* ws://localhost:*;");
        app.stop();
        // A deployment on https: https and wss only.
        start(ServerConfig.fromEnvironment(java.util.Map.of("CONCLAVE_PUBLIC_URL", "https://call.example.org/")));
        assertThat(get("/").headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("connect-src 'self' https: wss:;").doesNotContain("127.0.0.1:*");
    }

    @Test
    void servesTheWidgetPageWithStrictHeaders() throws Exception {
        start(ServerConfig.defaults().withAllowedParentOrigins(List.of("https://app.element.io")));
        HttpResponse<String> page = get("/?widgetId=w&parentUrl=https%3A%2F%2Fapp.element.io");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("js/widget.js").contains("js/boot.js").doesNotContain("<script>");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval")
                .contains("frame-ancestors 'self' https://app.element.io http://localhost:" + app.port());
        assertThat(page.headers().firstValue("Permissions-Policy").orElseThrow())
                .contains("camera=(self)").contains("microphone=(self)").contains("display-capture=(self)");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }

    @Test
    void servesTheCompiledWidgetAndStaticFilesWithTheSameHeaders() throws Exception {
        start(ServerConfig.defaults());
        HttpResponse<String> js = get("/js/widget.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body()).contains("main");
        assertThat(js.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(get("/js/boot.js").body()).contains("main([])");
        assertThat(get("/css/conclave.css").statusCode()).isEqualTo(200);
    }

    @Test
    void theWidgetAndItsFrameWorkerAskToBeCompiledWhileTheyLoad() throws Exception {
        // V8's compile hint (src/main/livekit/minify.js), which must be the file's first line: without
        // it most of the widget's functions are compiled on the main thread at their first call, the join.
        start(ServerConfig.defaults());
        assertThat(get("/js/widget.js").body()).startsWith("//# allFunctionsCalledOnLoad\n");
        assertThat(get("/js/frame-worker.js").body()).startsWith("//# allFunctionsCalledOnLoad\n");
    }

    @Test
    void healthAndConfig() throws Exception {
        start(ServerConfig.fromEnvironment(java.util.Map.of("CONCLAVE_LIVEKIT_SERVICE_URL", "https://rtc.example.org/livekit/jwt")));
        assertThat(get("/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/healthz"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        HttpResponse<String> config = get("/config.json");
        assertThat(config.headers().firstValue("Content-Type").orElseThrow()).contains("application/json");
        assertThat(config.body()).contains("\"livekit_service_url\":\"https://rtc.example.org/livekit/jwt\"");
    }

    @Test
    void unknownPathsAndBadRequestsLeakNothing() throws Exception {
        start(ServerConfig.defaults());
        HttpResponse<String> missing = get("/no/such/thing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("Exception").doesNotContain("at org.");
        HttpResponse<String> bad = get("/demo/host?user=%3Cscript%3E&room=nope");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).doesNotContain("<script>").doesNotContain("Exception");
        assertThat(get("/demo/api/rooms/!nope:x/to-device").statusCode()).isEqualTo(404);
        assertThat(post("/demo/api/rooms/!nope:x/withhold-keys?user=%40a%3Ax&device=D").statusCode()).isEqualTo(404);
        HttpResponse<String> forged = post("/demo/api/rooms/!nope:x/withhold-keys?user=%3Cscript%3E&device=D");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).doesNotContain("<script>").doesNotContain("Exception");
        assertThat(post("/demo/api/rooms/!nope:x/withhold-keys").statusCode()).isEqualTo(400);
        // The phantom-member fault injection: valid ids or 400, a known room or 404.
        assertThat(post("/demo/api/rooms/!nope:x/phantom?viewer=%40a%3Ax&user=%40m%3Ax&device=D").statusCode()).isEqualTo(404);
        for (String query : new String[] {"", "?viewer=%40a%3Ax&user=%40m%3Ax", "?viewer=%3Cscript%3E&user=%40m%3Ax&device=D",
                "?viewer=%40a%3Ax&user=mallory&device=D", "?viewer=%40a%3Ax&user=%40m%3Ax&device=%22%3E"}) {
            HttpResponse<String> r = post("/demo/api/rooms/!nope:x/phantom" + query);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(r.body()).doesNotContain("<script>").doesNotContain("Exception");
        }
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDemoIndexAnswersWithAndWithoutTheTrailingSlash() throws Exception {
        start(ServerConfig.defaults());
        for (String path : List.of("/demo/", "/demo")) {
            HttpResponse<String> index = get(path);
            assertThat(index.statusCode()).as(path).isEqualTo(200);
            assertThat(index.body()).contains("Join as Alice").contains("Join as Bob (embedded)");
        }
    }

    @Test
    void theDemoHomeserverServesItsMembersGeneratedAvatarsAndNothingElse() throws Exception {
        start(ServerConfig.defaults());
        HttpResponse<String> avatar = get("/demo/api/media/conclave.local/avatar-alice");
        assertThat(avatar.statusCode()).isEqualTo(200);
        assertThat(avatar.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(avatar.body()).startsWith("<svg").contains(">A</text>").doesNotContain("<script");
        for (String bad : List.of("/demo/api/media/conclave.local/other", "/demo/api/media/conclave.local/avatar-%3Cscript%3E",
                "/demo/api/media/%3Cx%3E/avatar-a", "/demo/api/media/conclave.local/avatar-")) {
            HttpResponse<String> refused = get(bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(404);
            assertThat(refused.body()).doesNotContain("<script").doesNotContain("Exception");
        }
    }

    @Test
    void theDemoHostPassesOnALanguageTagAndAFontScaleAndNothingElse() throws Exception {
        start(ServerConfig.defaults());
        assertThat(get("/demo/host?user=bob&lang=de-AT&fontScale=1.25").body())
                .contains("data-lang=\"de-AT\"").contains("data-font-scale=\"1.25\"");
        HttpResponse<String> hostile = get("/demo/host?user=bob&lang=%22%3E%3Cscript%3E&fontScale=1e9");
        assertThat(hostile.statusCode()).isEqualTo(200);
        assertThat(hostile.body()).contains("data-lang=\"en\"").contains("data-font-scale=\"1\"").doesNotContain("<script>");
    }

    @Test
    void theDemoHostCanEmbedTheEmbeddedDistributionOnItsOwnOrigin() throws Exception {
        start(ServerConfig.defaults());
        HttpResponse<String> host = get("/demo/host?user=bob&widget=embedded");
        assertThat(host.statusCode()).isEqualTo(200);
        assertThat(host.body()).contains("data-widget-url=\"/widgets/element-call/index.html\"");
        assertThat(host.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("'self'");
    }

    @Test
    void theDemoHostOnARealHomeserverMayReachItAndOnlyIt() throws Exception {
        start(ServerConfig.defaults());
        HttpResponse<String> host = get("/demo/host?user=%40alice%3Asynapse.test&device=ABC&room=%21AbCdEf-_12"
                + "&homeserver=http%3A%2F%2F127.0.0.1%3A8448");
        assertThat(host.statusCode()).isEqualTo(200);
        assertThat(host.body()).contains("data-homeserver=\"http://127.0.0.1:8448\"").contains("type=\"module\"")
                .contains("Development demo host on http://127.0.0.1:8448");
        String csp = host.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("connect-src 'self' https: wss: http://127.0.0.1:8448;")
                .contains("script-src 'self' 'wasm-unsafe-eval';");
        // Without one, the in-memory room: no WebAssembly, nothing else to reach.
        HttpResponse<String> demo = get("/demo/host?user=alice");
        assertThat(demo.body()).doesNotContain("data-homeserver");
        assertThat(demo.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self';")
                .doesNotContain("8448");
        // The crypto's WebAssembly is served as such (instantiateStreaming needs the type).
        HttpResponse<String> wasm = get("/demo/matrix_sdk_crypto_wasm_bg.wasm");
        assertThat(wasm.statusCode()).isEqualTo(200);
        assertThat(wasm.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/wasm");
        for (String bad : List.of("javascript%3Aalert(1)", "http%3A%2F%2Fh%2Fpath", "http%3A%2F%2Fu%40h", "ftp%3A%2F%2Fh",
                "http%3A%2F%2Fh%3Fq", "%22%3E%3Cscript%3E", "http%3A%2F%2F")) {
            HttpResponse<String> refused = get("/demo/host?user=alice&homeserver=" + bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).doesNotContain("<script>").doesNotContain("Exception");
        }
    }

    @Test
    void addingDemoMembersNeedsACountInRange() throws Exception {
        start(ServerConfig.defaults());
        assertThat(post("/demo/api/rooms/!big:conclave.local/members?count=3").statusCode()).isEqualTo(204);
        for (String bad : List.of("count=0", "count=50001", "count=x", "")) {
            HttpResponse<String> refused = post("/demo/api/rooms/!big:conclave.local/members?" + bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).doesNotContain("Exception");
        }
        assertThat(post("/demo/api/rooms/nope/members?count=3").statusCode()).isEqualTo(400);
        assertThat(get("/demo/api/rooms/!big:conclave.local/state").body()).contains("@member2:conclave.local")
                .doesNotContain("@member3:conclave.local");
    }

    @Test
    void theDemoCanBeSwitchedOff() throws Exception {
        start(ServerConfig.defaults().withDemo(false));
        assertThat(get("/demo/").statusCode()).isEqualTo(404);
        assertThat(get("/demo/host?user=alice").statusCode()).isEqualTo(404);
        assertThat(get("/").headers().firstValue("Content-Security-Policy").orElseThrow()).endsWith("frame-ancestors 'self'");
    }

    @Test
    void theDemoHostPageEmbedsTheWidgetFromAnotherOrigin() throws Exception {
        start(ServerConfig.defaults());
        HttpResponse<String> host = get("/demo/host?user=bob");
        assertThat(host.statusCode()).isEqualTo(200);
        assertThat(host.body()).contains("data-widget-url=\"http://127.0.0.1:" + app.port() + "/\"")
                .contains("@bob:conclave.local").contains("Development demo");
        String csp = host.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-src http://127.0.0.1:" + app.port());
        assertThat(host.headers().firstValue("Permissions-Policy").orElseThrow())
                .contains("camera=(self \"http://127.0.0.1:" + app.port() + "\")");
    }

    @Test
    void theDemoHostCanOpenElementCallWhenTheServerWasGivenOne() throws Exception {
        start(ServerConfig.defaults());
        HttpResponse<String> none = get("/demo/host?user=bob&widget=element-call");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("CONCLAVE_DEMO_ELEMENT_CALL_URL");
        assertThat(get("/demo/host?user=bob&widget=%22%3E").statusCode()).isEqualTo(400);
        assertThat(get("/demo/host?user=bob&widget=standalone").statusCode()).isEqualTo(200);
        app.stop();

        start(ServerConfig.defaults().withDemoElementCall(URI.create("http://127.0.0.1:9999/ec/index.html")));
        HttpResponse<String> host = get("/demo/host?user=bob&widget=element-call");
        assertThat(host.statusCode()).isEqualTo(200);
        assertThat(host.body()).contains("data-widget-url=\"http://127.0.0.1:9999/ec/index.html\"")
                .contains("data-widget-kind=\"element-call\"");
        assertThat(host.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-src http://127.0.0.1:9999");
        assertThat(host.headers().firstValue("Permissions-Policy").orElseThrow())
                .contains("camera=(self \"http://127.0.0.1:9999\")");
    }

    @Test
    void theDemoHomeserverAnswersWhatACallWidgetAsksItOverHttp() throws Exception {
        start(ServerConfig.defaults());
        HttpResponse<String> versions = get("/_matrix/client/versions");
        assertThat(versions.statusCode()).isEqualTo(200);
        assertThat(versions.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(versions.body()).contains("\"v1.12\"").contains("org.matrix.msc4140");
        HttpResponse<String> delegation = post("/_matrix/client/unstable/io.element.msc4195/rtc/livekit/delegate_delayed_leave");
        assertThat(delegation.statusCode()).isEqualTo(404);
        assertThat(delegation.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(delegation.body()).contains("M_UNRECOGNIZED");
        HttpResponse<String> wellKnown = get("/.well-known/matrix/client");
        assertThat(wellKnown.statusCode()).isEqualTo(200);
        assertThat(wellKnown.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(wellKnown.body()).contains("\"base_url\":\"http://127.0.0.1:" + app.port() + "\"")
                .contains("\"org.matrix.msc4143.rtc_foci\":[]");
    }
}
