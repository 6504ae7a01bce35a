package org.conclave.client.mesh;

import org.conclave.client.util.JsonObject;

/**
 * The one {@code RTCPeerConnection} to a remote device, as the signalling logic sees it. The
 * browser implementation also attaches local media, frame encryption and remote tracks; that is
 * none of the signalling's business. Every callback comes later, on the event loop.
 */
public interface PeerLink {
    /** What the connection reports. */
    interface Events {
        /** The browser wants an (initial or new) offer: {@code negotiationneeded}. */
        void negotiationNeeded();

        /** A local ICE candidate to trickle; null when gathering is complete. */
        void localCandidate(JsonObject candidate);

        /** {@code connectionState}: new, connecting, connected, disconnected, failed or closed. */
        void connectionState(String state);
    }

    /** A local description once set. */
    interface DescriptionCallback {
        void done(String type, String sdp);

        void failed(String reason);
    }

    /** The end of an asynchronous step. */
    interface Done {
        void done();

        void failed(String reason);
    }

    /** {@code setLocalDescription()} without arguments: an offer or answer as the state requires. */
    void setLocalDescription(DescriptionCallback callback);

    /** {@code setRemoteDescription({type, sdp})}; an offer in have-local-offer rolls back first. */
    void setRemoteDescription(String type, String sdp, Done callback);

    /** {@code addIceCandidate}; failures are the link's to log. */
    void addCandidate(JsonObject candidate);

    /** {@code signalingState}. */
    String signalingState();

    /** {@code restartIce()}: the next offer carries new ICE credentials. */
    void restartIce();

    /** Closes the connection and releases its remote media. */
    void close();

    /** Makes links. */
    interface Factory {
        /**
         * A new link to {@code participantKey}. The offerer's link asks for negotiation at once;
         * the answerer's waits for the remote offer.
         */
        PeerLink create(String participantKey, boolean offerer, Events events);
    }
}
