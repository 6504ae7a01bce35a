package org.conclave.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The embedded distribution as the build leaves it for admins: a folder and a tarball with the
 * same files, every URL in the page relative (so it works under any path), a valid config.json,
 * and nothing of the demo or the test lab. The journeys run it in the browser.
 */
class EmbeddedDistributionTest {
    private static final Path TARGET = Path.of("").toAbsolutePath().getParent().resolve("widget-server/target");
    private static final Path FOLDER = TARGET.resolve("conclave-embedded");
    private static final Path TARBALL = TARGET.resolve("conclave-embedded.tar.gz");

    private static Set<String> folderFiles() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(FOLDER)) {
            walk.filter(Files::isRegularFile).forEach(f -> files.add(FOLDER.relativize(f).toString()));
        }
        return files;
    }

    @Test
    void theFolderHoldsTheWidgetAndNothingElse() throws Exception {
        assertThat(folderFiles()).containsExactlyInAnyOrder("index.html", "config.json", "css/conclave.css",
                "img/conclave.svg", "js/boot.js", "js/widget.js", "js/frame-worker-boot.js", "js/frame-worker.js",
                "js/livekit-client.js", "i18n/en.json", "i18n/de.json", "i18n/ar.json");
        assertThat(new ObjectMapper().readTree(FOLDER.resolve("config.json").toFile()).path("e2ee").path("required")
                .asBoolean()).isTrue();
    }

    @Test
    void thePageUsesRelativeUrlsOnly() throws Exception {
        String page = Files.readString(FOLDER.resolve("index.html"), StandardCharsets.UTF_8);
        Matcher urls = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page);
        int count = 0;
        while (urls.find()) {
            count++;
            assertThat(urls.group(1)).as("a relative URL").doesNotStartWith("/").doesNotContain("://");
        }
        assertThat(count).isGreaterThanOrEqualTo(4);
        assertThat(page).doesNotContain("<script>");
    }

    @Test
    void theTarballHoldsTheSameFilesUnderOneFolder() throws Exception {
        Process tar = new ProcessBuilder("tar", "-tzf", TARBALL.toString()).redirectErrorStream(true).start();
        List<String> entries = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(tar.waitFor()).isZero();
        Set<String> files = new TreeSet<>();
        for (String entry : entries) {
            assertThat(entry).startsWith("conclave-embedded/");
            if (!entry.endsWith("/")) {
                files.add(entry.substring("conclave-embedded/".length()));
            }
        }
        assertThat(files).isEqualTo(folderFiles());
    }
}
