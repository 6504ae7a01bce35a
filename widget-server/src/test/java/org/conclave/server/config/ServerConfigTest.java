package org.conclave.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerConfigTest {
    @Test
    void defaultsForALocalRun() {
        ServerConfig c = ServerConfig.fromEnvironment(Map.of());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.demoEnabled()).isTrue();
        assertThat(c.allowedParentOrigins()).isEmpty();
        assertThat(c.publicUrl()).isEmpty();
    }

    @Test
    void readsEveryVariable() {
        ServerConfig c = ServerConfig.fromEnvironment(Map.of(
                "CONCLAVE_HOST", "0.0.0.0",
                "CONCLAVE_PORT", "9000",
                "CONCLAVE_PUBLIC_URL", "https://call.example.org/",
                "CONCLAVE_ALLOWED_PARENT_ORIGINS", "https://app.element.io, https://Chat.Example.org:8443",
                "CONCLAVE_DEMO", "off",
                "CONCLAVE_LIVEKIT_SERVICE_URL", "https://rtc.example.org/livekit/jwt",
                "CONCLAVE_DEMO_ELEMENT_CALL_URL", "https://call.example.org/element-call/index.html"));
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.publicUrl()).get().hasToString("https://call.example.org/");
        assertThat(c.allowedParentOrigins()).containsExactly("https://app.element.io", "https://chat.example.org:8443");
        assertThat(c.demoEnabled()).isFalse();
        assertThat(c.livekitServiceUrl()).isPresent();
        assertThat(c.demoElementCallUrl()).get().hasToString("https://call.example.org/element-call/index.html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "eighty", "80.5"})
    void refusesBadPorts(String port) {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CONCLAVE_PORT", port)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CONCLAVE_PORT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.element.io/path", "app.element.io", "https://a.io; script-src *",
        "javascript:alert(1)", "https://a.io 'unsafe-inline'", "https://"})
    void refusesOriginsThatAreNotOrigins(String origin) {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CONCLAVE_ALLOWED_PARENT_ORIGINS", origin)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CONCLAVE_ALLOWED_PARENT_ORIGINS");
    }

    @Test
    void refusesBadUrlsAndFlags() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CONCLAVE_PUBLIC_URL", "ftp://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CONCLAVE_PUBLIC_URL");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CONCLAVE_PUBLIC_URL", "https://user:pw@x/")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CONCLAVE_DEMO", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CONCLAVE_DEMO");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CONCLAVE_DEMO_ELEMENT_CALL_URL", "javascript:alert(1)")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CONCLAVE_DEMO_ELEMENT_CALL_URL");
        for (String bad : new String[] {"two.conclave.local", "=http://h/", "two.conclave.local=ftp://h/", "a b=http://h/",
                "two.conclave.local=http://h/,three"}) {
            assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("CONCLAVE_DEMO_DEPLOYMENTS", bad)))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("CONCLAVE_DEMO_DEPLOYMENTS");
        }
    }

    @Test
    void readsTheDemosOtherDeployments() {
        ServerConfig c = ServerConfig.fromEnvironment(Map.of("CONCLAVE_DEMO_DEPLOYMENTS",
                "two.conclave.local=http://127.0.0.1:8090/livekit/jwt, three.conclave.local=https://rtc.three.example/jwt"));
        assertThat(c.demoDeployments()).containsEntry("two.conclave.local", URI.create("http://127.0.0.1:8090/livekit/jwt"))
                .containsEntry("three.conclave.local", URI.create("https://rtc.three.example/jwt")).hasSize(2);
        assertThat(ServerConfig.fromEnvironment(Map.of()).demoDeployments()).isEmpty();
    }
}
