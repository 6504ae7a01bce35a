package org.conclave.e2e.bench;

import static org.conclave.e2e.bench.BenchPages.median;
import static org.conclave.e2e.bench.BenchPages.open;
import static org.conclave.e2e.bench.BenchPages.widget;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.conclave.e2e.Chromium;
import org.conclave.e2e.SynapseServer;
import org.conclave.server.WidgetServer;
import org.conclave.server.config.ServerConfig;

/**
 * Join to first decoded frame of a two-person mesh call on a real Synapse (host pages that are
 * matrix-js-sdk clients with Olm-encrypted to-device messages) against the same call on the demo's
 * in-memory relay, in the same run, alternating. The time is the widget's own: from the second
 * joiner's click on Join to the first decoded frame of the other's video
 * ({@code data-first-frame-ms}); both pages are in the lobby, ready, before the click.
 * Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl e2e-tests test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=org.conclave.e2e.bench.HomeserverJoinBenchmark}
 */
public final class HomeserverJoinBenchmark {
    private HomeserverJoinBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        Javalin server = WidgetServer.create(ServerConfig.defaults().withPort(0).withDemo(true)).start();
        SynapseServer synapse = SynapseServer.shared();
        try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
            List<Double> relay = new ArrayList<>();
            List<Double> real = new ArrayList<>();
            for (int i = 0; i < runs + 1; i++) {
                double r = relayCall(browser, server.port(), i);
                double s = synapseCall(browser, server.port(), synapse);
                if (i > 0) { // the first of each warms Chromium and Synapse up
                    relay.add(r);
                    real.add(s);
                }
            }
            System.out.printf("in-memory relay: second joiner's click -> first decoded frame: median %.0f ms (%s)%n",
                    median(relay), relay);
            System.out.printf("Synapse (Olm to-device, real sync): median %.0f ms (%s) = %.2fx the relay%n",
                    median(real), real, median(real) / median(relay));
        } finally {
            server.stop();
            synapse.close();
        }
    }

    private static double relayCall(Browser browser, int port, int i) throws InterruptedException {
        String room = URLEncoder.encode("!joinbench" + i + Long.toHexString(System.nanoTime()) + ":conclave.local", StandardCharsets.UTF_8);
        List<BrowserContext> contexts = new ArrayList<>();
        try {
            Page alice = open(browser, contexts, "http://localhost:" + port + "/demo/host?user=alice&room=" + room, null);
            Page bob = open(browser, contexts, "http://localhost:" + port + "/demo/host?user=bob&room=" + room, null);
            return secondJoin(alice, bob);
        } finally {
            contexts.forEach(BrowserContext::close);
        }
    }

    private static double synapseCall(Browser browser, int port, SynapseServer synapse) throws Exception {
        SynapseServer.Session alice = synapse.login("alice");
        SynapseServer.Session bob = synapse.login("bob");
        String room = synapse.roomWith(alice, List.of(bob));
        List<BrowserContext> contexts = new ArrayList<>();
        try {
            Page a = open(browser, contexts, hostUrl(port, synapse, alice, room), alice.accessToken());
            Page b = open(browser, contexts, hostUrl(port, synapse, bob, room), bob.accessToken());
            return secondJoin(a, b);
        } finally {
            contexts.forEach(BrowserContext::close);
        }
    }

    private static String hostUrl(int port, SynapseServer synapse, SynapseServer.Session s, String room) {
        return "http://localhost:" + port + "/demo/host?user=" + URLEncoder.encode(s.userId(), StandardCharsets.UTF_8)
                + "&device=" + s.deviceId() + "&room=" + URLEncoder.encode(room, StandardCharsets.UTF_8)
                + "&homeserver=" + URLEncoder.encode(synapse.url(), StandardCharsets.UTF_8);
    }

    private static double secondJoin(Page first, Page second) throws InterruptedException {
        widget(first).locator("[data-testid=join-button]").click();
        widget(first).locator("[data-testid=lobby][data-presence=in]").waitFor();
        Thread.sleep(500);
        widget(second).locator("[data-testid=join-button]").click();
        return Double.parseDouble(widget(second).locator("[data-testid=tile][data-self=false][data-first-frame-ms]")
                .first().getAttribute("data-first-frame-ms", new com.microsoft.playwright.Locator.GetAttributeOptions().setTimeout(30_000)));
    }
}
