package org.conclave.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real Synapse for the journeys: {@code matrix-synapse} from PyPI in the virtual environment
 * {@code tools/ensure-synapse.sh} installs (pinned in {@code synapse/requirements.txt}), started
 * once per test run on free loopback ports with a generated configuration: SQLite, registration by
 * shared secret only, delayed events (MSC4140), the federation OpenID resource on a loopback
 * listener of its own (for the token service), no outbound federation. Stopped by its own process
 * when the tests end; its log stays in {@code target/synapse/} for failures.
 */
public final class SynapseServer implements AutoCloseable {
    /** The homeserver's name: users are {@code @name:synapse.test}. */
    public static final String SERVER_NAME = "synapse.test";
    /** How long a delayed leave may be: as matrix.org allows. */
    static final String MAX_EVENT_DELAY = "24h";

    /** The TURN server this homeserver hands its clients (nothing listens there). */
    static final String TURN_URI = "turn:127.0.0.1:9?transport=udp";

    private static SynapseServer shared;

    public final int port;
    public final int federationPort;
    private final Path dir;
    private final String registrationSecret;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final AtomicLong txn = new AtomicLong();

    /** A logged-in device: what a client holds after {@code /login}. */
    public record Session(String userId, String deviceId, String accessToken) {
        @Override
        public String toString() {
            return userId + ":" + deviceId; // never the token
        }
    }

    /** The run's Synapse, started on first use and stopped when the JVM ends. */
    public static synchronized SynapseServer shared() throws Exception {
        if (shared == null) {
            shared = new SynapseServer();
            SynapseServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return shared;
    }

    private SynapseServer() throws Exception {
        Path python = venv().resolve("bin/python");
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException("No Synapse at " + venv() + ": install it with 'bash e2e-tests/tools/ensure-synapse.sh'"
                    + " (the README's test command does), or set CONCLAVE_SYNAPSE_VENV to a virtual environment that has it");
        }
        port = RigProcesses.freePort();
        federationPort = RigProcesses.freePort();
        Path target = Files.isDirectory(Path.of("synapse")) ? Path.of("target") : Path.of("e2e-tests", "target");
        dir = Files.createDirectories(target.resolve("synapse").resolve("run-" + ProcessHandle.current().pid())).toAbsolutePath();
        registrationSecret = HexFormat.of().formatHex(RigProcesses.random(32));
        Path config = dir.resolve("homeserver.yaml");
        Files.writeString(dir.resolve("log.yaml"), String.join("\n",
                "version: 1",
                "formatters:",
                "  precise:",
                "    format: '%(asctime)s %(name)s %(lineno)d %(levelname)s %(request)s %(message)s'",
                "handlers:",
                "  file:",
                "    class: logging.FileHandler",
                "    formatter: precise",
                "    filename: " + dir.resolve("homeserver.log"),
                "    filters: [context]",
                "filters:",
                "  context:",
                "    (): synapse.logging.context.LoggingContextFilter",
                "    request: ''",
                "loggers:",
                "  synapse.storage.SQL:",
                "    level: WARNING",
                "  synapse.access.http:",
                "    level: INFO",
                "root:",
                "  level: INFO",
                "  handlers: [file]",
                "disable_existing_loggers: false",
                ""), StandardCharsets.UTF_8);
        Files.writeString(config, String.join("\n",
                "server_name: " + SERVER_NAME,
                "public_baseurl: http://127.0.0.1:" + port + "/",
                "pid_file: " + dir.resolve("homeserver.pid"),
                "signing_key_path: " + dir.resolve("signing.key"),
                "media_store_path: " + dir.resolve("media"),
                "log_config: " + dir.resolve("log.yaml"),
                "report_stats: false",
                "enable_metrics: false",
                "suppress_key_server_warning: true",
                "trusted_key_servers: []",
                // No outbound federation: this homeserver talks to nobody.
                "federation_domain_whitelist: []",
                "listeners:",
                "  - port: " + port,
                "    bind_addresses: ['127.0.0.1']",
                "    type: http",
                "    tls: false",
                "    x_forwarded: false",
                "    resources:",
                "      - names: [client]",
                "        compress: false",
                // The federation OpenID user info alone, for the SFU token service.
                "  - port: " + federationPort,
                "    bind_addresses: ['127.0.0.1']",
                "    type: http",
                "    tls: false",
                "    resources:",
                "      - names: [openid]",
                "        compress: false",
                "database:",
                "  name: sqlite3",
                "  args:",
                "    database: " + dir.resolve("homeserver.db"),
                "enable_registration: false",
                "registration_shared_secret: " + registrationSecret,
                "max_event_delay_duration: " + MAX_EVENT_DELAY,
                // MSC4143's /rtc/transports answers (with none: the SFU journeys' widget server
                // advertises its SFU in config.json, the widget's second place to look).
                "experimental_features:",
                "  msc4143_enabled: true",
                "url_preview_enabled: false",
                // TURN credentials for the clients' /voip/turnServer, for a server nobody runs:
                // calls still connect over loopback host candidates.
                "turn_uris: ['" + TURN_URI + "']",
                "turn_shared_secret: " + HexFormat.of().formatHex(RigProcesses.random(16)),
                "turn_user_lifetime: 1h",
                "presence:",
                "  enabled: false",
                // The rig logs in a device per participant and makes a room per journey from one
                // address, far more than a person would; what the clients do in a call keeps
                // Synapse's defaults (messages, to-device, delayed-event updates).
                "rc_login:",
                "  address: {per_second: 1000, burst_count: 1000}",
                "  account: {per_second: 1000, burst_count: 1000}",
                "  failed_attempts: {per_second: 1000, burst_count: 1000}",
                "rc_registration: {per_second: 1000, burst_count: 1000}",
                "rc_room_creation: {per_second: 1000, burst_count: 1000}",
                "rc_joins:",
                "  local: {per_second: 1000, burst_count: 1000}",
                "  remote: {per_second: 1000, burst_count: 1000}",
                "rc_invites:",
                "  per_room: {per_second: 1000, burst_count: 1000}",
                "  per_user: {per_second: 1000, burst_count: 1000}",
                ""), StandardCharsets.UTF_8);
        run(python, "-m", "synapse.app.homeserver", "--config-path", config.toString(), "--generate-keys");
        process = new ProcessBuilder(python.toString(), "-m", "synapse.app.homeserver", "--config-path", config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                .start();
        awaitVersions();
    }

    /** {@code CONCLAVE_SYNAPSE_VENV}, else where {@code tools/ensure-synapse.sh} installs it. */
    static Path venv() throws Exception {
        String configured = System.getenv("CONCLAVE_SYNAPSE_VENV");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // From e2e-tests (the tests) or from the checkout's root (the benchmarks under exec:java).
        Path file = Path.of("synapse", "requirements.txt");
        if (!Files.exists(file)) {
            file = Path.of("e2e-tests", "synapse", "requirements.txt");
        }
        byte[] requirements = Files.readAllBytes(file);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(requirements)).substring(0, 12);
        return Path.of(System.getProperty("user.home"), ".cache", "conclave", "synapse-" + digest);
    }

    /** {@code http://127.0.0.1:port}: the client-server API. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:federationPort}: where {@code /_matrix/federation/v1/openid/userinfo} answers. */
    public String federationUrl() {
        return "http://127.0.0.1:" + federationPort;
    }

    /** {@code @localpart:synapse.test}. */
    public static String userId(String localpart) {
        return "@" + localpart + ":" + SERVER_NAME;
    }

    /**
     * A new device of {@code localpart} (registered by shared secret on first use), as a client's
     * password login makes one.
     */
    public Session login(String localpart) throws Exception {
        String password = passwords.get(localpart);
        if (password == null) {
            password = register(localpart);
        }
        ObjectNode body = json.createObjectNode();
        body.put("type", "m.login.password");
        body.putObject("identifier").put("type", "m.id.user").put("user", localpart);
        body.put("password", password);
        body.put("initial_device_display_name", "Conclave journey");
        JsonNode r = call("POST", "/_matrix/client/v3/login", null, body);
        return new Session(r.path("user_id").asText(), r.path("device_id").asText(), r.path("access_token").asText());
    }

    private synchronized String register(String localpart) throws Exception {
        String existing = passwords.get(localpart);
        if (existing != null) {
            return existing;
        }
        String password = HexFormat.of().formatHex(RigProcesses.random(16));
        String nonce = call("GET", "/_synapse/admin/v1/register", null, null).path("nonce").asText();
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(registrationSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        mac.update((nonce + "\0" + localpart + "\0" + password + "\0notadmin").getBytes(StandardCharsets.UTF_8));
        ObjectNode body = json.createObjectNode();
        body.put("nonce", nonce);
        body.put("username", localpart);
        body.put("displayname", Character.toUpperCase(localpart.charAt(0)) + localpart.substring(1));
        body.put("password", password);
        body.put("admin", false);
        body.put("mac", HexFormat.of().formatHex(mac.doFinal()));
        call("POST", "/_synapse/admin/v1/register", null, body);
        passwords.put(localpart, password);
        return password;
    }

    /**
     * A new end-to-end-encrypted room made by {@code creator}, whose members may post their call
     * membership (as Element Web makes call rooms), with {@code others} invited and joined.
     */
    public String roomWith(Session creator, List<Session> others) throws Exception {
        ObjectNode body = json.createObjectNode();
        body.put("preset", "private_chat");
        body.put("name", "Conclave journey");
        others.forEach(o -> body.withArray("invite").add(o.userId()));
        body.withArray("initial_state").addObject().put("type", "m.room.encryption").put("state_key", "")
                .putObject("content").put("algorithm", "m.megolm.v1.aes-sha2");
        ObjectNode events = body.putObject("power_level_content_override").putObject("events");
        events.put("org.matrix.msc3401.call.member", 0);
        events.put("m.call.member", 0);
        String roomId = call("POST", "/_matrix/client/v3/createRoom", creator, body).path("room_id").asText();
        for (Session other : others) {
            join(other, roomId);
        }
        return roomId;
    }

    /** {@code session} joins {@code roomId} (after an invite). */
    public void join(Session session, String roomId) throws Exception {
        call("POST", "/_matrix/client/v3/join/" + URLEncoder.encode(roomId, StandardCharsets.UTF_8), session, json.createObjectNode());
    }

    /** Sends a to-device message as {@code from}, in the clear, to one device. */
    public void sendToDeviceInClear(Session from, String type, String userId, String deviceId, JsonNode content) throws Exception {
        ObjectNode body = json.createObjectNode();
        body.putObject("messages").putObject(userId).set(deviceId, content);
        call("PUT", "/_matrix/client/v3/sendToDevice/" + URLEncoder.encode(type, StandardCharsets.UTF_8) + "/conclave"
                + txn.incrementAndGet(), from, body);
    }

    /** An OpenID token of {@code session}'s user, as {@code /openid/request_token} issues it. */
    public JsonNode openIdToken(Session session) throws Exception {
        return call("POST", "/_matrix/client/v3/user/" + URLEncoder.encode(session.userId(), StandardCharsets.UTF_8)
                + "/openid/request_token", session, json.createObjectNode());
    }

    /**
     * Asks Synapse, without an access token (MSC4140 lets anyone holding a delay id manage it, as
     * matrix-js-sdk does), to restart the delayed event {@code delayId}; returns the HTTP status
     * (404 for an unknown id, 429 when this address's delayed-event management is rate-limited:
     * Synapse counts the request before it looks the id up).
     */
    public int restartDelayedEvent(String delayId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/_matrix/client/unstable/org.matrix.msc4140/delayed_events/"
                        + URLEncoder.encode(delayId, StandardCharsets.UTF_8) + "/restart"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The delayed events {@code session}'s user has scheduled (all its devices). */
    public JsonNode delayedEvents(Session session) throws Exception {
        return call("GET", "/_matrix/client/unstable/org.matrix.msc4140/delayed_events", session, null).path("delayed_events");
    }

    /**
     * Makes an OpenID token Synapse issued an hour old: its lifetime (1 h) is fixed in Synapse, so
     * the rig moves the token's expiry into the past in Synapse's own database (which Synapse reads
     * on every check) rather than wait.
     */
    public void expireOpenIdToken(String token) throws Exception {
        Process p = new ProcessBuilder(venv().resolve("bin/python").toString(), "-c",
                "import sqlite3, sys; db = sqlite3.connect(sys.argv[1], timeout=30);"
                        + " n = db.execute('UPDATE open_id_tokens SET ts_valid_until_ms = 1 WHERE token = ?',"
                        + " (sys.stdin.read(),)).rowcount; db.commit(); sys.exit(0 if n == 1 else 3)",
                dir.resolve("homeserver.db").toString()).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(token.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("could not expire the OpenID token: " + new String(p.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    /** The room's current state events. */
    public JsonNode state(Session session, String roomId) throws Exception {
        return call("GET", "/_matrix/client/v3/rooms/" + URLEncoder.encode(roomId, StandardCharsets.UTF_8) + "/state", session, null);
    }

    private JsonNode call(String method, String path, Session session, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        request.header("Content-Type", "application/json");
        if (session != null) {
            request.header("Authorization", "Bearer " + session.accessToken());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Synapse answered " + method + " " + path.replaceAll("\\?.*", "") + " with "
                    + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private void awaitVersions() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Synapse exited with " + process.exitValue() + ": " + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/_matrix/client/versions")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("Synapse did not answer within 60 s: " + log());
    }

    private void run(Path python, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(python.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("Synapse " + String.join(" ", args) + " failed: " + log());
        }
    }

    /** The end of Synapse's log (kept in {@code target/synapse/}). */
    String log() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("stdout.log", "homeserver.log")) {
            try {
                String text = Files.readString(dir.resolve(name));
                out.append("\n--- ").append(name).append(" ---\n").append(text.substring(Math.max(0, text.length() - 4000)));
            } catch (IOException e) {
                // not written yet
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        RigProcesses.stop(process);
    }
}
