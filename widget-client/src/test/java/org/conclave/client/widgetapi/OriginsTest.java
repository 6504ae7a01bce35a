package org.conclave.client.widgetapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginsTest {
    @ParameterizedTest
    @CsvSource({
        "https://app.element.io/#/room/!r:ex.org, https://app.element.io",
        "https://App.Element.IO:443/x, https://app.element.io",
        "http://localhost:8080/demo/host?user=a, http://localhost:8080",
        "http://127.0.0.1:80, http://127.0.0.1",
        "http://[::1]:9000/, http://[::1]:9000",
    })
    void originOfUrl(String url, String origin) {
        assertThat(Origins.of(url)).isEqualTo(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "file:///etc/passwd", "//evil.example", "https://", "https://user@host/",
        "https://host:99999/", "https://host:abc/", "data:text/html,x", "app.element.io"})
    void refusesWhatIsNotAnHttpOrigin(String url) {
        assertThat(Origins.of(url)).isNull();
    }
}
