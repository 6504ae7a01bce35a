package org.conclave.client.teavm;

import org.teavm.extension.spi.substitution.SimpleSubstitutionPolicy;
import org.teavm.extension.spi.substitution.SubstitutionSink;

/**
 * Lets Bouncy Castle's lightweight API compile under TeaVM (toolchain.md). TeaVM's class library
 * lacks {@code java.security.Security} and {@code javax.security.auth.Destroyable}/
 * {@code DestroyFailedException}; BC's {@code CryptoServicesRegistrar} drags in property and
 * provider machinery (≈300 KB) that a browser never uses. Our own {@code util.Numbers} and
 * {@code util.Chars} go the same way, to JavaScript's number formatting and Unicode tables. Each {@code X} in {@code p} is replaced by
 * {@code org.conclave.client.shim.p.TX}.
 *
 * <p>Runs inside the TeaVM compiler (Maven's JVM), never in the browser; registered through
 * {@code META-INF/services/org.teavm.extension.spi.substitution.SubstitutionPolicy}.
 */
public final class BouncyCastleSubstitutions extends SimpleSubstitutionPolicy {
    @Override
    public void contribute(SubstitutionSink sink) {
        sink.selectClasses(SimpleSubstitutionPolicy.<String>named("java.security.Security")
                        .or(named("javax.security.auth.Destroyable"))
                        .or(named("javax.security.auth.DestroyFailedException"))
                        .or(named("org.bouncycastle.crypto.CryptoServicesRegistrar"))
                        .or(named("org.conclave.client.util.Numbers"))
                        .or(named("org.conclave.client.util.Chars")))
                .packagePrefix("org.conclave.client.shim.")
                .simpleNamePrefix("T");
    }
}
