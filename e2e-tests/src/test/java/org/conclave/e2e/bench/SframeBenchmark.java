package org.conclave.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conclave.client.selftest.FrameMix;
import org.conclave.e2e.Chromium;
import org.conclave.e2e.LabServer;

/**
 * SFrame protect+unprotect throughput in headless Chromium, inside a dedicated worker, on a call's
 * frame mix (issue #3). Three contenders on the same frames, in the same run, interleaved:
 * <ol>
 *   <li>raw WebCrypto AES-128-GCM with no framing (the floor LiveKit's frame encryptor pays);</li>
 *   <li>the header-in-front floor, in plain JS: raw plus the least any format with a header in
 *       front of the ciphertext must do on WebCrypto (AAD, the sealed bytes moved behind a header
 *       in one buffer, decrypting the view after it);</li>
 *   <li>for context, LiveKit-style framing in plain JS (clear codec bytes as AAD, one output
 *       buffer with IV and trailer, the clear bytes joined back on receipt);</li>
 *   <li>SFrame suite 4 (AES_128_GCM_SHA256_128) on WebCrypto, TeaVM-compiled;</li>
 *   <li>SFrame suite 4 on Bouncy Castle under TeaVM (int-only GHASH): round trips, and protect
 *       alone and unprotect alone, each measured by itself.</li>
 * </ol>
 * Each figure is the median of {@code rounds} timed runs. Each ratio is the median of the rounds' own
 * ratios (contenders run back to back within a round, so the machine's drift cancels), with the
 * lowest and highest round beside it.
 * {@code window} is the number of round trips in flight: 1 is what one track's transform stream
 * does (it awaits each frame), 8 shows what overlapping promises buy. Run:
 * {@code mvn -B -q install -DskipTests && mvn -B -q -pl e2e-tests test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=org.conclave.e2e.bench.SframeBenchmark}
 * (arguments: milliseconds per run, default 500; rounds, default 7).
 */
public final class SframeBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL_MIX = "call mix (1 s: 50 audio, 29 delta, 1 key)";

    /** Frames per second of the window-1 runs, for the SFU-scale estimate: label -> {round trip on WebCrypto, BC unprotect}. */
    private static final Map<String, double[]> SINGLE = new LinkedHashMap<>();

    private SframeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int millis = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Map<String, int[]> workloads = new LinkedHashMap<>();
        // The last one is CALL_MIX: one second of one sender's media, so frames/s / 80 = senders.
        workloads.put("Opus audio ~100 B", FrameMix.audio(50));
        workloads.put("VP8 delta ~5 KB", FrameMix.delta(29));
        workloads.put("VP8 key ~30 KB", FrameMix.key(4));
        workloads.put(CALL_MIX, FrameMix.callSecond());

        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright);
                LabServer lab = new LabServer(browser)) {
            System.out.printf("SFrame in a Chromium worker: protect+unprotect round trips, %d rounds of %d ms each.%n"
                    + "Figures are medians over the rounds. A ratio is the median of the rounds' own ratios: each"
                    + " round runs%nevery contender back to back, so drift on this machine hits both sides of a"
                    + " ratio alike; the range%nin brackets is the lowest and highest round.%n", rounds, millis);
            for (int window : new int[] {1, 8}) {
                System.out.printf("%n== %d round trip(s) in flight ==%n", window);
                for (Map.Entry<String, int[]> workload : workloads.entrySet()) {
                    measure(lab, workload.getKey(), workload.getValue(), window, millis, rounds);
                }
            }
            sfuScale();
        }
    }

    private static void measure(LabServer lab, String label, int[] sizes, int window, int millis, int rounds)
            throws Exception {
        boolean sides = window == 1; // protect and unprotect alone: Bouncy Castle, which is synchronous
        List<Figure> raw = new ArrayList<>();
        List<Figure> floor = new ArrayList<>();
        List<Figure> framed = new ArrayList<>();
        List<Figure> webCrypto = new ArrayList<>();
        List<Figure> bouncyCastle = new ArrayList<>();
        List<Figure> bcProtect = new ArrayList<>();
        List<Figure> bcUnprotect = new ArrayList<>();
        for (String op : List.of("raw", "floor", "framed")) { // warm-up: JIT, key import, allocator
            run(lab, op, "webcrypto", "roundtrip", sizes, window, 300);
        }
        run(lab, "bench", "webcrypto", "roundtrip", sizes, window, 300);
        run(lab, "bench", "bc", "roundtrip", sizes, 1, 300);
        for (int round = 0; round < rounds; round++) { // interleaved, so drift hits all alike
            raw.add(run(lab, "raw", "webcrypto", "roundtrip", sizes, window, millis));
            floor.add(run(lab, "floor", "webcrypto", "roundtrip", sizes, window, millis));
            framed.add(run(lab, "framed", "webcrypto", "roundtrip", sizes, window, millis));
            webCrypto.add(run(lab, "bench", "webcrypto", "roundtrip", sizes, window, millis));
            bouncyCastle.add(run(lab, "bench", "bc", "roundtrip", sizes, 1, millis));
            if (sides) {
                bcProtect.add(run(lab, "bench", "bc", "protect", sizes, 1, millis));
                bcUnprotect.add(run(lab, "bench", "bc", "unprotect", sizes, 1, millis));
            }
        }
        Figure r = median(raw);
        Figure fl = median(floor);
        Figure f = median(framed);
        Figure w = median(webCrypto);
        Figure b = median(bouncyCastle);
        System.out.printf("%s%n", label);
        System.out.printf("  raw WebCrypto AES-128-GCM     %9.0f frames/s %8.1f MB/s%n", r.framesPerSecond, r.megabytesPerSecond);
        System.out.printf("  header-in-front floor (JS)    %9.0f frames/s %8.1f MB/s  = %s raw%n",
                fl.framesPerSecond, fl.megabytesPerSecond, Ratio.of(floor, raw));
        System.out.printf("  LiveKit-style framing (JS)    %9.0f frames/s %8.1f MB/s  = %s raw%n",
                f.framesPerSecond, f.megabytesPerSecond, Ratio.of(framed, raw));
        System.out.printf("  SFrame on WebCrypto           %9.0f frames/s %8.1f MB/s  = %s raw, %s floor, %s LiveKit-style%n",
                w.framesPerSecond, w.megabytesPerSecond, Ratio.of(webCrypto, raw), Ratio.of(webCrypto, floor),
                Ratio.of(webCrypto, framed));
        System.out.printf("  SFrame on Bouncy Castle/TeaVM %9.0f frames/s %8.1f MB/s  = %s raw%n",
                b.framesPerSecond, b.megabytesPerSecond, Ratio.of(bouncyCastle, raw));
        if (sides) {
            Figure p = median(bcProtect);
            Figure u = median(bcUnprotect);
            SINGLE.put(label, new double[] {w.framesPerSecond, u.framesPerSecond});
            System.out.printf("    protect alone               %9.0f frames/s %8.1f MB/s%n", p.framesPerSecond,
                    p.megabytesPerSecond);
            System.out.printf("    unprotect alone             %9.0f frames/s %8.1f MB/s%n", u.framesPerSecond,
                    u.megabytesPerSecond);
        }
        if (label.equals(CALL_MIX)) {
            int frames = sizes.length;
            System.out.printf("  = senders' worth of 720p video + audio one worker keeps up with (send and receive):"
                    + " WebCrypto %.0f, Bouncy Castle %.0f%n", w.framesPerSecond / frames, b.framesPerSecond / frames);
        }
    }

    /**
     * What one frame worker spends decrypting in a 100-person SFU call, from this run's figures:
     * 99 remote microphones (Opus, 50 frames/s each; LiveKit forwards every subscribed track) and
     * 25 video tiles on screen (a page of the grid; adaptive stream subscribes no others) at 15
     * frames/s of ~5 KB. Audio takes the faster of Bouncy Castle's unprotect and half a WebCrypto
     * round trip; video half a WebCrypto round trip.
     */
    private static void sfuScale() {
        double[] audio = SINGLE.get("Opus audio ~100 B");
        double[] video = SINGLE.get("VP8 delta ~5 KB");
        if (audio == null || video == null) {
            return;
        }
        double audioFrames = 99 * 50;
        double videoFrames = 25 * 15;
        double audioRate = Math.max(audio[1], 2 * audio[0]);
        double videoRate = 2 * video[0];
        double ms = 1000 * (audioFrames / audioRate + videoFrames / videoRate);
        System.out.printf("%n== SFU scale ==%nworker decrypt time per second of a 100-person SFU call (99 audio streams"
                + " at 50 frames/s, 25 video tiles at 15 frames/s): %.0f ms of audio + %.0f ms of video = %.0f ms"
                + " (%.0f%% of one core)%n", 1000 * audioFrames / audioRate, 1000 * videoFrames / videoRate, ms, ms / 10);
    }

    private static Figure run(LabServer lab, String op, String backend, String mode, int[] sizes, int window,
            int millis) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", op.equals("framed") || op.equals("floor") ? "raw" : op);
        request.put("framed", op.equals("framed"));
        request.put("floor", op.equals("floor"));
        request.put("mode", mode);
        request.put("backend", backend);
        request.put("suite", 4);
        request.put("sizes", java.util.Arrays.stream(sizes).boxed().toList());
        request.put("window", window);
        request.put("ms", millis);
        JsonNode reply = JSON.readTree(lab.run(request));
        if (reply.has("error") || reply.get("failures").asLong() != 0) {
            throw new IllegalStateException(op + "/" + backend + "/" + mode + " failed: " + reply);
        }
        double ms = reply.get("ms").asDouble();
        return new Figure(reply.get("frames").asLong() * 1000.0 / ms, reply.get("bytes").asLong() / 1000.0 / ms);
    }

    private static Figure median(List<Figure> figures) {
        List<Figure> sorted = new ArrayList<>(figures);
        Collections.sort(sorted, (a, b) -> Double.compare(a.megabytesPerSecond, b.megabytesPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    /** One run's throughput: round trips per second and payload megabytes (10^6 B) per second. */
    private record Figure(double framesPerSecond, double megabytesPerSecond) {}

    /** The per-round ratios of two contenders' throughput: their median, lowest and highest. */
    private record Ratio(double median, double lowest, double highest) {
        static Ratio of(List<Figure> contender, List<Figure> baseline) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < contender.size(); i++) {
                ratios.add(contender.get(i).megabytesPerSecond / baseline.get(i).megabytesPerSecond);
            }
            Collections.sort(ratios);
            return new Ratio(ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1));
        }

        @Override
        public String toString() {
            return String.format("%.2fx [%.2f-%.2f]", median, lowest, highest);
        }
    }
}
