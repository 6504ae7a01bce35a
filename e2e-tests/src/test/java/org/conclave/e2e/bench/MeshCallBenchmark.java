package org.conclave.e2e.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.conclave.e2e.Chromium;
import org.conclave.server.WidgetServer;
import org.conclave.server.config.ServerConfig;

/**
 * Encrypted mesh calls on loopback, in headless Chromium with the fake camera and microphone:
 * <ul>
 *   <li>join to first decoded remote frame: from the last joiner's click on Join to the first
 *       frame of the others' video in its tiles (first one, and all of them), for 2 and 4
 *       participants; baseline in the same run: a bare RTCPeerConnection pair in one page, from
 *       its first offer to the first decoded remote frame (WebRTC's own floor on this machine);</li>
 *   <li>CPU per participant in a 2- and a 4-participant call, against the same pages idling in the
 *       lobby with the camera preview running (Chromium's processes, from /proc).</li>
 * </ul>
 * Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl e2e-tests test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=org.conclave.e2e.bench.MeshCallBenchmark}
 */
public final class MeshCallBenchmark {
    private static final int CPU_WINDOW_MS = 8_000;

    private MeshCallBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Javalin server = WidgetServer.create(ServerConfig.defaults().withPort(0).withDemo(true)).start();
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            List<Double> raw = new ArrayList<>();
            for (int i = 0; i < runs + 1; i++) {
                double ms = rawLoopback(browser, server.port());
                if (i > 0) {
                    raw.add(ms);
                }
            }
            double rawMedian = median(raw);
            System.out.printf("baseline: bare RTCPeerConnection pair, offer -> first decoded frame: median %.0f ms (%d runs)%n",
                    rawMedian, raw.size());
            for (int n : new int[] {2, 4}) {
                List<Double> first = new ArrayList<>();
                List<Double> all = new ArrayList<>();
                int n0 = n;
                for (int i = 0; i < (n == 2 ? runs : Math.max(2, runs / 2)) + 1; i++) {
                    double[] t = joinToFirstFrame(browser, server.port(), n0, "bench" + n + "x" + i);
                    if (i > 0) {
                        first.add(t[0]);
                        all.add(t[1]);
                    }
                }
                System.out.printf("%d participants: last joiner's click -> first decoded remote frame: median %.0f ms"
                        + " (%.2fx baseline); -> all %d remote frames: median %.0f ms (%.2fx) (%d runs)%n",
                        n, median(first), median(first) / rawMedian, n - 1, median(all), median(all) / rawMedian, first.size());
            }
            double rawCpu = rawLoopbackCpu(browser, server.port());
            System.out.printf("baseline: bare RTCPeerConnection pair in one page (capture, encode, decode, show one"
                    + " video each way): %.0f%% of a core per end%n", rawCpu * 100);
            for (int n : new int[] {2, 4}) {
                double[] cpu = cpuPerParticipant(browser, server.port(), n);
                System.out.printf("%d participants: CPU per participant %.0f%% of a core = %.2fx the bare pair's end"
                        + " (%d peer connection%s each)%n", n, cpu[1] * 100, cpu[1] / rawCpu, n - 1, n > 2 ? "s" : "");
                System.out.printf("%d participants: CPU per participant in the call %.0f%% of a core; in the lobby with"
                        + " the camera preview %.0f%%; the call costs %.0f%% more (%.2fx)%n",
                        n, cpu[1] * 100, cpu[0] * 100, (cpu[1] - cpu[0]) * 100, cpu[1] / cpu[0]);
            }
        } finally {
            server.stop();
        }
    }

    /** Cores per end of a bare WebRTC loopback call (two ends in one page), over the CPU window. */
    static double rawLoopbackCpu(Browser browser, int port) throws Exception {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + port + "/healthz");
            page.evaluate("async () => {"
                    + "const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 640, height: 480}});"
                    + "const a = new RTCPeerConnection(), b = new RTCPeerConnection(); window.pcs = [a, b];"
                    + "a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);"
                    + "b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);"
                    + "const mine = document.createElement('video'); mine.muted = true; mine.autoplay = true; mine.srcObject = stream;"
                    + "const theirs = document.createElement('video'); theirs.muted = true; theirs.autoplay = true;"
                    + "document.body.append(mine, theirs);"
                    + "b.ontrack = e => { if (!theirs.srcObject) theirs.srcObject = e.streams[0]; };"
                    + "stream.getTracks().forEach(t => a.addTrack(t, stream));"
                    + "await a.setLocalDescription(); await b.setRemoteDescription(a.localDescription);"
                    + "await b.setLocalDescription(); await a.setRemoteDescription(b.localDescription);"
                    + "await new Promise(r => theirs.addEventListener('loadeddata', r, {once: true})); }");
            Thread.sleep(4_000);
            return cores(CPU_WINDOW_MS) / 2;
        }
    }

    /** A bare WebRTC loopback call in one page: ms from the first offer to the remote video's first frame. */
    static double rawLoopback(Browser browser, int port) {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + port + "/healthz"); // any page of a secure origin
            Object ms = page.evaluate("async () => {"
                    + "const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 640, height: 480}});"
                    + "const start = performance.now();"
                    + "const a = new RTCPeerConnection(), b = new RTCPeerConnection();"
                    + "a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);"
                    + "b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);"
                    + "const video = document.createElement('video'); video.muted = true; video.autoplay = true;"
                    + "document.body.appendChild(video);"
                    + "const first = new Promise(r => video.addEventListener('loadeddata', () => r(performance.now()), {once: true}));"
                    + "b.ontrack = e => { if (!video.srcObject) video.srcObject = e.streams[0]; };"
                    + "stream.getTracks().forEach(t => a.addTrack(t, stream));"
                    + "await a.setLocalDescription(); await b.setRemoteDescription(a.localDescription);"
                    + "await b.setLocalDescription(); await a.setRemoteDescription(b.localDescription);"
                    + "const t = await first; a.close(); b.close(); stream.getTracks().forEach(x => x.stop());"
                    + "return t - start; }");
            return ((Number) ms).doubleValue();
        }
    }

    /** The lobby ready for a join (the widget API handshake done). */
    static final String LOBBY_READY = "[data-testid=lobby][data-connection=ready]";

    /**
     * How long the call runs before the newcomer joins (and, in the SFU benchmarks, how long the
     * bare pair's first end publishes before the second connects): a running call, past LiveKit's
     * key frame seeding of a new publication. LiveKit asks a new publication for a key frame a
     * second after its first packets and then throttles key frame requests on that layer for a
     * second more (seen in its debug log), so a joiner subscribing in that window waits for the
     * throttle, which a joiner of a call that has been running for a few seconds does not.
     */
    static final long SETTLE_MS = 3_000;

    private static Page open(Browser browser, int port, String user, String room, List<BrowserContext> contexts,
            String ready) {
        BrowserContext context = browser.newContext();
        contexts.add(context);
        Page page = context.newPage();
        page.navigate("http://localhost:" + port + "/demo/host?user=" + user + "&room="
                + URLEncoder.encode(room, StandardCharsets.UTF_8));
        widget(page).locator(ready).waitFor();
        return page;
    }

    private static FrameLocator widget(Page page) {
        return page.frameLocator("[data-testid=widget-frame]");
    }

    private static void joinAndWait(Page page) {
        widget(page).locator("[data-testid=join-button]").click();
        widget(page).locator("[data-testid=lobby][data-presence=in]").waitFor();
    }

    /** {first, all}: ms from the last joiner's click to its first and its last remote first frame. */
    static double[] joinToFirstFrame(Browser browser, int port, int n, String roomName) throws InterruptedException {
        return joinToFirstFrame(browser, port, n, roomName, LOBBY_READY);
    }

    /** As above, the last joiner clicking once its lobby matches {@code ready}. */
    static double[] joinToFirstFrame(Browser browser, int port, int n, String roomName, String ready)
            throws InterruptedException {
        List<BrowserContext> contexts = new ArrayList<>();
        String room = "!" + roomName + Long.toHexString(System.nanoTime()) + ":conclave.local";
        try {
            String[] users = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};
            for (int i = 0; i < n - 1; i++) {
                joinAndWait(open(browser, port, users[i], room, contexts, LOBBY_READY));
            }
            // Let the others' calls settle first: this measures one newcomer joining a running call.
            Thread.sleep(SETTLE_MS);
            Page last = open(browser, port, users[n - 1], room, contexts, ready);
            widget(last).locator("[data-testid=join-button]").click();
            Locator timed = widget(last).locator("[data-testid=tile][data-first-frame-ms]");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (timed.count() < n - 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < timed.count(); i++) {
                times.add(Double.parseDouble(timed.nth(i).getAttribute("data-first-frame-ms")));
            }
            if (times.size() < n - 1) {
                throw new IllegalStateException("only " + times.size() + " of " + (n - 1) + " remote videos started: "
                        + widget(last).locator("[data-testid=tile]").evaluateAll(
                                "els => els.map(e => e.outerHTML.substring(0, 900)).join('\\n')"));
            }
            Collections.sort(times);
            return new double[] {times.get(0), times.get(times.size() - 1)};
        } finally {
            contexts.forEach(BrowserContext::close);
        }
    }

    /** {lobby, call}: cores used per participant by Chromium, idling in the lobby and then in the call. */
    static double[] cpuPerParticipant(Browser browser, int port, int n) throws Exception {
        List<BrowserContext> contexts = new ArrayList<>();
        String room = "!cpu" + n + Long.toHexString(System.nanoTime()) + ":conclave.local";
        try {
            String[] users = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pages.add(open(browser, port, users[i], room, contexts, LOBBY_READY));
            }
            Thread.sleep(2_000);
            double lobby = cores(CPU_WINDOW_MS) / n;
            for (Page p : pages) {
                joinAndWait(p);
            }
            Locator decoding = widget(pages.get(n - 1)).locator("[data-testid=tile][data-self=false]");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline && decoding.count() < n - 1) {
                Thread.sleep(100);
            }
            Thread.sleep(4_000); // past the first key frames and bandwidth ramp-up
            double call = cores(CPU_WINDOW_MS) / n;
            return new double[] {lobby, call};
        } finally {
            contexts.forEach(BrowserContext::close);
        }
    }

    /** Cores used by all Chromium processes over {@code millis}. */
    static double cores(int millis) throws Exception {
        long before = chromiumTicks();
        long start = System.nanoTime();
        Thread.sleep(millis); // Playwright's events wait; nothing here needs them
        long after = chromiumTicks();
        double seconds = (System.nanoTime() - start) / 1e9;
        return (after - before) / 100.0 / seconds; // USER_HZ is 100 on Linux
    }

    private static long chromiumTicks() throws IOException {
        long total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = Files.readString(proc.resolve("cmdline"));
                    if (!cmdline.contains("chrom")) {
                        continue;
                    }
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return total;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
