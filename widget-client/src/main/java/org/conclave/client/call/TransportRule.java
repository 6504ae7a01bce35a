package org.conclave.client.call;

import java.util.List;
import org.conclave.client.rtc.Participant;

/**
 * Which transport a device joins a call with (docs/keys.md "Choosing the transport"), so that
 * every participant agrees without talking: a device that joins a call already under way takes
 * the transport of its oldest participant that has one Conclave speaks (LiveKit, or Conclave's
 * mesh); the first device of a call takes LiveKit when it knows an SFU and the mesh otherwise.
 * In a LiveKit call a device gets its grants from its own deployment's token service when it
 * has one, else from the oldest LiveKit participant's.
 */
public final class TransportRule {
    private TransportRule() {}

    /** The outcome: the mesh, or LiveKit through {@code serviceUrl}. */
    public static final class Decision {
        private final String serviceUrl;

        private Decision(String serviceUrl) {
            this.serviceUrl = serviceUrl;
        }

        public boolean isLiveKit() {
            return serviceUrl != null;
        }

        /** The token service for LiveKit grants, or null for the mesh. */
        public String serviceUrl() {
            return serviceUrl;
        }

        @Override
        public String toString() {
            return serviceUrl == null ? "mesh" : "livekit via " + serviceUrl;
        }
    }

    static final Decision MESH = new Decision(null);

    /**
     * {@code others}: the call's other participants, oldest first; {@code ownServiceUrl}: this
     * deployment's token service, or null when it has none.
     */
    public static Decision decide(List<Participant> others, String ownServiceUrl) {
        for (Participant p : others) {
            if (p.isMesh()) {
                return MESH;
            }
            if (p.isLiveKit()) {
                String service = ownServiceUrl != null ? ownServiceUrl : p.membership().livekitServiceUrl();
                if (service != null) {
                    return new Decision(service);
                }
            }
        }
        return ownServiceUrl != null ? new Decision(ownServiceUrl) : MESH;
    }
}
