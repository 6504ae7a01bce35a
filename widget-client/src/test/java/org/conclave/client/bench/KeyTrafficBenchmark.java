package org.conclave.client.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conclave.client.e2ee.KeyManager;
import org.conclave.client.e2ee.MediaKey;
import org.conclave.client.e2ee.SenderKeys;
import org.conclave.client.rtc.CallMembership;
import org.conclave.client.rtc.Participant;
import org.conclave.client.rtc.Participants;
import org.conclave.client.rtc.RoomState;
import java.util.PriorityQueue;
import org.conclave.client.util.Clock;
import org.conclave.client.util.JsonObject;
import org.conclave.client.util.Log;
import org.conclave.client.util.Scheduler;
import org.conclave.client.widgetapi.RoomActions;

/**
 * Key traffic as calls grow: the real {@link KeyManager} of every participant in a simulated room
 * of 10, 50, 200 and 1,000 devices, with joins and leaves, against Element Call's policy
 * (protocol.md §5) in the same simulation. Prints to-device messages per membership change and the
 * time until every sender protects with its new key. To-device delivery takes 100 ms; a change
 * comes every 15 s. Run:
 * {@code mvn -B -q -pl widget-client test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.conclave.client.bench.KeyTrafficBenchmark}
 */
public final class KeyTrafficBenchmark {
    static final String ROOM = "!bench:example.org";
    static final double DELIVERY_MS = 100;
    static final double CHANGE_EVERY_MS = 15_000;
    static final int CHANGES = 10;

    private KeyTrafficBenchmark() {}

    /** A thousand key managers' logs would be a million lines a leave: none kept. */
    static final Log QUIET = new Log() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void debug(String message) {}
    };

    /** Simulated time: a queue of tasks by due time (the unit tests' scheduler scans a list). */
    static final class Time implements Scheduler, Clock {
        private record Task(double due, long order, Runnable run, boolean[] cancelled) {}

        private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.due() != b.due()
                ? Double.compare(a.due(), b.due()) : Long.compare(a.order(), b.order()));
        private double now;
        private long order;

        @Override
        public Cancellable schedule(double delayMillis, Runnable run) {
            boolean[] cancelled = {false};
            tasks.add(new Task(now + delayMillis, order++, run, cancelled));
            return () -> cancelled[0] = true;
        }

        @Override
        public double nowMillis() {
            return now;
        }

        void advance(double millis) {
            double target = now + millis;
            while (!tasks.isEmpty() && tasks.peek().due() <= target) {
                Task t = tasks.poll();
                now = Math.max(now, t.due());
                if (!t.cancelled()[0]) {
                    t.run().run();
                }
            }
            now = target;
        }
    }

    /** One key policy under test: what it sends on a change, and when each sender's new key is in use. */
    interface Policy {
        void changed(List<Participant> participants);

        /** How many to-device messages were sent so far. */
        long messages();

        /** Whether every present sender protects with a key newer than it had at {@link #mark}. */
        boolean allRotated();

        void mark();
    }

    /** Conclave: the real KeyManager per device. */
    static final class Conclave implements Policy {
        final Time time;
        final Map<String, KeyManager> managers = new LinkedHashMap<>();
        final Map<String, Integer> marked = new LinkedHashMap<>();
        long sent;

        Conclave(Time time) {
            this.time = time;
        }

        @Override
        public void changed(List<Participant> participants) {
            Map<String, Participant> now = new LinkedHashMap<>();
            participants.forEach(p -> now.put(p.key(), p));
            managers.keySet().removeIf(k -> !now.containsKey(k));
            for (Participant p : participants) {
                managers.computeIfAbsent(p.key(), k -> new KeyManager(host(p), ROOM, p.userId(), p.deviceId(),
                        new SenderKeys(new SecureRandom()), time, time, QUIET));
            }
            for (KeyManager m : managers.values()) {
                m.participantsChanged(participants);
            }
        }

        /** The host of {@code sender}: to-device messages reach their device after the delivery time. */
        private RoomActions host(Participant sender) {
            return new RoomActions() {
                @Override
                public void sendToDevice(String type, boolean encrypted, JsonObject messages, Callback callback) {
                    for (String user : messages.names()) {
                        sent += messages.getObject(user).size();
                    }
                    // One delivery of the whole batch after the delivery time, then the host's reply.
                    time.schedule(DELIVERY_MS, () -> {
                        for (String user : messages.names()) {
                            JsonObject devices = messages.getObject(user);
                            for (String device : devices.names()) {
                                KeyManager to = managers.get(user + "|" + device);
                                if (to != null) {
                                    to.received(new JsonObject().put("type", type).put("sender", sender.userId())
                                            .put("encrypted", true).put("content", devices.getObject(device)));
                                }
                            }
                        }
                        callback.done(new JsonObject());
                    });
                }

                @Override
                public void sendState(String type, String stateKey, JsonObject content, Callback callback) {
                    callback.failed("this host carries keys only");
                }

                @Override
                public void sendDelayedState(String type, String stateKey, JsonObject content, double delay, Callback c) {
                    c.failed("this host carries keys only");
                }

                @Override
                public void updateDelayedEvent(String delayId, String action, Callback callback) {
                    callback.failed("this host carries keys only");
                }
            };
        }

        @Override
        public long messages() {
            return sent;
        }

        @Override
        public void mark() {
            marked.clear();
            managers.forEach((k, m) -> marked.put(k, m.sendKey() == null ? -1 : m.sendKey().index()));
        }

        @Override
        public boolean allRotated() {
            for (Map.Entry<String, KeyManager> e : managers.entrySet()) {
                MediaKey key = e.getValue().sendKey();
                Integer before = marked.get(e.getKey());
                if (before != null && (key == null || key.index() == before)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Element Call's policy as protocol.md §5 states it: a leave makes every remaining sender draw
     * a new key and send it to all the others, used 1 s after sending; a join makes every sender
     * re-send its current key to the joiner, or, when that key is 10 s old or more, draw a new one
     * and send it to everyone, used 1 s later.
     */
    static final class ElementCall implements Policy {
        final Time time;
        final Map<String, double[]> keys = new LinkedHashMap<>(); // sender -> {index in use, created, pending index}
        final Map<String, Integer> marked = new LinkedHashMap<>();
        List<String> present = new ArrayList<>();
        long messages;

        ElementCall(Time time) {
            this.time = time;
        }

        @Override
        public void changed(List<Participant> participants) {
            List<String> now = new ArrayList<>();
            participants.forEach(p -> now.add(p.key()));
            List<String> joiners = new ArrayList<>(now);
            joiners.removeAll(present);
            boolean someoneLeft = !now.containsAll(present);
            keys.keySet().removeIf(k -> !now.contains(k));
            for (String joiner : joiners) {
                keys.put(joiner, new double[] {0, time.nowMillis(), -1});
                messages += now.size() - 1; // its first key to everyone
            }
            for (String sender : now) {
                if (joiners.contains(sender)) {
                    continue;
                }
                double[] k = keys.get(sender);
                boolean old = time.nowMillis() - k[1] >= 10_000;
                if (someoneLeft || old) {
                    rotate(sender, k, now.size() - 1);
                } else {
                    messages += joiners.size();
                }
            }
            present = now;
        }

        private void rotate(String sender, double[] k, int recipients) {
            messages += recipients;
            int next = ((int) k[0] + 1) % 256;
            k[2] = next;
            time.schedule(DELIVERY_MS + 1_000, () -> {
                if (keys.get(sender) == k && k[2] == next) {
                    k[0] = next;
                    k[1] = time.nowMillis();
                    k[2] = -1;
                }
            });
        }

        @Override
        public long messages() {
            return messages;
        }

        @Override
        public void mark() {
            marked.clear();
            keys.forEach((s, k) -> marked.put(s, (int) k[0]));
        }

        @Override
        public boolean allRotated() {
            for (Map.Entry<String, double[]> e : keys.entrySet()) {
                Integer before = marked.get(e.getKey());
                if (before != null && (int) e.getValue()[0] == before) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Per change: messages sent and ms until every sender rotated (NaN: some never did). */
    record Change(boolean join, long messages, double rotatedMs) {}

    static List<Change> run(int size, boolean conclave) {
        Time time = new Time();
        time.advance(1_000_000);
        RoomState room = new RoomState(ROOM, QUIET);
        Participants participants = new Participants(QUIET);
        Policy policy = conclave ? new Conclave(time) : new ElementCall(time);
        int next = 0;
        for (; next < size; next++) {
            member(room, time, next, true);
        }
        policy.changed(participants.derive(room, time.nowMillis()));
        time.advance(CHANGE_EVERY_MS);
        List<Change> changes = new ArrayList<>();
        int leaving = 0;
        for (int c = 0; c < CHANGES; c++) {
            boolean join = c % 2 == 0;
            policy.mark();
            long before = policy.messages();
            double start = time.nowMillis();
            if (join) {
                member(room, time, next++, true);
            } else {
                member(room, time, leaving++, false);
            }
            policy.changed(participants.derive(room, time.nowMillis()));
            double rotated = Double.NaN;
            for (double t = 0; t < CHANGE_EVERY_MS; t += 10) {
                time.advance(10);
                if (policy.allRotated()) {
                    rotated = time.nowMillis() - start;
                    break;
                }
            }
            time.advance(start + CHANGE_EVERY_MS - time.nowMillis());
            changes.add(new Change(join, policy.messages() - before, rotated));
        }
        return changes;
    }

    private static void member(RoomState room, Time time, int i, boolean in) {
        String user = "@u" + i + ":example.org";
        room.apply(new JsonObject().put("type", "m.room.member").put("state_key", user).put("sender", user)
                .put("origin_server_ts", 1).put("content", new JsonObject().put("membership", "join")));
        room.apply(new JsonObject().put("type", CallMembership.EVENT_TYPE).put("sender", user)
                .put("state_key", "_" + user + "_D_m.call").put("origin_server_ts", time.nowMillis())
                .put("content", in ? CallMembership.joinContent(user, "D", CallMembership.meshTransport(), Double.NaN,
                        14_400_000) : new JsonObject()));
    }

    private static double average(List<Change> changes, boolean join, boolean messages) {
        return changes.stream().filter(c -> c.join() == join)
                .mapToDouble(c -> messages ? c.messages() : c.rotatedMs()).average().orElse(Double.NaN);
    }

    public static void main(String[] args) {
        System.out.println("Key traffic per membership change (averages of " + CHANGES / 2 + " joins and " + CHANGES / 2
                + " leaves; delivery " + (int) DELIVERY_MS + " ms; a change every " + (int) (CHANGE_EVERY_MS / 1000) + " s)");
        System.out.println("  devices | to-device msgs: join, leave (Conclave | Element Call) |"
                + " every sender on its new key, ms: join, leave (Conclave | Element Call)");
        for (int size : new int[] {10, 50, 200, 1000}) {
            List<Change> ours = run(size, true);
            List<Change> theirs = run(size, false);
            System.out.printf("  %7d | %7.0f %7.0f | %7.0f %7.0f | %6.0f %6.0f | %6.0f %6.0f%n", size,
                    average(ours, true, true), average(ours, false, true), average(theirs, true, true),
                    average(theirs, false, true), average(ours, true, false), average(ours, false, false),
                    average(theirs, true, false), average(theirs, false, false));
        }
        System.out.println("  (Element Call's join re-sends its current key to the joiner, so the 'new key' time is"
                + " its rotation of keys 10 s old or more: joiners can read up to 10 s of earlier media.)");
    }
}
