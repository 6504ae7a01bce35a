package org.conclave.e2e.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.conclave.e2e.Chromium;
import org.conclave.e2e.ElementCallSite;
import org.conclave.server.WidgetServer;
import org.conclave.server.config.ServerConfig;

/**
 * The widget's first screen: time from navigating the demo host page to the lobby being ready
 * (the handshake with the real ClientWidgetApi done, room state applied), and the bytes the
 * widget's frame and its workers load for it (decoded bodies of its page and every resource, until
 * the network is idle: what the first screen costs before anyone presses anything). Element Call's embedded widget, in the same host page and the same
 * run, alternating with Conclave, is the baseline: its lobby is ready when its Join button shows.
 * Prints medians and the ratios. Run (from the repository root):
 * {@code mvn -B -q install -DskipTests && e2e-tests/tools/loopback/run mvn -B -q -pl e2e-tests test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=org.conclave.e2e.bench.FirstScreenBenchmark [-Dexec.args=15]}
 */
public final class FirstScreenBenchmark {
    private FirstScreenBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        try (ElementCallSite elementCall = new ElementCallSite()) {
            Javalin server = WidgetServer.create(ServerConfig.defaults().withPort(0)
                    .withDemoElementCall(elementCall.url())).start();
            Sample conclave = new Sample();
            Sample ec = new Sample();
            try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
                for (int i = 0; i < runs + 2; i++) {
                    String host = "http://localhost:" + server.port() + "/demo/host?user=alice&room=%21bench" + i
                            + ":conclave.local";
                    boolean warm = i >= 2; // the first two warm up the JIT, Jetty and Chromium's caches
                    measure(browser, host, "[data-testid=lobby][data-connection=ready]", warm ? conclave : null);
                    measure(browser, host + "&widget=element-call&intent=start_call", "[data-testid=lobby_joinCall]",
                            warm ? ec : null);
                }
            } finally {
                server.stop();
            }
            System.out.printf("Conclave lobby ready: median %.0f ms; decoded %.1f KB (%s)%n",
                    conclave.medianMs(), conclave.kb(), conclave.breakdown());
            System.out.printf("Element Call lobby ready (baseline, same run): median %.0f ms; decoded %.1f KB%n",
                    ec.medianMs(), ec.kb());
            System.out.printf("ratio Conclave / Element Call: time %.2f, bytes %.2f (%d runs each)%n",
                    conclave.medianMs() / ec.medianMs(), conclave.kb() / ec.kb(), conclave.ms.size());
        }
    }

    private static void measure(Browser browser, String url, String readySelector, Sample into) {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            Map<String, Long> loaded = new TreeMap<>();
            page.onRequestFinished(r -> {
                // Everything the widget's frame and its workers fetched (the host page's own files aside).
                if (r.frame() != page.mainFrame() && r.response() != null) {
                    String path = java.net.URI.create(r.url()).getPath();
                    String name = path == null ? r.url().substring(0, r.url().indexOf(':')) // data:, blob:
                            : path.endsWith("/") ? "page" : path.substring(path.lastIndexOf('/') + 1);
                    loaded.merge(name, (long) r.response().body().length, Long::sum);
                }
            });
            long start = System.nanoTime();
            page.navigate(url);
            BenchPages.widget(page).locator(readySelector).first().waitFor();
            double ms = (System.nanoTime() - start) / 1e6;
            // Bytes: all the first screen loads without anyone pressing anything, not only before "ready".
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            if (into != null) {
                into.ms.add(ms);
                into.bytes = new TreeMap<>(loaded);
            }
        }
    }

    private static final class Sample {
        final List<Double> ms = new ArrayList<>();
        Map<String, Long> bytes = new TreeMap<>();

        double medianMs() {
            return BenchPages.median(ms);
        }

        double kb() {
            return bytes.values().stream().mapToLong(Long::longValue).sum() / 1024.0;
        }

        String breakdown() {
            StringBuilder out = new StringBuilder();
            for (Map.Entry<String, Long> e : bytes.entrySet()) {
                if (e.getValue() > 0) {
                    out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                            .append(Math.round(e.getValue() / 102.4) / 10.0).append(" KB");
                }
            }
            return out.toString();
        }
    }
}
