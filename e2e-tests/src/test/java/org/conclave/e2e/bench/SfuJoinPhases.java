package org.conclave.e2e.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.conclave.e2e.Chromium;
import org.conclave.e2e.LiveKitServer;
import org.conclave.server.WidgetServer;
import org.conclave.server.config.LiveKitConfig;
import org.conclave.server.config.Secret;
import org.conclave.server.config.ServerConfig;
import org.conclave.server.token.LiveKitTokens;

/**
 * Where the time of an SFU join goes: the second joiner's click on Join to its first decoded
 * frame of the first (as {@link SfuCallBenchmark} measures it), split at the moments both widgets
 * log (the membership's echo, the first participant seeing the joiner and switching to the key
 * ratcheted for it, the joiner holding that key, the joiner's LiveKit connection and its
 * subscription, and the other way: the first participant's first decoded frame of the joiner,
 * measured the same way in the bare pair), and the main-thread frames of the joiner's widget longer than 50 ms in the first
 * 400 ms (long animation frames: total and style-and-layout ms). The joiner clicks once its
 * lobby has the SDK, a grant and the frame worker, as in {@link SfuCallBenchmark}. Beside them, the joiner's network
 * steps (LiveKit's signalling socket opening, open and first message, the first peer connection
 * connected, the first remote video track) recorded the same way in the widget and in the bare
 * livekit-client pair, which runs alternating with the widget's call. Prints each run and the
 * median of every phase; {@code -Dconclave.bench.verbose=true} prints each joiner's timeline (its
 * log, signalling with each message's size, offers made, ICE candidates and descriptions set,
 * the video elements' streams and first frames, and {@link BenchPages#VIDEO_PROBE}'s first video
 * packets, frames and key frame requests); {@code -Dconclave.bench.profile=true} adds where both
 * joiners' main threads spent the first half second (a JavaScript CPU profile of each). Arguments:
 * runs (default 8).
 * {@code e2e-tests/tools/loopback/run mvn -B -q -o -pl e2e-tests test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=org.conclave.e2e.bench.SfuJoinPhases}
 */
public final class SfuJoinPhases {
    private SfuJoinPhases() {}

    /** Keeps every console line of a frame with its wall-clock time, and the long animation frames. */
    private static final String RECORDER = """
            (() => {
              const now = () => performance.timeOrigin + performance.now();
              window.conclaveBenchLines = [];
              for (const level of ['log', 'info', 'warn']) {
                const original = console[level];
                console[level] = function (...args) {
                  window.conclaveBenchLines.push([now(), args.map(String).join(' ')]);
                  return original.apply(this, args);
                };
              }
              const mark = (text) => window.conclaveBenchLines.push([now(), text]);
              // When a video element gets its stream, and its first frame (the tile's, the bare page's).
              const srcDesc = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
              Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {configurable: true,
                get() { return srcDesc.get.call(this); },
                set(v) {
                  mark('media: srcObject ' + (v ? v.getTracks().map(t => t.kind).join(',') : 'null'));
                  srcDesc.set.call(this, v);
                  // Whose tile it is, where it is one (the widget's tiles carry data-user).
                  const whose = () => { const tile = this.closest && this.closest('[data-user]'); return tile ? ' ' + tile.getAttribute('data-user') : ''; };
                  for (const e of ['loadedmetadata', 'loadeddata', 'playing']) this.addEventListener(e, () => mark('media: ' + e + whose()), {once: true});
                }});
              const addTrack = MediaStream.prototype.addTrack;
              MediaStream.prototype.addTrack = function(t) { mark('media: addTrack ' + t.kind); return addTrack.call(this, t); };
              document.addEventListener('pointerdown', () => mark('pointerdown'), true);
              // LiveKit's signalling socket and the peer connections, the same in the widget and the bare page.
              const NativeSocket = window.WebSocket;
              window.WebSocket = class extends NativeSocket {
                constructor(...args) {
                  super(...args);
                  if (!String(args[0]).includes('/rtc')) return;
                  mark('net: socket opening');
                  this.addEventListener('open', () => mark('net: socket open'));
                  this.addEventListener('message', (event) => mark('net: socket message '
                      + (event.data.byteLength || event.data.size || event.data.length || 0) + ' bytes'));
                }
              };
              let connections = 0;
              window.RTCPeerConnection = class extends window.RTCPeerConnection {
                constructor(...args) {
                  super(...args);
                  const n = ++connections;
                  mark('net: pc' + n + ' new');
                  this.addEventListener('connectionstatechange', () => mark('net: pc' + n + ' ' + this.connectionState));
                  this.addEventListener('track', (event) => mark('net: pc' + n + ' track ' + event.track.kind));
                  this.addEventListener('icecandidate', (event) => mark('net: pc' + n + ' local candidate ' + (event.candidate ? event.candidate.candidate : 'end')));
                  this.addEventListener('iceconnectionstatechange', () => mark('net: pc' + n + ' ice ' + this.iceConnectionState));
                  this.addEventListener('icegatheringstatechange', () => mark('net: pc' + n + ' gathering ' + this.iceGatheringState));
                  const addIceCandidate = this.addIceCandidate.bind(this);
                  this.addIceCandidate = (c) => { mark('net: pc' + n + ' remote candidate ' + (c && c.candidate)); return addIceCandidate(c); };
                  const createOffer = this.createOffer.bind(this);
                  this.createOffer = (...a) => { mark('net: pc' + n + ' createOffer'); return createOffer(...a).then((r) => { mark('net: pc' + n + ' offer created'); return r; }); };
                  const setLocalDescription = this.setLocalDescription.bind(this);
                  this.setLocalDescription = (d) => { mark('net: pc' + n + ' setLocalDescription ' + (d && d.type)); return setLocalDescription(d).then((r) => { mark('net: pc' + n + ' local description set'); return r; }); };
                  const setRemoteDescription = this.setRemoteDescription.bind(this);
                  this.setRemoteDescription = (d) => { mark('net: pc' + n + ' setRemoteDescription ' + d.type + ' candidates ' + (d.sdp.match(/a=candidate/g) || []).length); return setRemoteDescription(d).then((r) => { mark('net: pc' + n + ' remote description set'); return r; }); };
                }
              };
              try {
                new PerformanceObserver((list) => list.getEntries().forEach((entry) => {
                  const layout = entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0;
                  // The scripts that ran longest in it: what invoked them, and which file.
                  const scripts = (entry.scripts || []).slice().sort((a, b) => b.duration - a.duration).slice(0, 3)
                      .map((s) => Math.round(s.duration) + ' ms ' + s.invokerType + ' ' + String(s.invoker).substring(0, 60)
                          + ' (' + String(s.sourceURL).replace(/^.*\\//, '') + ')');
                  window.conclaveBenchLines.push([performance.timeOrigin + entry.startTime,
                      'long frame ' + Math.round(entry.duration) + '/' + Math.round(layout) + ' ' + scripts.join('; ')]);
                })).observe({type: 'long-animation-frame'});
              } catch (unsupported) {}
            })();
            """;

    /** Phase name, whose widget ("A": the first, "B": the joiner), and what its log line contains. */
    private static final String[][] PHASES = {
        {"membershipEcho", "B", "membership: JOINED"},
        {"aliceSeesBob", "A", "joined)"},
        {"aliceSwitchedKey", "A", "keys: now sending with index 1"},
        {"bobHasAlicesKey", "B", "keys: index 1 from @alice"},
        {"sfuConnected", "B", "sfu: connected"},
        {"subscribedToCamera", "B", "sfu: subscribed to the camera"},
        {"firstSeesJoiner", "A", "media: loadeddata @bob:"},
    };

    /**
     * {@code -Dconclave.bench.profile=true}: the joiner's widget's JavaScript CPU profile from its
     * click, the functions with the most self time in the first {@code conclave.bench.profileMs}
     * (default 500) summed over the runs (names are readable in a widget built without minifying).
     */
    private static final boolean PROFILE = Boolean.getBoolean("conclave.bench.profile");
    private static final double PROFILE_MS = Double.parseDouble(System.getProperty("conclave.bench.profileMs", "500"));

    /** {@code -Dconclave.bench.verbose=true}: each joiner's timeline, with {@link BenchPages#VIDEO_PROBE}. */
    private static final boolean VERBOSE = Boolean.getBoolean("conclave.bench.verbose");

    /** The joiner's network steps, recorded alike in the widget and in the bare livekit-client page. */
    private static final String[][] NETWORK = {
        {"socketOpening", "net: socket opening"},
        {"socketOpen", "net: socket open"},
        {"joinResponse", "net: socket message"},
        {"firstPcConnected", " connected"},
        {"videoTrack", " track video"},
    };

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Map<String, List<Double>> all = new LinkedHashMap<>();
        Map<String, List<Double>> bareAll = new LinkedHashMap<>();
        try (LiveKitServer livekit = LiveKitServer.start()) {
            LiveKitConfig config = new LiveKitConfig(URI.create(livekit.url()), livekit.apiKey,
                    new Secret(livekit.apiSecret), List.of("conclave.local"), "/livekit/jwt", Map.of());
            Javalin server = WidgetServer.create(ServerConfig.defaults().withPort(0).withDemo(true).withLiveKit(config)).start();
            try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
                LiveKitTokens tokens = new LiveKitTokens(livekit.apiKey, new Secret(livekit.apiSecret), Clock.systemUTC());
                for (int i = 0; i < runs + 1; i++) {
                    // Alternate them, so that both see the same machine load.
                    Map<String, Double> phases = run(browser, server.port(), i);
                    Map<String, Double> bare = bare(browser, server.port(), livekit.url(), tokens, i);
                    StringBuilder line = new StringBuilder(i == 0 ? "warm-up:" : "run " + i + ":");
                    phases.forEach((name, ms) -> line.append(String.format(" %s=%.0f", name, ms)));
                    line.append("\n  bare:");
                    bare.forEach((name, ms) -> line.append(String.format(" %s=%.0f", name, ms)));
                    System.out.println(line);
                    if (i > 0) {
                        phases.forEach((name, ms) -> all.computeIfAbsent(name, n -> new ArrayList<>()).add(ms));
                        bare.forEach((name, ms) -> bareAll.computeIfAbsent(name, n -> new ArrayList<>()).add(ms));
                    }
                }
            } finally {
                server.stop();
            }
        }
        StringBuilder medians = new StringBuilder("medians (ms after the joiner's click):");
        all.forEach((name, values) -> medians.append(String.format(" %s %.0f", name, BenchPages.median(values))));
        System.out.println(medians);
        StringBuilder bareMedians = new StringBuilder("the bare pair's medians (ms after its connect call):");
        bareAll.forEach((name, values) -> bareMedians.append(String.format(" %s %.0f", name, BenchPages.median(values))));
        System.out.println(bareMedians);
        if (PROFILE) {
            printProfile(String.format("the joiner's widget, self time in the first %.0f ms after the click", PROFILE_MS), WIDGET_SELF, runs);
            printProfile(String.format("the bare joiner, self time in the first %.0f ms after its connect call", PROFILE_MS), BARE_SELF, runs);
        }
    }

    private static void printProfile(String title, SelfTimes times, int runs) {
        System.out.println(title + ", ms per run:");
        System.out.println("  by file: " + top(times.files, files -> files.size()).stream()
                .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / runs)).collect(Collectors.joining(", ")));
        top(times.functions, functions -> 30).forEach(e -> System.out.printf("  %6.1f %s%n", e.getValue() / runs, e.getKey()));
    }

    private static List<Map.Entry<String, Double>> top(Map<String, Double> ms, java.util.function.ToIntFunction<Map<String, Double>> limit) {
        return ms.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .limit(limit.applyAsInt(ms)).collect(Collectors.toList());
    }

    /** The bare livekit-client pair of {@link SfuCallBenchmark}: its joiner's network steps and first frame. */
    private static Map<String, Double> bare(Browser browser, int port, String url, LiveKitTokens tokens, int i) {
        String room = "barephases" + i + Long.toHexString(System.nanoTime());
        try (BrowserContext one = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true));
                BrowserContext two = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true))) {
            one.addInitScript(RECORDER);
            two.addInitScript(RECORDER);
            if (VERBOSE) {
                two.addInitScript(BenchPages.VIDEO_PROBE);
            }
            Page first = SfuCallBenchmark.bareClient(one, port);
            first.evaluate(SfuCallBenchmark.BARE_JOIN, Map.of("url", url, "token", tokens.join(room, "first"),
                    "waitForRemote", false));
            try {
                Thread.sleep(MeshCallBenchmark.SETTLE_MS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            Page second = SfuCallBenchmark.bareClient(two, port);
            CDPSession profiler = null;
            if (PROFILE) {
                profiler = two.newCDPSession(second);
                startProfiler(profiler);
            }
            double firstFrame = ((Number) second.evaluate(SfuCallBenchmark.BARE_JOIN, Map.of("url", url,
                    "token", tokens.join(room, "second"), "waitForRemote", true))).doubleValue();
            if (profiler != null) {
                selfTimes(profiler.send("Profiler.stop").getAsJsonObject("profile"), PROFILE_MS, i > 0 ? BARE_SELF : null);
                profiler.detach();
            }
            // The first page shows only the other's video: its first decoded frame is the joiner's.
            first.waitForFunction("() => window.conclaveBenchLines.some((line) => line[1] === 'media: loadeddata')");
            List<Object[]> lines = new ArrayList<>();
            collect(second.mainFrame(), "B", lines);
            double start = lines.stream().filter(l -> l[1].equals("B bare start")).mapToDouble(l -> (Double) l[0])
                    .max().orElseThrow();
            Map<String, Double> phases = network(lines, start);
            phases.put("firstFrame", firstFrame);
            List<Object[]> firsts = new ArrayList<>();
            collect(first.mainFrame(), "A", firsts);
            firsts.stream().filter(l -> (Double) l[0] >= start && l[1].equals("A media: loadeddata"))
                    .mapToDouble(l -> (Double) l[0] - start).min().ifPresent(ms -> phases.put("firstSeesJoiner", ms));
            return phases;
        }
    }

    /** The first time of each {@link #NETWORK} step at or after {@code start}, in ms after it. */
    private static Map<String, Double> network(List<Object[]> lines, double start) {
        if (VERBOSE) {
            lines.stream().filter(l -> (Double) l[0] >= start).sorted((a, b) -> Double.compare((Double) a[0], (Double) b[0]))
                    .forEach(l -> System.out.printf("    %5.0f %s%n", (Double) l[0] - start, l[1]));
        }
        Map<String, Double> phases = new LinkedHashMap<>();
        for (String[] step : NETWORK) {
            lines.stream().filter(l -> (Double) l[0] >= start && ((String) l[1]).startsWith("B net: ")
                    && ((String) l[1]).contains(step[1])).mapToDouble(l -> (Double) l[0] - start).min()
                    .ifPresent(ms -> phases.put(step[0], ms));
        }
        return phases;
    }

    private static Map<String, Double> run(Browser browser, int port, int i) throws Exception {
        List<BrowserContext> contexts = new ArrayList<>();
        try {
            String room = "!phases" + i + Long.toHexString(System.nanoTime()) + ":conclave.local";
            String base = "http://localhost:" + port + "/demo/host?room=" + URLEncoder.encode(room, StandardCharsets.UTF_8) + "&user=";
            Page alice = open(browser, contexts, base + "alice");
            BenchPages.widget(alice).locator("[data-testid=join-button]").click();
            BenchPages.widget(alice).locator("[data-testid=lobby][data-presence=in]").waitFor();
            Thread.sleep(MeshCallBenchmark.SETTLE_MS); // as SfuCallBenchmark: one newcomer joining a running call
            Page bob = open(browser, contexts, base + "bob");
            BenchPages.widget(bob).locator(SfuCallBenchmark.LOBBY_PREPARED).waitFor();
            CDPSession profiler = null;
            if (PROFILE) {
                profiler = bob.context().newCDPSession(widgetFrame(bob));
                startProfiler(profiler);
            }
            BenchPages.widget(bob).locator("[data-testid=join-button]").click();
            String firstFrame = BenchPages.widget(bob).locator("[data-testid=tile][data-first-frame-ms]").getAttribute("data-first-frame-ms");
            // And the other way: the first participant's first decoded frame of the joiner.
            BenchPages.widget(alice).locator("[data-testid=tile][data-user='@bob:conclave.local'][data-first-frame-ms]").waitFor();
            if (profiler != null) {
                selfTimes(profiler.send("Profiler.stop").getAsJsonObject("profile"), PROFILE_MS, i > 0 ? WIDGET_SELF : null);
                profiler.detach();
            }
            Thread.sleep(200);
            List<Object[]> lines = new ArrayList<>();
            collect(widgetFrame(alice), "A", lines);
            collect(widgetFrame(bob), "B", lines);
            double click = lines.stream().filter(l -> l[1].equals("B pointerdown")).mapToDouble(l -> (Double) l[0]).max().orElseThrow();
            Map<String, Double> phases = new LinkedHashMap<>();
            for (String[] phase : PHASES) {
                lines.stream().filter(l -> (Double) l[0] >= click && ((String) l[1]).startsWith(phase[1] + " ")
                        && ((String) l[1]).contains(phase[2])).mapToDouble(l -> (Double) l[0] - click).min()
                        .ifPresent(ms -> phases.put(phase[0], ms));
            }
            phases.putAll(network(lines, click));
            phases.put("firstFrame", Double.parseDouble(firstFrame));
            double longFrames = 0;
            double layout = 0;
            for (Object[] l : lines) {
                String text = (String) l[1];
                if (text.startsWith("B long frame ") && (Double) l[0] >= click - 20 && (Double) l[0] < click + 400) {
                    String[] parts = text.substring("B long frame ".length()).split(" ", 2)[0].split("/");
                    longFrames += Double.parseDouble(parts[0]);
                    layout += Double.parseDouble(parts[1]);
                }
            }
            phases.put("longFramesFirst400", longFrames);
            phases.put("layoutInThem", layout);
            return phases;
        } finally {
            contexts.forEach(BrowserContext::close);
        }
    }

    /** Starts sampling the JavaScript CPU profile of {@code session}'s page or frame every 100 µs. */
    private static void startProfiler(CDPSession session) {
        session.send("Profiler.enable");
        JsonObject interval = new JsonObject();
        interval.addProperty("interval", 100);
        session.send("Profiler.setSamplingInterval", interval);
        session.send("Profiler.start");
    }

    /** Self time over the runs (not the warm-up) in the profiles' first ms: per function, per script file. */
    private static final class SelfTimes {
        final Map<String, Double> functions = new LinkedHashMap<>();
        final Map<String, Double> files = new LinkedHashMap<>();
    }

    /** The joiner's widget's, the bare joiner's. */
    private static final SelfTimes WIDGET_SELF = new SelfTimes();
    private static final SelfTimes BARE_SELF = new SelfTimes();

    /**
     * Adds the self time of each function in the profile's first {@code windowMs} to {@code into}
     * (none: the warm-up). Time outside any script is V8's "(program)", "(idle)" and "(garbage
     * collector)"; a function with no script is the browser's own (setLocalDescription, postMessage).
     */
    private static void selfTimes(JsonObject profile, double windowMs, SelfTimes into) {
        if (into == null) {
            return;
        }
        Map<Integer, String[]> nodes = new LinkedHashMap<>();
        for (JsonElement element : profile.getAsJsonArray("nodes")) {
            JsonObject node = element.getAsJsonObject();
            JsonObject frame = node.getAsJsonObject("callFrame");
            String file = frame.get("url").getAsString().replaceAll("\\?.*$", "").replaceAll("^.*/", "");
            String name = frame.get("functionName").getAsString();
            String function = (name.isEmpty() ? "(anonymous)" : name) + (file.isEmpty() ? "" : " " + file + ":"
                    + (frame.get("lineNumber").getAsInt() + 1) + ":" + (frame.get("columnNumber").getAsInt() + 1));
            nodes.put(node.get("id").getAsInt(), new String[] {function,
                    !file.isEmpty() ? file : name.startsWith("(") ? name : "(browser functions)"});
        }
        JsonArray samples = profile.getAsJsonArray("samples");
        JsonArray deltas = profile.getAsJsonArray("timeDeltas");
        double at = 0;
        for (int k = 0; k < samples.size(); k++) {
            at += deltas.get(k).getAsDouble() / 1000;
            if (at > windowMs) {
                break;
            }
            // A sample stands for the time until the next one.
            double ms = k + 1 < deltas.size() ? deltas.get(k + 1).getAsDouble() / 1000 : 0;
            String[] node = nodes.get(samples.get(k).getAsInt());
            into.functions.merge(node[0], ms, Double::sum);
            into.files.merge(node[1], ms, Double::sum);
        }
    }

    private static Page open(Browser browser, List<BrowserContext> contexts, String url) {
        BrowserContext context = browser.newContext();
        context.addInitScript(RECORDER);
        if (VERBOSE) {
            context.addInitScript(BenchPages.VIDEO_PROBE);
        }
        contexts.add(context);
        Page page = context.newPage();
        page.navigate(url);
        BenchPages.widget(page).locator("[data-testid=lobby][data-connection=ready]").waitFor();
        return page;
    }

    private static Frame widgetFrame(Page page) {
        return page.frames().stream().filter(f -> f.url().contains("widgetId")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static void collect(Frame frame, String who, List<Object[]> into) {
        for (Object entry : (List<Object>) frame.evaluate("() => window.conclaveBenchLines")) {
            List<Object> pair = (List<Object>) entry;
            into.add(new Object[] {((Number) pair.get(0)).doubleValue(), who + " " + pair.get(1)});
        }
    }
}
