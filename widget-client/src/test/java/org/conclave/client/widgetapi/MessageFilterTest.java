package org.conclave.client.widgetapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageFilterTest {
    private final MessageFilter filter = new MessageFilter("https://app.element.io");

    @Test
    void acceptsOnlyTheParentAtItsOrigin() {
        assertThat(filter.accepts(true, "https://app.element.io")).isTrue();
        assertThat(filter.accepts(false, "https://app.element.io")).isFalse();
        assertThat(filter.accepts(true, "https://evil.example")).isFalse();
        assertThat(filter.accepts(true, "https://app.element.io.evil.example")).isFalse();
        assertThat(filter.accepts(true, "null")).isFalse();
    }

    @Test
    void needsAnOrigin() {
        assertThatThrownBy(() -> new MessageFilter(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
