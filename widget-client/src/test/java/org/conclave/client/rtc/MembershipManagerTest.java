package org.conclave.client.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import org.conclave.client.testing.FakeRoomHost;
import org.conclave.client.testing.ListLog;
import org.conclave.client.testing.ManualScheduler;
import org.conclave.client.util.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MembershipManagerTest {
    private static final String ME = "@alice:ex.org";
    private final ManualScheduler time = new ManualScheduler();
    private final ListLog log = new ListLog();
    private RoomState room;
    private FakeRoomHost host;
    private MembershipManager manager;
    private Participants participants;

    @BeforeEach
    void setUp() {
        time.advance(1_000_000); // a plausible epoch
        room = new RoomState("!r:ex.org", log);
        room.apply(new JsonObject().put("type", "m.room.member").put("state_key", ME).put("sender", ME)
                .put("origin_server_ts", 1).put("content", new JsonObject().put("membership", "join")));
        host = new FakeRoomHost(time, room, ME);
        manager = new MembershipManager(host, room, ME, "DEV", CallMembership.meshTransport(), time, time, log);
        participants = new Participants(log);
    }

    private boolean present() {
        return participants.derive(room, time.nowMillis()).stream().anyMatch(p -> p.deviceId().equals("DEV"));
    }

    @Test
    void joinSchedulesTheDelayedLeaveBeforeTheMembership() {
        manager.join();
        assertThat(host.requests).containsExactly("delayed", "state join");
        assertThat(manager.status()).isEqualTo(MembershipManager.Status.JOINED);
        assertThat(present()).isTrue();
    }

    @Test
    void theDelayedLeaveIsRestartedEveryFourSecondsAndNeverFiresWhileWeLive() {
        manager.join();
        time.advance(60_000);
        assertThat(host.requests.stream().filter("restart"::equals).count()).isEqualTo(15);
        assertThat(present()).isTrue();
    }

    @Test
    void aSlowHomeserverDoesNotStretchTheRestarts() {
        // Replies 3 s late: counting 4 s from each reply would restart every 7 s, two restarts
        // in the 18 s window; counting from each request keeps them 4 s apart.
        host.replyDelayMs = 3_000;
        manager.join();
        time.advance(3_000); // the delayed leave's reply; the membership follows
        time.advance(60_000);
        assertThat(host.requests.stream().filter("restart"::equals).count()).isBetween(15L, 16L);
        assertThat(host.maxInFlight).as("one request at a time").isEqualTo(1);
        assertThat(present()).isTrue();
    }

    @Test
    void aReplySlowerThanTheCadenceIsFollowedAtOnceNotFourSecondsLater() {
        host.replyDelayMs = 6_000;
        manager.join();
        time.advance(6_000);
        time.advance(60_000); // restarts go out as each reply arrives, 6 s apart
        assertThat(host.requests.stream().filter("restart"::equals).count()).isBetween(10L, 11L);
        assertThat(host.maxInFlight).isEqualTo(1);
        assertThat(present()).isTrue();
    }

    @Test
    void anUnansweredRestartIsAskedAgainNotTakenForALostDelayedLeave() {
        manager.join();
        time.advance(3_000);
        host.loseNextRestartReply = true; // the restart at 4 s reaches the server; its reply never comes
        time.advance(60_000);
        assertThat(host.fired).as("the delayed leave never fired").isZero();
        assertThat(host.delayedCount()).as("still the one delayed leave").isEqualTo(1);
        assertThat(present()).isTrue();
        assertThat(log.warned("went unanswered")).isTrue();
    }

    @Test
    void aRateLimitedRestartIsRetriedAsAskedNotTakenForALostDelayedLeave() {
        // Synapse limits delayed-event management per user (1/s, burst 5): a user's other devices
        // can use it up. The delayed leave is still there; a second one would fire while we stay.
        manager.join();
        time.advance(3_000);
        host.rateLimitRestarts = 3; // refused at 4 s, 5.5 s and 7 s; the one at 8.5 s lands
        time.advance(60_000);
        assertThat(host.fired).as("the delayed leave never fired").isZero();
        assertThat(host.delayedCount()).as("still the one delayed leave").isEqualTo(1);
        assertThat(host.requests.stream().filter("delayed"::equals).count()).as("no second delayed leave").isEqualTo(1);
        assertThat(present()).isTrue();
        assertThat(log.warned("restarting the delayed leave refused")).isTrue();
        assertThat(log.warned("delayed leave lost")).isFalse();
    }

    @Test
    void restartsRefusedUntilTheDelayedLeaveMustHaveFiredEndInANewOne() {
        manager.join();
        time.advance(3_000);
        host.rateLimitRestarts = 13; // 4 s to 22 s: past the 18 s the last restart (at 0) bought
        time.advance(60_000);
        assertThat(log.warned("delayed leave lost")).as("taken for lost once it must have fired").isTrue();
        assertThat(host.delayedCount()).as("a new delayed leave").isEqualTo(1);
        assertThat(present()).as("and the membership again").isTrue();
    }

    @Test
    void leaveFiresTheDelayedEventNow() {
        manager.join();
        boolean[] left = {false};
        manager.leave(() -> left[0] = true);
        assertThat(left[0]).isTrue();
        assertThat(host.requests).endsWith("send");
        assertThat(present()).isFalse();
        assertThat(manager.status()).isEqualTo(MembershipManager.Status.IDLE);
        assertThat(host.delayedCount()).isZero();
        long before = host.requests.size();
        time.advance(30_000);
        assertThat(host.requests).hasSize((int) before); // no timers left behind
    }

    @Test
    void leaveWithoutADelayedEventSendsTheLeaveDirectly() {
        manager.join();
        host.dropDelayedEvents();
        manager.leave(() -> {});
        assertThat(host.requests).endsWith("send", "state leave");
        assertThat(present()).isFalse();
    }

    @Test
    void aLostDelayedEventIsScheduledAgain() {
        manager.join();
        host.dropDelayedEvents();
        time.advance(4_000);
        assertThat(host.delayedCount()).isEqualTo(1);
        assertThat(present()).isTrue();
        time.advance(60_000);
        assertThat(present()).isTrue();
    }

    @Test
    void aMembershipRemovedBehindOurBackIsSentAgain() {
        manager.join();
        host.dropDelayedEvents();
        host.applyState(CallMembership.EVENT_TYPE, manager.stateKey(), new JsonObject()); // the server expired us
        assertThat(present()).as("sent again at once").isTrue();
        time.advance(4_100); // the next restart finds the delayed leave gone and schedules a new one
        assertThat(host.delayedCount()).isEqualTo(1);
        assertThat(present()).isTrue();
        assertThat(log.warned("delayed leave lost")).isTrue();
    }

    @Test
    void failuresAreRetried() {
        host.failNext = true;
        manager.join();
        assertThat(present()).isFalse();
        time.advance(MembershipManager.RETRY_MS);
        assertThat(present()).isTrue();
        assertThat(log.warned("could not schedule the delayed leave")).isTrue();
    }

    @Test
    void theMembershipIsRefreshedBeforeItExpiresKeepingItsCreationTime() {
        manager.join();
        double created = time.nowMillis();
        time.advance(MembershipManager.EXPIRES_MS - MembershipManager.REFRESH_MARGIN_MS + 1);
        JsonObject event = room.get(CallMembership.EVENT_TYPE, manager.stateKey());
        CallMembership m = CallMembership.parse(event).membership();
        assertThat(m.createdTs()).isEqualTo(created);
        assertThat(m.expiresAt()).isGreaterThan(time.nowMillis() + MembershipManager.EXPIRES_MS - 1000);
        time.advance(MembershipManager.EXPIRES_MS * 2);
        assertThat(present()).isTrue();
    }
}
