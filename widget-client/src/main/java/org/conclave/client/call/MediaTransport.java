package org.conclave.client.call;

import java.util.List;
import java.util.Set;
import org.conclave.client.i18n.Text;
import org.conclave.client.mesh.StreamMetadata;
import org.conclave.client.rtc.Participant;
import org.conclave.client.util.JsonObject;

/**
 * How media travels in a call: peer to peer ({@code mesh.MeshCall}) or through an SFU
 * ({@code sfu.SfuCall}). {@link CallController} drives either the same way: keys, tiles, mute
 * and leave do not depend on which. Exactly one runs while this device is in a call.
 */
public interface MediaTransport {
    /** Hears every change the screen shows: peers, their connection states and streams. */
    interface Listener {
        void changed();
    }

    /** One remote device as the screen sees it. */
    final class Peer {
        private final String key;
        private final String connectionState;
        private final StreamMetadata streams;

        public Peer(String key, String connectionState, StreamMetadata streams) {
            this.key = key;
            this.connectionState = connectionState;
            this.streams = streams;
        }

        /** {@code user|device}. */
        public String key() {
            return key;
        }

        /** {@code new}, {@code connecting}, {@code connected}, {@code reconnecting}, {@code failed}... */
        public String connectionState() {
            return connectionState;
        }

        public StreamMetadata streams() {
            return streams;
        }
    }

    void setListener(Listener listener);

    /** The membership's {@code focus_active} for this transport. */
    JsonObject focusActive();

    /** The membership's {@code foci_preferred[0]} for this transport. */
    JsonObject focusPreferred();

    /** Starts carrying media (from the moment our membership goes out). */
    void start();

    /** Stops: every connection closed. */
    void stop();

    boolean running();

    /** The call's participants now (this device among them or not). */
    void participantsChanged(List<Participant> participants);

    /** What this device sends: its streams, which is the screen share, what is muted. */
    void localMetadataChanged(StreamMetadata metadata);

    /** Takes a to-device message that belongs to this transport (signalling); false if not its. */
    boolean received(JsonObject message);

    /** The remote devices this transport reaches. */
    List<Peer> peers();

    /** Why media cannot flow now, for the screen (the media server unreachable, refusing us), or null. */
    default Text problem() {
        return null;
    }

    /**
     * The remote tiles on screen now, by tile id ({@code user|device} for a camera,
     * {@code user|device#screen} for a screen share), and the size of one in CSS pixels; null
     * until the screen has said. A transport that can (the SFU) receives video only for these,
     * at no more than that size; audio always flows. The mesh receives everything: its calls
     * are small.
     */
    default void showing(Set<String> tileIds, int width, int height) {
    }
}
