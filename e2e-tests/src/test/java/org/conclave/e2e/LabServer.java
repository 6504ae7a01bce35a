package org.conclave.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Serves widget-client's development lab ({@code lab/} on the classpath: the TeaVM-compiled SFrame
 * worker and its page) on 127.0.0.1, port 0, and opens it in a page whose {@code lab.run(request)}
 * talks to the worker. The widget server does not serve these files; only tests and benchmarks do.
 */
public final class LabServer implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of(
            "lab.html", "text/html; charset=utf-8",
            "lab-page.js", "text/javascript",
            "lab-boot.js", "text/javascript",
            "lab-worker.js", "text/javascript");

    private final HttpServer server;
    private final BrowserContext context;
    private final Page page;

    public LabServer(Browser browser) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.start();
        context = browser.newContext();
        page = context.newPage();
        page.navigate("http://127.0.0.1:" + server.getAddress().getPort() + "/lab.html");
        page.waitForFunction("() => typeof window.lab === 'object'");
    }

    /** Sends {@code request} to the lab worker and returns its JSON reply as text. */
    public String run(Map<String, Object> request) {
        return (String) page.evaluate("request => window.lab.run(request).then(reply => JSON.stringify(reply))",
                request);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(1);
        String type = TYPES.get(name);
        try (InputStream in = type == null ? null : LabServer.class.getResourceAsStream("/lab/" + name)) {
            if (in == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        context.close();
        server.stop(0);
    }
}
