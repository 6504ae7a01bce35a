package org.conclave.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One person in a journey: their own browser context (as a separate browser would be) on the
 * demo host page, with the widget in its cross-origin iframe. Collects the page's console lines.
 */
final class Participant {
    final String user;
    final BrowserContext context;
    final Page page;
    final List<String> console = Collections.synchronizedList(new ArrayList<>());

    Participant(Browser browser, String hostOrigin, String user, String roomId, String query) {
        this.user = user;
        this.context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1000, 700));
        this.page = context.newPage();
        page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
        String url = hostOrigin + "/demo/host?user=" + user + "&room=" + URLEncoder.encode(roomId, StandardCharsets.UTF_8)
                + (query == null || query.isEmpty() ? "" : "&" + query);
        page.navigate(url);
    }

    /** The widget's document, inside the host page's iframe. */
    FrameLocator widget() {
        return page.frameLocator("[data-testid=widget-frame]");
    }

    /** An element of the widget by {@code data-testid}. */
    Locator byTestId(String testId) {
        return widget().locator("[data-testid=\"" + testId + "\"]");
    }

    /** Evaluates {@code expression} in the host page (where {@code window.harness} lives). */
    Object host(String expression) {
        return page.evaluate(expression);
    }

    void close() {
        context.close();
    }
}
