package org.conclave.client.widgetapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.testing.ListLog;
import org.conclave.client.testing.ManualScheduler;
import org.conclave.client.testing.MemoryTransport;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;

class WidgetSessionTest {
    private final MemoryTransport transport = new MemoryTransport();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final ListLog log = new ListLog();
    private final WidgetApiClient client = new WidgetApiClient("w1", transport, scheduler, log, "t");
    private final List<String> requested = CallWidgetCapabilities.request("@a:ex.org", "DEV", "!r:ex.org");
    private final WidgetSession session = new WidgetSession(client, requested, log);
    private final List<String> events = new ArrayList<>();

    WidgetSessionTest() {
        session.setListener(new WidgetSession.Listener() {
            @Override
            public void ready(List<String> approved) {
                events.add("ready " + approved.size());
            }

            @Override
            public void themeChanged(String name) {
                events.add("theme " + name);
            }

            @Override
            public void stateEvent(JsonObject event) {
                events.add("state " + event.getString("type"));
            }

            @Override
            public void capabilitiesChanged(List<String> approved) {
                events.add("changed " + approved.size());
            }

            @Override
            public void turnServers(TurnServers servers) {
                events.add("turn " + servers.uris());
            }
        });
    }

    @Test
    void capabilitiesAreRenegotiatedOnRequest() {
        host("h1", "capabilities", "{}");
        host("h2", "notify_capabilities", "{\"requested\":[],\"approved\":" + JsonArray.ofStrings(requested).toJson() + "}");
        String extra = "org.matrix.msc4039.download_file";
        session.requestMoreCapabilities(List.of(extra), new WidgetApiClient.ResponseCallback() {
            @Override
            public void onResponse(JsonObject response) {
                events.add("asked");
            }

            @Override
            public void onError(WidgetApiException error) {
                events.add("error");
            }
        });
        JsonObject request = transport.last();
        assertThat(request.getString("action")).isEqualTo("org.matrix.msc2974.request_capabilities");
        assertThat(Capability.strings(request.getObject("data").getArray("capabilities"))).containsExactly(extra);
        transport.deliver(request.put("response", new JsonObject()));
        // The host runs the exchange again: the new capability is asked for, then approved.
        assertThat(Capability.strings(host("h3", "capabilities", "{}").getArray("capabilities"))).contains(extra);
        List<String> all = new ArrayList<>(requested);
        all.add(extra);
        host("h4", "notify_capabilities", "{\"requested\":[],\"approved\":" + JsonArray.ofStrings(all).toJson() + "}");
        assertThat(events).containsExactly("ready " + requested.size(), "asked", "changed " + all.size());
        assertThat(session.approved()).contains(extra);
    }

    @Test
    void alwaysOnScreenIsAskedFor() {
        session.setAlwaysOnScreen(true, new WidgetApiClient.ResponseCallback() {
            @Override
            public void onResponse(JsonObject response) {}

            @Override
            public void onError(WidgetApiException error) {}
        });
        assertThat(transport.last().getString("action")).isEqualTo("set_always_on_screen");
        assertThat(transport.last().getObject("data").getBoolean("value", false)).isTrue();
    }

    private JsonObject host(String requestId, String action, String data) {
        transport.deliver(Json.parseObject("{\"api\":\"toWidget\",\"widgetId\":\"w1\",\"requestId\":\"" + requestId
                + "\",\"action\":\"" + action + "\",\"data\":" + data + "}"));
        return transport.last().getObject("response");
    }

    @Test
    void handshakeWhenTheHostWaitsForContentLoaded() {
        session.start();
        assertThat(transport.last().getString("action")).isEqualTo("content_loaded");
        JsonObject caps = host("h1", "capabilities", "{}");
        assertThat(Capability.strings(caps.getArray("capabilities"))).containsExactlyElementsOf(requested);
        assertThat(session.phase()).isEqualTo(WidgetSession.Phase.NEGOTIATING);
        JsonObject versions = host("h2", "supported_api_versions", "{}");
        assertThat(Capability.strings(versions.getArray("supported_versions"))).contains("org.matrix.msc2762_update_state");
        host("h3", "notify_capabilities", "{\"requested\":[],\"approved\":" + JsonArray.ofStrings(requested).toJson() + "}");
        assertThat(session.phase()).isEqualTo(WidgetSession.Phase.READY);
        assertThat(events).containsExactly("ready " + requested.size());
    }

    @Test
    void handshakeWhenTheHostAsksFirst() {
        host("h1", "capabilities", "{}");
        session.start();
        assertThat(transport.sent).hasSize(1); // no content_loaded once the host has spoken
    }

    @Test
    void acknowledgesPushesAndPassesStateOn() {
        assertThat(host("h1", "update_state", "{\"state\":[{\"type\":\"m.room.name\"},5,{\"type\":\"m.room.member\"}]}").size()).isZero();
        assertThat(host("h2", "theme_change", "{\"name\":\"light\"}").size()).isZero();
        assertThat(host("h3", "language_change", "{\"lang\":\"de\"}").size()).isZero();
        assertThat(host("h4", "visibility", "{\"visible\":false}").size()).isZero();
        assertThat(host("h5", "send_event", "{\"type\":\"m.room.message\"}").size()).isZero();
        assertThat(host("h6", "send_to_device", "{\"type\":\"x\"}").size()).isZero();
        assertThat(events).containsExactly("state m.room.name", "state m.room.member", "theme light");
        assertThat(log.warned("non-object")).isTrue();
    }

    @Test
    void malformedPushesGetErrorReplies() {
        assertThat(host("h1", "update_state", "{\"state\":7}").getObject("error")).isNotNull();
        assertThat(host("h2", "theme_change", "{}").getObject("error")).isNotNull();
        assertThat(host("h3", "notify_capabilities", "{}").getObject("error")).isNotNull();
        assertThat(session.phase()).isEqualTo(WidgetSession.Phase.CONNECTING);
    }

    @Test
    void warnsAboutCapabilitiesTheHostDidNotApprove() {
        host("h1", "notify_capabilities", "{\"approved\":[\"m.always_on_screen\"]}");
        assertThat(log.warned("did not approve")).isTrue();
    }

    @Test
    void turnServersAreWatchedOnceTheHostApprovesThem() {
        host("h1", "notify_capabilities", "{\"approved\":[\"town.robin.msc3846.turn_servers\"]}");
        JsonObject watch = transport.sent.stream().filter(m -> "watch_turn_servers".equals(m.getString("action")))
                .findFirst().orElseThrow();
        assertThat(watch.getString("api")).isEqualTo("fromWidget");
        assertThat(host("h2", "update_turn_servers",
                "{\"uris\":[\"turn:turn.ex.org:3478?transport=udp\",\"turns:turn.ex.org:443\"],"
                        + "\"username\":\"1700000000:@a:ex.org\",\"password\":\"s3cret-turn-pass\"}").size()).isZero();
        assertThat(events).containsExactly("ready 1",
                "turn [turn:turn.ex.org:3478?transport=udp, turns:turn.ex.org:443]");
        assertThat(log.lines).noneMatch(line -> line.contains("s3cret-turn-pass") || line.contains("1700000000:@a"));
    }

    @Test
    void turnServersAreNotWatchedWithoutTheCapability() {
        host("h1", "notify_capabilities", "{\"approved\":[\"m.always_on_screen\"]}");
        assertThat(transport.sent).noneMatch(m -> "watch_turn_servers".equals(m.getString("action")));
    }

    @Test
    void aHostWithoutTurnServersIsNoted() {
        host("h1", "notify_capabilities", "{\"approved\":[\"town.robin.msc3846.turn_servers\"]}");
        JsonObject watch = transport.sent.stream().filter(m -> "watch_turn_servers".equals(m.getString("action")))
                .findFirst().orElseThrow();
        transport.deliver(Json.parseObject("{\"api\":\"fromWidget\",\"widgetId\":\"w1\",\"requestId\":\""
                + watch.getString("requestId") + "\",\"action\":\"watch_turn_servers\",\"data\":{},"
                + "\"response\":{\"error\":{\"message\":\"TURN servers not available\"}}}"));
        assertThat(log.lines).anyMatch(line -> line.contains("no TURN servers from the host"));
    }

    @Test
    void malformedTurnServersAreRefusedWithoutEchoingCredentials() {
        String[] bodies = {
            "{}",
            "{\"uris\":[],\"username\":\"u\",\"password\":\"p4ss-secret\"}",
            "{\"uris\":[5],\"username\":\"u\",\"password\":\"p4ss-secret\"}",
            "{\"uris\":[\"http://turn.ex.org\"],\"username\":\"u\",\"password\":\"p4ss-secret\"}",
            "{\"uris\":[\"turn:turn.ex.org\"],\"username\":\"u\"}",
            "{\"uris\":[\"turn:turn.ex.org\"],\"username\":7,\"password\":\"p4ss-secret\"}",
            "{\"uris\":\"turn:turn.ex.org\",\"username\":\"u\",\"password\":\"p4ss-secret\"}",
        };
        for (int i = 0; i < bodies.length; i++) {
            JsonObject reply = host("t" + i, "update_turn_servers", bodies[i]);
            assertThat(reply.getObject("error")).as(bodies[i]).isNotNull();
            assertThat(reply.toJson()).doesNotContain("p4ss-secret");
        }
        assertThat(events).isEmpty();
        assertThat(log.lines).noneMatch(line -> line.contains("p4ss-secret"));
    }
}
