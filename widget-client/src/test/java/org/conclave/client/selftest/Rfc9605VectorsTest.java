package org.conclave.client.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.conclave.client.sframe.BcAead;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every RFC 9605 Appendix C vector as one named JVM test, on the Bouncy Castle backend. */
class Rfc9605VectorsTest {
    static String vectorsJson() throws IOException {
        try (InputStream in = Rfc9605VectorsTest.class.getResourceAsStream("/vectors/sframe-rfc9605.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theFileHoldsEveryVectorOfAppendixC() throws IOException {
        List<Rfc9605Vectors.Vector> vectors = Rfc9605Vectors.parse(vectorsJson());
        assertThat(vectors.stream().filter(v -> v.name().startsWith("header "))).hasSize(289);
        assertThat(vectors.stream().filter(v -> v.name().startsWith("aes_ctr_hmac "))).hasSize(3);
        assertThat(vectors.stream().filter(v -> v.name().startsWith("sframe "))).hasSize(5);
    }

    @TestFactory
    Stream<DynamicTest> vectors() throws IOException {
        BcAead aead = new BcAead();
        return Rfc9605Vectors.parse(vectorsJson()).stream().map(vector -> DynamicTest.dynamicTest(vector.name(), () -> {
            String[] verdict = {null};
            vector.check(aead, new Rfc9605Vectors.Outcome() {
                @Override
                public void passed() {
                    verdict[0] = "passed";
                }

                @Override
                public void failed(String why) {
                    verdict[0] = why;
                }
            });
            assertThat(verdict[0]).as(vector.name()).isEqualTo("passed");
        }));
    }
}
