package org.conclave.client.widgetapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallWidgetCapabilitiesTest {
    @Test
    void requestsMembershipForOwnDeviceOnly() {
        List<String> caps = CallWidgetCapabilities.request("@alice:ex.org", "DEV", "!r:ex.org");
        assertThat(caps).contains(
                "org.matrix.msc2762.timeline:!r:ex.org",
                "org.matrix.msc2762.receive.state_event:org.matrix.msc3401.call.member",
                "org.matrix.msc2762.send.state_event:org.matrix.msc3401.call.member#_@alice:ex.org_DEV_m.call",
                "org.matrix.msc3819.send.to_device:io.element.call.encryption_keys",
                "org.matrix.msc4157.update_delayed_event");
        assertThat(caps).doesNotHaveDuplicates();
        assertThat(caps).noneMatch(c -> c.contains("send.state_event") && !c.endsWith("_@alice:ex.org_DEV_m.call"));
    }

    @Test
    void escapesHashInTypesAndReadsStateTypesBack() {
        String cap = Capability.stateEvent(Capability.Direction.RECEIVE, "org.ex#odd", "key");
        assertThat(cap).isEqualTo("org.matrix.msc2762.receive.state_event:org.ex\\#odd#key");
        assertThat(Capability.receivedStateType(cap)).isEqualTo("org.ex#odd");
        assertThat(Capability.receivedStateType("m.always_on_screen")).isNull();
    }
}
