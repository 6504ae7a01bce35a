package org.conclave.client.testing;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.call.FrameKeys;
import org.conclave.client.e2ee.MediaKey;

/** Records what would reach the frame worker: "send I", "receive P I", "forget P", "format F" (indexes only). */
public final class RecordingFrameKeys implements FrameKeys {
    public final List<String> log = new ArrayList<>();

    @Override
    public void setSendKey(MediaKey key) {
        log.add("send " + key.index());
    }

    @Override
    public void addReceiveKey(String participant, MediaKey key) {
        log.add("receive " + participant + " " + key.index());
    }

    @Override
    public void forget(String participant) {
        log.add("forget " + participant);
    }

    @Override
    public void sendLiveKitFormat(boolean liveKit) {
        log.add("format " + (liveKit ? "livekit" : "sframe"));
    }
}
