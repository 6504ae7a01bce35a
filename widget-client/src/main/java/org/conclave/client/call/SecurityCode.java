package org.conclave.client.call;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.conclave.client.rtc.Participant;
import org.conclave.client.util.Utf8;

/**
 * The call security code (docs/keys.md "Call security code"): five emoji from the set of devices
 * this device sees in the call, which are the devices its media keys go to. Everyone who sees the
 * same set shows the same code; a device shown a member the others are not (a homeserver hiding a
 * listener from some) shows another. The time of the room's latest call membership event is part
 * of it, so every join and leave gives a new code, also one that brings back an earlier set.
 */
public final class SecurityCode {
    /** The emoji of Matrix's SAS verification (the spec's table), with their names for screen readers. */
    static final String[][] EMOJI = {
        {"🐶", "Dog"}, {"🐱", "Cat"}, {"🦁", "Lion"}, {"🐎", "Horse"}, {"🦄", "Unicorn"}, {"🐷", "Pig"},
        {"🐘", "Elephant"}, {"🐰", "Rabbit"}, {"🐼", "Panda"}, {"🐓", "Rooster"}, {"🐧", "Penguin"},
        {"🐢", "Turtle"}, {"🐟", "Fish"}, {"🐙", "Octopus"}, {"🦋", "Butterfly"}, {"🌷", "Flower"},
        {"🌳", "Tree"}, {"🌵", "Cactus"}, {"🍄", "Mushroom"}, {"🌏", "Globe"}, {"🌙", "Moon"},
        {"☁️", "Cloud"}, {"🔥", "Fire"}, {"🍌", "Banana"}, {"🍎", "Apple"}, {"🍓", "Strawberry"},
        {"🌽", "Corn"}, {"🍕", "Pizza"}, {"🎂", "Cake"}, {"❤️", "Heart"}, {"😀", "Smiley"},
        {"🤖", "Robot"}, {"🎩", "Hat"}, {"👓", "Glasses"}, {"🔧", "Spanner"}, {"🎅", "Santa"},
        {"👍", "Thumbs Up"}, {"☂️", "Umbrella"}, {"⌛", "Hourglass"}, {"⏰", "Clock"}, {"🎁", "Gift"},
        {"💡", "Light Bulb"}, {"📕", "Book"}, {"✏️", "Pencil"}, {"📎", "Paperclip"}, {"✂️", "Scissors"},
        {"🔒", "Lock"}, {"🔑", "Key"}, {"🔨", "Hammer"}, {"☎️", "Telephone"}, {"🏁", "Flag"},
        {"🚂", "Train"}, {"🚲", "Bicycle"}, {"✈️", "Aeroplane"}, {"🚀", "Rocket"}, {"🏆", "Trophy"},
        {"⚽", "Ball"}, {"🎸", "Guitar"}, {"🎺", "Trumpet"}, {"🔔", "Bell"}, {"⚓", "Anchor"},
        {"🎧", "Headphones"}, {"📁", "Folder"}, {"📌", "Pin"},
    };
    static final int LENGTH = 5;
    static final String DOMAIN = "org.conclave.call_security_code.v1";

    private final int[] symbols;

    private SecurityCode(int[] symbols) {
        this.symbols = symbols;
    }

    /**
     * The code of the call in {@code roomId} with these participants (every device in the call,
     * this one included) after the membership event of {@code latestChangeTs} (the newest
     * {@code origin_server_ts} among the room's call membership events, leaves included), or null
     * when there is nobody to compare with.
     */
    public static SecurityCode of(String roomId, List<Participant> participants, double latestChangeTs) {
        if (participants.size() < 2) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (Participant p : participants) {
            lines.add(p.userId() + "\t" + p.deviceId() + "\t" + (long) p.joinedAt());
        }
        Collections.sort(lines);
        StringBuilder text = new StringBuilder(DOMAIN).append('\n').append(roomId).append('\n')
                .append((long) latestChangeTs).append('\n');
        for (String line : lines) {
            text.append(line).append('\n');
        }
        byte[] input = Utf8.encode(text.toString());
        SHA256Digest sha = new SHA256Digest();
        sha.update(input, 0, input.length);
        byte[] hash = new byte[32];
        sha.doFinal(hash, 0);
        // 30 bits, six per emoji, most significant first (as SAS takes its bits).
        long bits = ((hash[0] & 0xffL) << 24) | ((hash[1] & 0xffL) << 16) | ((hash[2] & 0xffL) << 8) | (hash[3] & 0xffL);
        int[] symbols = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            symbols[i] = (int) ((bits >>> (26 - 6 * i)) & 63);
        }
        return new SecurityCode(symbols);
    }

    /** The emoji, separated by spaces. */
    public String emoji() {
        StringBuilder out = new StringBuilder();
        for (int s : symbols) {
            out.append(out.length() == 0 ? "" : " ").append(EMOJI[s][0]);
        }
        return out.toString();
    }

    /** Their names, separated by commas, for screen readers and for reading aloud. */
    public String words() {
        StringBuilder out = new StringBuilder();
        for (int s : symbols) {
            out.append(out.length() == 0 ? "" : ", ").append(EMOJI[s][1]);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecurityCode that && java.util.Arrays.equals(symbols, that.symbols);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(symbols);
    }

    @Override
    public String toString() {
        return words();
    }
}
