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
 * returns WebCrypto's own plaintext buffer, uncopied. A completion gets the operation's ticket,
 * then {@code null} and the result, or the DOMException's name ({@code "OperationError"} for a
 * tag mismatch) and null.
 *
 * <p>Locals in these scripts have names of three letters or more: TeaVM renames parameters to
 * one or two letters and would otherwise capture them (JsBodySyntaxTest checks this).
 */
public final class SubtleCrypto {
    private SubtleCrypto() {}

    /**
     * Reports the end of an operation, identified by the {@code ticket} it was started with: one
     * completion serves every operation on a key, so none makes a JS function per frame.
     */
    @JSFunctor
    public interface Completion extends JSObject {
        void complete(int ticket, String errorName, Int8Array result);
    }

    /** A handle on a non-extractable AES key (for "AES-GCM" or "AES-CTR"). */
    @JSBody(params = {"algorithm", "key"}, script = ""
            + "var handle = {promise: null, key: null, subtle: self.crypto.subtle};"
            + "handle.promise = handle.subtle.importKey('raw', key, {name: algorithm}, false,"
            + "    ['encrypt', 'decrypt']).then(function(imported) { handle.key = imported; return imported; });"
            + "return handle;")
    public static native JSObject importAesKey(String algorithm, Int8Array key);

    /** A handle on a non-extractable HMAC-SHA-256 key. */
    @JSBody(params = "key", script = ""
            + "var handle = {promise: null, key: null, subtle: self.crypto.subtle};"
            + "handle.promise = handle.subtle.importKey('raw', key, {name: 'HMAC', hash: 'SHA-256'}, false,"
            + "    ['sign']).then(function(imported) { handle.key = imported; return imported; });"
            + "return handle;")
    public static native JSObject importHmacKey(Int8Array key);

    /**
     * AES-GCM with a 128-bit tag over {@code input[offset, offset + length)}, authenticating
     * {@code aad[aadOffset, aadOffset + aadLength)}. WebCrypto copies the nonce and the AAD during
     * the call, so the caller may reuse them as soon as it returns; while the key is still being
     * imported they are copied here instead. A sealed result keeps WebCrypto's own buffer, grown
     * by {@code headroom} with {@code ArrayBuffer.prototype.transfer} where there is one: growing
     * it moves the ciphertext once within memory the browser just wrote, where a new buffer of
     * frame size costs fresh pages (a plain-JS round trip on 5 KB frames measured 0.68x of raw
     * WebCrypto with a new buffer, 0.87x with transfer).
     */
    @JSBody(params = {"encrypt", "keyHandle", "nonce", "aad", "aadOffset", "aadLength", "input", "offset", "length",
            "headroom", "ticket", "done"}, script = ""
            + "var params = {name: 'AES-GCM', iv: nonce, additionalData: aadOffset === 0 && aadLength === aad.length"
            + "    ? aad : aad.subarray(aadOffset, aadOffset + aadLength)};"
            + "var data = offset === 0 && length === input.length ? input : input.subarray(offset, offset + length);"
            + "var subtle = keyHandle.subtle;"
            + "var pending;"
            + "if (keyHandle.key) {"
            + "  pending = encrypt ? subtle.encrypt(params, keyHandle.key, data) : subtle.decrypt(params, keyHandle.key, data);"
            + "} else {"
            + "  params.iv = params.iv.slice();"
            + "  params.additionalData = params.additionalData.slice();"
            + "  pending = keyHandle.promise.then(function(imported) {"
            + "    return encrypt ? subtle.encrypt(params, imported, data) : subtle.decrypt(params, imported, data);"
            + "  });"
            + "}"
            + "pending.then(function(result) {"
            + "  var bytes;"
            + "  if (!encrypt || headroom === 0) {"
            + "    bytes = new Int8Array(result);"
            + "  } else if (typeof result.transfer === 'function') {"
            + "    var size = result.byteLength;"
            + "    bytes = new Int8Array(result.transfer(headroom + size));"
            + "    bytes.copyWithin(headroom, 0, size);"
            + "    bytes.fill(0, 0, headroom);"
            + "  } else {"
            + "    bytes = new Int8Array(headroom + result.byteLength);"
            + "    bytes.set(new Int8Array(result), headroom);"
            + "  }"
            + "  done(ticket, null, bytes);"
            + "}, function(error) {"
            + "  done(ticket, error && error.name ? String(error.name) : 'Error', null);"
            + "});")
    public static native void aesGcm(boolean encrypt, JSObject keyHandle, Int8Array nonce, Int8Array aad,
            int aadOffset, int aadLength, Int8Array input, int offset, int length, int headroom, int ticket,
            Completion done);

    /**
     * RFC 9605 §4.5.1 sealing: AES-CTR from {@code nonce || 0^32}, then HMAC-SHA-256 over
     * {@code authPrefix || ct}, truncated to {@code tagLength}. {@code authPrefix} is
     * {@code len(aad) || len(ct) || Nt || nonce || aad}.
     */
    @JSBody(params = {"aesKeyHandle", "macKeyHandle", "nonce", "authPrefix", "input", "offset", "length",
            "tagLength", "headroom", "ticket", "done"}, script = ""
            + "var counter = new Uint8Array(16); counter.set(nonce, 0);"
            + "var sealed = null;"
            + "Promise.all([aesKeyHandle.promise, macKeyHandle.promise]).then(function(keys) {"
            + "  var params = {name: 'AES-CTR', counter: counter, length: 32};"
            + "  var data = input.subarray(offset, offset + length);"
            + "  return aesKeyHandle.subtle.encrypt(params, keys[0], data).then(function(result) {"
            + "    var cipherText = new Int8Array(result);"
            + "    sealed = new Int8Array(headroom + cipherText.length + tagLength);"
            + "    sealed.set(cipherText, headroom);"
            + "    var signed = new Int8Array(authPrefix.length + cipherText.length);"
            + "    signed.set(authPrefix, 0); signed.set(cipherText, authPrefix.length);"
            + "    return macKeyHandle.subtle.sign('HMAC', keys[1], signed);"
            + "  });"
            + "}).then(function(mac) {"
            + "  sealed.set(new Int8Array(mac, 0, tagLength), sealed.length - tagLength);"
            + "  done(ticket, null, sealed);"
            + "}, function(error) {"
            + "  done(ticket, error && error.name ? String(error.name) : 'Error', null);"
            + "});")
    public static native void ctrHmacSeal(JSObject aesKeyHandle, JSObject macKeyHandle, Int8Array nonce,
            Int8Array authPrefix, Int8Array input, int offset, int length, int tagLength, int headroom, int ticket,
            Completion done);

    /**
     * RFC 9605 §4.5.1 opening: recomputes the truncated HMAC over {@code authPrefix || ct}, compares
     * it with the frame's tag in constant time, and only when they match decrypts the ciphertext.
     * A mismatch completes with "OperationError", as AES-GCM does.
     */
    @JSBody(params = {"aesKeyHandle", "macKeyHandle", "nonce", "authPrefix", "input", "offset", "length",
            "tagLength", "ticket", "done"}, script = ""
            + "var counter = new Uint8Array(16); counter.set(nonce, 0);"
            + "var ctLength = length - tagLength;"
            + "var cipherText = input.subarray(offset, offset + ctLength);"
            + "var tag = input.subarray(offset + ctLength, offset + length);"
            + "var signed = new Int8Array(authPrefix.length + ctLength);"
            + "signed.set(authPrefix, 0); signed.set(cipherText, authPrefix.length);"
            + "Promise.all([aesKeyHandle.promise, macKeyHandle.promise]).then(function(keys) {"
            + "  return macKeyHandle.subtle.sign('HMAC', keys[1], signed).then(function(mac) {"
            + "    var expected = new Int8Array(mac, 0, tagLength);"
            + "    var diff = 0;"
            + "    for (var index = 0; index < tagLength; index++) { diff |= expected[index] ^ tag[index]; }"
            + "    if (diff !== 0) { throw {name: 'OperationError'}; }"
            + "    var params = {name: 'AES-CTR', counter: counter, length: 32};"
            + "    return aesKeyHandle.subtle.decrypt(params, keys[0], cipherText);"
            + "  });"
            + "}).then(function(result) {"
            + "  done(ticket, null, new Int8Array(result));"
            + "}, function(error) {"
            + "  done(ticket, error && error.name ? String(error.name) : 'Error', null);"
            + "});")
    public static native void ctrHmacOpen(JSObject aesKeyHandle, JSObject macKeyHandle, Int8Array nonce,
            Int8Array authPrefix, Int8Array input, int offset, int length, int tagLength, int ticket,
            Completion done);
}
