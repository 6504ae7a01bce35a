package org.conclave.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveKitConfigTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("CONCLAVE_LIVEKIT_URL", "wss://sfu.example.org");
        env.put("CONCLAVE_LIVEKIT_KEY", "APIkey");
        env.put("CONCLAVE_LIVEKIT_SECRET", "s3cret-value");
        env.put("CONCLAVE_LIVEKIT_FULL_ACCESS_HOMESERVERS", "example.org, Other.example");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                env.remove(pairs[i]);
            } else {
                env.put(pairs[i], pairs[i + 1]);
            }
        }
        return env;
    }

    @Test
    void offUnlessTheLiveKitUrlIsSet() {
        assertThat(LiveKitConfig.fromEnvironment(Map.of())).isEmpty();
        assertThat(ServerConfig.fromEnvironment(Map.of()).livekit()).isEmpty();
    }

    @Test
    void readsEverything() {
        LiveKitConfig c = LiveKitConfig.fromEnvironment(env("CONCLAVE_HOMESERVER_URLS",
                "example.org=https://matrix.example.org, local=http://127.0.0.1:8008", "CONCLAVE_TOKEN_PATH", "/sfu")).orElseThrow();
        assertThat(c.livekitUrl()).isEqualTo(URI.create("wss://sfu.example.org"));
        assertThat(c.livekitApiUrl()).isEqualTo(URI.create("https://sfu.example.org"));
        assertThat(c.apiSecret().reveal()).isEqualTo("s3cret-value");
        assertThat(c.fullAccessHomeservers()).containsExactly("example.org", "other.example");
        assertThat(c.fullAccess("other.example")).isTrue();
        assertThat(c.fullAccess("elsewhere.example")).isFalse();
        assertThat(c.basePath()).isEqualTo("/sfu");
        assertThat(c.homeserverUrls()).containsEntry("local", URI.create("http://127.0.0.1:8008"));
        assertThat(c.toString()).doesNotContain("s3cret-value");
        assertThat(LiveKitConfig.fromEnvironment(env("CONCLAVE_LIVEKIT_FULL_ACCESS_HOMESERVERS", "*")).orElseThrow()
                .fullAccess("anything.example")).isTrue();
    }

    @Test
    void theSecretCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "from-a-file\n");
        LiveKitConfig c = LiveKitConfig.fromEnvironment(env("CONCLAVE_LIVEKIT_SECRET", null, "CONCLAVE_LIVEKIT_SECRET_FILE",
                file.toString())).orElseThrow();
        assertThat(c.apiSecret().reveal()).isEqualTo("from-a-file");
        assertThatThrownBy(() -> LiveKitConfig.fromEnvironment(env("CONCLAVE_LIVEKIT_SECRET_FILE", dir.resolve("none").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CONCLAVE_LIVEKIT_SECRET_FILE");
    }

    @Test
    void badValuesNameTheVariable() {
        for (List<String> bad : List.of(
                List.of("CONCLAVE_LIVEKIT_URL", "https://not-a-websocket"),
                List.of("CONCLAVE_LIVEKIT_KEY", ""),
                List.of("CONCLAVE_LIVEKIT_SECRET", " "),
                List.of("CONCLAVE_LIVEKIT_FULL_ACCESS_HOMESERVERS", ""),
                List.of("CONCLAVE_TOKEN_PATH", "no-slash"),
                List.of("CONCLAVE_HOMESERVER_URLS", "example.org"),
                List.of("CONCLAVE_HOMESERVER_URLS", "example.org=ftp://x"))) {
            assertThatThrownBy(() -> LiveKitConfig.fromEnvironment(env(bad.get(0), bad.get(1))))
                    .as(bad.toString()).isInstanceOf(ConfigException.class).hasMessageContaining(bad.get(0))
                    .hasMessageNotContaining("s3cret-value");
        }
    }
}
