package org.conclave.e2e.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.conclave.e2e.Chromium;
import org.conclave.e2e.LiveKitServer;
import org.conclave.server.WidgetServer;
import org.conclave.server.config.LiveKitConfig;
import org.conclave.server.config.Secret;
import org.conclave.server.config.ServerConfig;
import org.conclave.server.token.LiveKitTokens;

/**
 * Encrypted calls through a real LiveKit server on loopback, in headless Chromium with the fake
 * camera and microphone, against a bare livekit-client pair without E2EE on the same server
 * (measured in the same run) and against the mesh:
 * <ul>
 *   <li>join to first decoded remote frame, 2 participants: the second joiner's click on Join to
 *       the first decoded frame of the other's video, once its lobby has loaded the SDK, fetched
 *       a grant, started the frame worker and made the SDK's peer connection and first offer
 *       (the lobby does all that as soon as it knows the SFU) and, apart, clicking as soon as
 *       the lobby shows; the bare pair: from the second page's {@code room.connect} (SDK loaded,
 *       token in hand) to its first decoded remote frame (both pages publishing camera and
 *       microphone, as in the call); both join a call that has run for
 *       {@link MeshCallBenchmark#SETTLE_MS};</li>
 *   <li>CPU per participant in 2-, 4- and 6-participant SFU calls, against one end of the bare
 *       pair and against the mesh call of the same size (Chromium's processes, from /proc).</li>
 * </ul>
 * Arguments: runs (default 5), then {@code join} to skip the CPU part.
 * Run in a loopback-only network namespace, as the tests are:
 * {@code mvn -B -q install -DskipTests && e2e-tests/tools/loopback/run mvn -B -q -o -pl e2e-tests
 * test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.conclave.e2e.bench.SfuCallBenchmark}
 */
public final class SfuCallBenchmark {
    private SfuCallBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int[] sizes = {2, 4, 6};
        try (LiveKitServer livekit = LiveKitServer.start()) {
            LiveKitConfig config = new LiveKitConfig(URI.create(livekit.url()), livekit.apiKey,
                    new Secret(livekit.apiSecret), List.of("conclave.local"), "/livekit/jwt", Map.of());
            Javalin sfuServer = WidgetServer.create(ServerConfig.defaults().withPort(0).withDemo(true).withLiveKit(config)).start();
            Javalin meshServer = WidgetServer.create(ServerConfig.defaults().withPort(0).withDemo(true)).start();
            LiveKitTokens tokens = new LiveKitTokens(livekit.apiKey, new Secret(livekit.apiSecret), Clock.systemUTC());
            try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
                List<Double> bare = new ArrayList<>();
                List<Double> conclave = new ArrayList<>();
                List<Double> early = new ArrayList<>();
                for (int i = 0; i < runs + 1; i++) {
                    // Alternate them, so that all see the same machine load.
                    double b = bareJoinToFirstFrame(browser, sfuServer.port(), livekit.url(), tokens, "bare" + i);
                    double[] c = MeshCallBenchmark.joinToFirstFrame(browser, sfuServer.port(), 2, "sfubench" + i, LOBBY_PREPARED);
                    double[] e = MeshCallBenchmark.joinToFirstFrame(browser, sfuServer.port(), 2, "sfuearly" + i);
                    if (i > 0) { // the first run warms caches
                        bare.add(b);
                        conclave.add(c[0]);
                        early.add(e[0]);
                    }
                }
                double bareMedian = median(bare);
                System.out.printf("baseline: bare livekit-client pair (no E2EE), connect -> first decoded remote frame:"
                        + " median %.0f ms (%d runs)%n", bareMedian, bare.size());
                System.out.printf("Conclave through LiveKit, 2 participants: click on Join (the lobby has the SDK and a"
                        + " grant, as the bare pair has, and the frame worker) -> first decoded remote frame: median %.0f ms = %.2fx the bare pair"
                        + " (%d runs)%n", median(conclave), median(conclave) / bareMedian, conclave.size());
                System.out.printf("  the same, clicking as soon as the lobby shows (the SDK may still be loading):"
                        + " median %.0f ms = %.2fx%n", median(early), median(early) / bareMedian);
                System.out.println("  runs, sorted: bare " + sorted(bare) + "; Conclave " + sorted(conclave) + "; early " + sorted(early));
                // The machine's speed drifts between runs (these cores are shared): each run's
                // Conclave join against the bare pair's measured next to it cancels more of it.
                System.out.printf("  paired: median of each run's Conclave / bare %.2fx (early %.2fx)%n",
                        median(ratios(conclave, bare)), median(ratios(early, bare)));

                if (args.length > 1 && args[1].equals("join")) {
                    return;
                }
                double bareCpu = bareCpu(browser, sfuServer.port(), livekit.url(), tokens);
                System.out.printf("baseline: bare livekit-client pair (no E2EE), both publishing and subscribing:"
                        + " %.0f%% of a core per participant%n", bareCpu * 100);
                for (int n : sizes) {
                    double sfu = MeshCallBenchmark.cpuPerParticipant(browser, sfuServer.port(), n)[1];
                    double mesh = MeshCallBenchmark.cpuPerParticipant(browser, meshServer.port(), n)[1];
                    System.out.printf("%d participants: CPU per participant through LiveKit %.0f%% of a core = %.2fx the"
                            + " bare pair's; in a mesh call of the same size %.0f%% (the SFU call costs %.2fx the mesh's)%n",
                            n, sfu * 100, sfu / bareCpu, mesh * 100, sfu / mesh);
                }
            } finally {
                sfuServer.stop();
                meshServer.stop();
            }
        }
    }

    /**
     * A lobby that loaded livekit-client, holds a grant (what the bare pair starts its clock with),
     * started the frame worker and prepared the connection (peer connection and first offer).
     */
    static final String LOBBY_PREPARED = MeshCallBenchmark.LOBBY_READY + "[data-sfu=ready]";

    /** A page on the widget's origin with livekit-client loaded (no widget, no E2EE). */
    static Page bareClient(BrowserContext context, int port) {
        Page page = context.newPage();
        page.navigate("http://127.0.0.1:" + port + "/healthz");
        page.addScriptTag(new Page.AddScriptTagOptions().setUrl("http://127.0.0.1:" + port + "/js/livekit-client.js"));
        return page;
    }

    /** Connects, publishes camera and microphone; resolves with ms from connect to the first remote video frame. */
    static final String BARE_JOIN = """
            async ({url, token, waitForRemote}) => {
              const room = new LivekitClient.Room({adaptiveStream: true, dynacast: true});
              window.lkRoom = room;
              const start = performance.now();
              // SfuJoinPhases records the bare pair's phases from here.
              if (window.conclaveBenchLines) window.conclaveBenchLines.push([performance.timeOrigin + start, 'bare start']);
              const first = new Promise((resolve) => room.on(LivekitClient.RoomEvent.TrackSubscribed, (track) => {
                if (track.kind !== 'video') return;
                const video = track.attach();
                video.muted = true;
                document.body.appendChild(video);
                video.addEventListener('loadeddata', () => resolve(performance.now()), {once: true});
              }));
              await room.connect(url, token);
              await room.localParticipant.enableCameraAndMicrophone();
              if (!waitForRemote) return 0;
              return (await first) - start;
            }
            """;

    static double bareJoinToFirstFrame(Browser browser, int port, String url, LiveKitTokens tokens, String roomName)
            throws InterruptedException {
        String room = roomName + Long.toHexString(System.nanoTime());
        try (BrowserContext one = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true));
                BrowserContext two = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true))) {
            Page first = bareClient(one, port);
            first.evaluate(BARE_JOIN, Map.of("url", url, "token", tokens.join(room, "first"), "waitForRemote", false));
            Thread.sleep(MeshCallBenchmark.SETTLE_MS); // as the widget's call: the second joins a running call
            Page second = bareClient(two, port);
            return ((Number) second.evaluate(BARE_JOIN, Map.of("url", url, "token", tokens.join(room, "second"),
                    "waitForRemote", true))).doubleValue();
        }
    }

    /** Cores per participant of a bare livekit-client pair, both publishing and showing the other. */
    static double bareCpu(Browser browser, int port, String url, LiveKitTokens tokens) throws Exception {
        String room = "barecpu" + Long.toHexString(System.nanoTime());
        try (BrowserContext one = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true));
                BrowserContext two = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true))) {
            Page first = bareClient(one, port);
            first.evaluate(BARE_JOIN, Map.of("url", url, "token", tokens.join(room, "first"), "waitForRemote", false));
            Page second = bareClient(two, port);
            second.evaluate(BARE_JOIN, Map.of("url", url, "token", tokens.join(room, "second"), "waitForRemote", true));
            Thread.sleep(4_000); // past the first key frames and bandwidth ramp-up
            return MeshCallBenchmark.cores(8_000) / 2;
        }
    }

    private static List<Double> ratios(List<Double> values, List<Double> baselines) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ratios.add(values.get(i) / baselines.get(i));
        }
        return ratios;
    }

    private static List<Long> sorted(List<Double> values) {
        return values.stream().sorted().map(Math::round).toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
