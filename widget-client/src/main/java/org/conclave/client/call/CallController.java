package org.conclave.client.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conclave.client.e2ee.KeyManager;
import org.conclave.client.e2ee.MediaKey;
import org.conclave.client.mesh.StreamMetadata;
import org.conclave.client.rtc.MembershipManager;
import org.conclave.client.rtc.Participant;
import org.conclave.client.rtc.Participants;
import org.conclave.client.rtc.RoomState;
import org.conclave.client.util.Clock;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.util.Scheduler;

/**
 * Joins and leaves the call and keeps {@link CallState} in step: membership through
 * {@link MembershipManager}, who is in the call through {@link Participants} (again whenever room
 * state changes or a membership expires), media keys through {@link KeyManager} (passed on to the
 * frame worker by {@link FrameKeys}), and the media through the {@link MediaTransport} chosen at
 * join ({@link TransportRule}): the mesh or an SFU.
 */
public final class CallController {
    /** Tells the host what the call did (Element Web's {@code io.element.join}/{@code im.vector.hangup}). */
    public interface HostNotifier {
        void joined();

        void hungUp();
    }

    /** Sends a room event (a raised hand, a reaction, a redaction) through the host. */
    public interface RoomEvents {
        void send(String type, JsonObject content);

        /** The room's latest {@code limit} timeline events of {@code type} (MSC2876 read_events), newest first or any order. */
        default void read(String type, int limit, java.util.function.Consumer<List<JsonObject>> done) {
            done.accept(new ArrayList<>());
        }
    }

    /** Picks the transport for a join from the call's other participants (oldest first). */
    public interface TransportChoice {
        MediaTransport choose(List<Participant> others);
    }

    private final CallState state;
    private final RoomState room;
    private final MembershipManager membership;
    private final KeyManager keys;
    private final TransportChoice choice;
    private MediaTransport transport;
    // The remote tiles on screen (null until the screen says) and one tile's size.
    private final FrameKeys frameKeys;
    private boolean sendingLiveKitFormat;
    private Set<String> shown;
    private int shownWidth;
    private int shownHeight;
    private final KeySync keySync;
    private final MediaSource media;
    private final Participants participants;
    private final Scheduler scheduler;
    private final Clock clock;
    private final HostNotifier host;
    private final Log log;
    /**
     * Room state changes are acted on at once, but at most once per this interval: a burst (a
     * big room's first state, a member toggling its membership hundreds of times a second) becomes
     * one derivation of the participants per interval, not one per event.
     */
    static final double REFRESH_INTERVAL_MS = 200;

    private Scheduler.Cancellable expiryTimer;
    private Scheduler.Cancellable refreshTimer;
    private double lastRefresh = Double.NEGATIVE_INFINITY;
    private List<Participant> current = new ArrayList<>();
    private final Reactions reactions = new Reactions();
    private RoomEvents roomEvents = (type, content) -> { };
    private Scheduler.Cancellable reactionTimer;
    private final ConnectionQuality quality = new ConnectionQuality();
    // The newest origin_server_ts among the room's call membership events (for the security code).
    private double latestMembershipTs;
    // The code of the participants of the last refresh (SecurityCode.of).
    private SecurityCode securityCode;
    // Inside a refresh, the transport and the keys each ask for a render; it runs once, at its end.
    private int holdingRenders;
    private boolean renderHeld;

    /** A controller whose calls always use {@code transport}. */
    public CallController(CallState state, RoomState room, MembershipManager membership, KeyManager keys,
            MediaTransport transport, FrameKeys frameKeys, MediaSource media, Participants participants,
            Scheduler scheduler, Clock clock, HostNotifier host, Log log) {
        this(state, room, membership, keys, others -> transport, frameKeys, media, participants, scheduler, clock, host,
                log);
    }

    public CallController(CallState state, RoomState room, MembershipManager membership, KeyManager keys,
            TransportChoice choice, FrameKeys frameKeys, MediaSource media, Participants participants,
            Scheduler scheduler, Clock clock, HostNotifier host, Log log) {
        this.state = state;
        this.room = room;
        this.membership = membership;
        this.keys = keys;
        this.choice = choice;
        this.transport = choice.choose(new ArrayList<>());
        this.keySync = new KeySync(frameKeys);
        this.frameKeys = frameKeys;
        this.media = media;
        this.participants = participants;
        this.scheduler = scheduler;
        this.clock = clock;
        this.host = host;
        this.log = log;
        room.addListener((type, stateKey, event) -> {
            if (Participants.concerns(type)) {
                stateChanged();
            }
        });
        keys.onChange(this::render);
        transport.setListener(this::render);
        membership.onStatusChange(this::membershipChanged);
        membership.onLapse(this::lapsed);
    }

    /** Joins the call (the Join button, or the host's {@code io.element.join}). */
    public void join() {
        if (state.presence() != CallState.Presence.OUT || state.connection() == CallState.Connection.FAILED) {
            return;
        }
        List<Participant> others = new ArrayList<>();
        for (Participant p : participants.derive(room, clock.nowMillis())) {
            if (!isSelf(p)) {
                others.add(p);
            }
        }
        MediaTransport chosen = choice.choose(others);
        if (chosen != transport) {
            transport.setListener(() -> {});
            transport = chosen;
            transport.setListener(this::render);
            transport.showing(shown, shownWidth, shownHeight);
        }
        membership.join(transport.focusActive(), transport.focusPreferred());
    }

    /** The remote tiles the screen shows now, and one's size: the transport receives video for those only. */
    public void tilesShown(Set<String> tileIds, int width, int height) {
        shown = tileIds;
        shownWidth = width;
        shownHeight = height;
        transport.showing(tileIds, width, height);
    }

    /**
     * Whether this device's frames must go in LiveKit's format: some other participant of the
     * call (Element Call) reads only that. Every Conclave device sees the same memberships, so
     * all switch together; receivers read either format, so nothing fails at the switch.
     */
    static boolean needsLiveKitFormat(List<Participant> participants) {
        for (Participant p : participants) {
            if (!p.readsSframe()) {
                return true;
            }
        }
        return false;
    }

    /** The transport of the current (or last) call. */
    public MediaTransport transport() {
        return transport;
    }

    /** Leaves the call (the Leave button, or the host's {@code im.vector.hangup}). */
    /** Where raised hands and reactions are sent. */
    public void setRoomEvents(RoomEvents roomEvents) {
        this.roomEvents = roomEvents;
    }

    /** A timeline event from the host: a raised hand, a reaction or a redaction changes the tiles. */
    public void roomEvent(JsonObject event) {
        double now = clock.nowMillis();
        if (reactions.onEvent(event, now)) {
            render();
            double next = reactions.nextExpiry(now);
            if (next != Double.POSITIVE_INFINITY) {
                if (reactionTimer != null) {
                    reactionTimer.cancel();
                }
                reactionTimer = scheduler.schedule(next - now + 1, () -> {
                    reactionTimer = null;
                    render();
                });
            }
        }
    }

    /**
     * The hands raised before we joined: the room's recent raised-hand reactions and redactions,
     * replayed in the order they were sent (a lowered hand's reaction is redacted: on a homeserver
     * its content is gone, and the redaction is replayed after it besides).
     */
    private void readRaisedHands() {
        List<JsonObject> history = new ArrayList<>();
        int[] pending = {2};
        java.util.function.Consumer<List<JsonObject>> collect = events -> {
            history.addAll(events);
            if (--pending[0] > 0) {
                return;
            }
            history.sort((a, b) -> Double.compare(a.getNumber("origin_server_ts", 0), b.getNumber("origin_server_ts", 0)));
            boolean changed = false;
            double now = clock.nowMillis();
            for (JsonObject e : history) {
                changed |= reactions.onEvent(e, now);
            }
            if (changed) {
                render();
            }
        };
        roomEvents.read(Reactions.REACTION_EVENT, 100, collect);
        roomEvents.read(Reactions.REDACTION_EVENT, 100, collect);
    }

    /** Raises our hand, or lowers it (Element Call's events). Only in a call, on our current membership. */
    public void raiseHand(boolean up) {
        String self = state.userId() + "|" + state.deviceId(); // as Participant.key
        String membershipEvent = ownMembershipEvent();
        if (state.presence() != CallState.Presence.IN || membershipEvent == null) {
            return;
        }
        String raised = reactions.handEvent(self);
        if (up && raised == null) {
            roomEvents.send(Reactions.REACTION_EVENT, Reactions.raiseHand(membershipEvent));
        } else if (!up && raised != null) {
            roomEvents.send(Reactions.REDACTION_EVENT, Reactions.redact(raised));
        }
    }

    /** Sends reaction {@code emoji} ({@code name} as Element Call knows it), unless ours still shows. */
    public void react(String emoji, String name) {
        String membershipEvent = ownMembershipEvent();
        String self = state.userId() + "|" + state.deviceId(); // as Participant.key
        if (state.presence() != CallState.Presence.IN || membershipEvent == null
                || reactions.reaction(self, clock.nowMillis()) != null) {
            return;
        }
        roomEvents.send(Reactions.CALL_REACTION_EVENT, Reactions.react(emoji, name, membershipEvent));
    }

    /** The event id of our membership as the call counts it, or null while it does not. */
    private String ownMembershipEvent() {
        for (Participant p : current) {
            if (isSelf(p)) {
                JsonObject event = room.get(org.conclave.client.rtc.CallMembership.EVENT_TYPE, p.membership().stateKey());
                return event == null ? null : event.getString("event_id");
            }
        }
        return null;
    }

    public void hangUp() {
        if (state.presence() == CallState.Presence.OUT) {
            return;
        }
        transport.stop();
        if (sendingLiveKitFormat) {
            sendingLiveKitFormat = false;
            frameKeys.sendLiveKitFormat(false);
        }
        membership.leave(() -> {
            keys.stop();
            keySync.reset();
            host.hungUp();
            refresh();
        });
    }

    /** A to-device message from the host: call signalling for the mesh, or media keys. */
    public void toDevice(JsonObject message) {
        if (!message.getBoolean("encrypted", false)) {
            // MSC4143: media keys and call signalling travel Olm-encrypted only. A cleartext one
            // could claim any sender; refused whole, so it can never replace an encrypted key.
            log.warn("to-device: refused a cleartext " + message.getString("type") + " from " + message.getString("sender"));
            return;
        }
        if (state.presence() == CallState.Presence.IN || state.presence() == CallState.Presence.JOINING) {
            if (!transport.received(message)) {
                keys.received(message);
            }
        }
    }

    /** The media changed (tracks, streams, statistics): tells the peers and redraws. */
    public void mediaChanged() {
        state.setMedia(media.local());
        if (transport.running()) {
            transport.localMetadataChanged(localMetadata());
        }
        render();
    }

    /** What this device sends, as stream metadata. */
    StreamMetadata localMetadata() {
        MediaState local = media.local();
        Map<String, StreamMetadata.Stream> streams = new LinkedHashMap<>();
        streams.put(media.localStreamId(), new StreamMetadata.Stream(StreamMetadata.USERMEDIA, !local.micOn(), !local.cameraOn()));
        String screen = media.localScreenStreamId();
        if (screen != null) {
            streams.put(screen, new StreamMetadata.Stream(StreamMetadata.SCREENSHARE, true, false));
        }
        return new StreamMetadata(streams);
    }

    private void membershipChanged() {
        holdingRenders(this::membershipChangedNow);
    }

    private void membershipChangedNow() {
        CallState.Presence before = state.presence();
        switch (membership.status()) {
            case JOINING -> state.setPresence(CallState.Presence.JOINING);
            case JOINED -> state.setPresence(CallState.Presence.IN);
            case LEAVING -> state.setPresence(CallState.Presence.LEAVING);
            default -> state.setPresence(CallState.Presence.OUT);
        }
        boolean joining = state.presence() == CallState.Presence.JOINING || state.presence() == CallState.Presence.IN;
        if (joining && !transport.running()) {
            // From the moment our membership goes out: the others may call us before its echo
            // reaches us; their invites wait in the mesh until we see them as participants.
            transport.start();
            transport.localMetadataChanged(localMetadata());
        }
        if (before != CallState.Presence.IN && state.presence() == CallState.Presence.IN) {
            host.joined();
            readRaisedHands();
        }
        if (state.presence() == CallState.Presence.OUT) {
            if (transport.running()) {
                transport.stop();
            }
        }
        refresh();
    }

    /** Refreshes now, or once at the end of the current interval if one ran within it. */
    private void stateChanged() {
        if (refreshTimer != null) {
            return;
        }
        double wait = lastRefresh + REFRESH_INTERVAL_MS - clock.nowMillis();
        if (wait <= 0) {
            refresh();
            return;
        }
        refreshTimer = scheduler.schedule(wait, () -> {
            refreshTimer = null;
            refresh();
        });
    }

    private void refresh() {
        holdingRenders(this::refreshNow);
    }

    /** Runs {@code change}; the renders it asks for (from listeners too) become one, after it. */
    private void holdingRenders(Runnable change) {
        holdingRenders++;
        try {
            change.run();
        } finally {
            if (--holdingRenders == 0 && renderHeld) {
                renderHeld = false;
                render();
            }
        }
    }

    private void refreshNow() {
        lastRefresh = clock.nowMillis();
        if (refreshTimer != null) {
            refreshTimer.cancel();
            refreshTimer = null;
        }
        if (expiryTimer != null) {
            expiryTimer.cancel();
            expiryTimer = null;
        }
        double now = clock.nowMillis();
        state.setNames(DisplayNames.of(room.ofType("m.room.member")));
        if (state.presence() != CallState.Presence.IN) {
            current = state.presence() == CallState.Presence.LEAVING ? participants.derive(room, now) : new ArrayList<>();
            securityCode = SecurityCode.of(state.roomId(), current, latestMembershipTs);
            render();
            return;
        }
        current = participants.derive(room, now);
        List<Reactions.Member> members = new ArrayList<>();
        for (Participant p : current) {
            JsonObject event = room.get(org.conclave.client.rtc.CallMembership.EVENT_TYPE, p.membership().stateKey());
            members.add(new Reactions.Member(p.key(), p.userId(), event == null ? null : event.getString("event_id")));
        }
        reactions.setMembers(members);
        latestMembershipTs = 0;
        for (org.conclave.client.util.JsonObject event : room.ofType(org.conclave.client.rtc.CallMembership.EVENT_TYPE)) {
            latestMembershipTs = Math.max(latestMembershipTs, event.getNumber("origin_server_ts", 0));
        }
        // Once per change of the participants, not per render (a SHA-256, and renders come in bursts).
        securityCode = SecurityCode.of(state.roomId(), current, latestMembershipTs);
        transport.participantsChanged(current);
        boolean liveKit = needsLiveKitFormat(current);
        if (liveKit != sendingLiveKitFormat) {
            sendingLiveKitFormat = liveKit;
            frameKeys.sendLiveKitFormat(liveKit);
            log.info("frames: sending " + (liveKit ? "in LiveKit's format (a participant reads only that)" : "SFrame"));
        }
        java.util.Set<String> keysNow = new java.util.HashSet<>();
        current.forEach(p -> keysNow.add(p.key()));
        quality.retain(keysNow);
        keys.participantsChanged(current); // calls render() through the key listener
        double next = participants.nextExpiry(room, now);
        if (next != Double.POSITIVE_INFINITY) {
            expiryTimer = scheduler.schedule(Math.max(0, next - now) + 1, this::refresh);
        }
    }

    /**
     * Our membership lapsed while we stayed in the call (the delayed leave fired while we were
     * offline; MembershipManager sends it again). The others dropped our connections and our keys
     * and will see a newcomer: start over, new mesh session and new key chain; what we send them
     * is held back on their side until the renewed membership arrives.
     */
    private void lapsed() {
        if (state.presence() != CallState.Presence.IN) {
            return;
        }
        log.info("call: our membership lapsed; reconnecting everyone with fresh keys");
        transport.start();
        transport.localMetadataChanged(localMetadata());
        keys.stop();
        keySync.reset();
        refresh();
    }

    private void render() {
        if (holdingRenders > 0) {
            renderHeld = true;
            return;
        }
        List<CallState.Row> rows = new ArrayList<>();
        MediaKey sending = keys.sendKey();
        int sendIndex = sending == null ? -1 : sending.index();
        List<Tile> tiles = new ArrayList<>();
        boolean inCall = state.presence() == CallState.Presence.IN || state.presence() == CallState.Presence.LEAVING;
        // The call screen shows from the click on Join, with our own tile; the others' come with
        // our membership's echo (until then refreshNow leaves current, the participants, empty).
        if (inCall || state.presence() == CallState.Presence.JOINING) {
            List<String> others = new ArrayList<>();
            Map<String, Integer> indexes = keys.newestIndexes();
            for (Participant p : current) {
                boolean self = isSelf(p);
                if (!self) {
                    others.add(p.key());
                }
                Integer index = self ? Integer.valueOf(sendIndex) : indexes.get(p.key());
                rows.add(new CallState.Row(p.userId(), p.deviceId(), self, index == null ? -1 : index,
                        p.readsSframe() ? CallState.Row.CONCLAVE : CallState.Row.ELEMENT_CALL));
            }
            if (state.presence() == CallState.Presence.IN) {
                keySync.sync(keys, others);
            }
            tiles = tiles(sendIndex);
        }
        state.setSecurityCode(inCall ? securityCode : null);
        state.setCall(rows, sendIndex, tiles, inCall && transport.running() ? transport.problem() : null,
                inCall && sendingLiveKitFormat);
    }

    private boolean isSelf(Participant p) {
        return p.userId().equals(state.userId()) && p.deviceId().equals(state.deviceId());
    }

    /** Our own tiles, then each other participant's camera tile and screen shares. */
    private List<Tile> tiles(int sendIndex) {
        List<Tile> tiles = new ArrayList<>();
        MediaState local = media.local();
        String self = state.userId() + "|" + state.deviceId();
        double now = clock.nowMillis();
        tiles.add(new Tile(self, self, state.userId(), state.deviceId(), true, false, media.localStreamId(),
                !local.micOn(), !local.cameraOn(), false, "self", sendIndex, 0, ReceiveStats.NONE)
                .inFormat(sendingLiveKitFormat).withReactions(reactions.handRaised(self), reactions.reaction(self, now)));
        if (media.localScreenStreamId() != null) {
            tiles.add(new Tile(self + "#screen", self, state.userId(), state.deviceId(), true, true,
                    media.localScreenStreamId(), true, false, false, "self", sendIndex, 0, ReceiveStats.NONE)
                    .inFormat(sendingLiveKitFormat));
        }
        Map<String, MediaTransport.Peer> peers = new LinkedHashMap<>();
        for (MediaTransport.Peer peer : transport.peers()) {
            peers.put(peer.key(), peer);
        }
        JsonObject receiving = media.frameStats().getObject("receiving");
        List<Tile> shares = new ArrayList<>();
        for (Participant p : current) {
            if (isSelf(p)) {
                continue;
            }
            MediaTransport.Peer peer = peers.get(p.key());
            StreamMetadata metadata = peer == null ? StreamMetadata.NONE : peer.streams();
            String connection = peer == null ? "new" : peer.connectionState();
            JsonObject frames = receiving == null ? null : receiving.getObject(p.key());
            int kid = frames == null ? -1 : (int) frames.getNumber("kid", -1);
            int failures = frames == null ? 0 : (int) frames.getNumber("failures", 0);
            boolean liveKitFrames = frames != null && "livekit".equals(frames.getString("format"));
            ReceiveStats stats = media.receiveStats(p.key());
            String level = quality.of(p.key(), stats);
            String camera = null;
            for (String streamId : media.remoteStreams(p.key())) {
                StreamMetadata.Stream described = metadata.get(streamId);
                if (described != null && described.isScreenshare()) {
                    shares.add(new Tile(p.key() + "#screen", p.key(), p.userId(), p.deviceId(), false, true, streamId,
                            true, false, false, connection, kid, failures, stats).inFormat(liveKitFrames).withQuality(level));
                } else if (camera == null) {
                    camera = streamId;
                }
            }
            StreamMetadata.Stream described = camera == null ? null : metadata.get(camera);
            boolean audioMuted = described != null && described.audioMuted();
            boolean videoMuted = described != null && described.videoMuted();
            tiles.add(new Tile(p.key(), p.key(), p.userId(), p.deviceId(), false, false, camera, audioMuted, videoMuted,
                    !audioMuted && stats.speaking(), connection, kid, failures, stats).inFormat(liveKitFrames)
                    .withQuality(level).withReactions(reactions.handRaised(p.key()), reactions.reaction(p.key(), now)));
        }
        tiles.addAll(shares);
        return tiles;
    }
}
