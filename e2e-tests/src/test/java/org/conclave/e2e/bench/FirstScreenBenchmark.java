package org.conclave.e2e.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.conclave.e2e.Chromium;
import org.conclave.server.WidgetServer;
import org.conclave.server.config.ServerConfig;

/**
 * Time from navigating the demo host page to the widget's lobby showing "ready" (the handshake
 * with the real ClientWidgetApi complete and update_state applied), against the host page's own
 * load event in the same runs. Prints medians. Run:
 * {@code mvn -B -q install -DskipTests && mvn -B -q -pl e2e-tests test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.conclave.e2e.bench.FirstScreenBenchmark}
 */
public final class FirstScreenBenchmark {
    private FirstScreenBenchmark() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Javalin server = WidgetServer.create(ServerConfig.defaults().withPort(0)).start();
        List<Double> ready = new ArrayList<>();
        List<Double> hostLoad = new ArrayList<>();
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            for (int i = 0; i < runs + 2; i++) {
                try (BrowserContext context = browser.newContext()) {
                    Page page = context.newPage();
                    String url = "http://localhost:" + server.port() + "/demo/host?user=alice&room=%21bench" + i + ":conclave.local";
                    long start = System.nanoTime();
                    page.navigate(url);
                    double load = (System.nanoTime() - start) / 1e6;
                    page.frameLocator("[data-testid=widget-frame]").locator("[data-testid=lobby][data-connection=ready]")
                            .waitFor();
                    double toReady = (System.nanoTime() - start) / 1e6;
                    if (i >= 2) { // the first two warm up the JIT, Jetty and Chromium's caches
                        ready.add(toReady);
                        hostLoad.add(load);
                    }
                }
            }
        } finally {
            server.stop();
        }
        double r = median(ready);
        double h = median(hostLoad);
        System.out.printf("first screen (navigate -> lobby ready): median %.0f ms over %d runs%n", r, ready.size());
        System.out.printf("host page load event (baseline, same runs): median %.0f ms; ratio %.2f%n", h, r / h);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
