package org.conclave.client.call;

import java.util.List;
import org.conclave.client.i18n.Text;

/** This device's media as the screen shows it: toggles, devices, and what went wrong. Immutable. */
public final class MediaState {
    /** A camera or microphone. */
    public static final class Device {
        private final String id;
        private final String label;

        public Device(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        /** The browser's label (empty before permission). */
        public String label() {
            return label;
        }
    }

    public static final MediaState NONE = new MediaState(false, false, false, false, null, List.of(), List.of(), "", "");

    private final boolean micOn;
    private final boolean cameraOn;
    private final boolean sharing;
    private final boolean starting;
    private final Text problem;
    private final List<Device> microphones;
    private final List<Device> cameras;
    private final String microphone;
    private final String camera;

    public MediaState(boolean micOn, boolean cameraOn, boolean sharing, boolean starting, Text problem,
            List<Device> microphones, List<Device> cameras, String microphone, String camera) {
        this.micOn = micOn;
        this.cameraOn = cameraOn;
        this.sharing = sharing;
        this.starting = starting;
        this.problem = problem;
        this.microphones = List.copyOf(microphones);
        this.cameras = List.copyOf(cameras);
        this.microphone = microphone;
        this.camera = camera;
    }

    public boolean micOn() {
        return micOn;
    }

    public boolean cameraOn() {
        return cameraOn;
    }

    public boolean sharing() {
        return sharing;
    }

    /** A device is being started. */
    public boolean starting() {
        return starting;
    }

    /** Why capture failed, for the person, or null. */
    public Text problem() {
        return problem;
    }

    public List<Device> microphones() {
        return microphones;
    }

    public List<Device> cameras() {
        return cameras;
    }

    /** The chosen microphone's id ("" for the default). */
    public String microphone() {
        return microphone;
    }

    /** The chosen camera's id ("" for the default). */
    public String camera() {
        return camera;
    }
}
