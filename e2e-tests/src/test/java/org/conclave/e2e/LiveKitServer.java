package org.conclave.e2e;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real LiveKit server for the tests: the Go program {@code livekit-server} (installed by the
 * test command with {@code go install}), started on free loopback ports with a configuration and
 * an API key pair generated per run, ICE on loopback only (LiveKit's own IP discovery skips
 * loopback interfaces, and no external-IP or STUN lookups are made), stopped by its own process.
 */
public final class LiveKitServer implements AutoCloseable {
    /** The version the test command installs. */
    static final String MODULE = "github.com/livekit/livekit-server/cmd/server@v1.13.5";

    public final int port;
    public final String apiKey;
    public final String apiSecret;
    /**
     * The UDP ports this server's media uses: a client's remote candidate port tells which node
     * carries it. No two servers of this JVM have overlapping ranges: a port in two nodes' ranges
     * named the first of them, and the cluster journey took a room carried by one node for one
     * split across both (two flakes, ~2% of runs).
     */
    public final int udpStart;
    public final int udpEnd;
    /** The media port blocks this JVM's live servers hold (udpStart = 40000 + block * 256). */
    private static final Set<Integer> UDP_BLOCKS = ConcurrentHashMap.newKeySet();
    private static final int UDP_BLOCK = 256;
    private final int udpBlock;
    private final Path binary;
    private final Path config;
    private Process process;
    private final Path dir;

    private LiveKitServer(Path binary) throws Exception {
        this(binary, "conclave" + HexFormat.of().formatHex(RigProcesses.random(4)), HexFormat.of().formatHex(RigProcesses.random(32)), null);
    }

    /** A server with the given key pair; with {@code redis} ({@code host:port}), a node of that cluster. */
    private LiveKitServer(Path binary, String apiKey, String apiSecret, String redis) throws Exception {
        this.binary = binary;
        this.port = RigProcesses.freePort();
        int rtcTcp = RigProcesses.freePort();
        this.udpBlock = takeUdpBlock();
        this.udpStart = 40_000 + udpBlock * UDP_BLOCK;
        this.udpEnd = udpStart + 200;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.dir = Files.createTempDirectory("conclave-livekit");
        this.config = dir.resolve("livekit.yaml");
        Files.writeString(config, String.join("\n",
                "port: " + port,
                "bind_addresses: [\"127.0.0.1\"]",
                "rtc:",
                "  tcp_port: " + rtcTcp,
                "  port_range_start: " + udpStart,
                "  port_range_end: " + udpEnd,
                "  use_external_ip: false",
                "  enable_loopback_candidate: true",
                "  node_ip: 127.0.0.1",
                // Candidates on loopback only: this machine's other addresses (an IPv6 one among
                // them) are never offered, so no media leaves 127.0.0.0/8.
                "  ips:",
                "    includes: [\"127.0.0.1/32\"]",
                "  stun_servers: []",
                "keys:",
                "  " + apiKey + ": " + apiSecret,
                "logging:",
                // -Dconclave.livekit.log=debug shows LiveKit's key frame requests and forwarding, per
                // subscriber (how SfuJoinPhases' slow joins were explained).
                "  level: " + System.getProperty("conclave.livekit.log", "warn"),
                redis == null ? "" : "redis:\n  address: " + redis,
                ""), StandardCharsets.UTF_8);
        launch();
    }

    private void launch() throws Exception {
        this.process = new ProcessBuilder(binary.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("livekit.log").toFile()))
                .start();
        awaitHttp();
    }

    /** Kills the server (its rooms and connections are gone) and starts it again on the same ports and keys. */
    public void restart() throws Exception {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        launch();
    }

    /** Starts a LiveKit server; fails with the install line when there is none. */
    public static LiveKitServer start() throws Exception {
        return new LiveKitServer(requireBinary());
    }

    /** Starts a node of a cluster sharing {@code redis} ({@code host:port}) and the key pair. */
    public static LiveKitServer startNode(String redis, String apiKey, String apiSecret) throws Exception {
        return new LiveKitServer(requireBinary(), apiKey, apiSecret, redis);
    }

    private static Path requireBinary() {
        return binary().orElseThrow(() -> new IllegalStateException("No LiveKit server: install it with"
                + " 'go install " + MODULE + "' (the README's test command does), or set CONCLAVE_LIVEKIT_SERVER"));
    }

    /** A random block of media ports no other live server of this JVM holds. */
    private static int takeUdpBlock() {
        SecureRandom random = new SecureRandom();
        while (true) {
            int block = random.nextInt(20_000 / UDP_BLOCK);
            if (UDP_BLOCKS.add(block)) {
                return block;
            }
        }
    }

    /** Whether {@code port} is one of this server's media ports. */
    public boolean carries(int mediaPort) {
        return mediaPort >= udpStart && mediaPort <= udpEnd;
    }

    /** Kills the server as a crashed node dies: no goodbye to its clients or the cluster. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** {@code CONCLAVE_LIVEKIT_SERVER}, else {@code livekit-server} on the PATH, else {@code $(go env GOPATH)/bin/server}. */
    static Optional<Path> binary() {
        String configured = System.getenv("CONCLAVE_LIVEKIT_SERVER");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dirName, "livekit-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        String gopath = System.getenv("GOPATH");
        Path goBin = Path.of(gopath != null && !gopath.isBlank() ? gopath : System.getProperty("user.home") + "/go", "bin", "server");
        return Files.isExecutable(goBin) ? Optional.of(goBin) : Optional.empty();
    }

    /**
     * Who is in LiveKit room {@code room} on this server, and how many tracks each publishes
     * there (LiveKit's own room service, asked with an admin token of this server's key).
     */
    public Map<String, Integer> publishedTracks(String room) throws Exception {
        Instant now = Instant.now();
        String jwt = com.auth0.jwt.JWT.create().withIssuer(apiKey).withNotBefore(now).withExpiresAt(now.plusSeconds(60))
                .withClaim("video", Map.of("roomAdmin", true, "room", room))
                .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256(apiSecret));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/twirp/livekit.RoomService/ListParticipants"))
                .header("Authorization", "Bearer " + jwt).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"room\":\"" + room + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("ListParticipants answered " + r.statusCode() + ": " + r.body());
        }
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (com.fasterxml.jackson.databind.JsonNode p : new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body())
                .path("participants")) {
            out.put(p.path("identity").asText(), p.path("tracks").size());
        }
        return out;
    }

    /** {@code ws://127.0.0.1:port}, the URL clients connect to. */
    public String url() {
        return "ws://127.0.0.1:" + port;
    }

    /** What the server has written to its log so far (at the level {@code conclave.livekit.log} set). */
    public String log() {
        try {
            return Files.readString(dir.resolve("livekit.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitHttp() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("LiveKit exited with " + process.exitValue() + ": " + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("LiveKit did not answer within 30 s: " + log());
    }

    @Override
    public void close() {
        RigProcesses.stop(process);
        UDP_BLOCKS.remove(udpBlock);
    }
}
