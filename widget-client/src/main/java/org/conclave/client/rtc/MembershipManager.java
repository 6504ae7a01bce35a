package org.conclave.client.rtc;

import org.conclave.client.util.Clock;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.util.Scheduler;
import org.conclave.client.widgetapi.CallWidgetCapabilities;
import org.conclave.client.widgetapi.RoomActions;

/**
 * This device's call membership (protocol.md §4): join with a delayed leave scheduled first,
 * restart it every 4 s (counted from each request, so a slow homeserver's replies do not stretch
 * the cadence; one request at a time), refresh the membership before it expires, leave through
 * the delayed event's {@code send}. Recovers when the delayed event is gone (a new one, then the
 * membership again if the server already removed it) and when the membership vanishes from room
 * state while we are in the call.
 */
public final class MembershipManager {
    /** Element Call's delayed-leave timeout. */
    public static final double DELAYED_LEAVE_MS = 18_000;
    /** How often the delayed leave is restarted. */
    public static final double RESTART_EVERY_MS = 4_000;
    /** A membership's lifetime. */
    public static final double EXPIRES_MS = 4 * 60 * 60 * 1000;
    /** Refresh this long before expiry. */
    public static final double REFRESH_MARGIN_MS = 5 * 60 * 1000;
    /** Wait before retrying a failed send. */
    public static final double RETRY_MS = 2_000;

    /** Where this device is. */
    public enum Status { IDLE, JOINING, JOINED, LEAVING }

    private final RoomActions actions;
    private final RoomState room;
    private final String userId;
    private final String deviceId;
    private final String stateKey;
    private JsonObject focusActive;
    private JsonObject focusPreferred;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Log log;
    private Status status = Status.IDLE;
    private String delayId;
    /** When the request that last (re)started the delayed leave was sent; NaN before one. */
    private double delayedLeaveSince = Double.NaN;
    private double createdTs = Double.NaN;
    private Scheduler.Cancellable restartTimer;
    private Scheduler.Cancellable refreshTimer;
    private boolean sendingMembership;
    private boolean schedulingDelayedLeave;
    private Runnable statusListener = () -> {};
    private Runnable lapseListener = () -> {};

    public MembershipManager(RoomActions actions, RoomState room, String userId, String deviceId, JsonObject transport,
            Scheduler scheduler, Clock clock, Log log) {
        this.actions = actions;
        this.room = room;
        this.userId = userId;
        this.deviceId = deviceId;
        this.stateKey = CallWidgetCapabilities.membershipStateKey(userId, deviceId);
        this.focusActive = transport;
        this.focusPreferred = transport;
        this.scheduler = scheduler;
        this.clock = clock;
        this.log = log;
        room.addListener((type, key, event) -> {
            if (CallMembership.EVENT_TYPE.equals(type) && stateKey.equals(key)) {
                ownMembershipChanged(event);
            }
        });
    }

    /** Hears every status change. */
    /**
     * Hears our membership vanish from the room while we are in the call (the delayed leave fired,
     * e.g. while offline), just before it is sent again: to everyone else we left and rejoin.
     */
    public void onLapse(Runnable listener) {
        this.lapseListener = listener;
    }

    public void onStatusChange(Runnable listener) {
        this.statusListener = listener;
    }

    public Status status() {
        return status;
    }

    /** The state key of this device's membership. */
    public String stateKey() {
        return stateKey;
    }

    /** Joins with {@code active} as {@code focus_active} and {@code preferred} as {@code foci_preferred[0]}. */
    public void join(JsonObject active, JsonObject preferred) {
        if (status == Status.JOINING || status == Status.JOINED) {
            return;
        }
        focusActive = active;
        focusPreferred = preferred;
        join();
    }

    /** Joins: delayed leave first, so a crash right after joining still leaves. */
    public void join() {
        if (status == Status.JOINING || status == Status.JOINED) {
            return;
        }
        setStatus(Status.JOINING);
        createdTs = Double.NaN;
        scheduleDelayedLeave(this::sendMembership);
    }

    /** Leaves: fires the delayed leave now (or sends {@code {}} if there is none). */
    public void leave(Runnable done) {
        if (status == Status.IDLE) {
            done.run();
            return;
        }
        setStatus(Status.LEAVING);
        cancelTimers();
        String id = delayId;
        delayId = null;
        RoomActions.Callback finish = new RoomActions.Callback() {
            @Override
            public void done(JsonObject response) {
                setStatus(Status.IDLE);
                done.run();
            }

            @Override
            public void failed(String reason) {
                log.warn("membership: leave failed (" + reason + ")");
                setStatus(Status.IDLE);
                done.run();
            }
        };
        if (id == null) {
            actions.sendState(CallMembership.EVENT_TYPE, stateKey, new JsonObject(), finish);
            return;
        }
        actions.updateDelayedEvent(id, "send", new RoomActions.Callback() {
            @Override
            public void done(JsonObject response) {
                finish.done(response);
            }

            @Override
            public void failed(String reason) {
                log.info("membership: delayed leave gone (" + reason + "); sending the leave directly");
                actions.sendState(CallMembership.EVENT_TYPE, stateKey, new JsonObject(), finish);
            }
        });
    }

    private void scheduleDelayedLeave(Runnable then) {
        if (schedulingDelayedLeave) {
            return;
        }
        schedulingDelayedLeave = true;
        double sentAt = clock.nowMillis();
        actions.sendDelayedState(CallMembership.EVENT_TYPE, stateKey, new JsonObject(), DELAYED_LEAVE_MS,
                new RoomActions.Callback() {
                    @Override
                    public void done(JsonObject response) {
                        schedulingDelayedLeave = false;
                        if (!inCall()) {
                            cancelOrphan(response.getString("delay_id"));
                            return;
                        }
                        delayId = response.getString("delay_id");
                        delayedLeaveSince = sentAt;
                        log.debug("membership: delayed leave scheduled");
                        scheduleRestart(sentAt);
                        then.run();
                    }

                    @Override
                    public void failed(String reason) {
                        refused(reason, null, Double.NaN);
                    }

                    @Override
                    public void refused(String reason, String errcode, double retryAfterMs) {
                        schedulingDelayedLeave = false;
                        double wait = retryIn(retryAfterMs);
                        log.warn("membership: could not schedule the delayed leave (" + reason + "); retrying in "
                                + Math.round(wait) + " ms");
                        if (inCall()) {
                            scheduler.schedule(wait, () -> {
                                if (inCall() && delayId == null) {
                                    scheduleDelayedLeave(then);
                                }
                            });
                        }
                    }
                });
    }

    /** How long to wait before trying again: as the homeserver asked (rate limits), else {@link #RETRY_MS}. */
    private static double retryIn(double retryAfterMs) {
        return Double.isNaN(retryAfterMs) ? RETRY_MS : Math.max(100, retryAfterMs);
    }

    /**
     * The next restart, {@link #RESTART_EVERY_MS} after the request just answered was sent: the
     * server's countdown began when that request reached it, not when its reply reached us.
     */
    private void scheduleRestart(double lastSentAt) {
        if (restartTimer != null) {
            restartTimer.cancel();
        }
        double wait = Math.max(0, lastSentAt + RESTART_EVERY_MS - clock.nowMillis());
        restartTimer = scheduler.schedule(wait, this::restart);
    }

    private void restart() {
        if (!inCall() || delayId == null) {
            return;
        }
        double sentAt = clock.nowMillis();
        actions.updateDelayedEvent(delayId, "restart", new RoomActions.Callback() {
            @Override
            public void done(JsonObject response) {
                delayedLeaveSince = sentAt;
                if (inCall()) {
                    scheduleRestart(sentAt);
                }
            }

            @Override
            public void timedOut(String reason) {
                // The restart may have reached the server, or not: the delayed leave is not known
                // to be lost, and a second one would leave this one to fire. Ask again at once.
                if (inCall()) {
                    log.warn("membership: a restart of the delayed leave went unanswered; trying again");
                    scheduleRestart(Double.NEGATIVE_INFINITY);
                }
            }

            @Override
            public void failed(String reason) {
                if (inCall()) {
                    lost(reason);
                }
            }

            /*
             * Only M_NOT_FOUND says the delayed leave is gone. Anything else (a rate limit, a
             * homeserver or host error) leaves it scheduled: a second one now would leave this one to
             * fire while we are still here. Ask again as the homeserver asked, while the one we
             * have cannot yet have fired.
             */
            @Override
            public void refused(String reason, String errcode, double retryAfterMs) {
                if (!inCall()) {
                    return;
                }
                double wait = retryIn(retryAfterMs);
                if ("M_NOT_FOUND".equals(errcode) || !(clock.nowMillis() + wait < delayedLeaveSince + DELAYED_LEAVE_MS)) {
                    lost(reason);
                    return;
                }
                log.warn("membership: restarting the delayed leave refused (" + reason + "); trying again in "
                        + Math.round(wait) + " ms");
                if (restartTimer != null) {
                    restartTimer.cancel();
                }
                restartTimer = scheduler.schedule(wait, MembershipManager.this::restart);
            }
        });
    }

    /** The delayed leave is gone (or has fired by now): a new one, and the membership again if it went. */
    private void lost(String reason) {
        log.warn("membership: delayed leave lost (" + reason + "); scheduling a new one");
        delayId = null;
        scheduleDelayedLeave(() -> {
            if (!membershipPresent()) {
                sendMembership();
            }
        });
    }

    private void sendMembership() {
        if (!inCall() || sendingMembership) {
            return;
        }
        sendingMembership = true;
        double expires = Double.isNaN(createdTs) ? EXPIRES_MS : clock.nowMillis() - createdTs + EXPIRES_MS;
        JsonObject content = CallMembership.joinContent(userId, deviceId, focusActive, focusPreferred, createdTs, expires);
        actions.sendState(CallMembership.EVENT_TYPE, stateKey, content, new RoomActions.Callback() {
            @Override
            public void done(JsonObject response) {
                sendingMembership = false;
                if (status == Status.JOINING) {
                    setStatus(Status.JOINED);
                }
            }

            @Override
            public void failed(String reason) {
                refused(reason, null, Double.NaN);
            }

            @Override
            public void refused(String reason, String errcode, double retryAfterMs) {
                sendingMembership = false;
                double wait = retryIn(retryAfterMs);
                log.warn("membership: sending the membership failed (" + reason + "); retrying in " + Math.round(wait) + " ms");
                scheduler.schedule(wait, MembershipManager.this::sendMembership);
            }
        });
    }

    /** Our own membership event arrived (maybe before the send's reply) or changed. */
    private void ownMembershipChanged(JsonObject event) {
        CallMembership.Parsed parsed = CallMembership.parse(event);
        if (!inCall()) {
            return;
        }
        if (parsed.membership() == null) {
            if (status == Status.JOINED && !sendingMembership) {
                log.info("membership: ours vanished from the room; joining again");
                lapseListener.run();
                if (delayId != null) {
                    sendMembership();
                } else {
                    scheduleDelayedLeave(this::sendMembership);
                }
            }
            return;
        }
        if (Double.isNaN(createdTs)) {
            createdTs = parsed.membership().createdTs();
        }
        if (status == Status.JOINING) {
            setStatus(Status.JOINED);
        }
        if (refreshTimer != null) {
            refreshTimer.cancel();
        }
        double refreshIn = parsed.membership().expiresAt() - REFRESH_MARGIN_MS - clock.nowMillis();
        refreshTimer = scheduler.schedule(Math.max(0, refreshIn), this::sendMembership);
    }

    private boolean membershipPresent() {
        JsonObject event = room.get(CallMembership.EVENT_TYPE, stateKey);
        return event != null && CallMembership.parse(event).membership() != null;
    }

    private void cancelOrphan(String id) {
        if (id != null) {
            actions.updateDelayedEvent(id, "cancel", new RoomActions.Callback() {
                @Override
                public void done(JsonObject response) {}

                @Override
                public void failed(String reason) {}
            });
        }
    }

    private boolean inCall() {
        return status == Status.JOINING || status == Status.JOINED;
    }

    private void cancelTimers() {
        if (restartTimer != null) {
            restartTimer.cancel();
            restartTimer = null;
        }
        if (refreshTimer != null) {
            refreshTimer.cancel();
            refreshTimer = null;
        }
    }

    private void setStatus(Status next) {
        if (status != next) {
            status = next;
            log.info("membership: " + next);
            statusListener.run();
        }
    }
}
