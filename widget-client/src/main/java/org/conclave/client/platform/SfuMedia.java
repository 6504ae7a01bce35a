package org.conclave.client.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conclave.client.call.ReceiveStats;
import org.conclave.client.jso.LiveKit;
import org.conclave.client.jso.Rtc;
import org.conclave.client.mesh.StreamMetadata;
import org.conclave.client.sfu.SfuCall;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;
import org.conclave.client.util.Log;
import org.conclave.client.util.Scheduler;
import org.conclave.client.widgetapi.TurnServers;
import org.teavm.jso.JSObject;

/**
 * The browser side of an SFU call: livekit-client (loaded on first use) connected to one LiveKit
 * room per SFU in use (a multi-SFU call has several: the own deployment's, where this device
 * publishes, and each other deployment's its peers publish on, subscribe-only). Every sender gets
 * the frame worker's SFrame transform when the SDK creates it, before negotiation, so no frame
 * leaves unencrypted, also after a track restart (the sender and its transform stay), a reconnect
 * (new senders get it the same way) or a screen share; every receiver gets it when subscribed,
 * whichever SFU it comes from. The publishing connection keeps the widget's own tracks (camera,
 * microphone, screen) in step with the controls; every connection gathers its remote tracks into
 * one stream per participant and source for the tiles and polls its receivers' statistics once a
 * second.
 */
public final class SfuMedia implements SfuCall.Links {
    static final double STATS_MS = 1_000;
    /**
     * The publishing connection hearing nothing at all from the SFU for this many polls while it
     * publishes makes the SDK reconnect afresh ({@link Connection#watchUplink}).
     */
    static final int SILENT_POLLS = 2;
    static final String SDK_URL = "js/livekit-client.js";
    static final String CAMERA = "camera";
    static final String MICROPHONE = "microphone";
    static final String SCREEN = "screen_share";

    /** One subscribed remote track. */
    private static final class Remote {
        final String participant;
        final String identity;
        final String sid;
        final String source;
        final JSObject track;
        final JSObject receiver;
        final JSObject stream;

        Remote(String participant, String identity, String sid, String source, JSObject track, JSObject receiver,
                JSObject stream) {
            this.participant = participant;
            this.identity = identity;
            this.sid = sid;
            this.source = source;
            this.track = track;
            this.receiver = receiver;
            this.stream = stream;
        }
    }

    /** One of our publications, by source. */
    private static final class Published {
        JSObject publication;
        boolean pending;
    }

    private final LocalMedia local;
    private final FrameWorkerClient frames;
    private final Scheduler scheduler;
    private final Log log;
    // The open connections, in order of opening; one of them publishes.
    private final List<Connection> connections = new ArrayList<>();
    private Runnable listener = () -> {};
    private String iceServersJson = "[]";
    private JSObject spareRoom;

    public SfuMedia(LocalMedia local, FrameWorkerClient frames, Scheduler scheduler, Log log) {
        this.local = local;
        this.frames = frames;
        this.scheduler = scheduler;
        this.log = log;
        local.addListener(() -> new ArrayList<>(connections).forEach(Connection::reconcile));
    }

    /** Hears remote tracks coming and going, and new statistics. */
    public void setListener(Runnable listener) {
        this.listener = listener;
    }

    /**
     * The host's TURN servers: new connections start with them, live ones get them for their next
     * gathering and full reconnect (the host renews the credentials before they expire, and a
     * long call's reconnect must not present stale ones).
     */
    public void setTurnServers(TurnServers servers) {
        iceServersJson = servers.toIceServersJson();
        for (Connection c : connections) {
            c.setIceServers(iceServersJson);
        }
    }

    /**
     * Loads the SDK ahead of a call (the deployment has an SFU), so that joining does not wait for
     * it, and makes the first connection's room (no network until it connects): making one takes
     * part of a frame, and the join's first frames are the ones the connection itself needs.
     * Once the frame worker is there, the room is also prepared ({@link LiveKit#prepare}: its
     * peer connection, hooked for the worker's transforms, and its first offer), which takes the
     * click ~70 ms before the signalling socket could open. {@code done} runs once the SDK loaded
     * or failed to.
     */
    public void preload(Runnable done) {
        LiveKit.load(SDK_URL, error -> {
            if (error != null) {
                log.warn("sfu: " + error);
            } else if (spareRoom == null) {
                JSObject room = LiveKit.newRoom();
                spareRoom = room;
                frames.whenReady(() -> {
                    if (spareRoom == room) {
                        LiveKit.transformEveryConnection(frames.worker());
                        LiveKit.prepare(room, iceServersJson);
                    }
                });
            }
            done.run();
        });
    }

    /** The room made ahead, once, or a new one. */
    private JSObject newRoom() {
        JSObject room = spareRoom;
        spareRoom = null;
        return room != null ? room : LiveKit.newRoom();
    }

    @Override
    public SfuCall.Link open(String serviceUrl, boolean publishes) {
        Connection c = new Connection(serviceUrl, publishes);
        connections.add(c);
        return c;
    }

    /** The remote streams of {@code participant}, by id: camera first, then the screen (from the SFU that carries them). */
    public Map<String, JSObject> streamsById(String participant) {
        for (Connection c : connections) {
            Map<String, JSObject> found = c.streamsById(participant);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return new LinkedHashMap<>();
    }

    /** The latest statistics per participant, over every SFU. */
    public Map<String, ReceiveStats> stats() {
        if (connections.size() == 1) {
            return connections.get(0).stats();
        }
        Map<String, ReceiveStats> all = new LinkedHashMap<>();
        for (Connection c : connections) {
            c.stats().forEach((participant, one) -> {
                ReceiveStats sum = all.get(participant);
                all.put(participant, sum == null ? one : sum.plus(one));
            });
        }
        return all;
    }

    /**
     * Diagnostics: the publishing connection's (state, selected candidate pairs with the SFU's
     * port, tracks) and under {@code connections} every connection's, with its token service.
     */
    public JsonObject diagnostics() {
        JsonObject top = null;
        JsonArray all = new JsonArray();
        for (Connection c : connections) {
            JsonObject one = c.diagnostics();
            all.add(c.diagnostics().put("service", c.service).put("publishes", c.publishes));
            if (c.publishes && top == null) {
                top = one;
            }
        }
        if (top == null) {
            top = new JsonObject().put("state", "disconnected").put("pairs", new JsonArray()).put("remoteTracks", 0)
                    .put("videos", new JsonArray()).put("transformedReceivers", 0).put("published", 0);
        }
        return top.put("connections", all);
    }

    /**
     * One LiveKit room on one SFU: publishes this device's tracks there when {@code publishes},
     * receives what the others send there.
     */
    final class Connection implements SfuCall.Link {
        final String service;
        final boolean publishes;
        private final Map<String, Remote> remotes = new LinkedHashMap<>();
        // One stream per participant and kind of stream (camera and microphone together, screen apart).
        private final Map<String, Map<String, JSObject>> streams = new LinkedHashMap<>();
        private final Map<String, Published> published = new LinkedHashMap<>();
        private Map<String, ReceiveStats> stats = new LinkedHashMap<>();
        // Counts stay monotonic per participant when its tracks are replaced (a rejoin, a resubscribe):
        // the last counts of each live track, and the sum of those of its tracks gone.
        private final Map<String, ReceiveStats> lastOfTrack = new LinkedHashMap<>();
        private final Map<String, ReceiveStats> retired = new LinkedHashMap<>();
        private JsonArray pairs = new JsonArray();
        private JSObject room;
        private String state = "disconnected";
        private SfuCall.Link.Events events;
        private boolean polling;
        // The remote tiles on screen (null: not known, all) and one's size; which videos the SFU forwards.
        private Set<String> shownTiles;
        private int shownWidth;
        private int shownHeight;
        private final Map<String, Boolean> forwarded = new LinkedHashMap<>();
        private int pollSeq;
        private String transports = "";
        private int silentPolls;
        private double uplinkBytes = -1;
        // Reconnects this device started itself (a silent SFU), for diagnostics.
        private int forcedReconnects;
        // Remote tracks taken from the peer connection before the SDK announced them, for diagnostics.
        private int earlyTracks;
        private int appliedSeq;


        Connection(String service, boolean publishes) {
            this.service = service;
            this.publishes = publishes;
        }

        @Override
        public void close() {
            disconnect();
            connections.remove(this);
        }

        @Override
        public void connect(String url, String jwt, Events events) {
            disconnect();
            this.events = events;
            state = "connecting";
            Events mine = events;
            LiveKit.transformEveryConnection(frames.worker());
            LiveKit.load(SDK_URL, error -> {
                if (this.events != mine) {
                    return;
                }
                if (error != null) {
                    lost(error);
                    return;
                }
                JSObject created = newRoom();
                room = created;
                LiveKit.listen(created,
                        (sender, kind) -> Rtc.transform(frames.worker(), sender, "send", "", kind),
                        (track, receiver, identity, source, kind, sid) -> {
                            if (room == created) {
                                earlyTracks++;
                                subscribed(track, receiver, identity, source, kind, sid);
                            }
                        },
                        (track, receiver, identity, source, kind, sid) -> {
                            if (room == created) {
                                subscribed(track, receiver, identity, source, kind, sid);
                            }
                        },
                        (identity, sid) -> {
                            if (room == created) {
                                unsubscribed(identity, sid);
                            }
                        },
                        (identity, sid) -> {
                            if (room == created) {
                                changed();
                            }
                        },
                        next -> {
                            if (room == created) {
                                state = next;
                                if ("connected".equals(next)) {
                                    reconcileSubscriptions(); // a full reconnect may not announce them all
                                }
                                changed();
                            }
                        },
                        reason -> {
                            if (room == created) {
                                lost("disconnected: " + reason);
                            }
                        });
                LiveKit.connect(created, url, jwt, iceServersJson, failure -> {
                    if (room != created) {
                        return;
                    }
                    if (failure != null) {
                        lost(failure);
                        return;
                    }
                    state = "connected";
                    log.info("sfu: connected");
                    try {
                        frames.addServerInjectedTrailer(org.conclave.client.util.Base64.decode(LiveKit.serverInjectedTrailer(created)));
                    } catch (IllegalArgumentException e) {
                        log.warn("sfu: the server's frame trailer is not base64; its injected frames count as failed");
                    }
                    reconcile();
                    if (!polling) {
                        polling = true;
                        scheduler.schedule(STATS_MS, this::poll);
                    }
                    changed();
                });
            });
        }

        void setIceServers(String json) {
            if (room == null) {
                return;
            }
            String failure = LiveKit.setIceServers(room, json);
            if (failure != null) {
                log.warn("sfu: the live connection to " + service + " keeps its ICE servers until it reconnects: " + failure);
            }
        }

        private void lost(String reason) {
            Events told = events;
            disconnect();
            if (told != null) {
                told.lost(reason);
            }
        }

        @Override
        public void disconnect() {
            events = null;
            state = "disconnected";
            if (room != null) {
                JSObject old = room;
                room = null;
                LiveKit.disconnect(old);
            }
            published.clear();
            for (Remote r : remotes.values()) {
                frames.bind(Rtc.trackId(r.track), null);
            }
            remotes.clear();
            forwarded.clear();
            streams.clear();
            stats = new LinkedHashMap<>();
            lastOfTrack.clear();
            retired.clear();
            pairs = new JsonArray();
            listener.run();
        }

        @Override
        public String state() {
            return "signalReconnecting".equals(state) ? "reconnecting" : state;
        }

        private void changed() {
            if (events != null) {
                events.changed();
            }
            listener.run();
        }

        /**
         * A remote track: from the SDK's subscription, or before it from the first connection's
         * peer connection ({@link LiveKit#listen}'s {@code early}), then again from the SDK.
         */
        private void subscribed(JSObject track, JSObject receiver, String identity, String source, String kind, String sid) {
            String participant = SfuCall.participantOf(identity);
            String streamKey = SCREEN.equals(source) ? "screen" : "camera";
            Map<String, JSObject> mine = streams.computeIfAbsent(participant, p -> new LinkedHashMap<>());
            JSObject stream = mine.get(streamKey);
            Remote known = remotes.get(sid);
            if (known != null && known.track == track && known.receiver == receiver && known.stream == stream
                    && known.participant.equals(participant)) { // the SDK announcing what came early
                show(known);
                changed();
                return;
            }
            frames.bind(Rtc.trackId(track), participant);
            log.info("sfu: subscribed to the " + source + " of " + participant);
            if (stream == null) {
                stream = Rtc.newStream(null, null);
                mine.put(streamKey, stream);
            }
            Remote old = remotes.remove(sid);
            // The same track on the same receiver announced again (a reconnect's resubscription):
            // its counts go on from where they were, so they are not added to the retired sum.
            if (old != null && (old.track != track || old.receiver != receiver)) {
                retire(old);
            }
            if (old != null && old.track != track) {
                frames.bind(Rtc.trackId(old.track), null);
            }
            if (old != null) {
                Rtc.removeTrack(old.stream, old.track);
            }
            Rtc.addTrack(stream, track);
            Remote added = new Remote(participant, identity, sid, source, track, receiver, stream);
            remotes.put(sid, added);
            show(added);
            changed();
        }

        private void unsubscribed(String identity, String sid) {
            for (Remote r : new ArrayList<>(remotes.values())) {
                if (r.identity.equals(identity) && (sid.isEmpty() || r.sid.equals(sid))) {
                    remotes.remove(r.sid);
                    forwarded.remove(r.sid);
                    retire(r);
                    Rtc.removeTrack(r.stream, r.track);
                    // A reused receiver may carry someone else's track already (the SDK can name the
                    // new subscription first): its binding is theirs now.
                    if (remotes.values().stream().noneMatch(other -> other.track == r.track)) {
                        frames.bind(Rtc.trackId(r.track), null);
                    }
                }
            }
            String participant = SfuCall.participantOf(identity);
            Map<String, JSObject> mine = streams.get(participant);
            if (mine != null) {
                mine.values().removeIf(stream -> remotes.values().stream().noneMatch(r -> r.stream == stream));
                if (mine.isEmpty()) {
                    streams.remove(participant);
                }
            }
            changed();
        }

        @Override
        public void showing(Set<String> tileIds, int width, int height) {
            shownTiles = tileIds;
            shownWidth = width;
            shownHeight = height;
            for (Remote r : remotes.values()) {
                show(r);
            }
        }

        /** Asks the SFU to forward a remote video or not, by whether its tile is on screen. */
        private void show(Remote r) {
            if (room == null || !CAMERA.equals(r.source) && !SCREEN.equals(r.source)) {
                return;
            }
            String tile = SCREEN.equals(r.source) ? r.participant + "#screen" : r.participant;
            boolean on = shownTiles == null || shownTiles.contains(tile);
            if (LiveKit.showVideo(room, r.identity, r.sid, on, shownWidth, shownHeight)) {
                forwarded.put(r.sid, on);
            }
        }

        /** Adds a track's last counts to its participant's retired sum. */
        private void retire(Remote r) {
            ReceiveStats last = lastOfTrack.remove(r.sid);
            if (last != null) {
                ReceiveStats sum = retired.get(r.participant);
                retired.put(r.participant, sum == null ? last : sum.plus(last));
            }
        }

        @Override
        public StreamMetadata streamsOf(String participant) {
            Map<String, JSObject> mine = streams.get(participant);
            if (mine == null) {
                return null;
            }
            boolean audioMuted = true;
            boolean videoMuted = true;
            for (Remote r : remotes.values()) {
                if (r.participant.equals(participant) && room != null) {
                    boolean muted = LiveKit.remoteMuted(room, r.identity, r.sid);
                    if (MICROPHONE.equals(r.source)) {
                        audioMuted = muted;
                    } else if (CAMERA.equals(r.source)) {
                        videoMuted = muted;
                    }
                }
            }
            Map<String, StreamMetadata.Stream> described = new LinkedHashMap<>();
            JSObject camera = mine.get("camera");
            if (camera != null) {
                described.put(Rtc.streamId(camera), new StreamMetadata.Stream(StreamMetadata.USERMEDIA, audioMuted, videoMuted));
            }
            JSObject screen = mine.get("screen");
            if (screen != null) {
                described.put(Rtc.streamId(screen), new StreamMetadata.Stream(StreamMetadata.SCREENSHARE, true, false));
            }
            return new StreamMetadata(described);
        }

        /** The remote streams of {@code participant}, by id: camera first, then the screen. */
        Map<String, JSObject> streamsById(String participant) {
            Map<String, JSObject> mine = streams.get(participant);
            Map<String, JSObject> out = new LinkedHashMap<>();
            if (mine != null) {
                for (JSObject stream : mine.values()) {
                    out.put(Rtc.streamId(stream), stream);
                }
            }
            return out;
        }

        /** The latest statistics per participant. */
        Map<String, ReceiveStats> stats() {
            return stats;
        }

        /** Diagnostics: the connection state and the selected candidate pairs (addresses, and the SFU's port). */
        JsonObject diagnostics() {
            int transformed = 0;
            for (Remote r : remotes.values()) {
                if (r.receiver != null && LiveKit.hasTransform(r.receiver)) {
                    transformed++;
                }
            }
            JsonArray videos = new JsonArray();
            for (Remote r : remotes.values()) {
                Boolean on = forwarded.get(r.sid);
                if (on != null) {
                    videos.add(new JsonObject().put("participant", r.participant).put("source", r.source).put("forwarded", on));
                }
            }
            return new JsonObject().put("state", state()).put("pairs", pairs).put("remoteTracks", remotes.size())
                    .put("videos", videos)
                    .put("transformedReceivers", transformed)
                    .put("published", published.values().stream().filter(p -> p.publication != null).count())
                    .put("transports", transports)
                    .put("forcedReconnects", forcedReconnects)
                    .put("sdkView", room == null ? "" : LiveKit.remoteView(room))
                    .put("prepared", room != null && LiveKit.prepared(room))
                    .put("earlyTracks", earlyTracks)
                    .put("iceServers", iceServerUris());
        }

        /** The ICE server URIs the room's peer connection has now (no credentials). */
        private JsonValue iceServerUris() {
            JSObject pc = room == null ? null : LiveKit.publisherConnection(room);
            return pc == null ? new JsonArray() : Json.parse(Rtc.iceServerUris(pc));
        }

        /** Brings our publications in line with the local media: publish, replace, mute, unpublish. */
        private void reconcile() {
            if (!publishes || room == null || !"connected".equals(state) && !"reconnecting".equals(state)) {
                return;
            }
            boolean micOn = local.state().micOn();
            align(MICROPHONE, local.audioTrack(), !micOn, false);
            align(CAMERA, local.videoTrack(), false, false);
            align(SCREEN, local.screenTrack(), false, true);
        }

        private void align(String source, JSObject track, boolean muted, boolean unpublishWhenGone) {
            Published p = published.computeIfAbsent(source, s -> new Published());
            if (p.pending) {
                return;
            }
            if (track == null) {
                if (p.publication != null) {
                    if (unpublishWhenGone) {
                        LiveKit.unpublish(room, p.publication);
                        published.remove(source);
                    } else {
                        LiveKit.setMuted(p.publication, true);
                    }
                }
                return;
            }
            if (p.publication == null) {
                p.pending = true;
                JSObject target = room;
                LiveKit.publish(room, track, source, (publication, error) -> {
                    if (room != target) {
                        return;
                    }
                    p.pending = false;
                    if (error != null) {
                        log.warn("sfu: could not publish the " + source + " (" + error + ")");
                        published.remove(source);
                        return;
                    }
                    p.publication = publication;
                    reconcile();
                });
                return;
            }
            if (LiveKit.publishedTrack(p.publication) != track) {
                LiveKit.replace(p.publication, track);
            }
            LiveKit.setMuted(p.publication, muted);
        }

        /**
         * Polls every receiver's statistics once a second. The next poll is scheduled at once, not
         * when this one's answers are in: a receiver whose statistics never come (one of a closed
         * connection) must not stop the polling. The newest complete poll wins.
         */
        private void poll() {
            if (room == null) {
                polling = false;
                return;
            }
            scheduler.schedule(STATS_MS, this::poll);
            transports = LiveKit.transportStates(room);
            reconcileSubscriptions();
            int seq = ++pollSeq;
            List<Remote> now = new ArrayList<>(remotes.values());
            List<JSObject> senders = new ArrayList<>();
            for (Published p : published.values()) {
                JSObject sender = p.publication == null ? null : LiveKit.sender(p.publication);
                if (sender != null) {
                    senders.add(sender);
                    break; // one sender shows the publisher connection's pair
                }
            }
            Map<String, ReceiveStats> next = new LinkedHashMap<>();
            JsonArray nextPairs = new JsonArray();
            int[] pending = {now.size() + senders.size() + 1};
            JSObject polled = room;
            Runnable finish = () -> {
                if (--pending[0] > 0 || room != polled || seq < appliedSeq) {
                    return;
                }
                appliedSeq = seq;
                retired.forEach((participant, gone) -> {
                    ReceiveStats live = next.get(participant);
                    next.put(participant, live == null ? gone : live.plus(gone));
                });
                stats = next;
                pairs = nextPairs;
                listener.run();
            };
            for (Remote r : now) {
                if (r.receiver == null) {
                    finish.run();
                    continue;
                }
                LiveKit.stats(r.receiver, (json, error) -> {
                    if (json != null) {
                        JsonObject report = Json.parseObject(json);
                        ReceiveStats one = MeshMedia.summarise(report, log);
                        if (remotes.get(r.sid) == r) {
                            lastOfTrack.put(r.sid, one);
                        }
                        ReceiveStats sum = next.get(r.participant);
                        next.put(r.participant, sum == null ? one : sum.plus(one));
                        addPair(nextPairs, report, "receive");
                    }
                    finish.run();
                });
            }
            for (JSObject sender : senders) {
                LiveKit.stats(sender, (json, error) -> {
                    if (json != null) {
                        JsonObject report = Json.parseObject(json);
                        addPair(nextPairs, report, "send");
                        if (room == polled) {
                            watchUplink(report.getObject("pair"));
                        }
                    }
                    finish.run();
                });
            }
            finish.run();
        }

        /**
         * Takes in the remote tracks the SDK holds subscribed but never announced: around a full
         * reconnect in a cluster that moves the room, livekit-client can subscribe to a peer that
         * rejoined under the same identity without a {@code TrackSubscribed} event (seen in the
         * failover benchmark: the SDK subscribed to both of Bob's tracks, the tiles had none, for
         * good). Once a second, what the SDK has and the widget lacks is added as if announced.
         */
        private void reconcileSubscriptions() {
            JSObject current = room;
            LiveKit.eachSubscribed(current, (track, receiver, identity, source, kind, sid) -> {
                Remote known = remotes.get(sid);
                if (room == current && (known == null || known.track != track)) {
                    log.warn("sfu: the SDK holds the " + source + " of " + SfuCall.participantOf(identity)
                            + " without having said so; taking it in");
                    subscribed(track, receiver, identity, source, kind, sid);
                }
            });
        }

        /**
         * While this device publishes, the SFU answers every second of it (congestion feedback,
         * receiver reports) on the publishing connection, whoever else is in the room; hearing
         * nothing there for {@link #SILENT_POLLS} polls means the SFU, or the path to it, is gone.
         * That is what a dead node of a cluster looks like when this device's signalling goes
         * through another node: the signalling stays up and the SDK would wait for its peer
         * connection to fail, about 9 s. The SDK is made to reconnect afresh instead.
         */
        private void watchUplink(JsonObject pair) {
            double bytes = pair == null ? -1 : pair.getNumber("bytesReceived", -1);
            boolean silent = bytes >= 0 && bytes == uplinkBytes && "connected".equals(state) && !published.isEmpty();
            uplinkBytes = bytes;
            if (!silent) {
                silentPolls = 0;
                return;
            }
            if (++silentPolls == SILENT_POLLS) {
                log.warn("sfu: nothing from " + service + " for " + (long) (SILENT_POLLS * STATS_MS / 1000)
                        + " s while publishing; reconnecting");
                forcedReconnects++;
                if (!LiveKit.forceReconnect(room)) {
                    lost("the SFU stopped answering");
                }
            }
        }
    }

    private static void addPair(JsonArray pairs, JsonObject report, String side) {
        JsonObject pair = report.getObject("pair");
        if (pair != null) {
            double port = pair.getNumber("remotePort", 0);
            String key = side + " " + pair.getString("local") + " " + pair.getString("remote") + ":" + (long) port;
            for (int i = 0; i < pairs.size(); i++) {
                if (key.equals(pairs.get(i).asObject().getString("key"))) {
                    return;
                }
            }
            pairs.add(new JsonObject().put("key", key).put("side", side).put("local", pair.getString("local"))
                    .put("remote", pair.getString("remote")).put("remotePort", port));
        }
    }
}
