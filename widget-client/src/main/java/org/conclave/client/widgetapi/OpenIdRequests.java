package org.conclave.client.widgetapi;

import java.util.LinkedHashMap;
import java.util.Map;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Scheduler;

/**
 * {@code get_openid} both ways the host may answer (protocol.md §2): at once
 * ({@code state: "allowed"} with the token, or {@code "blocked"}), or in two phases
 * ({@code state: "request"}, then the host's own {@code openid_credentials} request carrying
 * {@code original_request_id} once the person decided). Credentials that match no pending request
 * are answered and ignored.
 */
public final class OpenIdRequests {
    /** How long to wait for the person to decide in a two-phase request. */
    public static final double DECISION_TIMEOUT_MS = 120_000;

    /** The outcome: a token, or why there is none. */
    public interface Callback {
        void token(OpenIdToken token);

        void refused(String reason);
    }

    private final WidgetApiClient client;
    private final Scheduler scheduler;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private static final class Pending {
        final Callback callback;
        Scheduler.Cancellable timeout;

        Pending(Callback callback) {
            this.callback = callback;
        }
    }

    public OpenIdRequests(WidgetApiClient client, Scheduler scheduler) {
        this.client = client;
        this.scheduler = scheduler;
        client.handle(WidgetAction.OPENID_CREDENTIALS, data -> {
            Pending p = pending.remove(String.valueOf(data.getString("original_request_id")));
            if (p != null) {
                p.timeout.cancel();
                deliver(data, p.callback);
            }
            return new JsonObject();
        });
    }

    /** Asks the host for an OpenID token. */
    public void request(Callback callback) {
        String[] requestId = {null};
        requestId[0] = client.request(WidgetAction.GET_OPENID, new JsonObject(), new WidgetApiClient.ResponseCallback() {
            @Override
            public void onResponse(JsonObject response) {
                OpenIdRequests.this.onResponse(requestId[0], response, callback);
            }

            @Override
            public void onError(WidgetApiException error) {
                callback.refused("get_openid failed: " + error.getMessage());
            }
        });
    }

    /** Routes one {@code get_openid} response for {@code requestId}. */
    void onResponse(String requestId, JsonObject response, Callback callback) {
        if ("request".equals(response.getString("state"))) {
            Pending p = new Pending(callback);
            p.timeout = scheduler.schedule(DECISION_TIMEOUT_MS, () -> {
                if (pending.remove(requestId) != null) {
                    callback.refused("no decision on the OpenID request");
                }
            });
            pending.put(requestId, p);
            return;
        }
        deliver(response, callback);
    }

    private static void deliver(JsonObject data, Callback callback) {
        String state = data.getString("state");
        if (!"allowed".equals(state)) {
            callback.refused("the host did not allow OpenID (" + (state == null ? "no state" : state) + ")");
            return;
        }
        String accessToken = data.getString("access_token");
        String serverName = data.getString("matrix_server_name");
        if (accessToken == null || serverName == null) {
            callback.refused("the OpenID answer lacks access_token or matrix_server_name");
            return;
        }
        String type = data.getString("token_type");
        callback.token(new OpenIdToken(accessToken, type == null ? "Bearer" : type, serverName,
                data.getNumber("expires_in", 3600)));
    }
}
