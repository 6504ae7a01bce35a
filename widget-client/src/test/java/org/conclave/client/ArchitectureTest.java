package org.conclave.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the pure packages pure (style.md): no browser bindings, and dependencies pointing one way.
 * Reads the sources, so a new file cannot slip past.
 */
class ArchitectureTest {
    private static final Path SRC = Paths.get("src/main/java/org/conclave/client");

    @ParameterizedTest
    @ValueSource(strings = {"util", "widgetapi", "rtc", "e2ee", "mesh", "call", "sframe", "selftest"})
    void purePackagesDoNotTouchTheBrowser(String pkg) throws IOException {
        for (Path file : javaFiles(pkg)) {
            assertThat(Files.readString(file)).as(file.toString())
                    .doesNotContain("org.teavm").doesNotContain("org.conclave.client.jso")
                    .doesNotContain("org.conclave.client.platform").doesNotContain("org.conclave.client.ui");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"util", "widgetapi"})
    void leafPackagesDependOnNothingAbove(String pkg) throws IOException {
        for (Path file : javaFiles(pkg)) {
            assertThat(Files.readString(file)).as(file.toString())
                    .doesNotContain("org.conclave.client.rtc").doesNotContain("org.conclave.client.call");
        }
    }

    @org.junit.jupiter.api.Test
    void sframeStandsAlone() throws IOException {
        // A library of its own (issue #3): Bouncy Castle and the JDK, nothing else of ours.
        for (Path file : javaFiles("sframe")) {
            String source = Files.readString(file).replace("org.conclave.client.sframe", "");
            assertThat(source).as(file.toString()).doesNotContain("org.conclave.client");
        }
    }

    private static List<Path> javaFiles(String pkg) throws IOException {
        try (Stream<Path> files = Files.walk(SRC.resolve(pkg))) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertThat(list).isNotEmpty();
            return list;
        }
    }
}
