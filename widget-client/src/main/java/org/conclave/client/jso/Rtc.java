package org.conclave.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The WebRTC and media-capture calls of the widget page, declared in one place (teavm-jso-apis has
 * none): cameras and microphones, screen capture, {@code RTCPeerConnection} and its transceivers,
 * the frame worker and its transforms, and statistics. Handles are opaque {@link JSObject}s.
 * Results come back through completions; errors as the DOMException's name.
 *
 * <p>Locals in these scripts have names of three letters or more (JsBodySyntaxTest checks this).
 */
public final class Rtc {
    private Rtc() {}

    /** A media stream, or the name of the error that prevented it. */
    @JSFunctor
    public interface StreamCompletion extends JSObject {
        void complete(JSObject stream, String errorName);
    }

    /** JSON text (or null) and an error name (or null). */
    @JSFunctor
    public interface JsonCompletion extends JSObject {
        void complete(String json, String errorName);
    }

    /** A description once set, or an error name. */
    @JSFunctor
    public interface DescriptionCompletion extends JSObject {
        void complete(String type, String sdp, String errorName);
    }

    /** A bare event. */
    @JSFunctor
    public interface Signal extends JSObject {
        void fire();
    }

    /** A string-valued event. */
    @JSFunctor
    public interface TextEvent extends JSObject {
        void fire(String text);
    }

    /** A remote track: the track, its receiver, its first stream (or null) and the track's kind. */
    @JSFunctor
    public interface TrackEvent extends JSObject {
        void fire(JSObject track, JSObject receiver, JSObject stream, String kind);
    }

    // ---- capture -------------------------------------------------------------------------------

    /** getUserMedia for the chosen devices ({@code ""}: default); a kind not wanted is left out. */
    @JSBody(params = {"audio", "video", "audioDevice", "videoDevice", "done"}, script = ""
            + "if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { done(null, 'NotSupportedError'); return; }"
            + "var wanted = {"
            + "  audio: audio ? (audioDevice ? {deviceId: {exact: audioDevice}} : true) : false,"
            + "  video: video ? (videoDevice ? {deviceId: {exact: videoDevice}} : {width: {ideal: 640}, height: {ideal: 480}}) : false"
            + "};"
            + "navigator.mediaDevices.getUserMedia(wanted).then(function(stream) { done(stream, null); },"
            + "  function(error) { done(null, error && error.name ? String(error.name) : 'Error'); });")
    public static native void getUserMedia(boolean audio, boolean video, String audioDevice, String videoDevice,
            StreamCompletion done);

    /** getDisplayMedia (video only). */
    @JSBody(params = "done", script = ""
            + "if (!navigator.mediaDevices || !navigator.mediaDevices.getDisplayMedia) { done(null, 'NotSupportedError'); return; }"
            + "navigator.mediaDevices.getDisplayMedia({video: true, audio: false}).then(function(stream) { done(stream, null); },"
            + "  function(error) { done(null, error && error.name ? String(error.name) : 'Error'); });")
    public static native void getDisplayMedia(StreamCompletion done);

    /** The cameras and microphones as JSON {@code [{kind, deviceId, label}]}. */
    @JSBody(params = "done", script = ""
            + "if (!navigator.mediaDevices || !navigator.mediaDevices.enumerateDevices) { done('[]', null); return; }"
            + "navigator.mediaDevices.enumerateDevices().then(function(list) {"
            + "  var out = [];"
            + "  for (var idx = 0; idx < list.length; idx++) {"
            + "    var dev = list[idx];"
            + "    if (dev.kind === 'audioinput' || dev.kind === 'videoinput') {"
            + "      out.push({kind: dev.kind, deviceId: dev.deviceId, label: dev.label});"
            + "    }"
            + "  }"
            + "  done(JSON.stringify(out), null);"
            + "}, function(error) { done('[]', String(error && error.name)); });")
    public static native void enumerateDevices(JsonCompletion done);

    /** Calls {@code handler} when devices come or go. */
    @JSBody(params = "handler", script = ""
            + "if (navigator.mediaDevices) { navigator.mediaDevices.addEventListener('devicechange', function() { handler(); }); }")
    public static native void onDeviceChange(Signal handler);

    /** The first track of {@code kind} in {@code stream}, or null. */
    @JSBody(params = {"stream", "kind"}, script = ""
            + "var tracks = kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks();"
            + "return tracks.length ? tracks[0] : null;")
    public static native JSObject track(JSObject stream, String kind);

    /** A new stream holding {@code tracks} (nulls skipped). */
    @JSBody(params = {"first", "second"}, script = ""
            + "var stream = new MediaStream();"
            + "if (first) { stream.addTrack(first); }"
            + "if (second) { stream.addTrack(second); }"
            + "return stream;")
    public static native JSObject newStream(JSObject first, JSObject second);

    @JSBody(params = {"stream", "track"}, script = "stream.addTrack(track);")
    public static native void addTrack(JSObject stream, JSObject track);

    @JSBody(params = {"stream", "track"}, script = "stream.removeTrack(track);")
    public static native void removeTrack(JSObject stream, JSObject track);

    /** How many live tracks {@code stream} holds. */
    @JSBody(params = "stream", script = ""
            + "return stream.getTracks().filter(function(trk) { return trk.readyState === 'live'; }).length;")
    public static native int liveTracks(JSObject stream);

    /** Calls {@code handler} when a track leaves {@code stream} (the remote side stopped it). */
    @JSBody(params = {"stream", "handler"}, script = ""
            + "stream.addEventListener('removetrack', function() { handler(); });")
    public static native void onRemoveTrack(JSObject stream, Signal handler);

    /** Stops every track of {@code stream}. */
    @JSBody(params = "stream", script = "stream.getTracks().forEach(function(trk) { trk.stop(); });")
    public static native void stopAll(JSObject stream);

    @JSBody(params = "track", script = "track.stop();")
    public static native void stop(JSObject track);

    @JSBody(params = {"track", "enabled"}, script = "track.enabled = enabled;")
    public static native void setEnabled(JSObject track, boolean enabled);

    @JSBody(params = "stream", script = "return String(stream.id);")
    public static native String streamId(JSObject stream);

    /** The device a local track captures from, or "". */
    @JSBody(params = "track", script = ""
            + "var settings = track.getSettings ? track.getSettings() : {};"
            + "return settings && settings.deviceId ? String(settings.deviceId) : '';")
    public static native String deviceOf(JSObject track);

    /** Calls {@code handler} when the track ends (device unplugged, sharing stopped by the browser). */
    @JSBody(params = {"track", "handler"}, script = "track.addEventListener('ended', function() { handler(); });")
    public static native void onEnded(JSObject track, Signal handler);

    // ---- peer connections ------------------------------------------------------------------------

    /** Whether this browser has RTCRtpScriptTransform. */
    @JSBody(script = "return typeof RTCRtpScriptTransform !== 'undefined';")
    public static native boolean hasScriptTransform();

    /** A peer connection; {@code encodedStreams} asks for the createEncodedStreams() fallback. */
    @JSBody(params = {"iceServersJson", "encodedStreams"}, script = ""
            + "var config = {iceServers: JSON.parse(iceServersJson), bundlePolicy: 'max-bundle'};"
            + "if (encodedStreams) { config.encodedInsertableStreams = true; }"
            + "var Native = self.conclaveNativePeerConnection || RTCPeerConnection;"
            + "return new Native(config);")
    public static native JSObject newPeerConnection(String iceServersJson, boolean encodedStreams);

    /**
     * Gives a live connection new ICE servers (from the next gathering on: an ICE restart, or
     * the lines it has yet to gather for). False if the browser refused the configuration.
     */
    @JSBody(params = {"pc", "iceServersJson"}, script = ""
            + "try {"
            + "  var config = pc.getConfiguration();"
            + "  config.iceServers = JSON.parse(iceServersJson);"
            + "  pc.setConfiguration(config);"
            + "  return true;"
            + "} catch (problem) {"
            + "  return false;"
            + "}")
    public static native boolean setIceServers(JSObject pc, String iceServersJson);

    /** The URIs of the connection's ICE servers, as a JSON array (no credentials). */
    @JSBody(params = "pc", script = ""
            + "var uris = [];"
            + "pc.getConfiguration().iceServers.forEach(function(server) {"
            + "  uris = uris.concat(server.urls);"
            + "});"
            + "return JSON.stringify(uris);")
    public static native String iceServerUris(JSObject pc);

    /** Wires the connection's events. */
    @JSBody(params = {"pc", "negotiationNeeded", "candidate", "connectionState", "track"}, script = ""
            + "pc.onnegotiationneeded = function() { negotiationNeeded(); };"
            + "pc.onicecandidate = function(event) {"
            + "  candidate(event.candidate ? JSON.stringify(event.candidate.toJSON()) : null);"
            + "};"
            + "pc.onconnectionstatechange = function() { connectionState(String(pc.connectionState)); };"
            + "pc.ontrack = function(event) {"
            + "  var first = event.streams && event.streams.length ? event.streams[0] : null;"
            + "  track(event.track, event.receiver, first, String(event.track.kind));"
            + "};")
    public static native void listen(JSObject pc, Signal negotiationNeeded, TextEvent candidate,
            TextEvent connectionState, TrackEvent track);

    /** setLocalDescription() without arguments. */
    @JSBody(params = {"pc", "done"}, script = ""
            + "pc.setLocalDescription().then(function() {"
            + "  done(String(pc.localDescription.type), String(pc.localDescription.sdp), null);"
            + "}, function(error) { done(null, null, error && error.name ? String(error.name) : 'Error'); });")
    public static native void setLocalDescription(JSObject pc, DescriptionCompletion done);

    @JSBody(params = {"pc", "type", "sdp", "done"}, script = ""
            + "pc.setRemoteDescription({type: type, sdp: sdp}).then(function() { done(null, null); },"
            + "  function(error) { done(null, error && error.name ? String(error.name) : 'Error'); });")
    public static native void setRemoteDescription(JSObject pc, String type, String sdp, JsonCompletion done);

    @JSBody(params = {"pc", "json"}, script = ""
            + "pc.addIceCandidate(JSON.parse(json)).catch(function(error) {"
            + "  console.debug('[conclave] mesh: a remote candidate was refused: ' + (error && error.name));"
            + "});")
    public static native void addIceCandidate(JSObject pc, String json);

    @JSBody(params = "pc", script = "return String(pc.signalingState);")
    public static native String signalingState(JSObject pc);

    @JSBody(params = "pc", script = "pc.restartIce();")
    public static native void restartIce(JSObject pc);

    @JSBody(params = "pc", script = "pc.close();")
    public static native void close(JSObject pc);

    /**
     * Adds a transceiver sending {@code track} (or nothing yet) in {@code stream}; video prefers
     * VP8, VP9 and H.264 in that order, codecs whose clear header bytes Conclave knows.
     */
    @JSBody(params = {"pc", "kind", "track", "stream", "direction"}, script = ""
            + "var init = {direction: direction, streams: stream ? [stream] : []};"
            + "var trx = pc.addTransceiver(track || kind, init);"
            + "if (kind === 'video' && trx.setCodecPreferences && RTCRtpReceiver.getCapabilities) {"
            + "  var caps = RTCRtpReceiver.getCapabilities('video');"
            + "  var rank = function(codec) {"
            + "    var mime = codec.mimeType.toLowerCase();"
            + "    return mime === 'video/vp8' ? 0 : mime === 'video/vp9' ? 1 : mime === 'video/h264' ? 2"
            + "        : mime === 'video/rtx' || mime === 'video/red' || mime === 'video/ulpfec' ? 3 : 9;"
            + "  };"
            + "  var codecs = caps ? caps.codecs.filter(function(codec) { return rank(codec) < 9; }) : [];"
            + "  codecs.sort(function(one, two) { return rank(one) - rank(two); });"
            + "  if (codecs.length) { try { trx.setCodecPreferences(codecs); } catch (error) { } }"
            + "}"
            + "return trx;")
    public static native JSObject addTransceiver(JSObject pc, String kind, JSObject track, JSObject stream,
            String direction);

    /** The transceivers whose receiving track is of {@code kind}, created by the remote offer and not yet sending. */
    @JSBody(params = {"pc", "kind"}, script = ""
            + "var list = pc.getTransceivers();"
            + "for (var idx = 0; idx < list.length; idx++) {"
            + "  var trx = list[idx];"
            + "  if (!trx.stopped && trx.receiver.track.kind === kind && !trx.conclaveLocal) { return trx; }"
            + "}"
            + "return null;")
    public static native JSObject unusedTransceiver(JSObject pc, String kind);

    /** Makes {@code transceiver} send {@code track} (may be null) in {@code stream}, both ways. */
    @JSBody(params = {"transceiver", "track", "stream"}, script = ""
            + "transceiver.conclaveLocal = true;"
            + "transceiver.direction = 'sendrecv';"
            + "if (stream && transceiver.sender.setStreams) { transceiver.sender.setStreams(stream); }"
            + "transceiver.sender.replaceTrack(track).catch(function() {});")
    public static native void useTransceiver(JSObject transceiver, JSObject track, JSObject stream);

    /** Marks a transceiver this side added. */
    @JSBody(params = "transceiver", script = "transceiver.conclaveLocal = true;")
    public static native void markLocal(JSObject transceiver);

    @JSBody(params = "transceiver", script = "return transceiver.sender;")
    public static native JSObject sender(JSObject transceiver);

    @JSBody(params = "transceiver", script = "return transceiver.receiver;")
    public static native JSObject receiver(JSObject transceiver);

    /**
     * Caps what a video sender encodes: {@code maxBitrate} bits/s, resolution divided by
     * {@code scaleDown}. Ignored until the sender has negotiated encodings.
     */
    @JSBody(params = {"sender", "maxBitrate", "scaleDown"}, script = ""
            + "var params = sender.getParameters();"
            + "if (!params.encodings || !params.encodings.length) { return; }"
            + "var enc = params.encodings[0];"
            + "if (enc.maxBitrate === maxBitrate && (enc.scaleResolutionDownBy || 1) === scaleDown) { return; }"
            + "enc.maxBitrate = maxBitrate; enc.scaleResolutionDownBy = scaleDown;"
            + "sender.setParameters(params).catch(function() {});")
    public static native void limitVideo(JSObject sender, int maxBitrate, double scaleDown);

    @JSBody(params = {"sender", "track"}, script = "sender.replaceTrack(track).catch(function() {});")
    public static native void replaceTrack(JSObject sender, JSObject track);

    /** Stops a transceiver (screen share ended): the next negotiation removes its media line. */
    @JSBody(params = "transceiver", script = ""
            + "try { transceiver.sender.replaceTrack(null); transceiver.stop(); } catch (error) { }")
    public static native void stopTransceiver(JSObject transceiver);

    // ---- the frame worker --------------------------------------------------------------------

    /**
     * Starts the frame worker; {@code onMessage} gets its JSON messages, {@code onError} the
     * message of an error the worker did not handle (its script failing to load among them).
     */
    @JSBody(params = {"url", "onMessage", "onError"}, script = ""
            + "var worker = new Worker(url);"
            + "worker.onmessage = function(event) { if (typeof event.data === 'string') { onMessage(event.data); } };"
            + "worker.onerror = function(event) {"
            + "  event.preventDefault();"
            + "  onError(String(event && event.message ? event.message : 'the worker could not start'));"
            + "};"
            + "return worker;")
    public static native JSObject startWorker(String url, TextEvent onMessage, TextEvent onError);

    @JSBody(params = {"worker", "json"}, script = "worker.postMessage(json);")
    public static native void post(JSObject worker, String json);

    /**
     * Routes a sender's or receiver's encoded frames through the worker, with options
     * {@code {side, participant, kind}}: by RTCRtpScriptTransform, or by createEncodedStreams()
     * posted to the worker where that is missing.
     */
    @JSBody(params = {"worker", "senderOrReceiver", "side", "participant", "kind"}, script = ""
            + "if (senderOrReceiver.conclaveTransformed) { return; }"
            + "senderOrReceiver.conclaveTransformed = true;"
            + "var options = {side: side, participant: participant, kind: kind};"
            + "if (typeof RTCRtpScriptTransform !== 'undefined' && !self.conclaveForceEncodedStreams) {"
            + "  senderOrReceiver.transform = new RTCRtpScriptTransform(worker, options);"
            + "} else {"
            + "  var streams = senderOrReceiver.createEncodedStreams();"
            + "  worker.postMessage({readable: streams.readable, writable: streams.writable, options: options},"
            + "      [streams.readable, streams.writable]);"
            + "}")
    public static native void transform(JSObject worker, JSObject senderOrReceiver, String side, String participant,
            String kind);

    /** Forces the createEncodedStreams() fallback (tests of the fallback path). */
    @JSBody(script = "self.conclaveForceEncodedStreams = true;")
    public static native void forceEncodedStreams();

    // ---- statistics ----------------------------------------------------------------------------

    /**
     * The inbound RTP streams as JSON {@code [{kind, trackId, framesReceived, framesDecoded,
     * packetsReceived, totalAudioEnergy, audioLevel, pliCount}]} and the outbound ones' frames.
     */
    @JSBody(params = {"pc", "done"}, script = ""
            + "pc.getStats().then(function(report) {"
            + "  var inbound = [];"
            + "  var outbound = {framesEncoded: 0, packetsSent: 0};"
            + "  report.forEach(function(entry) {"
            + "    if (entry.type === 'inbound-rtp') {"
            + "      inbound.push({kind: entry.kind, trackId: entry.trackIdentifier || '', mid: entry.mid || '',"
            + "        framesReceived: entry.framesReceived || 0, framesDecoded: entry.framesDecoded || 0,"
            + "        packetsReceived: entry.packetsReceived || 0, totalAudioEnergy: entry.totalAudioEnergy || 0,"
            + "        audioLevel: entry.audioLevel || 0, pliCount: entry.pliCount || 0,"
            + "        frameWidth: entry.frameWidth || 0, packetsLost: entry.packetsLost || 0, jitter: entry.jitter || 0});"
            + "    } else if (entry.type === 'outbound-rtp') {"
            + "      outbound.framesEncoded += entry.framesEncoded || 0;"
            + "      outbound.packetsSent += entry.packetsSent || 0;"
            + "    }"
            + "  });"
            + "  done(JSON.stringify({inbound: inbound, outbound: outbound}), null);"
            + "}, function(error) { done(null, String(error && error.name)); });")
    public static native void stats(JSObject pc, JsonCompletion done);

    @JSBody(params = "track", script = "return String(track.id);")
    public static native String trackId(JSObject track);
}
