package org.conclave.client.sframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated frames: whatever is done to a valid frame, {@code unprotect} either refuses it with an
 * {@link SframeException} or (only if the bytes are unchanged) returns the original plaintext.
 * Nothing else escapes.
 */
class UnprotectPropertiesTest {
    private static final byte[] BASE_KEY = "property base key".getBytes();
    private static final byte[] METADATA = {1, 2, 3};

    @Property(tries = 400)
    void aModifiedFrameIsNeverAccepted(@ForAll("suites") CipherSuite suite, @ForAll("kids") long kid,
            @ForAll("payloads") byte[] payload, @ForAll("mutations") List<Mutation> mutations) throws SframeException {
        BcAead aead = new BcAead();
        SframeSender sender = new SframeSender(suite, aead);
        sender.setKey(kid, BASE_KEY, kid ^ 0x5a5a); // vary the CTR's length too
        SframeReceiver receiver = new SframeReceiver(suite, aead);
        receiver.addKey(kid, BASE_KEY);
        byte[] frame = Sync.protect(sender, payload, METADATA);

        byte[] mutated = frame;
        for (Mutation mutation : mutations) {
            mutated = mutation.apply(mutated);
        }
        Assume.that(!Arrays.equals(mutated, frame));

        byte[] input = mutated;
        Object outcome;
        try {
            outcome = Sync.unprotect(receiver, input, METADATA);
        } catch (SframeException e) {
            outcome = e;
        }
        assertThat(outcome).isInstanceOf(SframeException.class);
    }

    @Property(tries = 300)
    void arbitraryBytesAreRefusedCleanly(@ForAll("suites") CipherSuite suite, @ForAll("noise") byte[] noise)
            throws SframeException {
        SframeReceiver receiver = new SframeReceiver(suite, new BcAead());
        // Hold keys for the small KIDs that random config bytes name, so tags do get checked.
        for (long kid = 0; kid < 8; kid++) {
            receiver.addKey(kid, BASE_KEY);
        }
        Object outcome;
        try {
            outcome = Sync.unprotect(receiver, noise, METADATA);
        } catch (SframeException e) {
            outcome = e;
        }
        assertThat(outcome).isInstanceOf(SframeException.class);
    }

    @Provide
    Arbitrary<CipherSuite> suites() {
        return Arbitraries.of(CipherSuite.class);
    }

    @Provide
    Arbitrary<Long> kids() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 7), Arbitraries.longs().between(8, 1 << 20),
                Arbitraries.longs());
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300);
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(80);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, 400);
        Arbitrary<Mutation> one = Arbitraries.oneOf(
                Combinators.combine(positions, Arbitraries.integers().between(0, 7)).as(FlipBit::new),
                Combinators.combine(positions, Arbitraries.bytes()).as(SetByte::new),
                positions.map(Truncate::new),
                Combinators.combine(positions, Arbitraries.bytes()).as(Insert::new),
                positions.map(Delete::new));
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    /** One change to a frame; positions wrap to the frame's length. */
    interface Mutation {
        byte[] apply(byte[] frame);
    }

    record FlipBit(int position, int bit) implements Mutation {
        public byte[] apply(byte[] frame) {
            if (frame.length == 0) {
                return frame;
            }
            byte[] out = frame.clone();
            out[position % out.length] ^= (byte) (1 << bit);
            return out;
        }
    }

    record SetByte(int position, byte value) implements Mutation {
        public byte[] apply(byte[] frame) {
            if (frame.length == 0) {
                return frame;
            }
            byte[] out = frame.clone();
            out[position % out.length] = value;
            return out;
        }
    }

    record Truncate(int length) implements Mutation {
        public byte[] apply(byte[] frame) {
            return Arrays.copyOf(frame, length % (frame.length + 1));
        }
    }

    record Insert(int position, byte value) implements Mutation {
        public byte[] apply(byte[] frame) {
            int at = position % (frame.length + 1);
            byte[] out = new byte[frame.length + 1];
            System.arraycopy(frame, 0, out, 0, at);
            out[at] = value;
            System.arraycopy(frame, at, out, at + 1, frame.length - at);
            return out;
        }
    }

    record Delete(int position) implements Mutation {
        public byte[] apply(byte[] frame) {
            if (frame.length == 0) {
                return frame;
            }
            int at = position % frame.length;
            byte[] out = new byte[frame.length - 1];
            System.arraycopy(frame, 0, out, 0, at);
            System.arraycopy(frame, at + 1, out, at, out.length - at);
            return out;
        }
    }
}
