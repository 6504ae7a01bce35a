package org.conclave.client.platform;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.call.MediaState;
import org.conclave.client.i18n.Msg;
import org.conclave.client.i18n.Text;
import org.conclave.client.jso.Rtc;
import org.conclave.client.util.Json;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.JsonValue;
import org.conclave.client.util.Log;
import org.teavm.jso.JSObject;

/**
 * This device's camera, microphone and screen share. The camera and microphone live in one
 * {@code MediaStream} whose id never changes (peers know it from the stream metadata); tracks come
 * and go inside it. Muting the microphone disables its track (fast to undo); turning the camera off
 * stops it (the light goes out). Publishes what it has as {@link MediaState}.
 */
public final class LocalMedia {
    private final Log log;
    private final JSObject stream = Rtc.newStream(null, null);
    private final List<Runnable> listeners = new ArrayList<>();
    private JSObject audioTrack;
    private JSObject videoTrack;
    private JSObject screenStream;
    private JSObject screenTrack;
    private boolean micOn = true;
    private boolean cameraOn = true;
    private boolean acquiring;
    private Text problem;
    private String audioDevice = "";
    private String videoDevice = "";
    private List<MediaState.Device> microphones = new ArrayList<>();
    private List<MediaState.Device> cameras = new ArrayList<>();

    public LocalMedia(Log log) {
        this.log = log;
        Rtc.onDeviceChange(this::refreshDevices);
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        for (Runnable r : listeners) {
            r.run();
        }
    }

    /** Starts the camera (when on) and microphone, as the lobby opens. */
    public void start(boolean withCamera) {
        cameraOn = withCamera;
        acquire(true, withCamera);
    }

    private void acquire(boolean audio, boolean video) {
        if (!audio && !video) {
            changed();
            return;
        }
        acquiring = true;
        changed();
        Rtc.getUserMedia(audio, video, audioDevice, videoDevice, (captured, error) -> {
            acquiring = false;
            if (captured == null) {
                if (audio && video && "NotFoundError".equals(error)) {
                    // One of the two is missing: take what there is.
                    acquire(true, false);
                    return;
                }
                problem = describe(error, audio, video);
                log.warn("media: capture failed (" + error + ")");
                if (video && !audio) {
                    cameraOn = false;
                }
                changed();
                return;
            }
            problem = null;
            if (audio) {
                replace("audio", Rtc.track(captured, "audio"));
            }
            if (video) {
                replace("video", Rtc.track(captured, "video"));
            }
            refreshDevices();
            changed();
        });
    }

    private void replace(String kind, JSObject track) {
        JSObject old = "audio".equals(kind) ? audioTrack : videoTrack;
        if (old != null) {
            Rtc.removeTrack(stream, old);
            Rtc.stop(old);
        }
        if (track != null) {
            Rtc.addTrack(stream, track);
            if ("audio".equals(kind)) {
                Rtc.setEnabled(track, micOn);
                audioDevice = Rtc.deviceOf(track);
            } else {
                videoDevice = Rtc.deviceOf(track);
            }
        }
        if ("audio".equals(kind)) {
            audioTrack = track;
        } else {
            videoTrack = track;
        }
    }

    static Text describe(String error, boolean audio, boolean video) {
        Text what = Text.of(audio && video ? Msg.DEVICE_BOTH : audio ? Msg.DEVICE_MICROPHONE : Msg.DEVICE_CAMERA);
        switch (error == null ? "" : error) {
            case "NotAllowedError":
            case "SecurityError":
                return Text.of(Msg.MEDIA_DENIED, what);
            case "NotFoundError":
            case "OverconstrainedError":
                return Text.of(Msg.MEDIA_NOT_FOUND, what);
            case "NotReadableError":
            case "AbortError":
                return Text.of(Msg.MEDIA_IN_USE, what);
            case "NotSupportedError":
                return Text.of(Msg.MEDIA_UNSUPPORTED, what);
            default:
                return Text.of(Msg.MEDIA_FAILED, what, String.valueOf(error));
        }
    }

    /** Turns the microphone on or off (the track stays, disabled). */
    public void setMic(boolean on) {
        micOn = on;
        if (audioTrack != null) {
            Rtc.setEnabled(audioTrack, on);
        } else if (on) {
            acquire(true, false);
            return;
        }
        changed();
    }

    /** Turns the camera on (capturing again) or off (released). */
    public void setCamera(boolean on) {
        if (on == cameraOn && (on == (videoTrack != null) || acquiring)) {
            return;
        }
        cameraOn = on;
        if (on) {
            acquire(false, true);
        } else {
            replace("video", null);
            changed();
        }
    }

    /** Switches to the camera {@code deviceId}. */
    public void chooseCamera(String deviceId) {
        videoDevice = deviceId;
        if (cameraOn) {
            acquire(false, true);
        }
    }

    /** Switches to the microphone {@code deviceId}. */
    public void chooseMicrophone(String deviceId) {
        audioDevice = deviceId;
        acquire(true, false);
    }

    /** Starts sharing the screen (the browser asks which). */
    public void startScreenShare() {
        if (screenStream != null) {
            return;
        }
        Rtc.getDisplayMedia((captured, error) -> {
            if (captured == null) {
                if (!"NotAllowedError".equals(error)) {
                    problem = Text.of(Msg.SCREEN_SHARE_FAILED, String.valueOf(error));
                }
                log.info("media: screen share not started (" + error + ")");
                changed();
                return;
            }
            screenStream = captured;
            screenTrack = Rtc.track(captured, "video");
            if (screenTrack != null) {
                Rtc.onEnded(screenTrack, this::stopScreenShare);
            }
            changed();
        });
    }

    /** Stops sharing the screen. */
    public void stopScreenShare() {
        if (screenStream == null) {
            return;
        }
        Rtc.stopAll(screenStream);
        screenStream = null;
        screenTrack = null;
        changed();
    }

    /** Releases every device (the call is over and the widget closes). */
    public void release() {
        replace("audio", null);
        replace("video", null);
        stopScreenShare();
        changed();
    }

    private void refreshDevices() {
        Rtc.enumerateDevices((json, error) -> {
            List<MediaState.Device> mics = new ArrayList<>();
            List<MediaState.Device> cams = new ArrayList<>();
            try {
                JsonArray list = Json.parse(json).asArray();
                for (JsonValue item : list.items()) {
                    JsonObject d = item.asObject();
                    if (d == null || d.getString("deviceId") == null || d.getString("deviceId").isEmpty()) {
                        continue;
                    }
                    String label = d.getString("label");
                    MediaState.Device device = new MediaState.Device(d.getString("deviceId"), label == null ? "" : label);
                    if ("audioinput".equals(d.getString("kind"))) {
                        mics.add(device);
                    } else {
                        cams.add(device);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("media: unreadable device list");
            }
            microphones = mics;
            cameras = cams;
            changed();
        });
    }

    /** The camera-and-microphone stream (always the same object). */
    public JSObject stream() {
        return stream;
    }

    public JSObject audioTrack() {
        return audioTrack;
    }

    /** The camera track, or null when the camera is off. */
    public JSObject videoTrack() {
        return cameraOn ? videoTrack : null;
    }

    public JSObject screenStream() {
        return screenStream;
    }

    public JSObject screenTrack() {
        return screenTrack;
    }

    /** What the screen shows of it. */
    public MediaState state() {
        return new MediaState(micOn && audioTrack != null, cameraOn && videoTrack != null, screenStream != null,
                acquiring, problem, microphones, cameras, audioDevice, videoDevice);
    }

    /** The stream ids peers see, for the stream metadata. */
    public String streamId() {
        return Rtc.streamId(stream);
    }

    public String screenStreamId() {
        return screenStream == null ? null : Rtc.streamId(screenStream);
    }
}
