package org.conclave.client.sfu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.conclave.client.call.MediaTransport;
import org.conclave.client.mesh.StreamMetadata;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.Participant;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.util.Scheduler;

/**
 * A call through a LiveKit SFU: a join token from the token service (with the host's OpenID token),
 * one connection to LiveKit that publishes this device's tracks and subscribes to the others', and
 * a fresh token and connection after the SDK gives up on one (LiveKit's own resume and full
 * reconnect come first). The membership advertises the SFU in Element Call's form. Keys do not
 * depend on this class: every frame is SFrame-protected in the frame worker whichever way it goes.
 */
public final class SfuCall implements MediaTransport {
    /** The connection to the SFU (livekit-client in the browser). */
    public interface Link {
        /** What the connection tells. */
        interface Events {
            /** Anything the screen shows changed: the connection's state, remote tracks, mutes. */
            void changed();

            /** The connection is gone and the SDK will not bring it back. */
            void lost(String reason);
        }

        void connect(String url, String jwt, Events events);

        /** Leaves the SFU room; no events after this. */
        void disconnect();

        /** {@code connecting}, {@code connected}, {@code reconnecting} or {@code disconnected}. */
        String state();

        /** What {@code participant} ({@code user|device}) sends through the SFU, or null when it is not in the SFU room. */
        StreamMetadata streamsOf(String participant);

        /** Receive video only for these tiles (all while null), at most this size; see {@link MediaTransport#showing}. */
        void showing(Set<String> tileIds, int width, int height);
    }

    /** The SFU token service (lk-jwt-service's API). */
    public interface Tokens {
        /** A grant, or why there is none. */
        interface Callback {
            void granted(String url, String jwt);

            /** The service said no to this device (4xx, or an answer that is not a grant). */
            void refused(String reason);

            /**
             * The service, or the SFU behind it, is not there now (no answer, 5xx): not this
             * device's fault, worth trying again. By default the same as {@link #refused}.
             */
            default void unavailable(String reason) {
                refused(reason);
            }
        }

        void fetch(String serviceUrl, Callback callback);
    }

    /** A grant fetched ahead is used for a join this soon after; older ones are fetched anew. */
    static final double PREFETCH_FRESH_MS = 10 * 60_000;
    static final double RETRY_MIN_MS = 1_000;
    static final double RETRY_MAX_MS = 15_000;

    private final String userId;
    private final String deviceId;
    private final String roomId;
    private final Link link;
    private final Tokens tokens;
    private final Scheduler scheduler;
    private final org.conclave.client.util.Clock clock;
    private final Log log;
    private final List<Participant> others = new ArrayList<>();
    private Listener listener = () -> {};
    private String serviceUrl;
    private boolean running;
    private int generation;
    private double retryDelay = RETRY_MIN_MS;
    private Scheduler.Cancellable retry;
    private String problem;
    // A grant fetched ahead (in the lobby) for the service a join will most likely use.
    private String readyService;
    private String readyUrl;
    private String readyJwt;
    private double readyAt;
    private boolean prefetching;

    public SfuCall(String userId, String deviceId, String roomId, Link link, Tokens tokens, Scheduler scheduler,
            org.conclave.client.util.Clock clock, Log log) {
        this.clock = clock;
        this.userId = userId;
        this.deviceId = deviceId;
        this.roomId = roomId;
        this.link = link;
        this.tokens = tokens;
        this.scheduler = scheduler;
        this.log = log;
    }

    /**
     * Fetches a grant from {@code serviceUrl} ahead of a join (in the lobby, once the deployment's
     * SFU is known), so that joining does not wait for the host's OpenID token and the service:
     * the join's first connection uses it while fresh. Nothing is fetched during a call.
     */
    public void prefetch(String serviceUrl) {
        if (running || prefetching || serviceUrl == null) {
            return;
        }
        prefetching = true;
        tokens.fetch(serviceUrl, new Tokens.Callback() {
            @Override
            public void granted(String url, String jwt) {
                prefetching = false;
                readyService = serviceUrl;
                readyUrl = url;
                readyJwt = jwt;
                readyAt = clock.nowMillis();
            }

            @Override
            public void refused(String reason) {
                prefetching = false;
                log.info("sfu: no grant ahead of the join (" + reason + "); the join will ask again");
            }
        });
    }

    /** The token service this device gets its SFU grants from (chosen at join). */
    public void useService(String serviceUrl) {
        this.serviceUrl = serviceUrl;
    }

    public String serviceUrl() {
        return serviceUrl;
    }

    /** Why the SFU cannot be reached now (for the screen), or null; while the SDK reconnects, that it does. */
    @Override
    public String problem() {
        if (problem == null && running && "reconnecting".equals(link.state())) {
            return "Reconnecting to the media server…";
        }
        return problem;
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public JsonObject focusActive() {
        return CallMembership.livekitActive();
    }

    @Override
    public JsonObject focusPreferred() {
        return CallMembership.livekitFocus(serviceUrl, roomId);
    }

    @Override
    public void start() {
        stop();
        running = true;
        retryDelay = RETRY_MIN_MS;
        connect();
        log.info("sfu: started");
    }

    @Override
    public void stop() {
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
        generation++;
        if (running) {
            link.disconnect();
        }
        running = false;
        problem = null;
        others.clear();
        listener.changed();
    }

    @Override
    public boolean running() {
        return running;
    }

    private void connect() {
        int attempt = ++generation;
        Tokens.Callback callback = new Tokens.Callback() {
            @Override
            public void granted(String url, String jwt) {
                if (attempt != generation || !running) {
                    return;
                }
                link.connect(url, jwt, new Link.Events() {
                    @Override
                    public void changed() {
                        if (attempt == generation && "connected".equals(link.state())) {
                            retryDelay = RETRY_MIN_MS;
                            problem = null;
                        }
                        listener.changed();
                    }

                    @Override
                    public void lost(String reason) {
                        if (attempt == generation && running) {
                            log.warn("sfu: connection lost (" + reason + ")");
                            problem = "The media server cannot be reached; trying again.";
                            retryLater();
                        }
                    }
                });
                listener.changed();
            }

            @Override
            public void refused(String reason) {
                if (attempt != generation || !running) {
                    return;
                }
                log.warn("sfu: no token: " + reason);
                problem = "The media server refused this device: " + reason;
                retryLater();
            }

            @Override
            public void unavailable(String reason) {
                if (attempt != generation || !running) {
                    return;
                }
                log.warn("sfu: no token now: " + reason);
                problem = "The media server cannot be reached (" + reason + "); trying again.";
                retryLater();
            }
        };
        if (readyJwt != null && serviceUrl.equals(readyService) && clock.nowMillis() - readyAt < PREFETCH_FRESH_MS) {
            String url = readyUrl;
            String jwt = readyJwt;
            readyJwt = null; // once: a reconnect gets a fresh grant
            callback.granted(url, jwt);
            return;
        }
        readyJwt = null;
        tokens.fetch(serviceUrl, callback);
    }

    private void retryLater() {
        link.disconnect();
        listener.changed();
        double delay = retryDelay;
        retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
        retry = scheduler.schedule(delay, () -> {
            retry = null;
            if (running) {
                connect();
            }
        });
    }

    @Override
    public void participantsChanged(List<Participant> participants) {
        others.clear();
        for (Participant p : participants) {
            if (p.isLiveKit() && !(p.userId().equals(userId) && p.deviceId().equals(deviceId))) {
                others.add(p);
            }
        }
        listener.changed();
    }

    @Override
    public void localMetadataChanged(StreamMetadata metadata) {
        // LiveKit carries what is published, its source (camera or screen) and its mute state.
    }

    @Override
    public void showing(Set<String> tileIds, int width, int height) {
        link.showing(tileIds, width, height);
    }

    @Override
    public boolean received(JsonObject message) {
        return false;
    }

    @Override
    public List<Peer> peers() {
        List<Peer> out = new ArrayList<>();
        String state = running ? link.state() : "new";
        for (Participant p : others) {
            StreamMetadata streams = running ? link.streamsOf(p.key()) : null;
            String shown = streams == null && "connected".equals(state) ? "connecting" : state;
            out.add(new Peer(p.key(), shown, streams == null ? StreamMetadata.NONE : streams));
        }
        return out;
    }

    /**
     * The participant ({@code user|device}) a LiveKit identity names: lk-jwt-service's
     * {@code /sfu/get} identity is {@code userId:deviceId}. A device id holding ':' maps to a
     * participant that has no keys, so its media stays undecodable (fails closed).
     */
    public static String participantOf(String identity) {
        int colon = identity.lastIndexOf(':');
        return colon <= 0 ? identity : identity.substring(0, colon) + "|" + identity.substring(colon + 1);
    }
}
