package org.conclave.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.conclave.client.widgetapi.WidgetParams;
import org.junit.jupiter.api.Test;

/** Element Web's intent and skipLobby, as the widget reads them (protocol.md §1). */
class MainTest {
    private static Main.Intent intent(String fragment) {
        return Main.Intent.of(WidgetParams.parse("?widgetId=w&parentUrl=http%3A%2F%2Flocalhost", "#?" + fragment));
    }

    @Test
    void videoIntentsShowTheLobbyWithTheCamera() {
        for (String i : new String[] {"start_call", "join_existing", ""}) {
            Main.Intent intent = intent("intent=" + i);
            assertThat(intent.camera).as(i).isTrue();
            assertThat(intent.skipLobby).as(i).isFalse();
        }
    }

    @Test
    void voiceIntentsStartWithTheCameraOff() {
        assertThat(intent("intent=start_call_voice").camera).isFalse();
        assertThat(intent("intent=join_existing_dm_voice").camera).isFalse();
    }

    @Test
    void directMessageIntentsSkipTheLobbyUnlessTold() {
        assertThat(intent("intent=start_call_dm").skipLobby).isTrue();
        assertThat(intent("intent=join_existing_dm&skipLobby=false").skipLobby).isFalse();
        assertThat(intent("intent=join_existing&skipLobby=true").skipLobby).isTrue();
    }
}
