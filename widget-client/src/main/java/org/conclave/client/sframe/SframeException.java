package org.conclave.client.sframe;

/**
 * The one exception of the {@code sframe} package. {@code unprotect} lets nothing else escape, so a
 * frame transform can drop the frame and count the reason. Messages never carry key or frame bytes.
 */
public final class SframeException extends Exception {
    /** Why a frame or a key was refused. */
    public enum Reason {
        /** The header's bytes do not form a header: truncated or inconsistent. */
        MALFORMED_HEADER,
        /** A KID or CTR written in more bytes than it needs (RFC 9605 §4.3 minimal encoding). */
        NON_MINIMAL_HEADER,
        /** The frame ends before a whole tag. */
        TRUNCATED,
        /** No key under the frame's KID. */
        UNKNOWN_KEY,
        /** The tag does not match: tampered, truncated or under another key. */
        AUTHENTICATION_FAILED,
        /** Payload or metadata above the limits of {@link SframeLimits}. */
        TOO_LARGE,
        /** A frame the SFU made itself (LiveKit's server-injected silence or blank frames), not a sender's. */
        SERVER_INJECTED,
        /** The sender used every counter value under its key: it needs a new key. */
        COUNTER_EXHAUSTED,
        /** The sender has no key yet. */
        NO_SENDER_KEY,
        /** A base key that cannot be used (empty or too long). */
        INVALID_KEY,
        /** The crypto backend failed for a reason of its own (e.g. WebCrypto rejected a call). */
        BACKEND_FAILURE
    }

    private final Reason reason;

    public SframeException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
