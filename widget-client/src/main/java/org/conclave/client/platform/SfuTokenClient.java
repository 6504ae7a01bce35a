package org.conclave.client.platform;

import org.conclave.client.jso.Browser;
import org.conclave.client.sfu.SfuCall;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonException;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.widgetapi.OpenIdRequests;
import org.conclave.client.widgetapi.OpenIdToken;

/**
 * Gets LiveKit grants as Element Call does: an OpenID token from the host ({@code get_openid}),
 * then {@code POST <service>/sfu/get} (protocol.md §7). The OpenID token and the JWT are secrets:
 * neither is logged, only the service's error code.
 */
public final class SfuTokenClient implements SfuCall.Tokens {
    private final OpenIdRequests openId;
    private final String roomId;
    private final String deviceId;
    private final Log log;

    public SfuTokenClient(OpenIdRequests openId, String roomId, String deviceId, Log log) {
        this.openId = openId;
        this.roomId = roomId;
        this.deviceId = deviceId;
        this.log = log;
    }

    @Override
    public void fetch(String serviceUrl, Callback callback) {
        openId.request(new OpenIdRequests.Callback() {
            @Override
            public void token(OpenIdToken token) {
                String body = new JsonObject()
                        .put("room", roomId)
                        .put("openid_token", new JsonObject()
                                .put("access_token", token.accessToken())
                                .put("token_type", token.tokenType())
                                .put("matrix_server_name", token.matrixServerName())
                                .put("expires_in", token.expiresIn()))
                        .put("device_id", deviceId)
                        .toJson();
                String url = serviceUrl.endsWith("/") ? serviceUrl + "sfu/get" : serviceUrl + "/sfu/get";
                Browser.http(url, body, (status, text, error) -> answer(status, text, error, callback));
            }

            @Override
            public void refused(String reason) {
                callback.refused(reason);
            }
        });
    }

    private void answer(int status, String text, String error, Callback callback) {
        if (status == 0) {
            callback.unavailable("the token service cannot be reached: " + error);
            return;
        }
        JsonObject answer;
        try {
            answer = Json.parseObject(text, 64 * 1024);
        } catch (JsonException e) {
            String reason = "the token service answered " + status + " with no JSON";
            if (status >= 500) {
                callback.unavailable(reason);
            } else {
                callback.refused(reason);
            }
            return;
        }
        if (status != 200) {
            String code = answer.getString("errcode");
            String reason = "the token service answered " + status + (code == null ? "" : " " + code);
            if (status >= 500) {
                callback.unavailable(reason);
            } else {
                callback.refused(reason);
            }
            return;
        }
        String url = answer.getString("url");
        String jwt = answer.getString("jwt");
        if (url == null || jwt == null || !(url.startsWith("wss://") || url.startsWith("ws://"))) {
            callback.refused("the token service's answer lacks a ws(s) url or a jwt");
            return;
        }
        log.info("sfu: granted a token for " + url);
        callback.granted(url, jwt);
    }
}
