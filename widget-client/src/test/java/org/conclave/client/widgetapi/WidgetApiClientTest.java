package org.conclave.client.widgetapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.testing.ListLog;
import org.conclave.client.testing.ManualScheduler;
import org.conclave.client.testing.MemoryTransport;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;

class WidgetApiClientTest {
    private final MemoryTransport transport = new MemoryTransport();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final ListLog log = new ListLog();
    private final WidgetApiClient client = new WidgetApiClient("w1", transport, scheduler, log, "t");
    private final List<Object> outcomes = new ArrayList<>();

    private final WidgetApiClient.ResponseCallback record = new WidgetApiClient.ResponseCallback() {
        @Override
        public void onResponse(JsonObject response) {
            outcomes.add(response);
        }

        @Override
        public void onError(WidgetApiException error) {
            outcomes.add(error);
        }
    };

    private static JsonObject hostRequest(String widgetId, String requestId, String action, JsonObject data) {
        JsonObject m = new JsonObject().put("api", "toWidget").put("widgetId", widgetId).put("requestId", requestId)
                .put("action", action);
        return data == null ? m : m.put("data", data);
    }

    @Test
    void answersARegisteredActionEchoingTheRequest() {
        client.handle("theme_change", data -> new JsonObject().put("seen", data.getString("name")));
        transport.deliver(hostRequest("w1", "r1", "theme_change", new JsonObject().put("name", "light")));
        JsonObject reply = transport.last();
        assertThat(reply.getString("api")).isEqualTo("toWidget");
        assertThat(reply.getString("requestId")).isEqualTo("r1");
        assertThat(reply.getObject("data").getString("name")).isEqualTo("light");
        assertThat(reply.getObject("response").getString("seen")).isEqualTo("light");
    }

    @Test
    void unknownActionsGetAnErrorReply() {
        transport.deliver(hostRequest("w1", "r2", "org.example.nope", new JsonObject()));
        assertThat(transport.last().getObject("response").getObject("error").getString("message"))
                .contains("org.example.nope");
    }

    @Test
    void aFailingHandlerStillReplies() {
        client.handle("x", data -> {
            throw new IllegalArgumentException("bad data");
        });
        transport.deliver(hostRequest("w1", "r3", "x", new JsonObject()));
        assertThat(transport.last().getObject("response").getObject("error").getString("message")).contains("bad data");
    }

    @Test
    void missingDataGetsAnErrorReply() {
        client.handle("x", data -> new JsonObject());
        transport.deliver(hostRequest("w1", "r4", "x", null));
        assertThat(transport.last().getObject("response").getObject("error").getString("message")).contains("data");
    }

    @Test
    void anotherWidgetIdOrABrokenEnvelopeGetsNoReply() {
        client.handle("x", data -> new JsonObject());
        transport.deliver(hostRequest("other", "r5", "x", new JsonObject()));
        transport.deliver(new JsonObject().put("api", "toWidget").put("action", "x"));
        transport.deliver(new JsonObject().put("api", 5).put("widgetId", "w1").put("requestId", "r").put("action", "x"));
        assertThat(transport.sent).isEmpty();
        assertThat(log.warned("another widget id")).isTrue();
    }

    @Test
    void aRequestWithANonStringActionGetsAnErrorReply() {
        transport.deliver(new JsonObject().put("api", "toWidget").put("widgetId", "w1").put("requestId", "r6")
                .put("action", 42).put("data", new JsonObject()));
        JsonObject reply = transport.last();
        assertThat(reply.getString("requestId")).isEqualTo("r6");
        assertThat(reply.getString("api")).isEqualTo("toWidget");
        assertThat(reply.has("action")).isFalse();
        assertThat(reply.getObject("response").getObject("error").getString("message")).contains("action must be");
    }

    private static JsonObject envelope(String api, String widgetId, String requestId, String action, boolean hasResponse) {
        return new JsonObject().put("api", api).put("widgetId", widgetId).put("requestId", requestId)
                .put("action", action).put("hasResponse", hasResponse);
    }

    @Test
    void anUnreadableRequestGetsAnErrorReplyWithoutItsData() {
        transport.deliverUnreadable(envelope("toWidget", "w1", "r7", "update_state", false),
                "larger than 33554432 characters");
        JsonObject reply = transport.last();
        assertThat(reply.getString("requestId")).isEqualTo("r7");
        assertThat(reply.getString("action")).isEqualTo("update_state");
        assertThat(reply.getObject("data").size()).isZero();
        assertThat(reply.getObject("response").getObject("error").getString("message"))
                .isEqualTo("Unreadable request: larger than 33554432 characters");

        transport.deliverUnreadable(envelope("toWidget", "w1", "r8", null, false), "nested deeper than 64");
        assertThat(transport.last().getString("requestId")).isEqualTo("r8");
        assertThat(transport.last().getObject("response").getObject("error").getString("message")).contains("nested deeper");
    }

    @Test
    void anUnreadableMessageForAnotherWidgetOrWithoutIdGetsNoReply() {
        transport.deliverUnreadable(envelope("toWidget", "other", "r9", "update_state", false), "too large");
        transport.deliverUnreadable(envelope("toWidget", "w1", null, "update_state", false), "too large");
        transport.deliverUnreadable(envelope("toWidget", "w1", "r10", "update_state", true), "too large");
        assertThat(transport.sent).isEmpty();
    }

    @Test
    void anUnreadableReplyFailsItsRequestOnce() {
        client.request("get_openid", new JsonObject(), record);
        String requestId = transport.last().getString("requestId");
        transport.deliverUnreadable(envelope("fromWidget", "w1", requestId, "get_openid", true), "nested deeper than 64");
        scheduler.advance(WidgetApiClient.REQUEST_TIMEOUT_MS + 1);
        assertThat(outcomes).hasSize(1);
        assertThat(((WidgetApiException) outcomes.get(0)).reason).isEqualTo(WidgetApiException.Reason.MALFORMED);
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void matchesRepliesToRequests() {
        client.request("get_openid", new JsonObject(), record);
        JsonObject sent = transport.last();
        assertThat(sent.getString("api")).isEqualTo("fromWidget");
        assertThat(sent.getString("widgetId")).isEqualTo("w1");
        transport.deliver(Reply.of(sent, new JsonObject().put("state", "allowed")));
        assertThat(outcomes).hasSize(1);
        assertThat(((JsonObject) outcomes.get(0)).getString("state")).isEqualTo("allowed");
        assertThat(client.pendingCount()).isZero();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void errorRepliesAndTimeoutsReachTheCallbackOnce() {
        client.request("a", new JsonObject(), record);
        transport.deliver(Reply.of(transport.last(), new JsonObject().put("error", new JsonObject().put("message", "no"))));
        client.request("b", new JsonObject(), record);
        JsonObject second = transport.last();
        scheduler.advance(WidgetApiClient.REQUEST_TIMEOUT_MS - 1);
        assertThat(outcomes).hasSize(1);
        scheduler.advance(1);
        transport.deliver(Reply.of(second, new JsonObject()));
        assertThat(outcomes).hasSize(2);
        assertThat(((WidgetApiException) outcomes.get(0)).reason).isEqualTo(WidgetApiException.Reason.ERROR_REPLY);
        assertThat(((WidgetApiException) outcomes.get(1)).reason).isEqualTo(WidgetApiException.Reason.TIMEOUT);
    }

    @Test
    void errorRepliesCarryTheHomeserversErrorCodeAndRetryDelay() {
        // As Element Web passes a homeserver's error on (matrix_api_error), and as a host that
        // only names the code in the message does.
        JsonObject limited = new JsonObject().put("message", "Too Many Requests").put("matrix_api_error", new JsonObject()
                .put("http_status", 429).put("response", new JsonObject().put("errcode", "M_LIMIT_EXCEEDED")
                        .put("error", "Too Many Requests").put("retry_after_ms", 1234)));
        JsonObject named = new JsonObject().put("message", "M_NOT_FOUND: no delayed event d1");
        JsonObject hostile = new JsonObject().put("message", "x").put("matrix_api_error", new JsonObject()
                .put("response", new JsonObject().put("errcode", "<script>").put("retry_after_ms", 9e15)));
        JsonObject plain = new JsonObject().put("message", "network down").put("matrix_api_error", "nope");
        for (JsonObject error : java.util.List.of(limited, named, hostile, plain)) {
            client.request("a", new JsonObject(), record);
            transport.deliver(Reply.of(transport.last(), new JsonObject().put("error", error)));
        }
        WidgetApiException first = (WidgetApiException) outcomes.get(0);
        assertThat(first.errcode).isEqualTo("M_LIMIT_EXCEEDED");
        assertThat(first.retryAfterMs).isEqualTo(1234);
        assertThat(first.getMessage()).isEqualTo("a refused: Too Many Requests");
        WidgetApiException second = (WidgetApiException) outcomes.get(1);
        assertThat(second.errcode).isEqualTo("M_NOT_FOUND");
        assertThat(second.retryAfterMs).isNaN();
        WidgetApiException third = (WidgetApiException) outcomes.get(2);
        assertThat(third.errcode).as("not an error code").isNull();
        assertThat(third.retryAfterMs).as("capped").isEqualTo(WidgetApiClient.MAX_RETRY_AFTER_MS);
        WidgetApiException fourth = (WidgetApiException) outcomes.get(3);
        assertThat(fourth.errcode).isNull();
        assertThat(fourth.retryAfterMs).isNaN();
    }

    @Test
    void aReplyThatIsNotAnObjectIsMalformed() {
        client.request("a", new JsonObject(), record);
        JsonObject reply = Reply.of(transport.last(), new JsonObject());
        reply.put("response", "nope");
        transport.deliver(reply);
        assertThat(((WidgetApiException) outcomes.get(0)).reason).isEqualTo(WidgetApiException.Reason.MALFORMED);
    }

    /** Builds the host's reply to a widget request. */
    static final class Reply {
        static JsonObject of(JsonObject request, JsonObject response) {
            JsonObject copy = new JsonObject();
            for (String name : request.names()) {
                copy.put(name, request.get(name));
            }
            return copy.put("response", response);
        }
    }
}
