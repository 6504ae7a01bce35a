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
