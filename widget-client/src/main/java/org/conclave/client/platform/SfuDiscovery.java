package org.conclave.client.platform;

import java.util.List;
import org.conclave.client.jso.Browser;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonException;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;
import org.conclave.client.util.Log;
import org.conclave.client.widgetapi.Capability;
import org.conclave.client.widgetapi.WidgetAction;
import org.conclave.client.widgetapi.WidgetApiClient;
import org.conclave.client.widgetapi.WidgetApiException;

/**
 * Finds this deployment's SFU token service as Element Call does (protocol.md §7): the
 * homeserver's RTC transports through the host ({@code org.matrix.msc4515.get_rtc_transports})
 * when the host granted that capability, else the widget's {@code config.json}
 * ({@code livekit.livekit_service_url}). None found: calls are full mesh.
 */
public final class SfuDiscovery {
    private final WidgetApiClient client;
    private final Log log;
    private String serviceUrl;
    private java.util.function.Consumer<String> found = url -> {};

    /** Hears the service once found. */
    public void onFound(java.util.function.Consumer<String> listener) {
        this.found = listener;
    }

    public SfuDiscovery(WidgetApiClient client, Log log) {
        this.client = client;
        this.log = log;
    }

    /** The token service found, or null (none, or not yet). */
    public String serviceUrl() {
        return serviceUrl;
    }

    /** Starts looking, once the host approved {@code approved}. */
    public void start(List<String> approved) {
        if (!approved.contains(Capability.RTC_TRANSPORTS)) {
            fromConfig();
            return;
        }
        client.request(WidgetAction.GET_RTC_TRANSPORTS, new JsonObject(), new WidgetApiClient.ResponseCallback() {
            @Override
            public void onResponse(JsonObject response) {
                String found = livekitService(response.getArray("rtc_transports"));
                if (found != null) {
                    use(found, "the homeserver");
                } else {
                    fromConfig();
                }
            }

            @Override
            public void onError(WidgetApiException error) {
                fromConfig();
            }
        });
    }

    private void fromConfig() {
        Browser.http(Browser.resolve("config.json"), null, (status, text, error) -> {
            if (status != 200) {
                log.info("sfu: no config.json (" + (status == 0 ? error : String.valueOf(status)) + "); mesh calls only");
                return;
            }
            try {
                JsonObject livekit = Json.parseObject(text, 64 * 1024).getObject("livekit");
                String found = livekit == null ? null : httpUrl(livekit.getString("livekit_service_url"));
                if (found != null) {
                    use(found, "config.json");
                } else {
                    log.info("sfu: no SFU configured; mesh calls only");
                }
            } catch (JsonException e) {
                log.warn("sfu: config.json is not JSON; mesh calls only");
            }
        });
    }

    private void use(String url, String from) {
        serviceUrl = url;
        log.info("sfu: token service " + url + " (from " + from + ")");
        found.accept(url);
    }

    /** The first LiveKit transport's service URL in {@code transports}, or null. */
    static String livekitService(JsonArray transports) {
        if (transports == null) {
            return null;
        }
        for (JsonValue item : transports.items()) {
            JsonObject t = item.asObject();
            if (t != null && "livekit".equals(t.getString("type"))) {
                String url = httpUrl(t.getString("livekit_service_url"));
                if (url != null) {
                    return url;
                }
            }
        }
        return null;
    }

    private static String httpUrl(String url) {
        return url != null && url.length() < 2048 && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }
}
