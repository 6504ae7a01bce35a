package org.conclave.client.widgetapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WidgetParamsTest {
    @Test
    void readsElementWebsUrl() {
        WidgetParams p = WidgetParams.parse(
                "?widgetId=w1&parentUrl=https%3A%2F%2Fapp.element.io%2F%23%2Froom",
                "#?userId=%40alice%3Aex.org&deviceId=DEV&roomId=%21r%3Aex.org&theme=light&skipLobby=true&lang=en");
        assertThat(p.isWidgetMode()).isTrue();
        assertThat(p.get("userId")).isEqualTo("@alice:ex.org");
        assertThat(p.get("roomId")).isEqualTo("!r:ex.org");
        assertThat(p.get("parentUrl")).isEqualTo("https://app.element.io/#/room");
        assertThat(p.flag("skipLobby")).isTrue();
        assertThat(p.flag("returnToLobby")).isNull();
    }

    @Test
    void fragmentWinsOverQuery() {
        WidgetParams p = WidgetParams.parse("?theme=dark", "#?theme=light");
        assertThat(p.get("theme")).isEqualTo("light");
    }

    @Test
    void notWidgetModeWithoutParentUrlOrWidgetId() {
        assertThat(WidgetParams.parse("?widgetId=w", "").isWidgetMode()).isFalse();
        assertThat(WidgetParams.parse("", "#?parentUrl=https://x").isWidgetMode()).isFalse();
        assertThat(WidgetParams.parse(null, null).isWidgetMode()).isFalse();
    }

    @Test
    void decodesUtf8AndKeepsBrokenEscapes() {
        assertThat(WidgetParams.decode("caf%C3%A9+ok")).isEqualTo("café ok");
        assertThat(WidgetParams.decode("100%")).isEqualTo("100%");
        assertThat(WidgetParams.decode("%zz")).isEqualTo("%zz");
    }
}
