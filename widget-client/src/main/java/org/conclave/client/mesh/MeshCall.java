package org.conclave.client.mesh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.conclave.client.call.MediaTransport;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.Participant;
import org.conclave.client.util.Clock;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.util.Scheduler;
import org.conclave.client.widgetapi.RoomActions;

/**
 * The full mesh: one {@link PeerSession} per other participant device, signalled by encrypted
 * to-device {@code m.call.*} events (docs/keys.md "Mesh signalling"). Of each pair, the device
 * whose {@code user|device} key sorts first offers, so two devices never invite each other. A
 * session that fails is replaced by a fresh call while the peer is still a participant; a peer
 * that leaves is dropped; leaving hangs up on everyone.
 */
public final class MeshCall implements MediaTransport {
    static final double RETRY_MIN_MS = 1_000;
    static final double RETRY_MAX_MS = 15_000;
    static final double HELD_INVITE_MS = 30_000;
    static final int MAX_HELD_INVITES = 16;
    /**
     * A device gets a new connection at most this often: one that flips its membership (or
     * invites) in a storm cannot make us open connections faster than the browser frees them
     * (Chromium stops at 500). A rejoin within it is connected when it ends.
     */
    static final double MIN_CONNECT_INTERVAL_MS = 2_000;

    private final RoomActions actions;
    private final String userId;
    private final String deviceId;
    private final String confId;
    private final PeerLink.Factory links;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Log log;
    private final Map<String, Participant> others = new LinkedHashMap<>();
    private final Map<String, PeerSession> sessions = new LinkedHashMap<>();
    // Milliseconds as Long, not Double: a boxed Double brings TeaVM's double formatting (~30 KB) into the page.
    private final Map<String, Long> retryDelay = new LinkedHashMap<>();
    private final Map<String, CallSignal> heldInvites = new LinkedHashMap<>();
    private final Map<String, Long> heldSince = new LinkedHashMap<>();
    private final Map<String, Long> lastConnect = new LinkedHashMap<>();
    private final Map<String, Scheduler.Cancellable> deferred = new LinkedHashMap<>();
    private final PeerSession.Host host = new SessionHost();
    private StreamMetadata localMetadata = StreamMetadata.NONE;
    private String session;
    private Listener listener = () -> {};

    /**
     * The mesh of {@code userId} on {@code deviceId} in the call {@code confId} (the room id);
     * {@code ids} makes call and session ids (random in the browser).
     */
    public MeshCall(RoomActions actions, String userId, String deviceId, String confId, PeerLink.Factory links,
            Scheduler scheduler, Clock clock, Supplier<String> ids, Log log) {
        this.actions = actions;
        this.userId = userId;
        this.deviceId = deviceId;
        this.confId = confId;
        this.links = links;
        this.scheduler = scheduler;
        this.clock = clock;
        this.ids = ids;
        this.log = log;
    }

    @Override
    public JsonObject focusActive() {
        return CallMembership.meshTransport();
    }

    @Override
    public JsonObject focusPreferred() {
        return CallMembership.meshTransport();
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    /** Whether this device offers to {@code otherKey} ({@code user|device}): the lower key offers. */
    public static boolean offers(String ownKey, String otherKey) {
        return ownKey.compareTo(otherKey) < 0;
    }

    /** Starts a mesh session (on join): every peer gets calls under a fresh session id. */
    @Override
    public void start() {
        stop();
        session = ids.get();
        log.info("mesh: started");
    }

    /** Hangs up on every peer (on leave). */
    @Override
    public void stop() {
        for (PeerSession s : sessions.values()) {
            s.close(true);
        }
        sessions.clear();
        others.clear();
        retryDelay.clear();
        heldInvites.clear();
        heldSince.clear();
        deferred.values().forEach(Scheduler.Cancellable::cancel);
        deferred.clear();
        lastConnect.clear();
        session = null;
        listener.changed();
    }

    /** Whether the mesh runs. */
    @Override
    public boolean running() {
        return session != null;
    }

    /** The participants now (this device included or not). */
    @Override
    public void participantsChanged(List<Participant> participants) {
        if (session == null) {
            return;
        }
        Map<String, Participant> now = new LinkedHashMap<>();
        for (Participant p : participants) {
            if (!(p.userId().equals(userId) && p.deviceId().equals(deviceId)) && p.isMesh()) {
                now.put(p.key(), p);
            }
        }
        for (String gone : new ArrayList<>(others.keySet())) {
            Participant next = now.get(gone);
            if (next != null && next.joinedAt() != others.get(gone).joinedAt()) {
                // A new membership of the same device: it rejoined, so its old connection is dead.
                PeerSession s = sessions.remove(gone);
                if (s != null) {
                    log.info("mesh: " + gone + " rejoined; starting over");
                    s.close(false);
                }
            } else if (next == null) {
                PeerSession s = sessions.remove(gone);
                if (s != null) {
                    log.info("mesh: " + gone + " left; closing its connection");
                    s.close(false);
                }
                retryDelay.remove(gone);
            }
        }
        others.clear();
        others.putAll(now);
        for (Participant p : now.values()) {
            ensureSession(p);
            CallSignal held = heldInvites.remove(p.key());
            Long since = heldSince.remove(p.key());
            if (held != null && clock.nowMillis() - since < HELD_INVITE_MS) {
                accept(held);
            }
        }
        listener.changed();
    }

    private void ensureSession(Participant p) {
        PeerSession existing = sessions.get(p.key());
        if ((existing != null && !existing.closed()) || !offers(ownKey(), p.key()) || deferred(p.key(), () -> {
            Participant now = others.get(p.key());
            if (now != null) {
                ensureSession(now);
            }
        })) {
            return;
        }
        sessions.put(p.key(), newSession(p.userId(), p.deviceId(), true, ids.get(), null));
    }

    /**
     * Whether a connection to {@code key} must wait ({@link #MIN_CONNECT_INTERVAL_MS}); then
     * {@code later} runs when it may (once, however often this is asked meanwhile). Otherwise
     * the connection is counted as made now.
     */
    private boolean deferred(String key, Runnable later) {
        double now = clock.nowMillis();
        Long last = lastConnect.get(key);
        if (last == null || now - last >= MIN_CONNECT_INTERVAL_MS) {
            lastConnect.put(key, Math.round(now));
            return false;
        }
        Scheduler.Cancellable pending = deferred.remove(key);
        if (pending != null) {
            pending.cancel();
        }
        deferred.put(key, scheduler.schedule(last + MIN_CONNECT_INTERVAL_MS - now, () -> {
            deferred.remove(key);
            if (session != null) {
                later.run();
                listener.changed();
            }
        }));
        return true;
    }

    private PeerSession newSession(String peerUser, String peerDevice, boolean offerer, String callId, String remote) {
        log.info("mesh: " + (offerer ? "calling " : "answering ") + peerUser + "|" + peerDevice);
        return new PeerSession(host, peerUser, peerDevice, offerer, callId, remote, links, scheduler, log);
    }

    /**
     * A to-device message from the host. Returns whether it was a call signal (handled or
     * rejected); anything else is for someone else.
     */
    @Override
    public boolean received(JsonObject message) {
        if (!CallSignal.isSignal(message.getString("type"))) {
            return false;
        }
        if (session == null) {
            return true;
        }
        CallSignal.Parsed parsed = CallSignal.parse(message, confId);
        if (parsed.rejection() != null) {
            log.warn("mesh: ignored a call signal: " + parsed.rejection());
            return true;
        }
        CallSignal signal = parsed.signal();
        if (!signal.destSession().isEmpty() && !signal.destSession().equals(session)) {
            log.debug("mesh: ignored " + signal.type() + " for an earlier session");
            return true;
        }
        if (signal.senderUser().equals(userId) && signal.deviceId().equals(deviceId)) {
            log.warn("mesh: ignored " + signal.type() + " claiming this very device");
            return true;
        }
        if (!others.containsKey(signal.participantKey())) {
            if (CallSignal.INVITE.equals(signal.type())) {
                hold(signal);
            } else {
                log.warn("mesh: ignored " + signal.type() + " from a device not in the call");
            }
            return true;
        }
        accept(signal);
        return true;
    }

    private void hold(CallSignal invite) {
        if (!heldInvites.containsKey(invite.participantKey()) && heldInvites.size() >= MAX_HELD_INVITES) {
            log.warn("mesh: too many invites from devices not in the call; dropped one");
            return;
        }
        heldInvites.put(invite.participantKey(), invite);
        heldSince.put(invite.participantKey(), Math.round(clock.nowMillis()));
        log.info("mesh: held an invite from " + invite.participantKey() + " until its membership");
    }

    private void accept(CallSignal signal) {
        String key = signal.participantKey();
        PeerSession existing = sessions.get(key);
        if (CallSignal.INVITE.equals(signal.type())) {
            if (offers(ownKey(), key)) {
                log.warn("mesh: ignored an invite from " + key + ", which should answer our calls");
                return;
            }
            if (existing != null && existing.callId().equals(signal.callId())) {
                return; // a repeat
            }
            if (deferred(key, () -> {
                if (others.containsKey(key)) {
                    accept(signal);
                }
            })) {
                log.info("mesh: an invite from " + key + " waits: it connected less than 2 s ago");
                return;
            }
            if (existing != null) {
                existing.close(false);
            }
            PeerSession s = newSession(signal.senderUser(), signal.deviceId(), false, signal.callId(), signal.senderSession());
            sessions.put(key, s);
            s.received(signal);
            listener.changed();
            return;
        }
        if (existing == null || !existing.callId().equals(signal.callId())) {
            log.debug("mesh: ignored " + signal.type() + " for a call no longer current");
            return;
        }
        existing.received(signal);
    }

    /** This device's streams changed (mute, camera, screen share): tells every peer. */
    @Override
    public void localMetadataChanged(StreamMetadata metadata) {
        if (metadata.equals(localMetadata)) {
            return;
        }
        localMetadata = metadata;
        for (PeerSession s : sessions.values()) {
            s.metadataChanged();
        }
    }

    /** The peers with a current session, in participant order. */
    @Override
    public List<Peer> peers() {
        List<Peer> out = new ArrayList<>();
        for (String key : others.keySet()) {
            PeerSession s = sessions.get(key);
            out.add(s == null ? new Peer(key, "new", StreamMetadata.NONE)
                    : new Peer(key, s.connectionState(), s.remoteMetadata()));
        }
        return out;
    }

    private String ownKey() {
        return userId + "|" + deviceId;
    }

    private final class SessionHost implements PeerSession.Host {
        @Override
        public void send(PeerSession s, String type, JsonObject body) {
            JsonObject content = CallSignal.common(s.callId(), deviceId, confId, session, s.remoteSession());
            for (String name : body.names()) {
                content.put(name, body.get(name));
            }
            JsonObject messages = new JsonObject().put(s.userId(), new JsonObject().put(s.deviceId(), content));
            actions.sendToDevice(type, true, messages, new RoomActions.Callback() {
                @Override
                public void done(JsonObject response) {}

                @Override
                public void failed(String reason) {
                    log.warn("mesh: sending " + type + " to " + s.key() + " failed (" + reason + ")");
                    if (CallSignal.INVITE.equals(type) || CallSignal.ANSWER.equals(type)) {
                        SessionHost.this.failed(s, "signalling failed");
                    }
                }
            });
        }

        @Override
        public StreamMetadata localMetadata() {
            return localMetadata;
        }

        @Override
        public void changed(PeerSession s) {
            listener.changed();
        }

        @Override
        public void failed(PeerSession s, String why) {
            if (sessions.get(s.key()) != s) {
                return;
            }
            log.warn("mesh: call with " + s.key() + " failed (" + why + ")");
            s.close(true);
            sessions.remove(s.key());
            listener.changed();
            if (!offers(ownKey(), s.key())) {
                return; // the peer calls again
            }
            long delay = retryDelay.getOrDefault(s.key(), (long) RETRY_MIN_MS);
            retryDelay.put(s.key(), Math.min((long) RETRY_MAX_MS, delay * 2));
            scheduler.schedule(delay, () -> {
                Participant p = others.get(s.key());
                if (p != null && session != null) {
                    ensureSession(p);
                    listener.changed();
                }
            });
        }
    }
}
