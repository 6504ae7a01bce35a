package org.conclave.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RFC 9605 Appendix C vectors in headless Chromium, through the TeaVM-compiled SFrame code in
 * a dedicated worker, once per AEAD backend: Bouncy Castle under TeaVM and WebCrypto. One named
 * test per vector and backend.
 */
class SframeInChromiumTest {
    private static Playwright playwright;
    private static Browser browser;
    private static LabServer lab;

    @BeforeAll
    static void startLab() {
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
        lab = new LabServer(browser);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
        browser.close();
        playwright.close();
    }

    @TestFactory
    Stream<DynamicTest> vectorsOnBouncyCastleUnderTeaVm() throws IOException {
        return vectorTests("bc");
    }

    @TestFactory
    Stream<DynamicTest> vectorsOnWebCrypto() throws IOException {
        return vectorTests("webcrypto");
    }

    /**
     * Eight round trips in flight from the first frame, so the first ones wait for the key import,
     * on frames of every kind; each opened frame is compared byte for byte. Sender and receiver
     * reuse their nonce and AAD arrays, which this shows WebCrypto's binding copies in time.
     */
    @ParameterizedTest(name = "{0}, suite {1}")
    @CsvSource({"webcrypto, 1", "webcrypto, 2", "webcrypto, 3", "webcrypto, 4", "webcrypto, 5",
            "bc, 1", "bc, 4", "bc, 5"})
    void overlappingRoundTripsAllOpen(String backend, int suite) throws IOException {
        assertOverlappingRoundTripsOpen(lab, backend, suite);
    }

    /** Browsers without ArrayBuffer.prototype.transfer (before ES2024) get sealed frames by copy. */
    @Test
    void sealingFallsBackToACopyWithoutArrayBufferTransfer() throws IOException {
        try (LabServer old = new LabServer(browser)) {
            assertThat(old.run(Map.of("op", "withoutTransfer"))).contains("undefined");
            assertOverlappingRoundTripsOpen(old, "webcrypto", 4);
        }
    }

    private static void assertOverlappingRoundTripsOpen(LabServer target, String backend, int suite) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "bench");
        request.put("backend", backend);
        request.put("suite", suite);
        request.put("sizes", List.of(100, 5000, 0, 30_000, 17, 1200));
        request.put("window", 8);
        request.put("ms", 150);
        request.put("verify", true);
        String reply = target.run(request);
        JsonNode result = new ObjectMapper().readTree(reply);
        assertThat(result.has("error")).as(reply).isFalse();
        assertThat(result.get("failures").asLong()).as(reply).isZero();
        assertThat(result.get("frames").asLong()).as(reply).isGreaterThan(8);
    }

    private static Stream<DynamicTest> vectorTests(String backend) throws IOException {
        String reply = lab.run(Map.of("op", "vectors", "backend", backend, "json", vectorsJson()));
        JsonNode root = new ObjectMapper().readTree(reply);
        assertThat(root.has("error")).as(reply).isFalse();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode result : root.get("results")) {
            String name = result.get("name").asText();
            tests.add(DynamicTest.dynamicTest(backend + ": " + name, () ->
                    assertThat(result.get("ok").asBoolean()).as(result.get("why").asText()).isTrue()));
        }
        assertThat(tests).hasSize(297);
        return tests.stream();
    }

    private static String vectorsJson() throws IOException {
        try (InputStream in = SframeInChromiumTest.class.getResourceAsStream("/vectors/sframe-rfc9605.json")) {
            assertThat(in).as("the vectors from widget-client's test jar").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
