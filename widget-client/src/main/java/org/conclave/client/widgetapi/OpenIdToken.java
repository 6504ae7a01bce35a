package org.conclave.client.widgetapi;

/**
 * An OpenID token from the host ({@code get_openid}), for the SFU token service. A secret:
 * {@link #toString()} never shows the access token.
 */
public final class OpenIdToken {
    private final String accessToken;
    private final String tokenType;
    private final String matrixServerName;
    private final double expiresIn;

    public OpenIdToken(String accessToken, String tokenType, String matrixServerName, double expiresIn) {
        this.accessToken = accessToken;
        this.tokenType = tokenType;
        this.matrixServerName = matrixServerName;
        this.expiresIn = expiresIn;
    }

    public String accessToken() {
        return accessToken;
    }

    public String tokenType() {
        return tokenType;
    }

    public String matrixServerName() {
        return matrixServerName;
    }

    /** Seconds the token stays valid. */
    public double expiresIn() {
        return expiresIn;
    }

    @Override
    public String toString() {
        return "OpenIdToken[" + matrixServerName + ", expires in " + (long) expiresIn + " s, REDACTED]";
    }
}
