package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README, followed literally: its run command (the packaged jar, on a free port instead of
 * 8080), the demo URL read from the server's log, "Join as Alice" and "Join as Bob" opened from
 * the index page as it offers them, "Join call" pressed in both, and each sees the other's
 * decoded video. Any console error or failed request in the host pages or the widgets fails it.
 */
class ReadmeDemoJourneyTest {
    private static final Pattern DEMO_URL = Pattern.compile("open (http://\\S+/demo/)");

    static Process server;
    static final List<String> serverLog = Collections.synchronizedList(new ArrayList<>());
    static String demoUrl;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void startTheJarAsTheReadmeSays() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> command = runCommand(Files.readString(root.resolve("README.md")));
        Path jar = root.resolve(command.get(command.size() - 1));
        assertThat(jar).as("the jar the README runs; build it with the README's command first").exists();
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("CONCLAVE_PORT", String.valueOf(freePort()));
        server = builder.start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> readLog(url), "conclave-jar-log");
        reader.setDaemon(true);
        reader.start();
        demoUrl = url.get(60, TimeUnit.SECONDS);
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /**
     * The README's run command, the part after the build: {@code java -jar <path>}. Fails when the
     * README no longer says to run the jar, so this journey and the README cannot drift apart.
     */
    static List<String> runCommand(String readme) {
        int section = readme.indexOf("## Run it");
        assertThat(section).as("README has a 'Run it' section").isNotNegative();
        Matcher block = Pattern.compile("```sh\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme.substring(section));
        assertThat(block.find()).as("the 'Run it' section has a command").isTrue();
        Matcher java = Pattern.compile("(?:^|&&\\s*)java -jar (\\S+)\\s*$").matcher(block.group(1).strip());
        assertThat(java.find()).as("the README's run command ends in java -jar <jar>: " + block.group(1)).isTrue();
        return List.of("java", "-jar", java.group(1));
    }

    private static void readLog(CompletableFuture<String> url) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                serverLog.add(line);
                Matcher m = DEMO_URL.matcher(line);
                if (m.find()) {
                    url.complete(m.group(1));
                }
            }
            url.completeExceptionally(new IllegalStateException("the server stopped without printing the demo URL: " + serverLog));
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Join as", "embedded"})
    void twoTabsHoldAnEncryptedCall(String variant) throws Exception {
        String suffix = variant.equals("embedded") ? " (embedded)" : "";
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1000, 700));
        PageWatch watch = new PageWatch(context);
        try {
            Page index = context.newPage();
            index.navigate(demoUrl);
            assertThat(index.getByTestId("demo-banner")).containsText("Development demo");
            Participant alice = open(context, index, watch, "Alice" + suffix);
            Participant bob = open(context, index, watch, "Bob" + suffix);
            for (Participant p : List.of(alice, bob)) {
                FrameLocator widget = p.widget();
                widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Join call")).click();
                assertThat(p.byTestId("lobby")).hasAttribute("data-presence", "in");
            }
            MeshCallJourneyTest.decodes(alice, "bob");
            MeshCallJourneyTest.decodes(bob, "alice");
            // Both leave, so the demo room is empty again for whoever comes next.
            for (Participant p : List.of(alice, bob)) {
                p.byTestId("leave-button").click();
                assertThat(p.byTestId("lobby")).hasAttribute("data-presence", "out");
            }
            assertThat(watch.unexpected()).as("console errors and failed requests").isEmpty();
        } finally {
            context.close();
        }
    }

    /** Clicks "Join as {name}" on the index page and returns the tab it opens. */
    private static Participant open(BrowserContext context, Page index, PageWatch watch, String name) {
        Page tab = context.waitForPage(() -> index.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Join as " + name).setExact(true)).click());
        String user = name.split(" ")[0].toLowerCase(java.util.Locale.ROOT);
        Participant p = new Participant(user, context, tab, watch);
        p.awaitReady();
        return p;
    }
}
