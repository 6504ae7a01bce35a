package org.conclave.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Watches every page of a browser context, the host pages and the widget frames in them, for
 * what a journey must not produce: console errors, uncaught exceptions, failed requests and HTTP
 * errors. Each journey names the few it expects, each with its reason; anything else fails it.
 */
public final class PageWatch {
    /** A problem a journey expects, with why. */
    record Expected(Pattern pattern, String reason) {
        static Expected of(String regex, String reason) {
            return new Expected(Pattern.compile(regex), reason);
        }
    }

    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final List<Expected> expected = Collections.synchronizedList(new ArrayList<>());

    /** Watches {@code context}: its pages now and later, and every frame in them. */
    PageWatch(BrowserContext context) {
        // The widget asks for TURN servers (MSC3846) as it must; the demo host has none (loopback
        // needs none), and matrix-widget-api logs that as an error in the host page, exactly as
        // in Element Web on a homeserver without TURN.
        expect("^console error: error getting first TURN server results Error: Client refuses to provide any TURN servers",
                "the demo host has no TURN servers");
        context.onConsoleMessage(this::console);
        context.onWebError(error -> problems.add("uncaught: " + error.error()));
        context.onRequestFailed(this::failed);
        context.onResponse(this::response);
    }

    /** Also allows problems matching {@code regex}, for {@code reason}. */
    PageWatch expect(String regex, String reason) {
        expected.add(Expected.of(regex, reason));
        return this;
    }

    private void console(ConsoleMessage message) {
        if ("error".equals(message.type())) {
            String where = message.page() == null ? "" : " (" + message.page().url() + ")";
            problems.add(redacted("console error: " + message.text() + where));
        }
    }

    private void failed(Request request) {
        problems.add(redacted("request failed: " + request.method() + " " + request.url() + ": " + request.failure()));
    }

    /**
     * Tokens never go into a report: LiveKit's signalling URL carries the join token, and Element
     * Call logs its OpenID token ({@code access_token: …}) and its LiveKit JWT.
     */
    public static String redacted(String problem) {
        return problem.replaceAll("access_token=[^&\\s'\")]+", "access_token=REDACTED")
                .replaceAll("join_request=[^&\\s'\")]+", "join_request=REDACTED")
                .replaceAll("access_token\"?:\\s*\"?[^,\\s'\"})]+", "access_token: REDACTED")
                .replaceAll("eyJ[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){0,2}", "JWT-REDACTED");
    }

    private void response(Response response) {
        if (response.status() >= 400) {
            problems.add(redacted("HTTP " + response.status() + ": " + response.request().method() + " " + response.url()));
        }
    }

    /** What went wrong that no {@link #expect} allows. */
    List<String> unexpected() {
        List<String> out = new ArrayList<>();
        synchronized (problems) {
            for (String problem : problems) {
                if (expected.stream().noneMatch(e -> e.pattern().matcher(problem).find())) {
                    out.add(problem);
                }
            }
        }
        return out;
    }
}
