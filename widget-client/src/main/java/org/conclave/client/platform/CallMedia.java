package org.conclave.client.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conclave.client.call.MediaSource;
import org.conclave.client.call.MediaState;
import org.conclave.client.call.ReceiveStats;
import org.conclave.client.util.JsonObject;
import org.conclave.client.widgetapi.TurnServers;
import org.teavm.jso.JSObject;

/**
 * The browser's media as the call sees it, whichever transport carries it: the local devices,
 * the remote streams and statistics of the mesh or of the SFU (a participant is reached by one
 * of them at a time), and the frame worker's counts.
 */
public final class CallMedia implements MediaSource {
    private final LocalMedia local;
    private final MeshMedia mesh;
    private final SfuMedia sfu;
    private final FrameWorkerClient frames;

    public CallMedia(LocalMedia local, MeshMedia mesh, SfuMedia sfu, FrameWorkerClient frames) {
        this.local = local;
        this.mesh = mesh;
        this.sfu = sfu;
        this.frames = frames;
    }

    /** The SFU side, for the SFU transport. */
    public SfuMedia sfu() {
        return sfu;
    }

    /** Hears remote streams and statistics of either transport. */
    public void setListener(Runnable listener) {
        mesh.setListener(listener);
        sfu.setListener(listener);
    }

    /** The host's TURN servers, for both transports. */
    public void setTurnServers(TurnServers servers) {
        mesh.setTurnServers(servers);
        sfu.setTurnServers(servers);
    }

    @Override
    public MediaState local() {
        return local.state();
    }

    @Override
    public String localStreamId() {
        return local.streamId();
    }

    @Override
    public String localScreenStreamId() {
        return local.screenStreamId();
    }

    private Map<String, JSObject> streamsOf(String participant) {
        Map<String, JSObject> fromMesh = mesh.streamsOf(participant);
        return fromMesh.isEmpty() ? sfu.streamsById(participant) : fromMesh;
    }

    @Override
    public List<String> remoteStreams(String participant) {
        return new ArrayList<>(streamsOf(participant).keySet());
    }

    /** The remote stream {@code streamId} of {@code participant}, for its tile, or null. */
    public JSObject remote(String participant, String streamId) {
        return streamsOf(participant).get(streamId);
    }

    @Override
    public ReceiveStats receiveStats(String participant) {
        ReceiveStats stats = mesh.stats().get(participant);
        if (stats == null) {
            stats = sfu.stats().get(participant);
        }
        return stats == null ? ReceiveStats.NONE : stats;
    }

    @Override
    public JsonObject frameStats() {
        return frames.stats();
    }

    /** Counts, ICE server URIs and candidate addresses for {@code window.conclaveDiagnostics}: no secrets. */
    public JsonObject diagnostics() {
        return new JsonObject().put("frames", frames.stats()).put("iceServers", mesh.iceServerUris())
                .put("sfu", sfu.diagnostics());
    }
}
