package org.conclave.client.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64Test {
    @Test
    void agreesWithTheJdkBothWays() {
        Random random = new Random(4648);
        for (int length = 0; length < 70; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String jdk = java.util.Base64.getEncoder().encodeToString(data);
            assertThat(Base64.encode(data)).isEqualTo(jdk);
            assertThat(Base64.decode(jdk)).isEqualTo(data);
            assertThat(Base64.decode(jdk.replace("=", ""))).as("unpadded").isEqualTo(data);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "AAAAA", "AA=A", "AA===", "A===", "AB==", "AAA-", "AA AA", "A=AA"})
    void refusesWhatIsNotBase64(String text) {
        assertThatThrownBy(() -> Base64.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
