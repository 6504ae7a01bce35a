package org.conclave.client.platform;

import java.util.HashSet;
import java.util.Set;
import org.conclave.client.call.CallState;
import org.conclave.client.jso.Browser;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.widgetapi.Capability;
import org.conclave.client.widgetapi.WidgetApiClient;
import org.conclave.client.widgetapi.WidgetApiException;
import org.conclave.client.widgetapi.WidgetSession;

/**
 * The call's members' avatars, downloaded through the host (MSC4039 {@code download_file}) when
 * it granted that: each picture once, as the page's own object URL (a picture of at most 1 MB, of
 * an image type; {@code jso.Browser} turns the host's file into one). Without the capability, or
 * when a download fails, the screen keeps the initials.
 */
public final class Avatars {
    private final WidgetApiClient client;
    private final WidgetSession session;
    private final CallState state;
    private final Log log;
    private final Set<String> asked = new HashSet<>();
    private boolean checking;

    /** At the latest this long after a change, the new avatars are asked for. */
    static final int IDLE_WAIT_MS = 1_500;

    public Avatars(WidgetApiClient client, WidgetSession session, CallState state, Log log) {
        this.client = client;
        this.session = session;
        this.state = state;
        this.log = log;
        state.addListener(this::check);
    }

    /**
     * Asks for the avatars of the people on screen not asked for yet, when the page is next idle
     * (within {@link #IDLE_WAIT_MS}): a join's first half second belongs to the media connection,
     * and a picture (a request through the host, an image to load and paint) can wait for the
     * initials to be replaced.
     */
    private void check() {
        if (client == null || checking || !session.approved().contains(Capability.DOWNLOAD_FILE)) {
            return;
        }
        checking = true;
        Browser.whenIdle(() -> {
            checking = false;
            checkNow();
        }, IDLE_WAIT_MS);
    }

    private void checkNow() {
        for (CallState.Row row : state.participants()) {
            String uri = state.names().avatar(row.userId());
            if (uri != null && asked.size() < 256 && asked.add(uri)) {
                client.request(Capability.DOWNLOAD_FILE, new JsonObject().put("content_uri", uri),
                        new WidgetApiClient.ResponseCallback() {
                            @Override
                            public void onResponse(JsonObject response) {
                                String url = response.getString("file");
                                if (url != null && url.startsWith("blob:")) {
                                    state.setAvatarPicture(uri, url);
                                } else {
                                    log.info("avatars: " + uri + " is not a picture the widget shows");
                                }
                            }

                            @Override
                            public void onError(WidgetApiException error) {
                                log.info("avatars: no download of " + uri + ": " + error.getMessage());
                            }
                        });
            }
        }
    }
}
