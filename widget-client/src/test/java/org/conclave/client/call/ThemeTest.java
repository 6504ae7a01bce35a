package org.conclave.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThemeTest {
    @ParameterizedTest
    @CsvSource({"light, light", "dark, dark", "light-high-contrast, light-hc", "dark-high-contrast, dark-hc",
        "custom-Light-blue, light", "'', dark", "solarized, dark"})
    void followsElementWebsNaming(String name, String css) {
        assertThat(Theme.fromName(name).cssName()).isEqualTo(css);
    }
}
