package org.conclave.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts Playwright and Chromium for a test class. Uses a system Chromium when there is one
 * ({@code CONCLAVE_CHROMIUM}, {@code /usr/bin/chromium}, {@code /usr/lib/chromium/chromium}),
 * with Playwright's own download switched off; otherwise lets Playwright fetch its browser.
 */
public final class Chromium {
    /** Flags a call needs: fake camera and microphone, no prompt, ICE over loopback. */
    static final List<String> ARGS = List.of(
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            "--allow-loopback-in-peer-connection",
            // A page without camera permission (a watcher) would hide its addresses behind mDNS
            // names, which nothing resolves on loopback in the tests' network namespace.
            "--disable-features=WebRtcHideLocalIpsWithMdns",
            "--autoplay-policy=no-user-gesture-required",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run");

    private Chromium() {}

    public static Optional<Path> systemChromium() {
        String configured = System.getenv("CONCLAVE_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Paths.get(configured));
        }
        for (String candidate : List.of("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Paths.get(candidate))) {
                return Optional.of(Paths.get(candidate));
            }
        }
        return Optional.empty();
    }

    public static Playwright playwright() {
        Optional<Path> system = systemChromium();
        Playwright.CreateOptions options = new Playwright.CreateOptions();
        if (system.isPresent()) {
            options.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
        }
        return Playwright.create(options);
    }

    public static Browser launch(Playwright playwright) {
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(ARGS);
        systemChromium().ifPresent(options::setExecutablePath);
        return playwright.chromium().launch(options);
    }
}
