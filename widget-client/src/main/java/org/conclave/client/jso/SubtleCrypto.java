package org.conclave.client.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The WebCrypto calls behind {@code WebCryptoAead}, declared in one place. A key is a handle
 * {@code {promise, key}}: {@code key} is the {@code CryptoKey} once imported, and until then an
 * operation waits on {@code promise}. Once it is there, operations call WebCrypto directly, saving
 * the promise hops of waiting on a settled promise for every frame. Works in windows and workers
 * ({@code self.crypto}).
 *
 * <p>Sealing returns one new array: {@code headroom} zero bytes, the ciphertext, the tag. Opening
 * returns WebCrypto's own plaintext buffer, uncopied. A completion gets {@code null} and the
 * result, or the DOMException's name ({@code "OperationError"} for a tag mismatch) and null.
 *
 * <p>Locals in these scripts have names of three letters or more: TeaVM renames parameters to
 * one or two letters and would otherwise capture them (JsBodySyntaxTest checks this).
 */
public final class SubtleCrypto {
    private SubtleCrypto() {}

    /** Reports the end of one operation. */
    @JSFunctor
    public interface Completion extends JSObject {
        void complete(String errorName, Int8Array result);
    }

    /** A handle on a non-extractable AES key (for "AES-GCM" or "AES-CTR"). */
    @JSBody(params = {"algorithm", "key"}, script = ""
            + "var handle = {promise: null, key: null};"
            + "handle.promise = self.crypto.subtle.importKey('raw', key, {name: algorithm}, false,"
            + "    ['encrypt', 'decrypt']).then(function(imported) { handle.key = imported; return imported; });"
            + "return handle;")
    public static native JSObject importAesKey(String algorithm, Int8Array key);

    /** A handle on a non-extractable HMAC-SHA-256 key. */
    @JSBody(params = "key", script = ""
            + "var handle = {promise: null, key: null};"
            + "handle.promise = self.crypto.subtle.importKey('raw', key, {name: 'HMAC', hash: 'SHA-256'}, false,"
            + "    ['sign']).then(function(imported) { handle.key = imported; return imported; });"
            + "return handle;")
    public static native JSObject importHmacKey(Int8Array key);

    /** AES-GCM with a 128-bit tag over {@code input[offset, offset + length)}. */
    @JSBody(params = {"encrypt", "keyHandle", "nonce", "aad", "input", "offset", "length", "headroom", "done"},
            script = ""
            + "var params = {name: 'AES-GCM', iv: nonce, additionalData: aad, tagLength: 128};"
            + "var data = input.subarray(offset, offset + length);"
            + "function run(key) {"
            + "  return encrypt ? self.crypto.subtle.encrypt(params, key, data)"
            + "      : self.crypto.subtle.decrypt(params, key, data);"
            + "}"
            + "(keyHandle.key ? run(keyHandle.key) : keyHandle.promise.then(run)).then(function(result) {"
            + "  var bytes = new Int8Array(result);"
            + "  if (encrypt) {"
            + "    var sealed = new Int8Array(headroom + bytes.length);"
            + "    sealed.set(bytes, headroom);"
            + "    bytes = sealed;"
            + "  }"
            + "  done(null, bytes);"
            + "}, function(error) {"
            + "  done(error && error.name ? String(error.name) : 'Error', null);"
            + "});")
    public static native void aesGcm(boolean encrypt, JSObject keyHandle, Int8Array nonce, Int8Array aad,
            Int8Array input, int offset, int length, int headroom, Completion done);

    /**
     * RFC 9605 §4.5.1 sealing: AES-CTR from {@code nonce || 0^32}, then HMAC-SHA-256 over
     * {@code authPrefix || ct}, truncated to {@code tagLength}. {@code authPrefix} is
     * {@code len(aad) || len(ct) || Nt || nonce || aad}.
     */
    @JSBody(params = {"aesKeyHandle", "macKeyHandle", "nonce", "authPrefix", "input", "offset", "length",
            "tagLength", "headroom", "done"}, script = ""
            + "var counter = new Uint8Array(16); counter.set(nonce, 0);"
            + "var sealed = null;"
            + "Promise.all([aesKeyHandle.promise, macKeyHandle.promise]).then(function(keys) {"
            + "  var params = {name: 'AES-CTR', counter: counter, length: 32};"
            + "  var data = input.subarray(offset, offset + length);"
            + "  return self.crypto.subtle.encrypt(params, keys[0], data).then(function(result) {"
            + "    var cipherText = new Int8Array(result);"
            + "    sealed = new Int8Array(headroom + cipherText.length + tagLength);"
            + "    sealed.set(cipherText, headroom);"
            + "    var signed = new Int8Array(authPrefix.length + cipherText.length);"
            + "    signed.set(authPrefix, 0); signed.set(cipherText, authPrefix.length);"
            + "    return self.crypto.subtle.sign('HMAC', keys[1], signed);"
            + "  });"
            + "}).then(function(mac) {"
            + "  sealed.set(new Int8Array(mac, 0, tagLength), sealed.length - tagLength);"
            + "  done(null, sealed);"
            + "}, function(error) {"
            + "  done(error && error.name ? String(error.name) : 'Error', null);"
            + "});")
    public static native void ctrHmacSeal(JSObject aesKeyHandle, JSObject macKeyHandle, Int8Array nonce,
            Int8Array authPrefix, Int8Array input, int offset, int length, int tagLength, int headroom,
            Completion done);

    /**
     * RFC 9605 §4.5.1 opening: recomputes the truncated HMAC over {@code authPrefix || ct}, compares
     * it with the frame's tag in constant time, and only when they match decrypts the ciphertext.
     * A mismatch completes with "OperationError", as AES-GCM does.
     */
    @JSBody(params = {"aesKeyHandle", "macKeyHandle", "nonce", "authPrefix", "input", "offset", "length",
            "tagLength", "done"}, script = ""
            + "var counter = new Uint8Array(16); counter.set(nonce, 0);"
            + "var ctLength = length - tagLength;"
            + "var cipherText = input.subarray(offset, offset + ctLength);"
            + "var tag = input.subarray(offset + ctLength, offset + length);"
            + "var signed = new Int8Array(authPrefix.length + ctLength);"
            + "signed.set(authPrefix, 0); signed.set(cipherText, authPrefix.length);"
            + "Promise.all([aesKeyHandle.promise, macKeyHandle.promise]).then(function(keys) {"
            + "  return self.crypto.subtle.sign('HMAC', keys[1], signed).then(function(mac) {"
            + "    var expected = new Int8Array(mac, 0, tagLength);"
            + "    var diff = 0;"
            + "    for (var index = 0; index < tagLength; index++) { diff |= expected[index] ^ tag[index]; }"
            + "    if (diff !== 0) { throw {name: 'OperationError'}; }"
            + "    var params = {name: 'AES-CTR', counter: counter, length: 32};"
            + "    return self.crypto.subtle.decrypt(params, keys[0], cipherText);"
            + "  });"
            + "}).then(function(result) {"
            + "  done(null, new Int8Array(result));"
            + "}, function(error) {"
            + "  done(error && error.name ? String(error.name) : 'Error', null);"
            + "});")
    public static native void ctrHmacOpen(JSObject aesKeyHandle, JSObject macKeyHandle, Int8Array nonce,
            Int8Array authPrefix, Int8Array input, int offset, int length, int tagLength, Completion done);
}
