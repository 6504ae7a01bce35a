package org.conclave.client.sframe;

/**
 * The five cipher suites of RFC 9605 (§4.5, Table 1; IANA "SFrame Cipher Suites"). Sizes are in
 * bytes: {@code nh} the hash output, {@code nka} the AES key inside a CTR+HMAC key, {@code nk} the
 * AEAD key, {@code nn} the nonce, {@code nt} the (possibly truncated) tag.
 */
public enum CipherSuite {
    AES_128_CTR_HMAC_SHA256_80(1, 32, 16, 48, 12, 10),
    AES_128_CTR_HMAC_SHA256_64(2, 32, 16, 48, 12, 8),
    AES_128_CTR_HMAC_SHA256_32(3, 32, 16, 48, 12, 4),
    AES_128_GCM_SHA256_128(4, 32, 0, 16, 12, 16),
    AES_256_GCM_SHA512_128(5, 64, 0, 32, 12, 16);

    private final int id;
    private final int nh;
    private final int nka;
    private final int nk;
    private final int nn;
    private final int nt;

    CipherSuite(int id, int nh, int nka, int nk, int nn, int nt) {
        this.id = id;
        this.nh = nh;
        this.nka = nka;
        this.nk = nk;
        this.nn = nn;
        this.nt = nt;
    }

    /** The suite registered under {@code id}, or an {@link IllegalArgumentException}. */
    public static CipherSuite byId(int id) {
        for (CipherSuite suite : values()) {
            if (suite.id == id) {
                return suite;
            }
        }
        throw new IllegalArgumentException("unknown SFrame cipher suite " + id);
    }

    public int id() {
        return id;
    }

    public int nh() {
        return nh;
    }

    public int nka() {
        return nka;
    }

    public int nk() {
        return nk;
    }

    public int nn() {
        return nn;
    }

    public int nt() {
        return nt;
    }

    /** True for the AES-CTR + truncated HMAC-SHA256 construction of RFC 9605 §4.5.1. */
    public boolean isCtrHmac() {
        return nka != 0;
    }

    /** True when the suite's hash is SHA-512 (suite 5), else SHA-256. */
    public boolean usesSha512() {
        return nh == 64;
    }
}
