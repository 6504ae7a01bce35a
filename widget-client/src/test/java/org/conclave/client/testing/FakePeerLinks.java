package org.conclave.client.testing;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.mesh.PeerLink;
import org.conclave.client.util.JsonObject;

/**
 * Peer links for JVM tests of the signalling: each keeps the JSEP signalling state as a browser
 * does (stable, have-local-offer, have-remote-offer, implicit rollback) and reports on the manual
 * clock, never synchronously. Offerer links ask for negotiation once created. Media is not here:
 * the browser journeys run real {@code RTCPeerConnection}s.
 */
public final class FakePeerLinks implements PeerLink.Factory {
    private final ManualScheduler time;
    public final List<Link> links = new ArrayList<>();

    public FakePeerLinks(ManualScheduler time) {
        this.time = time;
    }

    /** One fake connection and what was done to it. */
    public final class Link implements PeerLink {
        public final String participant;
        public final boolean offerer;
        public final Events events;
        public final List<JsonObject> remoteCandidates = new ArrayList<>();
        public final List<String> remoteDescriptions = new ArrayList<>();
        public String state = "stable";
        public int offers;
        public int iceRestarts;
        public boolean closed;
        public boolean failNextRemote;

        Link(String participant, boolean offerer, Events events) {
            this.participant = participant;
            this.offerer = offerer;
            this.events = events;
        }

        @Override
        public void setLocalDescription(DescriptionCallback callback) {
            time.schedule(0, () -> {
                if ("have-remote-offer".equals(state)) {
                    state = "stable";
                    callback.done("answer", "v=0 answer of " + participant);
                } else {
                    state = "have-local-offer";
                    offers++;
                    callback.done("offer", "v=0 offer " + offers + " to " + participant);
                }
            });
        }

        @Override
        public void setRemoteDescription(String type, String sdp, Done callback) {
            time.schedule(0, () -> {
                if (failNextRemote) {
                    failNextRemote = false;
                    callback.failed("InvalidAccessError");
                    return;
                }
                remoteDescriptions.add(type + ":" + sdp);
                state = "offer".equals(type) ? "have-remote-offer" : "stable";
                callback.done();
            });
        }

        @Override
        public void addCandidate(JsonObject candidate) {
            remoteCandidates.add(candidate);
        }

        @Override
        public String signalingState() {
            return state;
        }

        @Override
        public void restartIce() {
            iceRestarts++;
            time.schedule(0, events::negotiationNeeded);
        }

        @Override
        public void close() {
            closed = true;
        }

        /** The browser found a local candidate. */
        public void gather(String candidate) {
            events.localCandidate(new JsonObject().put("candidate", candidate).put("sdpMid", "0").put("sdpMLineIndex", 0));
        }
    }

    @Override
    public PeerLink create(String participantKey, boolean offerer, PeerLink.Events events) {
        Link link = new Link(participantKey, offerer, events);
        links.add(link);
        if (offerer) {
            time.schedule(0, events::negotiationNeeded);
        }
        return link;
    }

    /** The newest link to {@code participant}, or null. */
    public Link latest(String participant) {
        for (int i = links.size() - 1; i >= 0; i--) {
            if (links.get(i).participant.equals(participant)) {
                return links.get(i);
            }
        }
        return null;
    }
}
