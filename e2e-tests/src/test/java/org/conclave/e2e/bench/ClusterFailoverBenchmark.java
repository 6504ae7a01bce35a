package org.conclave.e2e.bench;

import static org.conclave.e2e.bench.BenchPages.median;
import static org.conclave.e2e.bench.BenchPages.widget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conclave.e2e.Chromium;
import org.conclave.e2e.LiveKitCluster;
import org.conclave.e2e.LiveKitServer;
import org.conclave.server.WidgetServer;
import org.conclave.server.config.LiveKitConfig;
import org.conclave.server.config.Secret;
import org.conclave.server.config.ServerConfig;

/**
 * Node failure in a two-node LiveKit cluster (real nodes, real Redis, one URL): Alice and Bob in an
 * encrypted SFU call that has run for 8 s; the node carrying the room is killed. Per run, from the
 * kill: when Alice's widget sees the SFU connection go, when the surviving node took the room (its
 * log, at info level), when Alice is connected again (LiveKit's reconnect; that and the loss from
 * the once-a-second diagnostics), and when Bob's video element on Alice's screen presents a frame
 * again after the pause (the whole gap, to 20 ms, from the page); the killed node comes back for
 * the next run. Prints medians and the reconnect's share of the gap;
 * {@code -Dconclave.bench.verbose=true} adds both pages' warnings, each video receiver's first
 * packets, frames, key frames and key frame requests, and the video element's state. Run in the
 * tests' loopback namespace:
 * {@code mvn -B -q install -DskipTests && e2e-tests/tools/loopback/run mvn -B -q -o -pl e2e-tests
 * test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.conclave.e2e.bench.ClusterFailoverBenchmark}
 */
public final class ClusterFailoverBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterFailoverBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (System.getProperty("conclave.livekit.log") == null) {
            System.setProperty("conclave.livekit.log", "info"); // for when the room moved (roomMovedAfter)
        }
        try (LiveKitCluster cluster = LiveKitCluster.start()) {
            LiveKitConfig config = new LiveKitConfig(URI.create(cluster.url()), cluster.apiKey, new Secret(cluster.apiSecret),
                    List.of("conclave.local"), "/livekit/jwt", Map.of());
            Javalin server = WidgetServer.create(ServerConfig.defaults().withPort(0).withDemo(true).withLiveKit(config)).start();
            List<Double> lost = new ArrayList<>();
            List<Double> reconnected = new ArrayList<>();
            List<Double> decoding = new ArrayList<>();
            List<Double> moved = new ArrayList<>();
            List<Double> afterMove = new ArrayList<>();
            try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
                for (int i = 0; i < runs; i++) {
                    double[] t;
                    try {
                        t = failover(browser, server.port(), cluster, i);
                    } catch (IllegalStateException e) {
                        System.out.printf("run %d: %s%n", i + 1, e.getMessage());
                        continue;
                    }
                    lost.add(t[0]);
                    reconnected.add(t[1]);
                    decoding.add(t[2]);
                    if (!Double.isNaN(t[3])) {
                        moved.add(t[3]);
                        afterMove.add(t[2] - t[3]);
                    }
                    System.out.printf("run %d: SFU connection seen lost %.1f s, room moved to the other node %.2f s,"
                            + " connected again %.1f s, Bob's video decoded again %.2f s after the kill%n",
                            i + 1, t[0], t[3], t[1], t[2]);
                }
            } finally {
                server.stop();
            }
            System.out.printf("node failure -> first decoded frame again: median %.1f s (target 5 s); of which the SFU"
                    + " connection seen lost after %.1f s and LiveKit's reconnect done after %.1f s (%.0f%% of the gap)"
                    + " (%d runs that came back, of %d)%n", median(decoding), median(lost), median(reconnected),
                    100 * median(reconnected) / median(decoding), decoding.size(), runs);
            if (!moved.isEmpty()) {
                System.out.printf("the room moved to the surviving node after a median %.2f s (LiveKit's detection, and"
                        + " the first attempt that reached it); first frame again a median %.2f s after that%n",
                        median(moved), median(afterMove));
            }
        }
    }

    /** {lost, reconnected, decoding, room moved} in seconds after the kill. */
    private static double[] failover(Browser browser, int port, LiveKitCluster cluster, int run) throws Exception {
        String room = URLEncoder.encode("!failover" + run + Long.toHexString(System.nanoTime()) + ":conclave.local", StandardCharsets.UTF_8);
        List<BrowserContext> contexts = new ArrayList<>();
        try {
            Page alice = open(browser, contexts, port, "alice", room);

            Page bob = open(browser, contexts, port, "bob", room);
            join(alice);
            join(bob);
            long joined = System.nanoTime();
            CONSOLE.clear();
            waitUntil(60, () -> decoded(alice) > 40 && node(alice, cluster) != null);
            // A node fails in a call that has been running, not in its first seconds: by then the
            // signalling has measured its round trip (LiveKit's first ping is 5 s in), which sets
            // how long each reconnect attempt may take.
            long running = (System.nanoTime() - joined) / 1_000_000;
            if (running < CALL_RUNNING_MS) {
                Thread.sleep(CALL_RUNNING_MS - running);
            }
            LiveKitServer hosting = node(alice, cluster);
            watchFrames(alice);
            long killed = System.nanoTime();
            long killedWall = System.currentTimeMillis();
            hosting.kill();
            double lostAt = Double.NaN;
            double connectedAt = Double.NaN;
            double decodingAt = Double.NaN;
            double bobLostAt = Double.NaN;
            double bobConnectedAt = Double.NaN;
            // Decoding is back at the first frame Bob's video element presents after a pause of a
            // second or more (the page's own record, to the frame). A reconnect can be too quick
            // for the once-a-second diagnostics to show, so the states are not waited for.
            while ((System.nanoTime() - killed) / 1e9 < 90 && Double.isNaN(decodingAt)) {
                double now = (System.nanoTime() - killed) / 1e9;
                String state = state(alice);
                if (Double.isNaN(lostAt) && !"connected".equals(state)) {
                    lostAt = now;
                } else if (!Double.isNaN(lostAt) && Double.isNaN(connectedAt) && "connected".equals(state)) {
                    connectedAt = now;
                }
                String bobState = state(bob);
                if (Double.isNaN(bobLostAt) && !"connected".equals(bobState)) {
                    bobLostAt = now;
                } else if (!Double.isNaN(bobLostAt) && Double.isNaN(bobConnectedAt) && "connected".equals(bobState)) {
                    bobConnectedAt = now;
                }
                decodingAt = resumedAfter(alice, killedWall);
                Thread.sleep(50);
            }
            hosting.restart();
            System.out.printf("  bob: lost %s, connected again %s%n", seconds(bobLostAt), seconds(bobConnectedAt));
            if (Double.isNaN(decodingAt) || VERBOSE) {
                System.out.printf("the kill at %.1f (%s); the pages said:%n", killed / 1e9, Instant.ofEpochMilli(killedWall));
                synchronized (CONSOLE) {
                    CONSOLE.forEach(System.out::println);
                }
                System.out.println("alice's SFU connection: " + diagnostics(alice).path("sfu"));
                System.out.println("bob's SFU connection: " + diagnostics(bob).path("sfu"));
            }
            if (Double.isNaN(decodingAt)) {
                throw new IllegalStateException("the call did not come back within 90 s (lost seen at " + lostAt
                        + " s, connected again at " + connectedAt + " s, state now " + state(alice) + ")");
            }
            if (Double.isNaN(connectedAt) || connectedAt > decodingAt) {
                connectedAt = decodingAt; // the reconnect was quicker than the diagnostics
            }
            if (Double.isNaN(lostAt)) {
                lostAt = connectedAt;
            }
            return new double[] {lostAt, connectedAt, decodingAt, roomMovedAfter(cluster, hosting, killedWall)};
        } finally {
            contexts.forEach(BrowserContext::close);
        }
    }

    /**
     * {@code -Dconclave.bench.verbose=true}: the pages' warnings for every run, not only for a run
     * that did not come back, and what each page's receivers saw of video ({@link BenchPages#VIDEO_PROBE}).
     */
    private static final boolean VERBOSE = Boolean.getBoolean("conclave.bench.verbose");
    /** How long the call has run, at least, when its node is killed. */
    private static final long CALL_RUNNING_MS = 8_000;
    /** What the pages said on their consoles (warnings, errors and the probe). */
    private static final List<String> CONSOLE = java.util.Collections.synchronizedList(new ArrayList<>());


    private static Page open(Browser browser, List<BrowserContext> contexts, int port, String user, String room) {
        BrowserContext context = browser.newContext();
        contexts.add(context);
        if (VERBOSE) {
            context.addInitScript(BenchPages.VIDEO_PROBE);
        }
        context.onConsoleMessage(m -> {
            if (!"log".equals(m.type()) && !"debug".equals(m.type())) {
                String text = org.conclave.e2e.PageWatch.redacted(m.text()); // no tokens in the output
                CONSOLE.add(String.format("%.1f %s %s: %s", System.nanoTime() / 1e9, user, m.type(),
                        text.length() > 300 ? text.substring(0, 300) : text));
            }
        });
        Page page = context.newPage();
        page.navigate("http://localhost:" + port + "/demo/host?user=" + user + "&room=" + room);
        widget(page).locator("[data-testid=lobby][data-connection=ready]").waitFor();
        return page;
    }

    private static void join(Page page) {
        widget(page).locator("[data-testid=join-button]").click();
        widget(page).locator("[data-testid=lobby][data-presence=in]").waitFor();
    }

    private static JsonNode diagnostics(Page page) {
        try {
            return JSON.readTree((String) widget(page).locator("html").evaluate("() => JSON.stringify(window.conclaveDiagnostics || {})"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String state(Page page) {
        return diagnostics(page).path("sfu").path("state").asText("");
    }

    private static LiveKitServer node(Page page, LiveKitCluster cluster) {
        for (JsonNode pair : diagnostics(page).path("sfu").path("pairs")) {
            LiveKitServer node = cluster.nodeCarrying(pair.path("remotePort").asInt());
            if (node != null) {
                return node;
            }
        }
        return null;
    }

    /**
     * Has Alice's page note, every 20 ms, whether Bob's video element presented a new frame, and
     * the wall-clock time of each first frame after a pause of a second or more.
     */
    private static void watchFrames(Page alice) {
        widget(alice).locator("html").evaluate("() => {"
                + " window.conclaveBenchVerbose = " + VERBOSE + ";"
                + " const seen = {element: null, frames: 0, at: Date.now()}; window.benchResumed = [];"
                + " setInterval(() => {"
                + "  const video = document.querySelector('[data-testid=tile][data-self=false][data-screenshare=false] video');"
                + "  if (!video) { return; }"
                + "  const frames = video.getVideoPlaybackQuality().totalVideoFrames;"
                + "  const now = Date.now();"
                // A new element, or the element given a new stream (its count starts again).
                + "  const fresh = video !== seen.element || frames < seen.frames;"
                + "  if (fresh ? frames > 0 : frames > seen.frames) {"
                + "   if (now - seen.at >= 1000) { window.benchResumed.push(now); }"
                + "   seen.at = now;"
                + "  }"
                + "  seen.element = video; seen.frames = frames;"
                + "  if (window.conclaveBenchVerbose) {"
                + "   const stream = video.srcObject;"
                + "   const desc = [video === seen.logged ? 'same element' : 'new element', 'paused ' + video.paused,"
                + "     'ended ' + video.ended, 'readyState ' + video.readyState, 'stream ' + (stream ? stream.id.substring(0, 8) + (stream.active ? ' active' : ' inactive') : 'none'),"
                + "     'tracks ' + (stream ? stream.getTracks().map((t) => t.kind + ':' + t.id.substring(0, 8) + ':' + t.readyState + (t.muted ? ':muted' : '')).join(',') : '')].join('; ');"
                + "   if (desc !== seen.desc) { console.info('[probe] video element: ' + desc + '; frames ' + frames); seen.desc = desc; seen.logged = video; }"
                + "  }"
                + " }, 20); }");
    }

    /**
     * Seconds from {@code sinceWall} to the moment a surviving node took the room (its log's
     * "selected node for room", logged when the first join after LiveKit took the dead node for
     * dead reached it), or NaN when no node said so (a log level above info).
     */
    private static double roomMovedAfter(LiveKitCluster cluster, LiveKitServer killed, long sinceWall) {
        double first = Double.NaN;
        for (LiveKitServer node : cluster.nodes) {
            if (node == killed) {
                continue;
            }
            for (String line : node.log().split("\n")) {
                if (line.contains("selected node for room")) {
                    double after = (Instant.parse(line.substring(0, line.indexOf('\t'))).toEpochMilli() - sinceWall) / 1e3;
                    if (after > 0 && (Double.isNaN(first) || after < first)) {
                        first = after;
                    }
                }
            }
        }
        return first;
    }

    /** "1.2 s", or what NaN means here: the once-a-second diagnostics had not shown it yet. */
    private static String seconds(double value) {
        return Double.isNaN(value) ? "not seen by then" : String.format("%.1f s", value);
    }

    /** Seconds from {@code sinceWall} to the first frame after a pause that Alice's page noted, or NaN. */
    private static double resumedAfter(Page alice, long sinceWall) {
        Object first = widget(alice).locator("html").evaluate(
                "(html, since) => window.benchResumed.find(at => at > since) || null", (double) sinceWall);
        return first == null ? Double.NaN : (((Number) first).longValue() - sinceWall) / 1e3;
    }

    /** Frames of Bob's video Alice has decoded. */
    private static int decoded(Page alice) {
        String value = widget(alice).locator("[data-testid=tile][data-self=false][data-screenshare=false]").first()
                .getAttribute("data-frames-decoded");
        return value == null ? 0 : (int) Double.parseDouble(value);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitUntil(int seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("not within " + seconds + " s");
    }
}
