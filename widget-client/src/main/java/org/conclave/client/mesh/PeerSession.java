package org.conclave.client.mesh;

import java.util.ArrayList;
import java.util.List;
import org.conclave.client.util.JsonArray;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.util.Scheduler;

/**
 * The signalling of one peer connection to one remote device: the invite/answer exchange, trickle
 * ICE in both directions, and later renegotiation by the "perfect negotiation" pattern over
 * {@code m.call.negotiate} (the answerer is the polite side), ICE restarts, and hangup.
 */
final class PeerSession {
    /** What a session needs from its call. */
    interface Host {
        /** Sends {@code body} plus the common fields to the peer. */
        void send(PeerSession session, String type, JsonObject body);

        /** This device's streams, for {@code sdp_stream_metadata}. */
        StreamMetadata localMetadata();

        /** The session changed in a way the screen shows. */
        void changed(PeerSession session);

        /** The session gave up: the call should start a new one if the peer is still there. */
        void failed(PeerSession session, String why);
    }

    /** How long the offerer waits for an answer before inviting again. */
    static final double ANSWER_TIMEOUT_MS = 20_000;
    /** How long a failed connection may take to recover by ICE restart before a fresh call. */
    static final double ICE_RESTART_TIMEOUT_MS = 10_000;
    /** Local candidates gathered within this window go out in one event. */
    static final double CANDIDATE_BATCH_MS = 20;
    static final int MAX_PENDING_CANDIDATES = 128;

    private final Host host;
    private final String userId;
    private final String deviceId;
    private final boolean offerer;
    private final String callId;
    private final Scheduler scheduler;
    private final Log log;
    private final PeerLink link;
    private final List<JsonObject> outgoing = new ArrayList<>();
    private final List<JsonObject> pendingRemote = new ArrayList<>();
    private String remoteSession;
    private boolean inviteSent;
    private boolean remoteDescriptionSet;
    private boolean makingOffer;
    private boolean answered;
    private boolean closed;
    private String connectionState = "new";
    private StreamMetadata remoteMetadata = StreamMetadata.NONE;
    private Scheduler.Cancellable candidateTimer;
    private Scheduler.Cancellable answerTimer;
    private Scheduler.Cancellable restartTimer;

    PeerSession(Host host, String userId, String deviceId, boolean offerer, String callId, String remoteSession,
            PeerLink.Factory factory, Scheduler scheduler, Log log) {
        this.host = host;
        this.userId = userId;
        this.deviceId = deviceId;
        this.offerer = offerer;
        this.callId = callId;
        this.remoteSession = remoteSession;
        this.scheduler = scheduler;
        this.log = log;
        this.link = factory.create(key(), offerer, new PeerLink.Events() {
            @Override
            public void negotiationNeeded() {
                negotiate();
            }

            @Override
            public void localCandidate(JsonObject candidate) {
                queueCandidate(candidate);
            }

            @Override
            public void connectionState(String state) {
                connectionChanged(state);
            }
        });
    }

    String key() {
        return userId + "|" + deviceId;
    }

    String userId() {
        return userId;
    }

    String deviceId() {
        return deviceId;
    }

    String callId() {
        return callId;
    }

    boolean offerer() {
        return offerer;
    }

    String remoteSession() {
        return remoteSession;
    }

    String connectionState() {
        return connectionState;
    }

    boolean closed() {
        return closed;
    }

    StreamMetadata remoteMetadata() {
        return remoteMetadata;
    }

    // ---- offers -------------------------------------------------------------------------------

    /** negotiationneeded: make an offer (the invite first, later m.call.negotiate). */
    private void negotiate() {
        if (closed || (offerer && inviteSent && !answered) || (!offerer && !inviteSent)) {
            // Mid-exchange: the browser asks again once the connection is back to stable.
            return;
        }
        makingOffer = true;
        link.setLocalDescription(new PeerLink.DescriptionCallback() {
            @Override
            public void done(String type, String sdp) {
                makingOffer = false;
                if (closed || !"offer".equals(type)) {
                    return;
                }
                if (!inviteSent) {
                    inviteSent = true;
                    host.send(PeerSession.this, CallSignal.INVITE, new JsonObject()
                            .put("offer", CallSignal.sessionDescription(type, sdp))
                            .put("lifetime", CallSignal.LIFETIME_MS)
                            .put("sdp_stream_metadata", host.localMetadata().toJson()));
                    answerTimer = scheduler.schedule(ANSWER_TIMEOUT_MS, () -> {
                        if (!answered && !closed) {
                            host.failed(PeerSession.this, "no answer");
                        }
                    });
                } else {
                    host.send(PeerSession.this, CallSignal.NEGOTIATE, new JsonObject()
                            .put("description", CallSignal.sessionDescription(type, sdp))
                            .put("lifetime", CallSignal.LIFETIME_MS)
                            .put("sdp_stream_metadata", host.localMetadata().toJson()));
                }
                flushCandidates();
            }

            @Override
            public void failed(String reason) {
                makingOffer = false;
                log.warn("mesh: could not make an offer to " + key() + ": " + reason);
            }
        });
    }

    // ---- what the peer sends ----------------------------------------------------------------------

    /** A signal for this session's call (call id already matched, or an invite that made it). */
    void received(CallSignal signal) {
        if (closed) {
            return;
        }
        if (remoteSession == null) {
            remoteSession = signal.senderSession();
        }
        if (signal.metadata() != null && !signal.metadata().equals(remoteMetadata)) {
            remoteMetadata = signal.metadata();
            host.changed(this);
        }
        switch (signal.type()) {
            case CallSignal.INVITE -> acceptInvite(signal);
            case CallSignal.ANSWER -> acceptAnswer(signal);
            case CallSignal.NEGOTIATE -> acceptNegotiation(signal);
            case CallSignal.CANDIDATES -> signal.candidates().forEach(this::remoteCandidate);
            case CallSignal.HANGUP -> {
                log.info("mesh: " + key() + " hung up" + (signal.reason() == null ? "" : " (" + signal.reason() + ")"));
                close(false);
                host.changed(this);
            }
            default -> { } // select_answer confirms us; metadata changes were applied above
        }
    }

    private void acceptInvite(CallSignal signal) {
        if (offerer || answered) {
            return;
        }
        answered = true;
        link.setRemoteDescription("offer", signal.sdp(), new PeerLink.Done() {
            @Override
            public void done() {
                remoteDescriptionSet();
                link.setLocalDescription(new PeerLink.DescriptionCallback() {
                    @Override
                    public void done(String type, String sdp) {
                        if (closed) {
                            return;
                        }
                        host.send(PeerSession.this, CallSignal.ANSWER, new JsonObject()
                                .put("answer", CallSignal.sessionDescription(type, sdp))
                                .put("sdp_stream_metadata", host.localMetadata().toJson()));
                        inviteSent = true; // later offers from this side are negotiations
                        flushCandidates();
                    }

                    @Override
                    public void failed(String reason) {
                        host.failed(PeerSession.this, "could not answer: " + reason);
                    }
                });
            }

            @Override
            public void failed(String reason) {
                host.failed(PeerSession.this, "could not take the offer: " + reason);
            }
        });
    }

    private void acceptAnswer(CallSignal signal) {
        if (!offerer || answered || !"have-local-offer".equals(link.signalingState())) {
            return;
        }
        answered = true;
        cancel(answerTimer);
        link.setRemoteDescription("answer", signal.sdp(), new PeerLink.Done() {
            @Override
            public void done() {
                remoteDescriptionSet();
                host.send(PeerSession.this, CallSignal.SELECT_ANSWER,
                        new JsonObject().put("selected_party_id", signal.partyId()));
            }

            @Override
            public void failed(String reason) {
                host.failed(PeerSession.this, "could not take the answer: " + reason);
            }
        });
    }

    /** Perfect negotiation: the offerer ignores a colliding offer, the answerer rolls back. */
    private void acceptNegotiation(CallSignal signal) {
        if (!answered) {
            return;
        }
        boolean offer = "offer".equals(signal.descriptionType());
        boolean collision = offer && (makingOffer || !"stable".equals(link.signalingState()));
        if (collision && offerer) {
            log.debug("mesh: ignored a colliding offer from " + key());
            return;
        }
        if (!offer && !"have-local-offer".equals(link.signalingState())) {
            return;
        }
        link.setRemoteDescription(signal.descriptionType(), signal.sdp(), new PeerLink.Done() {
            @Override
            public void done() {
                remoteDescriptionSet();
                if (!offer) {
                    return;
                }
                link.setLocalDescription(new PeerLink.DescriptionCallback() {
                    @Override
                    public void done(String type, String sdp) {
                        if (!closed) {
                            host.send(PeerSession.this, CallSignal.NEGOTIATE, new JsonObject()
                                    .put("description", CallSignal.sessionDescription(type, sdp))
                                    .put("sdp_stream_metadata", host.localMetadata().toJson()));
                        }
                    }

                    @Override
                    public void failed(String reason) {
                        log.warn("mesh: could not answer a renegotiation from " + key() + ": " + reason);
                    }
                });
            }

            @Override
            public void failed(String reason) {
                log.warn("mesh: could not take a renegotiation from " + key() + ": " + reason);
            }
        });
    }

    private void remoteDescriptionSet() {
        if (!remoteDescriptionSet) {
            remoteDescriptionSet = true;
            pendingRemote.forEach(link::addCandidate);
            pendingRemote.clear();
        }
    }

    private void remoteCandidate(JsonObject candidate) {
        if (remoteDescriptionSet) {
            link.addCandidate(candidate);
        } else if (pendingRemote.size() < MAX_PENDING_CANDIDATES) {
            pendingRemote.add(candidate);
        }
    }

    // ---- local candidates ---------------------------------------------------------------------

    private void queueCandidate(JsonObject candidate) {
        if (closed) {
            return;
        }
        // End of candidates is an empty candidate string (MSC2746).
        outgoing.add(candidate != null ? candidate
                : new JsonObject().put("candidate", "").put("sdpMid", "0").put("sdpMLineIndex", 0));
        if (candidateTimer == null && inviteSent) {
            candidateTimer = scheduler.schedule(CANDIDATE_BATCH_MS, this::flushCandidates);
        }
    }

    private void flushCandidates() {
        candidateTimer = null;
        if (closed || !inviteSent || outgoing.isEmpty()) {
            return;
        }
        while (!outgoing.isEmpty()) {
            JsonArray batch = new JsonArray();
            while (!outgoing.isEmpty() && batch.size() < CallSignal.MAX_CANDIDATES) {
                batch.add(outgoing.remove(0));
            }
            host.send(this, CallSignal.CANDIDATES, new JsonObject().put("candidates", batch));
        }
    }

    // ---- connection health ----------------------------------------------------------------------

    private void connectionChanged(String state) {
        if (closed) {
            return;
        }
        connectionState = state;
        log.info("mesh: connection to " + key() + " is " + state);
        if ("connected".equals(state)) {
            cancel(restartTimer);
            restartTimer = null;
        } else if ("failed".equals(state) && restartTimer == null) {
            // The offerer restarts ICE (the answerer would collide); either side gives up later.
            if (offerer) {
                link.restartIce();
            }
            restartTimer = scheduler.schedule(ICE_RESTART_TIMEOUT_MS, () -> {
                restartTimer = null;
                if (!closed && !"connected".equals(connectionState)) {
                    host.failed(this, "ICE restart did not reconnect");
                }
            });
        }
        host.changed(this);
    }

    /** Re-sends this device's stream metadata (mute, camera, screen share changed). */
    void metadataChanged() {
        if (!closed && inviteSent) {
            host.send(this, CallSignal.METADATA_CHANGED,
                    new JsonObject().put("sdp_stream_metadata", host.localMetadata().toJson()));
        }
    }

    /** Ends the session; {@code hangUp} also tells the peer. */
    void close(boolean hangUp) {
        if (closed) {
            return;
        }
        if (hangUp && inviteSent) {
            host.send(this, CallSignal.HANGUP, new JsonObject().put("reason", "user_hangup"));
        }
        closed = true;
        connectionState = "closed";
        cancel(candidateTimer);
        cancel(answerTimer);
        cancel(restartTimer);
        link.close();
    }

    private static void cancel(Scheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
