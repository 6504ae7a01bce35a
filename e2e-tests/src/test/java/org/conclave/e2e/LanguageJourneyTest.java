package org.conclave.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The screen in the host's language: the {@code lang} parameter, the host's
 * {@code language_change}, right-to-left Arabic and the host's {@code fontScale}. Every message
 * key of the English bundle is walked against everything the widget's document shows (text, names
 * and tooltips, hidden parts included) in the lobby, in a call and with the shortcuts open: no
 * English is left where the language has its own words.
 */
class LanguageJourneyTest extends JourneyBase {
    private static final Map<String, String> EN = bundle("en");

    /** Every string in the widget's document: text nodes, accessible names and tooltips. */
    private static final String SHOWN = "() => {"
            + " const out = [];"
            + " const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
            + " while (walk.nextNode()) { const t = walk.currentNode.textContent.trim(); if (t) out.push(t); }"
            + " for (const e of document.querySelectorAll('[aria-label], [title]')) {"
            + "   for (const a of ['aria-label', 'title']) { const v = e.getAttribute(a); if (v) out.push(v); }"
            + " }"
            + " return out; }";

    static Map<String, String> bundle(String lang) {
        try {
            return JSON.readValue(Files.readString(Path.of("../static/i18n", lang + ".json")),
                    new TypeReference<Map<String, String>>() {});
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The English messages (as patterns, arguments as wildcards) found among what {@code p} shows. */
    static List<String> englishLeft(Participant p, Map<String, String> language) {
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) p.inWidget(SHOWN);
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> e : EN.entrySet()) {
            if (e.getValue().equals(language.get(e.getKey()))) {
                continue; // the same word in both ("Esc")
            }
            List<String> parts = new ArrayList<>();
            for (String part : e.getValue().split("\\{\\d}", -1)) {
                parts.add(Pattern.quote(part));
            }
            String r = String.join(".*", parts);
            // Long messages anywhere in a string; short words only as the whole string.
            Pattern pattern = Pattern.compile(e.getValue().length() >= 14 ? ".*" + r + ".*" : r, Pattern.DOTALL);
            for (String s : shown) {
                if (pattern.matcher(s).matches()) {
                    found.add(e.getKey() + " in \"" + s + "\"");
                }
            }
        }
        return found;
    }

    @Test
    void germanFromTheLobbyToTheCallWithNoEnglishLeft(TestInfo test) throws Exception {
        Map<String, String> de = bundle("de");
        String room = roomFor(test);
        Participant alice = join("alice", room, "roomName=Mesh&lang=de");
        alice.awaitReady();
        assertThat(alice.byTestId("join-button")).hasText(de.get("join_call"));
        assertThat(alice.widget().locator("html")).hasAttribute("lang", "de");
        assertThat(alice.widget().locator("html")).hasAttribute("dir", "ltr");
        assertThat(alice.byTestId("connection-status")).hasText(de.get("status_ready"));
        assertThat(englishLeft(alice, de)).as("English in the German lobby").isEmpty();
        alice.screenshot("lobby-de-desktop");

        alice.byTestId("join-button").click();
        Participant bob = inCall("bob", room, "&lang=de");
        MeshCallJourneyTest.decodes(alice, "bob");
        assertThat(MeshCallJourneyTest.tile(alice, "bob").getByTestId("tile-e2ee")).containsText("Verschlüsselt · Schlüssel");
        assertThat(MeshCallJourneyTest.tile(alice, "alice").getByTestId("tile-name")).hasText("Alice (Sie)");
        assertThat(alice.byTestId("mic-button")).hasAttribute("aria-label", de.get("mute"));
        alice.byTestId("grid").click();
        alice.page.keyboard().press("?");
        assertThat(alice.byTestId("help-overlay")).isVisible();
        assertThat(alice.byTestId("help-keys")).containsText(de.get("shortcut_talk"));
        assertThat(englishLeft(alice, de)).as("English in the German call").isEmpty();
        assertThat(englishLeft(bob, de)).as("English in the German call").isEmpty();
        alice.screenshot("call-de-desktop");
    }

    @Test
    void arabicRightToLeftAndTheHostSwitchesLanguageWhileTheWidgetRuns(TestInfo test) throws Exception {
        Map<String, String> ar = bundle("ar");
        Participant alice = join("alice", roomFor(test), "roomName=Mesh&lang=ar");
        alice.awaitReady();
        assertThat(alice.widget().locator("html")).hasAttribute("dir", "rtl");
        assertThat(alice.widget().locator("html")).hasAttribute("lang", "ar");
        assertThat(alice.byTestId("join-button")).hasText(ar.get("join_call"));
        assertThat(englishLeft(alice, ar)).as("English in the Arabic lobby").isEmpty();
        alice.screenshot("lobby-ar-desktop");

        // Element Web's language_change, through the real ClientWidgetApi; a regional tag is its language.
        alice.host("window.harness.setLanguage('de-AT')");
        assertThat(alice.widget().locator("html")).hasAttribute("lang", "de");
        assertThat(alice.widget().locator("html")).hasAttribute("dir", "ltr");
        assertThat(alice.byTestId("join-button")).hasText(bundle("de").get("join_call"));
        // A language Conclave does not have: English, not the last one.
        alice.host("window.harness.setLanguage('fr')");
        assertThat(alice.widget().locator("html")).hasAttribute("lang", "en");
        assertThat(alice.byTestId("join-button")).hasText(EN.get("join_call"));

        // An Arabic call, with the shortcuts and the reactions open: no English either.
        Participant carol = inCall("carol", roomFor(test), "&lang=ar");
        assertThat(carol.widget().locator("html")).hasAttribute("dir", "rtl");
        assertThat(carol.byTestId("mic-button")).hasAttribute("aria-label", ar.get("mute"));
        carol.byTestId("reactions-button").click();
        carol.byTestId("grid").click();
        carol.page.keyboard().press("?");
        assertThat(carol.byTestId("help-overlay")).isVisible();
        assertThat(englishLeft(carol, ar)).as("English in the Arabic call").isEmpty();
        carol.screenshot("call-ar-desktop");
    }

    @Test
    void theHostsFontScaleSizesEveryText(TestInfo test) {
        Participant normal = join("alice", roomFor(test), "roomName=Mesh");
        Participant larger = join("bob", roomFor(test), "roomName=Mesh&fontScale=1.5");
        normal.awaitReady();
        larger.awaitReady();
        // The walk finds English where English is shown (so it can find what the others must not show).
        assertThat(englishLeft(normal, Map.of())).anyMatch(s -> s.startsWith("join_call in"))
                .anyMatch(s -> s.startsWith("shortcut_talk in"));
        String size = "() => getComputedStyle(document.querySelector('[data-testid=join-button]')).fontSize";
        double base = Double.parseDouble(normal.inWidget(size).toString().replace("px", ""));
        assertThat(Double.parseDouble(larger.inWidget(size).toString().replace("px", ""))).isEqualTo(base * 1.5);
    }
}
