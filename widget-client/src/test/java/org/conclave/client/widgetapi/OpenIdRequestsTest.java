package org.conclave.client.widgetapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.testing.ListLog;
import org.conclave.client.testing.ManualScheduler;
import org.conclave.client.testing.MemoryTransport;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.Test;

class OpenIdRequestsTest {
    private static final String TOKEN = "syt_secret_openid_token";
    private final MemoryTransport transport = new MemoryTransport();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final ListLog log = new ListLog();
    private final WidgetApiClient client = new WidgetApiClient("w1", transport, scheduler, log, "t");
    private final OpenIdRequests openId = new OpenIdRequests(client, scheduler);
    private final List<Object> outcomes = new ArrayList<>();

    private final OpenIdRequests.Callback record = new OpenIdRequests.Callback() {
        @Override
        public void token(OpenIdToken token) {
            outcomes.add(token);
        }

        @Override
        public void refused(String reason) {
            outcomes.add(reason);
        }
    };

    private void reply(String response) {
        JsonObject request = transport.last();
        transport.deliver(request.put("response", Json.parseObject(response)));
    }

    private JsonObject hostCredentials(String data) {
        transport.deliver(Json.parseObject("{\"api\":\"toWidget\",\"widgetId\":\"w1\",\"requestId\":\"h1\","
                + "\"action\":\"openid_credentials\",\"data\":" + data + "}"));
        return transport.last();
    }

    private static String allowed(String extra) {
        return "{\"state\":\"allowed\",\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\","
                + "\"matrix_server_name\":\"ex.org\",\"expires_in\":3600" + extra + "}";
    }

    @Test
    void anImmediateAnswerGivesTheToken() {
        openId.request(record);
        assertThat(transport.last().getString("action")).isEqualTo("get_openid");
        reply(allowed(""));
        OpenIdToken token = (OpenIdToken) outcomes.get(0);
        assertThat(token.accessToken()).isEqualTo(TOKEN);
        assertThat(token.matrixServerName()).isEqualTo("ex.org");
        assertThat(token.toString()).doesNotContain(TOKEN).contains("REDACTED");
    }

    @Test
    void aBlockedAnswerIsARefusal() {
        openId.request(record);
        reply("{\"state\":\"blocked\"}");
        assertThat(outcomes).singleElement().asString().contains("blocked");
    }

    @Test
    void aTwoPhaseAnswerWaitsForTheHostsCredentials() {
        openId.request(record);
        String requestId = transport.last().getString("requestId");
        reply("{\"state\":\"request\"}");
        assertThat(outcomes).isEmpty();
        hostCredentials(allowed(",\"original_request_id\":\"someone-else\""));
        assertThat(outcomes).as("credentials for another request").isEmpty();
        JsonObject ack = hostCredentials(allowed(",\"original_request_id\":\"" + requestId + "\""));
        assertThat(ack.getObject("response")).isNotNull();
        assertThat(((OpenIdToken) outcomes.get(0)).accessToken()).isEqualTo(TOKEN);
    }

    @Test
    void aTwoPhaseRefusalAndASilentHostAreRefusals() {
        openId.request(record);
        String first = transport.last().getString("requestId");
        reply("{\"state\":\"request\"}");
        hostCredentials("{\"state\":\"blocked\",\"original_request_id\":\"" + first + "\"}");
        openId.request(record);
        reply("{\"state\":\"request\"}");
        scheduler.advance(OpenIdRequests.DECISION_TIMEOUT_MS);
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).toString()).contains("blocked");
        assertThat(outcomes.get(1).toString()).contains("no decision");
    }

    @Test
    void incompleteAnswersAreRefusalsAndNothingLogsTheToken() {
        openId.request(record);
        reply("{\"state\":\"allowed\",\"access_token\":\"" + TOKEN + "\"}");
        assertThat(outcomes).singleElement().asString().contains("matrix_server_name");
        assertThat(String.join("\n", log.lines)).doesNotContain(TOKEN);
    }
}
