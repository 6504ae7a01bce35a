package org.conclave.server.token;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates rooms through LiveKit's room service (its Twirp API, JSON flavour:
 * {@code POST /twirp/livekit.RoomService/CreateRoom}), authorised by a {@code roomCreate} token.
 * A room kept 5 minutes while nobody joined and 20 s after everyone left, like lk-jwt-service.
 */
public final class LiveKitRoomService implements RoomCreator {
    private static final Logger LOG = LoggerFactory.getLogger(LiveKitRoomService.class);
    static final int EMPTY_TIMEOUT_S = 5 * 60;
    static final int DEPARTURE_TIMEOUT_S = 20;

    private final URI api;
    private final LiveKitTokens tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Rooms on the LiveKit server whose HTTP API is at {@code api}. */
    public LiveKitRoomService(URI api, LiveKitTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    @Override
    public void create(String room) {
        String body = "{\"name\":\"" + room + "\",\"empty_timeout\":" + EMPTY_TIMEOUT_S + ",\"departure_timeout\":"
                + DEPARTURE_TIMEOUT_S + "}";
        String base = api.toString().endsWith("/") ? api.toString() : api + "/";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "twirp/livekit.RoomService/CreateRoom"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.roomAdmin())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                LOG.error("livekit: creating room {} failed with {}", room, r.statusCode());
                throw failed();
            }
            LOG.info("livekit: room {} ready", room);
        } catch (IOException e) {
            LOG.error("livekit: creating room {} failed ({})", room, e.getClass().getSimpleName());
            throw failed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed();
        }
    }

    private static TokenException failed() {
        return new TokenException(500, "M_UNKNOWN", "Unable to create room on SFU");
    }
}
