package org.conclave.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Element Call's published embedded widget ({@code @element-hq/element-call-embedded}, installed
 * from npm by {@code tools/ensure-element-call.sh}) served as it is, on an origin of its own
 * (127.0.0.1, a free port), with a {@code config.json} that points Element Call at Conclave's
 * token service, as an admin of a mixed deployment writes it.
 */
public final class ElementCallSite implements AutoCloseable {
    static final Path DIST = distribution();
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript"),
            Map.entry("mjs", "text/javascript"),
            Map.entry("css", "text/css"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("tflite", "application/octet-stream"),
            Map.entry("binarypb", "application/octet-stream"));

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private volatile byte[] config = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** Where npm put it: under e2e-tests, the tests' working directory, or the benchmarks' (the repository). */
    private static Path distribution() {
        Path here = Path.of("element-call/node_modules/@element-hq/element-call-embedded/dist");
        Path fromRoot = Path.of("e2e-tests").resolve(here);
        return (Files.isDirectory(here) || !Files.isDirectory(fromRoot) ? here : fromRoot).toAbsolutePath().normalize();
    }

    /** Serves Element Call; {@link #useTokenService} gives its config the token service. */
    public ElementCallSite() {
        if (!Files.isRegularFile(DIST.resolve("index.html"))) {
            throw new IllegalStateException("Element Call's embedded widget is not installed at " + DIST
                    + ": run e2e-tests/tools/ensure-element-call.sh (the test command does)");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Points Element Call's {@code config.json} at {@code livekitServiceUrl} (Conclave's token service). */
    void useTokenService(String livekitServiceUrl) {
        try {
            config = new ObjectMapper().writeValueAsBytes(Map.of(
                    "livekit", Map.of("livekit_service_url", livekitServiceUrl),
                    "matrix_rtc_session", Map.of("wait_for_key_rotation_ms", 5000)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Element Call's widget page, as an admin gives it to Element Web ({@code …/index.html}). */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/index.html");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            String type;
            if (path.equals("/config.json")) {
                body = config;
                type = "application/json";
            } else {
                Path file = DIST.resolve(path.substring(1)).normalize();
                if (path.equals("/") || !file.startsWith(DIST) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String name = file.getFileName().toString();
                String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                type = TYPES.getOrDefault(ext, "application/octet-stream");
                body = Files.readAllBytes(file);
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

}
