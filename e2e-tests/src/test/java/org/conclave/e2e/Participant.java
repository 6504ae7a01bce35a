package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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
    final PageWatch watch;
    final List<String> console = Collections.synchronizedList(new ArrayList<>());

    Participant(Browser browser, String hostOrigin, String user, String roomId, String query) {
        this(browser, hostOrigin, user, roomId, query, context -> { });
    }

    /** As above; {@code prepare} sets the context up (e.g. routes) before the page opens. */
    Participant(Browser browser, String hostOrigin, String user, String roomId, String query,
            java.util.function.Consumer<BrowserContext> prepare) {
        this(user, browser.newContext(new Browser.NewContextOptions().setViewportSize(1000, 700)));
        prepare.accept(context);
        String url = hostOrigin + "/demo/host?user=" + user + "&room=" + URLEncoder.encode(roomId, StandardCharsets.UTF_8)
                + (query == null || query.isEmpty() ? "" : "&" + query);
        page.navigate(url);
    }

    /** {@code user} in a fresh page of {@code context}, watched; not yet navigated. */
    private Participant(String user, BrowserContext context) {
        this(user, context, context.newPage(), new PageWatch(context));
    }

    /** {@code user} on {@code page}, an open host page, watched by {@code watch}. */
    Participant(String user, BrowserContext context, Page page, PageWatch watch) {
        this.user = user;
        this.context = context;
        this.page = page;
        this.watch = watch;
        page.onConsoleMessage(m -> console.add(System.currentTimeMillis() % 100_000 + " " + m.type() + ": " + PageWatch.redacted(m.text())));
    }

    /** The widget's document, inside the host page's iframe. */
    FrameLocator widget() {
        return page.frameLocator("[data-testid=widget-frame]");
    }

    /** An element of the widget by {@code data-testid}. */
    Locator byTestId(String testId) {
        return widget().locator("[data-testid=\"" + testId + "\"]");
    }

    /** Waits until the widget's handshake with the host is complete. */
    void awaitReady() {
        // A page loading next to three in a call on two cores can take far longer than the default 5 s.
        assertThat(byTestId("lobby")).hasAttribute("data-connection", "ready",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
    }

    /** Posts {@code messageJs} (a JavaScript expression) from the host page to the widget frame. */
    void postToWidget(String messageJs) {
        page.evaluate("window.harness.postToWidget(" + messageJs + ")");
    }

    /**
     * Has the real host change the theme and waits until the widget shows {@code css}. Messages
     * posted to the widget earlier have been handled (or dropped) by then: a barrier for
     * asserting that something did not happen.
     */
    void hostSetsTheme(String name, String css) {
        page.evaluate("name => window.harness.setTheme(name)", name);
        assertThat(widget().locator("html")).hasAttribute("data-theme", css);
    }

    /** Evaluates {@code expression} (a function) in the widget's document. */
    Object inWidget(String expression) {
        return page.querySelector("[data-testid=widget-frame]").contentFrame().evaluate(expression);
    }

    /**
     * Saves the host page as {@code target/screenshots/<name>.png}, kept by CI as an artifact
     * (.ci/run lists them): the journeys' record of what the screen looked like.
     */
    java.nio.file.Path screenshot(String name) {
        java.nio.file.Path file = java.nio.file.Path.of("target", "screenshots", name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        return file;
    }

    /** Evaluates {@code expression} in the host page (where {@code window.harness} lives). */
    Object host(String expression) {
        return page.evaluate(expression);
    }

    void close() {
        context.close();
    }
}
