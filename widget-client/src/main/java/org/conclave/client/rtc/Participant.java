package org.conclave.client.rtc;

/** One device in the call, derived from its valid, current membership (protocol.md §4). */
public final class Participant {
    private final CallMembership membership;

    Participant(CallMembership membership) {
        this.membership = membership;
    }

    public String userId() {
        return membership.userId();
    }

    public String deviceId() {
        return membership.deviceId();
    }

    /** {@code user|device}: one participant per device. */
    public String key() {
        return key(membership.userId(), membership.deviceId());
    }

    static String key(String userId, String deviceId) {
        return userId + "|" + deviceId;
    }

    public CallMembership membership() {
        return membership;
    }

    /** True when the device talks peer to peer (Conclave's mesh transport). */
    public boolean isMesh() {
        return CallMembership.MESH_TRANSPORT.equals(membership.focusType());
    }

    /** True when the device's media goes through a LiveKit SFU (Element Call's transport). */
    public boolean isLiveKit() {
        return CallMembership.LIVEKIT_TRANSPORT.equals(membership.focusType());
    }

    /**
     * True for a Conclave device: it reads SFrame and derives Conclave's join ratchet. Any other
     * (Element Call) reads LiveKit's frame format only and needs every key sent to it.
     */
    public boolean readsSframe() {
        return membership.frameFormats().contains(CallMembership.SFRAME);
    }

    public double joinedAt() {
        return membership.createdTs();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Participant that && key().equals(that.key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    @Override
    public String toString() {
        return "Participant[" + userId() + " " + deviceId() + "]";
    }
}
