package org.conclave.client.sfu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conclave.client.call.MediaTransport;
import org.conclave.client.i18n.Msg;
import org.conclave.client.i18n.Text;
import org.conclave.client.mesh.StreamMetadata;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.Participant;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.util.Scheduler;

/**
 * A call through LiveKit SFUs, Element Call's multi-SFU way: this device publishes to the SFU of
 * its own deployment (its membership's {@code foci_preferred[0]}) and subscribes there, and opens
 * one subscribe-only connection to every other SFU its peers publish on, with a grant from that
 * deployment's token service (the host's OpenID token vouches for the user everywhere).
 * Connections open and close as peers come and go; each gets a fresh token and connection after
 * the SDK gives up on it (LiveKit's own resume and full reconnect come first), on its own. Keys do
 * not depend on this class: every frame is SFrame-protected in the frame worker whichever SFU
 * carries it.
 */
public final class SfuCall implements MediaTransport {
    /** One connection to one SFU (livekit-client in the browser). */
    public interface Link {
        /** What the connection tells. */
        interface Events {
            /** Anything the screen shows changed: the connection's state, remote tracks, mutes. */
            void changed();

            /** The connection is gone and the SDK will not bring it back. */
            void lost(String reason);
        }

        void connect(String url, String jwt, Events events);

        /** Leaves the SFU room; no events after this. The link may connect again. */
        void disconnect();

        /** Leaves for good: the link is not used again. */
        default void close() {
            disconnect();
        }

        /** {@code connecting}, {@code connected}, {@code reconnecting} or {@code disconnected}. */
        String state();

        /** What {@code participant} ({@code user|device}) sends through this SFU, or null when it sends nothing here. */
        StreamMetadata streamsOf(String participant);

        /** Receive video only for these tiles (all while null), at most this size; see {@link MediaTransport#showing}. */
        void showing(Set<String> tileIds, int width, int height);
    }

    /** Opens links: one per SFU in use. */
    public interface Links {
        /** A link for the SFU behind {@code serviceUrl}; {@code publishes}: this device's tracks go there. */
        Link open(String serviceUrl, boolean publishes);
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
    /** At most this many SFUs at once (one per deployment in the call): a bound against hostile memberships. */
    static final int MAX_CONNECTIONS = 8;

    /** One SFU in use: its link, and the attempts to keep it connected. */
    private final class Connection {
        final String service;
        final boolean publishes;
        final Link link;
        int generation;
        double retryDelay = RETRY_MIN_MS;
        Scheduler.Cancellable retry;
        Text problem;

        Connection(String service, boolean publishes) {
            this.service = service;
            this.publishes = publishes;
            this.link = links.open(service, publishes);
        }

        void connect() {
            int attempt = ++generation;
            Tokens.Callback callback = new Tokens.Callback() {
                @Override
                public void granted(String url, String jwt) {
                    if (!current(attempt)) {
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
                            if (current(attempt)) {
                                log.warn("sfu: connection to " + where() + " lost (" + reason + ")");
                                problem = publishes ? Text.of(Msg.SFU_UNREACHABLE_RETRYING)
                                        : Text.of(Msg.SFU_AT_UNREACHABLE_RETRYING, host(service));
                                retryLater();
                            }
                        }
                    });
                    listener.changed();
                }

                @Override
                public void refused(String reason) {
                    if (!current(attempt)) {
                        return;
                    }
                    log.warn("sfu: no token from " + where() + ": " + reason);
                    problem = publishes ? Text.of(Msg.SFU_REFUSED, reason) : Text.of(Msg.SFU_AT_REFUSED, host(service), reason);
                    retryLater();
                }

                @Override
                public void unavailable(String reason) {
                    if (!current(attempt)) {
                        return;
                    }
                    log.warn("sfu: no token from " + where() + " now: " + reason);
                    problem = publishes ? Text.of(Msg.SFU_NO_TOKEN_RETRYING, reason)
                            : Text.of(Msg.SFU_AT_NO_TOKEN_RETRYING, host(service), reason);
                    retryLater();
                }
            };
            if (publishes && readyJwt != null && service.equals(readyService)
                    && clock.nowMillis() - readyAt < PREFETCH_FRESH_MS) {
                String url = readyUrl;
                String jwt = readyJwt;
                readyJwt = null; // once: a reconnect gets a fresh grant
                callback.granted(url, jwt);
                return;
            }
            if (publishes) {
                readyJwt = null;
            }
            tokens.fetch(service, callback);
        }

        boolean current(int attempt) {
            return attempt == generation && running && connections.get(service) == this;
        }

        String where() {
            return publishes ? "this deployment's SFU" : "the SFU at " + host(service);
        }

        void retryLater() {
            link.disconnect();
            listener.changed();
            double delay = retryDelay;
            retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
            retry = scheduler.schedule(delay, () -> {
                retry = null;
                if (running && connections.get(service) == this) {
                    connect();
                }
            });
        }

        void close() {
            generation++;
            if (retry != null) {
                retry.cancel();
                retry = null;
            }
            link.close();
        }

        /** Why media through this SFU does not flow now, or null. */
        Text problemNow() {
            if (problem == null && "reconnecting".equals(link.state())) {
                return publishes ? Text.of(Msg.SFU_RECONNECTING) : Text.of(Msg.SFU_AT_RECONNECTING, host(service));
            }
            return problem;
        }
    }

    private final String userId;
    private final String deviceId;
    private final String roomId;
    private final Links links;
    private final Tokens tokens;
    private final Scheduler scheduler;
    private final org.conclave.client.util.Clock clock;
    private final Log log;
    private final List<Participant> others = new ArrayList<>();
    // The SFUs in use, this device's own first; a peer's is where it publishes.
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, String> serviceOf = new LinkedHashMap<>();
    private Listener listener = () -> {};
    private String serviceUrl;
    private boolean running;
    private Set<String> shownTiles;
    private int shownWidth;
    private int shownHeight;
    // A grant fetched ahead (in the lobby) for the service a join will most likely use.
    private String readyService;
    private String readyUrl;
    private String readyJwt;
    private double readyAt;
    private boolean prefetching;

    public SfuCall(String userId, String deviceId, String roomId, Links links, Tokens tokens, Scheduler scheduler,
            org.conclave.client.util.Clock clock, Log log) {
        this.clock = clock;
        this.userId = userId;
        this.deviceId = deviceId;
        this.roomId = roomId;
        this.links = links;
        this.tokens = tokens;
        this.scheduler = scheduler;
        this.log = log;
    }

    /**
     * Fetches a grant from {@code serviceUrl} ahead of a join (in the lobby, once the deployment's
     * SFU is known), so that joining does not wait for the host's OpenID token and the service:
     * the join's first connection uses it while fresh. Nothing is fetched during a call.
     * {@code done} runs once the service answered (a grant or not).
     */
    public void prefetch(String serviceUrl, Runnable done) {
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
                done.run();
            }

            @Override
            public void refused(String reason) {
                prefetching = false;
                log.info("sfu: no grant ahead of the join (" + reason + "); the join will ask again");
                done.run();
            }
        });
    }

    /** The token service this device publishes through (chosen at join). */
    public void useService(String serviceUrl) {
        this.serviceUrl = serviceUrl;
    }

    public String serviceUrl() {
        return serviceUrl;
    }

    /** The token services of the SFUs in use, this device's own first. */
    public List<String> services() {
        return new ArrayList<>(connections.keySet());
    }

    /**
     * Why media cannot flow now (for the screen), or null: this device's own SFU first (nothing it
     * sends gets through), then any other (the people publishing there cannot be seen).
     */
    @Override
    public Text problem() {
        if (!running) {
            return null;
        }
        for (Connection c : connections.values()) {
            Text problem = c.problemNow();
            if (problem != null) {
                return problem;
            }
        }
        return null;
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

    /**
     * Starts with the peers last given to {@link #participantsChanged} (a join gives those it
     * sees): their SFUs are connected at once, alongside the own one, not only once this device's
     * membership has come back from the homeserver.
     */
    @Override
    public void start() {
        closeAll();
        running = true;
        Connection own = new Connection(serviceUrl, true);
        connections.put(serviceUrl, own);
        own.connect();
        align();
        log.info("sfu: started");
    }

    @Override
    public void stop() {
        closeAll();
        running = false;
        others.clear();
        serviceOf.clear();
        listener.changed();
    }

    private void closeAll() {
        for (Connection c : connections.values()) {
            c.close();
        }
        connections.clear();
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public void participantsChanged(List<Participant> participants) {
        others.clear();
        serviceOf.clear();
        Participant oldest = null;
        for (Participant p : participants) {
            if (p.isLiveKit() && (oldest == null || p.joinedAt() < oldest.joinedAt())) {
                oldest = p;
            }
        }
        for (Participant p : participants) {
            if (p.isLiveKit() && !(p.userId().equals(userId) && p.deviceId().equals(deviceId))) {
                others.add(p);
                String service = publishingService(p, oldest);
                serviceOf.put(p.key(), service == null ? serviceUrl : service);
            }
        }
        align();
        listener.changed();
    }

    /**
     * The token service of the SFU {@code p} publishes to, as matrix-js-sdk reads a membership:
     * with {@code multi_sfu} (or no selection) its own {@code foci_preferred[0]}; with
     * {@code oldest_membership} that of the call's oldest LiveKit member. Null when none is named.
     */
    static String publishingService(Participant p, Participant oldest) {
        if (CallMembership.OLDEST_MEMBERSHIP.equals(p.membership().focusSelection()) && oldest != null) {
            return oldest.membership().livekitServiceUrl();
        }
        return p.membership().livekitServiceUrl();
    }

    /** Opens a connection to every SFU a peer publishes on, and closes those no peer needs any more. */
    private void align() {
        if (!running) {
            return;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (Participant p : others) {
            String service = serviceOf.get(p.key());
            if (service != null && !service.equals(serviceUrl)) {
                wanted.add(service);
            }
        }
        for (String service : new ArrayList<>(connections.keySet())) {
            if (!service.equals(serviceUrl) && !wanted.contains(service)) {
                log.info("sfu: nobody publishes at " + host(service) + " any more; leaving it");
                connections.remove(service).close();
            }
        }
        for (String service : wanted) {
            if (!connections.containsKey(service)) {
                if (connections.size() >= MAX_CONNECTIONS) {
                    log.warn("sfu: peers publish on more than " + MAX_CONNECTIONS + " SFUs; not joining " + host(service));
                    continue;
                }
                log.info("sfu: a peer publishes at " + host(service) + "; subscribing there");
                Connection c = new Connection(service, false);
                connections.put(service, c);
                if (shownTiles != null || shownWidth > 0) {
                    c.link.showing(shownTiles, shownWidth, shownHeight);
                }
                c.connect();
            }
        }
    }

    @Override
    public void localMetadataChanged(StreamMetadata metadata) {
        // LiveKit carries what is published, its source (camera or screen) and its mute state.
    }

    @Override
    public void showing(Set<String> tileIds, int width, int height) {
        shownTiles = tileIds;
        shownWidth = width;
        shownHeight = height;
        for (Connection c : connections.values()) {
            c.link.showing(tileIds, width, height);
        }
    }

    @Override
    public boolean received(JsonObject message) {
        return false;
    }

    @Override
    public List<Peer> peers() {
        List<Peer> out = new ArrayList<>();
        for (Participant p : others) {
            Connection home = connections.get(serviceOf.get(p.key()));
            String state = running && home != null ? home.link.state() : "new";
            StreamMetadata streams = running && home != null ? home.link.streamsOf(p.key()) : null;
            if (streams == null && running) {
                // Where its membership does not say (or says wrong), whichever SFU carries it.
                for (Connection c : connections.values()) {
                    StreamMetadata found = c.link.streamsOf(p.key());
                    if (found != null) {
                        streams = found;
                        state = c.link.state();
                        break;
                    }
                }
            }
            String shown = streams == null && "connected".equals(state) ? "connecting" : state;
            out.add(new Peer(p.key(), shown, streams == null ? StreamMetadata.NONE : streams));
        }
        return out;
    }

    /** The host part of a service URL, for the screen and the log (never a token). */
    static String host(String serviceUrl) {
        int start = serviceUrl.indexOf("://");
        String rest = start < 0 ? serviceUrl : serviceUrl.substring(start + 3);
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
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
