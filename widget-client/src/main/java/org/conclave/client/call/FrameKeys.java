package org.conclave.client.call;

import org.conclave.client.e2ee.MediaKey;

/** Where media keys go to be used on frames: the frame worker in the browser. */
public interface FrameKeys {
    /** Protect outgoing frames with {@code key} from now on. */
    void setSendKey(MediaKey key);

    /** A key {@code participant} sends with. */
    void addReceiveKey(String participant, MediaKey key);

    /** {@code participant} left: forget its keys. */
    void forget(String participant);

    /**
     * Sends frames in LiveKit's format ({@code true}: a participant of the call reads only that)
     * or in SFrame. Receiving reads either, per sender.
     */
    void sendLiveKitFormat(boolean liveKit);
}
