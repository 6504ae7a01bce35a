package org.conclave.client.call;

import java.util.List;
import org.conclave.client.util.JsonObject;

/** What the browser's media layer tells the call about its media (the browser implements it). */
public interface MediaSource {
    /** This device's camera, microphone and screen share. */
    MediaState local();

    /** The id of the camera-and-microphone stream peers see. */
    String localStreamId();

    /** The id of the screen-share stream, or null when not sharing. */
    String localScreenStreamId();

    /** The ids of the streams {@code participant} sends us, in arrival order. */
    List<String> remoteStreams(String participant);

    /** What we receive from {@code participant}. */
    ReceiveStats receiveStats(String participant);

    /** The frame worker's counts ({@code MediaEncryption.stats()}). */
    JsonObject frameStats();
}
