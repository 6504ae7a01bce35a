package org.conclave.client.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.conclave.client.jso.Rtc;
import org.conclave.client.mesh.PeerLink;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonException;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.teavm.jso.JSObject;

/**
 * One {@code RTCPeerConnection} to a remote device. Every sender and receiver runs its frames
 * through the frame worker before anything else sees them: senders from the moment they exist,
 * receivers from their {@code track} event, before the first frame. The offerer adds the audio,
 * video (and screen) lines; the answerer takes the lines of the offer and sends on them.
 */
final class BrowserPeerLink implements PeerLink {
    private final String participant;
    private final boolean offerer;
    private final JSObject pc;
    private final LocalMedia local;
    private final FrameWorkerClient frames;
    private final MeshMedia media;
    private final Log log;
    private final Map<String, String> streamOfTrack = new LinkedHashMap<>();
    private JSObject audio;
    private JSObject video;
    private JSObject screen;
    private boolean attached;
    private boolean closed;

    BrowserPeerLink(String participant, boolean offerer, Events events, LocalMedia local, FrameWorkerClient frames,
            MeshMedia media, String iceServersJson, boolean encodedStreams, Log log) {
        this.participant = participant;
        this.offerer = offerer;
        this.local = local;
        this.frames = frames;
        this.media = media;
        this.log = log;
        this.pc = Rtc.newPeerConnection(iceServersJson, encodedStreams);
        Rtc.listen(pc, events::negotiationNeeded, json -> {
            JsonObject candidate = null;
            if (json != null) {
                try {
                    candidate = Json.parseObject(json);
                } catch (JsonException e) {
                    return;
                }
            }
            events.localCandidate(candidate);
        }, events::connectionState, this::remoteTrack);
        if (offerer) {
            audio = addLocal("audio", local.audioTrack(), local.stream(), "sendrecv");
            video = addLocal("video", local.videoTrack(), local.stream(), "sendrecv");
            attached = true;
            updateScreen();
        }
    }

    private JSObject addLocal(String kind, JSObject track, JSObject stream, String direction) {
        JSObject transceiver = Rtc.addTransceiver(pc, kind, track, stream, direction);
        Rtc.markLocal(transceiver);
        Rtc.transform(frames.worker(), Rtc.sender(transceiver), "send", "", kind);
        if (!"sendonly".equals(direction)) {
            // Before the first frame can arrive: the answer's track event may come too late.
            Rtc.transform(frames.worker(), Rtc.receiver(transceiver), "receive", participant, kind);
        }
        return transceiver;
    }

    /** The answerer sends on the offer's audio and video lines. */
    private void attachToOffer() {
        attached = true;
        audio = Rtc.unusedTransceiver(pc, "audio");
        if (audio != null) {
            Rtc.transform(frames.worker(), Rtc.sender(audio), "send", "", "audio");
            Rtc.useTransceiver(audio, local.audioTrack(), local.stream());
        }
        video = Rtc.unusedTransceiver(pc, "video");
        if (video != null) {
            Rtc.transform(frames.worker(), Rtc.sender(video), "send", "", "video");
            Rtc.useTransceiver(video, local.videoTrack(), local.stream());
        }
        updateScreen();
    }

    private void remoteTrack(JSObject track, JSObject receiver, JSObject stream, String kind) {
        if (closed) {
            return;
        }
        Rtc.transform(frames.worker(), receiver, "receive", participant, kind);
        if (stream != null) {
            streamOfTrack.put(Rtc.trackId(track), Rtc.streamId(stream));
            media.remoteStream(this, stream);
        }
    }

    /** The local tracks changed: send the current ones; add or stop the screen line. */
    void updateLocal() {
        if (closed || !attached) {
            return;
        }
        if (audio != null) {
            Rtc.replaceTrack(Rtc.sender(audio), local.audioTrack());
        }
        if (video != null) {
            Rtc.replaceTrack(Rtc.sender(video), local.videoTrack());
        }
        updateScreen();
    }

    private void updateScreen() {
        JSObject track = local.screenTrack();
        if (track != null && screen == null) {
            screen = addLocal("video", track, local.screenStream(), "sendonly");
        } else if (track == null && screen != null) {
            Rtc.stopTransceiver(screen);
            screen = null;
        } else if (track != null) {
            Rtc.replaceTrack(Rtc.sender(screen), track);
        }
    }

    /** Caps the camera's encoding for a mesh of {@code peers} other devices (see MeshMedia). */
    void limitCamera(int maxBitrate, double scaleDown) {
        if (!closed && video != null) {
            Rtc.limitVideo(Rtc.sender(video), maxBitrate, scaleDown);
        }
    }

    /** The stream id a remote track belongs to, or null. */
    String streamOf(String trackId) {
        return streamOfTrack.get(trackId);
    }

    JSObject connection() {
        return pc;
    }

    /** New TURN servers for this connection (credentials inside: never logged). */
    void setIceServers(String iceServersJson) {
        if (!closed && !Rtc.setIceServers(pc, iceServersJson)) {
            log.warn("mesh: " + participant + " refused the new ICE servers");
        }
    }

    String participant() {
        return participant;
    }

    @Override
    public void setLocalDescription(DescriptionCallback callback) {
        Rtc.setLocalDescription(pc, (type, sdp, error) -> {
            if (error != null) {
                callback.failed(error);
            } else {
                callback.done(type, sdp);
            }
        });
    }

    @Override
    public void setRemoteDescription(String type, String sdp, Done callback) {
        Rtc.setRemoteDescription(pc, type, sdp, (ignored, error) -> {
            if (error != null) {
                callback.failed(error);
                return;
            }
            if (!offerer && !attached && "offer".equals(type)) {
                attachToOffer();
            }
            callback.done();
        });
    }

    @Override
    public void addCandidate(JsonObject candidate) {
        Rtc.addIceCandidate(pc, candidate.toJson());
    }

    @Override
    public String signalingState() {
        return Rtc.signalingState(pc);
    }

    @Override
    public void restartIce() {
        log.info("mesh: restarting ICE with " + participant);
        Rtc.restartIce(pc);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Rtc.close(pc);
            media.closed(this);
        }
    }
}
