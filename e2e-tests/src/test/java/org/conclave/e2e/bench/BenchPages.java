package org.conclave.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the join benchmarks share: opening a host page ready in the lobby, its widget, a median. */
final class BenchPages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchPages() {}

    /**
     * For the benchmarks' verbose runs (an init script): every peer connection's video receivers,
     * every 20 ms: the first packet, frame received and frame decoded (also after a pause of 300 ms
     * or more), and every key frame decoded and key frame request (PLI, FIR) sent, on the console as
     * {@code [probe] pcN ssrc S ...}.
     */
    static final String VIDEO_PROBE = """
            (() => {
              const Native = window.RTCPeerConnection;
              if (!Native) return;
              let connections = 0;
              window.RTCPeerConnection = class extends Native {
                constructor(...args) {
                  super(...args);
                  const n = ++connections;
                  const seen = {};
                  const poll = setInterval(() => {
                    if (this.connectionState === 'closed') { clearInterval(poll); return; }
                    const now = performance.now();
                    this.getStats().then((report) => report.forEach((entry) => {
                      if (entry.type !== 'inbound-rtp' || entry.kind !== 'video') return;
                      const last = seen[entry.id] = seen[entry.id] || {};
                      for (const key of ['packetsReceived', 'framesReceived', 'framesDecoded']) {
                        const value = entry[key] || 0;
                        if (value > (last[key] || 0) && now - (last[key + 'At'] || 0) >= 300) {
                          console.info('[probe] pc' + n + ' ssrc ' + entry.ssrc + ' ' + key + ' again: ' + value);
                        }
                        if (value > (last[key] || 0)) { last[key + 'At'] = now; }
                        last[key] = value;
                      }
                      for (const key of ['keyFramesDecoded', 'pliCount', 'firCount']) {
                        const value = entry[key] || 0;
                        if (value > (last[key] || 0)) {
                          console.info('[probe] pc' + n + ' ssrc ' + entry.ssrc + ' ' + key + ' ' + value
                              + (key === 'keyFramesDecoded' ? ' (' + entry.frameWidth + 'x' + entry.frameHeight + ', '
                                  + entry.bytesReceived + ' bytes so far)' : ''));
                        }
                        last[key] = value;
                      }
                    }));
                  }, 20);
                }
              };
            })();
            """;

    /**
     * Opens {@code url} in a fresh context (kept in {@code contexts} for closing) and waits until
     * the widget's lobby is ready; with {@code accessToken}, the host page is a Matrix client
     * logged in with it (the top-level page only: init scripts also run in the widget's frame).
     */
    static Page open(Browser browser, List<BrowserContext> contexts, String url, String accessToken) {
        BrowserContext context = browser.newContext();
        contexts.add(context);
        if (accessToken != null) {
            context.addInitScript("if (window.top === window) { window.conclaveHostSession = "
                    + JSON.createObjectNode().put("accessToken", accessToken) + "; }");
        }
        Page page = context.newPage();
        page.navigate(url);
        widget(page).locator("[data-testid=lobby][data-connection=ready]").waitFor();
        return page;
    }

    static FrameLocator widget(Page page) {
        return page.frameLocator("[data-testid=widget-frame]");
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
