package org.conclave.server.token;

/**
 * Why a token request was refused, as lk-jwt-service says it: an HTTP status and a Matrix error
 * code ({@code M_NOT_JSON}, {@code M_BAD_JSON}, {@code M_UNAUTHORIZED}, …) with a message that
 * never carries a token or a secret.
 */
public final class TokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errcode;

    public TokenException(int status, String errcode, String message) {
        super(message);
        this.status = status;
        this.errcode = errcode;
    }

    public int status() {
        return status;
    }

    public String errcode() {
        return errcode;
    }

    static TokenException badJson(String message) {
        return new TokenException(400, "M_BAD_JSON", message);
    }

    static TokenException unauthorized() {
        return new TokenException(401, "M_UNAUTHORIZED", "The request could not be authorised.");
    }
}
