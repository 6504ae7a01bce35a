package org.conclave.client.shim.org.bouncycastle.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoServiceProperties;

/**
 * A lean {@code CryptoServicesRegistrar} for TeaVM: no constraints to check and the platform's
 * {@code SecureRandom} (TeaVM backs it with {@code crypto.getRandomValues}).
 */
public final class TCryptoServicesRegistrar {
    private TCryptoServicesRegistrar() {}

    public static void checkConstraints(CryptoServiceProperties properties) {
        // No FIPS-style constraints in the browser.
    }

    public static SecureRandom getSecureRandom() {
        return new SecureRandom();
    }

    public static SecureRandom getSecureRandom(SecureRandom random) {
        return random != null ? random : new SecureRandom();
    }
}
