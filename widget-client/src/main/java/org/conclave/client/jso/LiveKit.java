package org.conclave.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The parts of livekit-client (npm, pinned; {@code js/livekit-client.js}, global
 * {@code LivekitClient}) the widget uses, declared in one place. The SDK is loaded only when a
 * call goes through an SFU. Frame encryption is not the SDK's: every sender and receiver gets
 * Conclave's SFrame transform ({@link Rtc#transform}), senders from the moment the SDK creates
 * them ({@code localSenderCreated}, before any negotiation), receivers when subscribed.
 *
 * <p>Locals in these scripts have names of three letters or more (JsBodySyntaxTest checks this).
 */
public final class LiveKit {
    private LiveKit() {}

    /** An error message, or null on success. */
    @JSFunctor
    public interface Done extends JSObject {
        void done(String error);
    }

    /** A publication, or an error message. */
    @JSFunctor
    public interface Published extends JSObject {
        void done(JSObject publication, String error);
    }

    /** A subscribed remote track: the track, its receiver, who sent it, its source and kind. */
    @JSFunctor
    public interface Subscribed extends JSObject {
        void fire(JSObject track, JSObject receiver, String identity, String source, String kind, String sid);
    }

    /** A track gone or muted: who, which track. */
    @JSFunctor
    public interface TrackChange extends JSObject {
        void fire(String identity, String sid);
    }

    /** A sender the SDK just created, with its kind. */
    @JSFunctor
    public interface SenderCreated extends JSObject {
        void fire(JSObject sender, String kind);
    }

    /**
     * Makes every {@code RTCPeerConnection} created from now on (by the SDK: the mesh keeps the
     * native one) put the frame worker's transform on each sender as its transceiver is added and
     * on each receiver in its {@code track} event, synchronously, before a frame can pass. The SDK
     * tells whose track a receiver carries only later ({@code TrackSubscribed}): the receiver's
     * transform is bound to the remote track's id, and the worker drops its frames until
     * {@code FrameWorkerClient.bind} names the sender. Frames reach the worker only if the
     * transform is there from the start: Chromium ignores one set on a receiver already receiving.
     * Where {@code RTCRtpScriptTransform} is missing (or the fallback is forced, as for the mesh),
     * every connection is made with {@code encodedInsertableStreams} and each sender's and
     * receiver's {@code createEncodedStreams()} go to the worker at the same moments instead.
     */
    @JSBody(params = "worker", script = ""
            + "if (self.conclaveNativePeerConnection) { return; }"
            + "var Native = RTCPeerConnection;"
            + "self.conclaveNativePeerConnection = Native;"
            + "var viaStreams = typeof RTCRtpScriptTransform === 'undefined' || !!self.conclaveForceEncodedStreams;"
            + "var attach = function(target, side, kind, trackId) {"
            + "  if (!target || target.conclaveTransformed) { return; }"
            + "  target.conclaveTransformed = true;"
            + "  var options = side === 'send' ? {side: 'send', participant: '', kind: kind}"
            + "      : {side: 'receive', track: trackId, kind: kind};"
            + "  if (!viaStreams) { target.transform = new RTCRtpScriptTransform(worker, options); return; }"
            + "  var streams = target.createEncodedStreams();"
            + "  worker.postMessage({readable: streams.readable, writable: streams.writable, options: options},"
            + "      [streams.readable, streams.writable]);"
            + "  target.conclaveStreams = true;"
            + "};"
            + "var Hooked = function(config) {"
            + "  var streamsConfig = function(given) { return Object.assign({}, given || {}, {encodedInsertableStreams: true}); };"
            + "  var pcx = new Native(viaStreams ? streamsConfig(config) : config);"
            + "  if (viaStreams) {"
            // The SDK sets the configuration again later; Chromium refuses one that drops the flag.
            + "    var setConfiguration = pcx.setConfiguration.bind(pcx);"
            + "    pcx.setConfiguration = function(given) { return setConfiguration(streamsConfig(given)); };"
            + "  }"
            + "  pcx.addEventListener('track', function(event) {"
            + "    attach(event.receiver, 'receive', String(event.track.kind), String(event.track.id));"
            + "  });"
            + "  var addTransceiver = pcx.addTransceiver.bind(pcx);"
            + "  pcx.addTransceiver = function(trackOrKind, init) {"
            + "    var trx = addTransceiver(trackOrKind, init);"
            + "    var kind = typeof trackOrKind === 'string' ? trackOrKind : String(trackOrKind.kind);"
            + "    attach(trx.sender, 'send', kind, '');"
            + "    attach(trx.receiver, 'receive', kind, String(trx.receiver.track.id));"
            + "    return trx;"
            + "  };"
            + "  var addTrack = pcx.addTrack.bind(pcx);"
            + "  pcx.addTrack = function(track) {"
            + "    var snd = addTrack.apply(null, arguments);"
            + "    attach(snd, 'send', String(track.kind), '');"
            + "    return snd;"
            + "  };"
            + "  return pcx;"
            + "};"
            + "Hooked.prototype = Native.prototype;"
            + "Object.setPrototypeOf(Hooked, Native);"
            + "self.RTCPeerConnection = Hooked;")
    public static native void transformEveryConnection(JSObject worker);

    /** Whether the SDK is loaded. */
    @JSBody(script = "return typeof LivekitClient !== 'undefined';")
    public static native boolean loaded();

    /** Loads the SDK from {@code url} once (same origin: the CSP allows no other script); callers meanwhile wait. */
    @JSBody(params = {"url", "done"}, script = ""
            + "if (typeof LivekitClient !== 'undefined') { done(null); return; }"
            + "var waiting = self.conclaveLiveKitWaiting;"
            + "if (waiting) { waiting.push(done); return; }"
            + "waiting = self.conclaveLiveKitWaiting = [done];"
            + "var finish = function(error) {"
            + "  self.conclaveLiveKitWaiting = null;"
            + "  waiting.forEach(function(one) { one(error); });"
            + "};"
            + "var tag = document.createElement('script');"
            + "tag.src = url;"
            + "tag.onload = function() { finish(typeof LivekitClient !== 'undefined' ? null : 'livekit-client did not load'); };"
            + "tag.onerror = function() { finish('could not load ' + url); };"
            + "document.head.appendChild(tag);")
    public static native void load(String url, Done done);

    /**
     * How often the SDK tries to get a lost connection back (resume, then full reconnect), and for
     * how long before it gives up (then {@code SfuCall} starts over with a fresh grant). LiveKit's
     * default backs off to 7 s between attempts; when the node carrying a room dies, the room can
     * move to another node only once the cluster sees the node gone (its stats 5 s old, 2 to 5 s
     * after the death), so a long back-off added seconds to every node failure. Attempts every
     * half second (±25 % jitter, so a large call's clients spread out) catch that moment.
     *
     * <p>An attempt made before that moment does not fail: the node that takes it waits 3 s for
     * the dead node to answer (LiveKit's relay), and the SDK waits for it up to its 15 s signal
     * timeout, so the first attempt after the room could move started up to 3 s late. Each
     * attempt is therefore given what a healthy server needs, from two measures of this
     * connection, whichever is smaller: {@link #ATTEMPT_RTT_FACTOR} round trips of its signalling
     * (LiveKit's ping, every 5 s; an attempt is a connect, an upgrade and a join, three to four
     * round trips), and {@link #ATTEMPT_SIGNAL_FACTOR} times what this room's own signal join
     * took (from the connect call to the server's join response: what the SDK's signal timeout
     * bounds); at least {@link #ATTEMPT_MIN_MS}, at most 15 s. A healthy server answers well
     * within that, a stuck one is given up on. The join alone was not enough: it runs while the
     * call screen first renders and keys are exchanged, and a join that took 0.5 s on a loaded
     * machine gave 2.5 s attempts, so one end reached the surviving node 0.9 s after it could.
     * (Before that it was three times the whole join, media included, at least 1 s.) A network
     * that got slower than both measures (a switch to a poor mobile link) is not starved: past
     * the first {@link #RECONNECT_FAST_FOR_MS} the allowance doubles every 4 s.
     *
     * <p>An attempt that used up its allowance met a stuck server: the session it would resume
     * is gone with the node, so the next attempt is a full reconnect (a resume would only be
     * told to leave by the node the room moved to, and then wait out another delay), and it
     * starts at once: the half second is counted from the start of the attempt before. Only a
     * failed attempt counts (the SDK consults the policy on every disconnect event, also while an
     * attempt runs; flagging a running attempt would have the SDK reconnect again right after it
     * succeeded, and a reconnect that keeps succeeding never reaches the give-up time).
     */
    static final int RECONNECT_EVERY_MS = 500;
    static final int RECONNECT_FOR_MS = 20_000;
    static final int RECONNECT_FAST_FOR_MS = 8_000;
    static final int ATTEMPT_MIN_MS = 500;
    static final int ATTEMPT_SIGNAL_FACTOR = 5;
    static final int ATTEMPT_RTT_FACTOR = 20;
    static final int ATTEMPT_MAX_MS = 15_000;

    /**
     * A room with simulcast and dynacast; audio without RED or DTX (frames are transformed).
     * Adaptive stream is off: it watches the SDK's own video elements, and the widget shows
     * tracks in its own, telling the SDK which are on screen ({@link #showVideo}).
     *
     * <p>Every track is published as encrypted ({@code encryption: GCM} in LiveKit's track info),
     * which it is: the widget's own frame transform encrypts it, not the SDK's E2EE manager, so the
     * SDK is told directly. Subscribers read that flag: livekit-client's E2EE (Element Call)
     * decrypts only tracks so marked and passes the others through as clear.
     */
    @JSBody(script = ""
            + "LivekitClient.setLogLevel('warn');"
            + "var room = new LivekitClient.Room({adaptiveStream: false, dynacast: true, stopLocalTrackOnUnpublish: false,"
            + "  disconnectOnPageLeave: true,"
            + "  reconnectPolicy: {nextRetryDelayInMs: function(context) {"
            + "    if (context.elapsedMs > " + RECONNECT_FOR_MS + ") { return null; }"
            + "    var engine = room.engine;"
            + "    var opts = engine && engine.signalOpts;"
            + "    var now = performance.now();"
            // The SDK asks on every disconnect event, also while an attempt runs; only a count that
            // went up is an attempt that failed.
            + "    var failed = context.retryCount > 0 && context.retryCount !== room.conclaveRetries;"
            + "    room.conclaveRetries = context.retryCount;"
            + "    var sinceLast = failed && room.conclaveAttemptAt ? now - room.conclaveAttemptAt : 0;"
            + "    if (opts && failed && sinceLast >= opts.websocketTimeout - 100) { engine.fullReconnectOnNext = true; }"
            + "    if (opts && room.conclaveSignalMs) {"
            + "      var limit = room.conclaveSignalMs * " + ATTEMPT_SIGNAL_FACTOR + ";"
            // The signalling's last ping round trip (whole milliseconds; 0 before the first pong).
            + "      var rtt = engine.client && engine.client.rtt;"
            + "      if (rtt > 0) { limit = Math.min(limit, rtt * " + ATTEMPT_RTT_FACTOR + "); }"
            + "      limit = Math.max(" + ATTEMPT_MIN_MS + ", limit);"
            + "      var late = context.elapsedMs - " + RECONNECT_FAST_FOR_MS + ";"
            + "      if (late > 0) { limit = limit * Math.pow(2, Math.ceil(late / 4000)); }"
            + "      opts.websocketTimeout = Math.round(Math.min(" + ATTEMPT_MAX_MS + ", limit));"
            + "    }"
            + "    var spacing = " + RECONNECT_EVERY_MS + " * (0.75 + Math.random() * 0.5);"
            + "    var delay = context.retryCount === 0 ? 0 : Math.max(0, Math.round(spacing - sinceLast));"
            + "    if (context.retryCount === 0 || failed) { room.conclaveAttemptAt = now + delay; }"
            + "    return delay; }},"
            + "  publishDefaults: {simulcast: true, videoCodec: 'vp8', red: false, dtx: false, backupCodec: false}});"
            + "room.localParticipant.setE2EEEnabled(true).catch(function() {});"
            + "return room;")
    public static native JSObject newRoom();

    /**
     * Does ahead, in the lobby, the first steps of the room's connect that touch no network: the
     * SDK's connect makes its peer connection (its data channels and the six receive-only
     * sections it pre-creates), then the offer it sends with its join request, and only then
     * opens the signalling socket; the same calls made here leave the click only the socket and
     * the join. {@link #transformEveryConnection} must be in place, so that the peer connection
     * made here is hooked. Nothing is sent: the SDK sets the offer as local description only
     * once the server answered it, so the connection gathers no candidate before the join; the
     * join then sets the ICE servers of that moment (the host's TURN servers). A room that never
     * connects holds an idle peer connection until it is dropped. False when this SDK does not
     * have these steps (another version): its connect then takes those it finds undone itself.
     */
    @JSBody(params = {"room", "iceServersJson"}, script = ""
            + "var engine = room.engine;"
            + "if (!engine || engine.pcManager || typeof engine.configure !== 'function'"
            + "    || typeof engine.applyInitialPublisherLayout !== 'function') { return false; }"
            + "engine.rtcConfig = Object.assign({}, engine.rtcConfig, {iceServers: JSON.parse(iceServersJson)});"
            + "engine.configure();" // makes the peer connection at once: there is no wait in it
            + "var publisher = engine.pcManager && engine.pcManager.publisher;"
            + "if (!publisher || typeof publisher.createInitialOffer !== 'function') { return false; }"
            + "engine.applyInitialPublisherLayout();"
            + "var original = publisher.createInitialOffer;"
            + "var made = original.call(publisher);"
            + "made.catch(function() {});"
            // The join asks for its offer once: it gets this one (or, if making it failed, a new one).
            + "publisher.createInitialOffer = function() {"
            + "  delete publisher.createInitialOffer;"
            + "  return made.then(null, function() { return original.call(publisher); });"
            + "};"
            + "room.conclavePrepared = true;"
            + "return true;")
    public static native boolean prepare(JSObject room, String iceServersJson);

    /**
     * Gives a room new ICE servers (the host's TURN servers, whose credentials expire): its live
     * peer connections take them for their next gathering (the ICE restart of a resume, when a
     * connection most needs them), and the ones a full reconnect makes start with them. Returns
     * null, or why the live connections could not take them (they still go to the next ones).
     */
    @JSBody(params = {"room", "iceServersJson"}, script = ""
            + "var servers = JSON.parse(iceServersJson);"
            + "if (room.connOptions && room.connOptions.rtcConfig) {"
            + "  room.connOptions.rtcConfig = Object.assign({}, room.connOptions.rtcConfig, {iceServers: servers}); }"
            + "var engine = room.engine;"
            + "if (!engine) { return null; }"
            + "engine.rtcConfig = Object.assign({}, engine.rtcConfig, {iceServers: servers});"
            + "if (!engine.pcManager || typeof engine.makeRTCConfiguration !== 'function') { return null; }"
            + "try { engine.pcManager.updateConfiguration(engine.makeRTCConfiguration(engine.latestJoinResponse)); return null; }"
            + "catch (error) { return String(error && error.message || error); }")
    public static native String setIceServers(JSObject room, String iceServersJson);

    /** Whether {@link #prepare} prepared {@code room}. */
    @JSBody(params = "room", script = "return !!room.conclavePrepared;")
    public static native boolean prepared(JSObject room);

    /** The room's (publishing) peer connection, or null before the SDK made it. */
    @JSBody(params = "room", script = ""
            + "var manager = room.engine && room.engine.pcManager;"
            + "return manager && manager.publisher && manager.publisher._pc || null;")
    public static native JSObject publisherConnection(JSObject room);

    /**
     * Wires the room's events: senders as they are created (synchronously, so the transform is in
     * place before negotiation), subscriptions, mutes, connection states and the end of the room.
     *
     * <p>{@code early}: a remote track of the room's first connection, as soon as its peer
     * connection has it (the server's answer), with what {@code subscribed} will be told of it.
     * The SDK announces it ({@code subscribed}) only once the connection is up: until then the
     * frame worker would hold its first frames for want of knowing whose they are, and its tile
     * would get it only a screen update after that. Named the same way as the SDK names it (the
     * participant's sid in the stream's id, the track's sid from the stream's id or the answer's
     * mapping), or not at all.
     */
    @JSBody(params = {"room", "senderCreated", "early", "subscribed", "unsubscribed", "muteChanged", "stateChanged",
            "disconnected"}, script = ""
            + "var evt = LivekitClient.RoomEvent;"
            + "var engine = room.engine;"
            + "if (engine && typeof engine.on === 'function') {"
            + "  engine.on(LivekitClient.EngineEvent.MediaTrackAdded, function(track, stream, receiver) {"
            + "    if (room.state !== LivekitClient.ConnectionState.Connecting || !stream || track.readyState === 'ended') { return; }"
            + "    var streamName = String(stream.id);"
            + "    var cut = streamName.indexOf('|');"
            + "    var participantSid = cut < 0 ? streamName : streamName.substring(0, cut);"
            + "    var streamSid = cut < 0 ? '' : streamName.substring(cut + 1);"
            + "    var who = null;"
            + "    room.remoteParticipants.forEach(function(remote) { if (remote.sid === participantSid) { who = remote; } });"
            + "    if (!who) { return; }"
            + "    var sid = streamSid.indexOf('TR') === 0 ? streamSid : String(track.id).indexOf('TR') === 0 ? String(track.id)"
            + "        : typeof engine.getTrackIdForReceiver === 'function' ? engine.getTrackIdForReceiver(receiver) : null;"
            + "    var pub = sid ? who.trackPublications.get(sid) : null;"
            + "    if (!pub) { return; }"
            + "    early(track, receiver || null, String(who.identity), String(pub.source), String(track.kind), String(sid));"
            + "  });"
            + "}"
            + "room.localParticipant.on(LivekitClient.ParticipantEvent.LocalSenderCreated, function(sender, track) {"
            + "  senderCreated(sender, String(track.kind));"
            + "});"
            + "room.on(evt.TrackSubscribed, function(track, pub, who) {"
            + "  subscribed(track.mediaStreamTrack, track.receiver || null, String(who.identity), String(pub.source),"
            + "      String(track.kind), String(pub.trackSid));"
            + "});"
            + "room.on(evt.TrackUnsubscribed, function(track, pub, who) { unsubscribed(String(who.identity), String(pub.trackSid)); });"
            + "room.on(evt.TrackMuted, function(pub, who) { muteChanged(String(who.identity), String(pub.trackSid)); });"
            + "room.on(evt.TrackUnmuted, function(pub, who) { muteChanged(String(who.identity), String(pub.trackSid)); });"
            + "room.on(evt.ParticipantDisconnected, function(who) { unsubscribed(String(who.identity), ''); });"
            + "room.on(evt.ConnectionStateChanged, function(state) { stateChanged(String(state)); });"
            + "room.on(evt.Disconnected, function(reason) { disconnected(String(reason)); });")
    public static native void listen(JSObject room, SenderCreated senderCreated, Subscribed early, Subscribed subscribed,
            TrackChange unsubscribed, TrackChange muteChanged, Rtc.TextEvent stateChanged, Rtc.TextEvent disconnected);

    /**
     * Connects with {@code jwt}; ICE servers as JSON (the host's TURN servers). How long its signal
     * part took (to the server's join response) is kept on the room: it sets how long each
     * reconnect attempt may take ({@link #newRoom}).
     */
    @JSBody(params = {"room", "url", "jwt", "iceServersJson", "done"}, script = ""
            + "var started = performance.now();"
            + "room.once(LivekitClient.RoomEvent.SignalConnected, function() {"
            + "  room.conclaveSignalMs = performance.now() - started; });"
            + "room.connect(url, jwt, {autoSubscribe: true, rtcConfig: {iceServers: JSON.parse(iceServersJson)}})"
            + "  .then(function() { done(null); },"
            + "      function(error) { done(String(error && error.message || error)); });")
    public static native void connect(JSObject room, String url, String jwt, String iceServersJson, Done done);

    /**
     * The trailer LiveKit appends to the frames it makes itself (its join response's {@code
     * sifTrailer}: silence or blank frames it injects when an encrypted track is muted or ends),
     * as standard base64; empty when it sent none.
     */
    @JSBody(params = "room", script = ""
            + "var joined = room.engine && room.engine.latestJoinResponse;"
            + "var trailer = joined && joined.sifTrailer;"
            + "if (!trailer || !trailer.length) { return ''; }"
            + "var text = ''; for (var position = 0; position < trailer.length; position++) { text += String.fromCharCode(trailer[position]); }"
            + "return btoa(text);")
    public static native String serverInjectedTrailer(JSObject room);

    /**
     * The connection states of the room's peer connections, e.g. {@code "publisher:connected
     * subscriber:connected"}; empty before the SDK has made them.
     */
    @JSBody(params = "room", script = ""
            + "var manager = room.engine && room.engine.pcManager;"
            + "if (!manager) { return ''; }"
            + "var out = [];"
            + "if (manager.publisher) { out.push('publisher:' + manager.publisher.getConnectionState()); }"
            + "if (manager.subscriber) { out.push('subscriber:' + manager.subscriber.getConnectionState()); }"
            + "return out.join(' ');")
    public static native String transportStates(JSObject room);

    /**
     * Calls {@code each} for every remote track the SDK holds subscribed now, as {@link #listen}'s
     * {@code subscribed} does for a new one.
     */
    @JSBody(params = {"room", "each"}, script = ""
            + "room.remoteParticipants.forEach(function(remote) {"
            + "  remote.trackPublications.forEach(function(pub) {"
            + "    var track = pub.track;"
            + "    if (pub.isSubscribed && track && track.mediaStreamTrack) {"
            + "      each(track.mediaStreamTrack, track.receiver || null, String(remote.identity), String(pub.source),"
            + "          String(track.kind), String(pub.trackSid));"
            + "    }"
            + "  });"
            + "});")
    public static native void eachSubscribed(JSObject room, Subscribed each);

    /**
     * The SDK's view of the others in the room, for diagnostics: {@code identity:published/subscribed}
     * per remote participant, e.g. {@code "@bob:ex.org:B:2/2"}.
     */
    @JSBody(params = "room", script = ""
            + "var out = [];"
            + "room.remoteParticipants.forEach(function(remote) {"
            + "  var published = 0; var subscribed = 0;"
            + "  remote.trackPublications.forEach(function(pub) { published++; if (pub.isSubscribed) { subscribed++; } });"
            + "  out.push(String(remote.identity) + ':' + published + '/' + subscribed);"
            + "});"
            + "return out.join(' ');")
    public static native String remoteView(JSObject room);

    /**
     * Has the SDK drop the connection and reconnect afresh (its full reconnect with its retry
     * policy, keeping the room, its tracks and their transforms): the SDK's own safety net for a
     * transport that died while looking connected; false when this SDK offers none.
     */
    @JSBody(params = "room", script = ""
            + "var engine = room.engine;"
            + "if (!engine || typeof engine.reconnect !== 'function') { return false; }"
            + "engine.reconnect();"
            + "return true;")
    public static native boolean forceReconnect(JSObject room);

    /** Leaves the room, leaving the local tracks running (they are the widget's). */
    @JSBody(params = "room", script = "room.disconnect(false).catch(function() {});")
    public static native void disconnect(JSObject room);

    /** The room's connection state. */
    @JSBody(params = "room", script = "return String(room.state);")
    public static native String state(JSObject room);

    /** Publishes {@code track} (a MediaStreamTrack of the widget's) as {@code source}: camera, microphone or screen_share. */
    @JSBody(params = {"room", "track", "source", "done"}, script = ""
            + "room.localParticipant.publishTrack(track, {source: source, simulcast: source !== 'microphone'})"
            + "  .then(function(pub) { done(pub, null); }, function(error) { done(null, String(error && error.message || error)); });")
    public static native void publish(JSObject room, JSObject track, String source, Published done);

    /** Unpublishes, leaving the track running. */
    @JSBody(params = {"room", "publication"}, script = ""
            + "if (publication.track) { room.localParticipant.unpublishTrack(publication.track, false).catch(function() {}); }")
    public static native void unpublish(JSObject room, JSObject publication);

    /** The MediaStreamTrack a publication sends now. */
    @JSBody(params = "publication", script = "return publication.track ? publication.track.mediaStreamTrack : null;")
    public static native JSObject publishedTrack(JSObject publication);

    /** Sends {@code track} (the widget's own) on the publication's sender instead. */
    @JSBody(params = {"publication", "track"}, script = ""
            + "if (publication.track) { publication.track.replaceTrack(track, true).catch(function() {}); }")
    public static native void replace(JSObject publication, JSObject track);

    /** Mutes or unmutes a publication (the others see it in the room's state). */
    @JSBody(params = {"publication", "muted"}, script = ""
            + "if (!publication.track || publication.isMuted === muted) { return; }"
            + "(muted ? publication.track.mute() : publication.track.unmute()).catch(function() {});")
    public static native void setMuted(JSObject publication, boolean muted);

    /** Whether {@code identity}'s track {@code sid} is muted (true when unknown). */
    @JSBody(params = {"room", "identity", "sid"}, script = ""
            + "var who = room.remoteParticipants.get(identity);"
            + "var pub = who ? who.trackPublications.get(sid) : null;"
            + "return pub ? !!pub.isMuted : true;")
    public static native boolean remoteMuted(JSObject room, String identity, String sid);

    /**
     * Asks the SFU to forward a remote video ({@code enabled}) or not, and at most at {@code width}
     * x {@code height} (it picks the simulcast layer); false when the publication is gone.
     */
    @JSBody(params = {"room", "identity", "sid", "enabled", "width", "height"}, script = ""
            + "var who = room.remoteParticipants.get(identity);"
            + "var pub = who ? who.trackPublications.get(sid) : null;"
            + "if (!pub || !pub.isSubscribed) { return false; }"
            + "pub.setEnabled(enabled);"
            + "if (enabled && width > 0 && height > 0) { pub.setVideoDimensions({width: width, height: height}); }"
            + "return true;")
    public static native boolean showVideo(JSObject room, String identity, String sid, boolean enabled, int width,
            int height);

    /**
     * Statistics of one receiver or sender as JSON {@code {inbound: [...], outbound: {...}, pair:
     * {local, remote, remotePort, bytesReceived} or null}} (the shape of {@link Rtc#stats}, plus
     * the selected candidate pair's addresses and the bytes that arrived on it).
     */
    @JSBody(params = {"senderOrReceiver", "done"}, script = ""
            + "senderOrReceiver.getStats().then(function(report) {"
            + "  var inbound = []; var outbound = {framesEncoded: 0, packetsSent: 0}; var pairId = null;"
            + "  report.forEach(function(entry) {"
            + "    if (entry.type === 'inbound-rtp') {"
            + "      inbound.push({kind: entry.kind, framesReceived: entry.framesReceived || 0,"
            + "        framesDecoded: entry.framesDecoded || 0, packetsReceived: entry.packetsReceived || 0,"
            + "        totalAudioEnergy: entry.totalAudioEnergy || 0, audioLevel: entry.audioLevel || 0,"
            + "        pliCount: entry.pliCount || 0, frameWidth: entry.frameWidth || 0, packetsLost: entry.packetsLost || 0,"
            + "        jitter: entry.jitter || 0});"
            + "    } else if (entry.type === 'outbound-rtp') {"
            + "      outbound.framesEncoded += entry.framesEncoded || 0;"
            + "      outbound.packetsSent += entry.packetsSent || 0;"
            + "    } else if (entry.type === 'transport' && entry.selectedCandidatePairId) {"
            + "      pairId = entry.selectedCandidatePairId;"
            + "    }"
            + "  });"
            + "  var pair = null;"
            + "  var chosen = pairId ? report.get(pairId) : null;"
            + "  if (chosen) {"
            + "    var loc = report.get(chosen.localCandidateId); var rem = report.get(chosen.remoteCandidateId);"
            + "    pair = {local: loc ? String(loc.address || loc.ip) : '', remote: rem ? String(rem.address || rem.ip) : '', remotePort: rem && rem.port ? Number(rem.port) : 0,"
            + "      bytesReceived: Number(chosen.bytesReceived || 0)};"
            + "  }"
            + "  done(JSON.stringify({inbound: inbound, outbound: outbound, pair: pair}), null);"
            + "}, function(error) { done(null, String(error && error.name)); });")
    public static native void stats(JSObject senderOrReceiver, Rtc.JsonCompletion done);

    /** Whether a receiver or sender has a transform (diagnostics). */
    @JSBody(params = "senderOrReceiver", script = "return !!senderOrReceiver.transform || !!senderOrReceiver.conclaveStreams;")
    public static native boolean hasTransform(JSObject senderOrReceiver);

    /** The sender of a publication, or null. */
    @JSBody(params = "publication", script = "return publication.track && publication.track.sender ? publication.track.sender : null;")
    public static native JSObject sender(JSObject publication);
}
