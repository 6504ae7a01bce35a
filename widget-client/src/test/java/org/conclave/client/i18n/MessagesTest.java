package org.conclave.client.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final Path BUNDLES = Path.of("../static/i18n");
    /** Words that stay the same in a translation. */
    private static final Set<String> SAME_EVERYWHERE = Set.of("key_escape");

    private static JsonObject bundle(String lang) throws IOException {
        return Json.parseObject(Files.readString(BUNDLES.resolve(lang + ".json"), StandardCharsets.UTF_8));
    }

    private static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d}").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void theBuiltInEnglishIsTheEnglishBundle() throws IOException {
        JsonObject en = bundle("en");
        assertThat(en.names()).containsExactlyInAnyOrderElementsOf(
                Stream.of(Msg.values()).map(Msg::key).collect(Collectors.toList()));
        for (Msg m : Msg.values()) {
            assertThat(en.getString(m.key())).as(m.key()).isEqualTo(m.english());
        }
    }

    @Test
    void everyLanguageHasEveryKeyWithTheSameArgumentsAndItsOwnWords() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            List<String> onDisk = files.map(p -> p.getFileName().toString().replace(".json", ""))
                    .filter(l -> !"en".equals(l)).sorted().collect(Collectors.toList());
            assertThat(onDisk).containsExactlyInAnyOrder(Messages.TRANSLATED);
        }
        assertThat(Messages.TRANSLATED).hasSizeGreaterThanOrEqualTo(2).contains("ar");
        for (String lang : Messages.TRANSLATED) {
            JsonObject words = bundle(lang);
            List<String> problems = new ArrayList<>();
            for (Msg m : Msg.values()) {
                String text = words.getString(m.key());
                if (text == null || text.isBlank()) {
                    problems.add(m.key() + " missing");
                } else if (!placeholders(text).equals(placeholders(m.english()))) {
                    problems.add(m.key() + " has arguments " + placeholders(text) + ", English " + placeholders(m.english()));
                } else if (text.equals(m.english()) && !SAME_EVERYWHERE.contains(m.key())) {
                    problems.add(m.key() + " is still English");
                }
            }
            for (String key : words.names()) {
                if (Stream.of(Msg.values()).noneMatch(m -> m.key().equals(key))) {
                    problems.add(key + " is no message");
                }
            }
            assertThat(problems).as(lang).isEmpty();
        }
    }

    @Test
    void aLanguageIsChosenByItsBaseTagAndFallsBackToEnglish() {
        assertThat(Messages.supported("de")).isEqualTo("de");
        assertThat(Messages.supported("de-AT")).isEqualTo("de");
        assertThat(Messages.supported("AR_eg")).isEqualTo("ar");
        assertThat(Messages.supported("fr")).isEqualTo("en");
        assertThat(Messages.supported("")).isEqualTo("en");
        assertThat(Messages.supported(null)).isEqualTo("en");
        assertThat(Messages.supported("../../etc")).isEqualTo("en");
    }

    @Test
    void argumentsGoInPlaceAndNestedMessagesInTheSameLanguage() {
        Messages de = Messages.of("de", new JsonObject().put("media_denied", "Zugriff auf {0} verweigert.")
                .put("device_camera", "Kamera"));
        assertThat(de.render(Text.of(Msg.MEDIA_DENIED, Text.of(Msg.DEVICE_CAMERA)))).isEqualTo("Zugriff auf Kamera verweigert.");
        assertThat(Messages.english().get(Msg.KEY_IN_USE_FAILURES, "3", "12")).isEqualTo("Encrypted · key 3 · 12 failed");
        // An argument is shown as it is: braces in a name are not read as placeholders.
        assertThat(Messages.english().get(Msg.TILE_YOU, "{1} Eve {0}")).isEqualTo("{1} Eve {0} (you)");
        assertThat(Messages.english().get(Msg.TILE_YOU)).isEqualTo("{0} (you)");
        assertThat(Messages.english().render(null)).isEmpty();
    }

    @Test
    void aBadBundleLosesOnlyItsBadEntries() {
        Messages m = Messages.of("de", new JsonObject().put("join_call", 42).put("leave", "").put("nonsense", "x")
                .put("close", "Schließen"));
        assertThat(m.get(Msg.JOIN_CALL)).isEqualTo("Join call");
        assertThat(m.get(Msg.LEAVE)).isEqualTo("Leave");
        assertThat(m.get(Msg.CLOSE)).isEqualTo("Schließen");
        assertThat(m.lang()).isEqualTo("de");
    }

    @Test
    void arabicIsWrittenRightToLeft() {
        assertThat(Messages.of("ar", new JsonObject()).rightToLeft()).isTrue();
        assertThat(Messages.of("de", new JsonObject()).rightToLeft()).isFalse();
        assertThat(Messages.english().rightToLeft()).isFalse();
    }

    @Test
    void textsCompareByMessageAndArgumentsAndTakeOnlyStringsOrTexts() {
        assertThat(Text.of(Msg.SFU_REFUSED, "401")).isEqualTo(Text.of(Msg.SFU_REFUSED, "401"))
                .isNotEqualTo(Text.of(Msg.SFU_REFUSED, "403"));
        assertThat(Text.of(Msg.SFU_REFUSED, "401").english()).isEqualTo("The media server refused this device: 401");
        assertThatThrownBy(() -> Text.of(Msg.KEY_NUMBER, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
