package org.conclave.e2e.bench;

import static org.conclave.e2e.bench.BenchPages.median;
import static org.conclave.e2e.bench.BenchPages.open;
import static org.conclave.e2e.bench.BenchPages.widget;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.conclave.e2e.Chromium;
import org.conclave.e2e.TwoDeployments;

/**
 * Join to first decoded frame in a call across two deployments (Alice on deployment one's SFU, Bob
 * publishing on deployment two's and subscribing to one's with a second grant and connection)
 * against the same call with both on deployment one's SFU, in the same run, alternating, on real
 * LiveKit servers. The time is the widget's own: from the second joiner's click on Join to the
 * first decoded frame of the other's video ({@code data-first-frame-ms}), both pages ready in the
 * lobby before the click. Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl e2e-tests
 * test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.conclave.e2e.bench.MultiSfuJoinBenchmark}
 */
public final class MultiSfuJoinBenchmark {
    private MultiSfuJoinBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        try (TwoDeployments rig = TwoDeployments.start(); Playwright playwright = Chromium.playwright();
                Browser browser = Chromium.launch(playwright)) {
            List<Double> single = new ArrayList<>();
            List<Double> across = new ArrayList<>();
            List<Double> acrossFirst = new ArrayList<>();
            for (int i = 0; i < runs + 1; i++) {
                double s = call(browser, rig, TwoDeployments.ONE, i)[0];
                double[] a = call(browser, rig, TwoDeployments.TWO, i);
                if (i > 0) { // the first of each warms Chromium and both LiveKits up
                    single.add(s);
                    across.add(a[0]);
                    acrossFirst.add(a[1]);
                }
            }
            System.out.printf("single SFU (both on deployment one): second joiner's click -> first decoded frame: median %.0f ms (%s)%n",
                    median(single), single);
            System.out.printf("two deployments (Bob on SFU two, subscribing on SFU one): median %.0f ms (%s) = %.2fx single%n",
                    median(across), across, median(across) / median(single));
            System.out.printf("two deployments, the first joiner's first frame of the second (through SFU two): median %.0f ms (%s)%n",
                    median(acrossFirst), acrossFirst);
        }
    }

    /**
     * Alice (deployment one) joins, then the second user of {@code deployment}: its click to its
     * first decoded frame of Alice, and Alice's time to the second's first frame from that click.
     */
    private static double[] call(Browser browser, TwoDeployments rig, String deployment, int i) throws InterruptedException {
        String room = URLEncoder.encode("!multibench" + i + Long.toHexString(System.nanoTime()) + ":conclave.local",
                StandardCharsets.UTF_8);
        String host = "http://localhost:" + rig.one.port() + "/demo/host?roomName=Bench&room=" + room + "&user=";
        List<BrowserContext> contexts = new ArrayList<>();
        try {
            Page alice = open(browser, contexts, host + TwoDeployments.user(TwoDeployments.ONE, "alice"), null);
            Page bob = open(browser, contexts, host + TwoDeployments.user(deployment, "bob"), null);
            widget(alice).locator("[data-testid=join-button]").click();
            widget(alice).locator("[data-testid=lobby][data-presence=in]").waitFor();
            Thread.sleep(500);
            long clicked = System.nanoTime();
            widget(bob).locator("[data-testid=join-button]").click();
            double bobSees = Double.parseDouble(widget(bob).locator("[data-testid=tile][data-self=false][data-first-frame-ms]")
                    .first().getAttribute("data-first-frame-ms", new Locator.GetAttributeOptions().setTimeout(30_000)));
            widget(alice).locator("[data-testid=tile][data-self=false][data-first-frame-ms]").first()
                    .waitFor(new Locator.WaitForOptions().setTimeout(30_000));
            double aliceSees = (System.nanoTime() - clicked) / 1e6;
            return new double[] {bobSees, aliceSees};
        } finally {
            contexts.forEach(BrowserContext::close);
        }
    }
}
