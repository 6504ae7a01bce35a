// The lab worker: loads the TeaVM-compiled SFrame code (lab-worker.js) and routes requests to it.
// Two ops live here in plain JavaScript. "withoutTransfer" removes ArrayBuffer.prototype.transfer
// from this worker for good (for the test of the fallback; use a lab of its own). "raw", the
// floor to compare SFrame against, is
// WebCrypto AES-128-GCM on the same frames with no framing at all (what LiveKit's frame encryptor
// pays per frame), measured with the same in-flight window and the same round trip. With
// "framed": true it does what LiveKit's encryptor does on top: the frame's first bytes stay clear
// and are authenticated as AAD, and the output is copied into one buffer of
// clear bytes || ciphertext || IV || trailer; the receiver decrypts from a view of that buffer.
// With "floor": true it does the least that any format with a header in front of the ciphertext
// must do on WebCrypto (SFrame's layout, RFC 9605 §4.2), and nothing else: header and metadata
// authenticated as AAD, the sealed bytes moved behind the header in one buffer, the receiver
// decrypting the view after the header. WebCrypto cannot write after a header it was given, so
// that move into a second buffer is the one cost such a format cannot avoid.
importScripts('lab-worker.js');
main([]);

function rawAesGcm(request) {
  var sizes = request.sizes;
  var frames = sizes.map(function (size, i) {
    var frame = new Uint8Array(size);
    for (var j = 0; j < size; j++) {
      frame[j] = (j * 131 + i) & 0xff;
    }
    return frame;
  });
  var keyBytes = new Uint8Array(16);
  for (var i = 0; i < 16; i++) {
    keyBytes[i] = 0xc0 + i;
  }
  return crypto.subtle.importKey('raw', keyBytes, {name: 'AES-GCM'}, false, ['encrypt', 'decrypt'])
    .then(function (key) {
      var start = performance.now();
      var next = 0;
      var counter = 0;
      var done = 0;
      var bytes = 0;
      var failures = 0;
      function lane() {
        if (performance.now() - start >= request.ms) {
          return Promise.resolve();
        }
        var frame = frames[next];
        next = (next + 1) % frames.length;
        var iv = new Uint8Array(12);
        new DataView(iv.buffer).setUint32(8, counter++);
        if (request.framed) {
          return framedRoundTrip(key, frame, iv).then(count, fail).then(lane);
        }
        if (request.floor) {
          return headerInFrontRoundTrip(key, frame, iv, counter).then(count, fail).then(lane);
        }
        return crypto.subtle.encrypt({name: 'AES-GCM', iv: iv}, key, frame)
          .then(function (sealed) {
            return crypto.subtle.decrypt({name: 'AES-GCM', iv: iv}, key, sealed);
          })
          .then(count, fail)
          .then(lane);

        function count(opened) {
          if (opened.byteLength === frame.length) {
            done++;
            bytes += frame.length;
          } else {
            failures++;
          }
        }

        function fail() {
          failures++;
        }
      }
      var lanes = [];
      for (var w = 0; w < request.window; w++) {
        lanes.push(lane());
      }
      return Promise.all(lanes).then(function () {
        return {backend: 'raw WebCrypto AES-GCM', frames: done, bytes: bytes, ms: performance.now() - start,
          failures: failures};
      });
    });
}

var CLEAR_BYTES = 3;

function framedRoundTrip(key, frame, iv) {
  var clear = Math.min(CLEAR_BYTES, frame.length);
  var header = frame.subarray(0, clear);
  return crypto.subtle.encrypt({name: 'AES-GCM', iv: iv, additionalData: header}, key, frame.subarray(clear))
    .then(function (cipherText) {
      var out = new Uint8Array(clear + cipherText.byteLength + iv.length + 2);
      out.set(header, 0);
      out.set(new Uint8Array(cipherText), clear);
      out.set(iv, clear + cipherText.byteLength);
      out[out.length - 2] = iv.length;
      out[out.length - 1] = 0; // key index
      var ivLength = out[out.length - 2];
      var ivStart = out.length - 2 - ivLength;
      return crypto.subtle.decrypt({name: 'AES-GCM', iv: out.subarray(ivStart, ivStart + ivLength),
        additionalData: out.subarray(0, clear)}, key, out.subarray(clear, ivStart))
        .then(function (payload) {
          var plain = new Uint8Array(clear + payload.byteLength);
          plain.set(out.subarray(0, clear), 0);
          plain.set(new Uint8Array(payload), clear);
          return plain;
        });
    });
}

// A 2-byte header (as SFrame's for KID < 8 and CTR < 256) and 3 bytes of metadata, as the
// SFrame contenders use: the AAD is header || metadata, rewritten in place for every frame.
var FLOOR_HEADER = 2;
var floorAad = new Uint8Array([0x08, 0, 0x90, 0x01, 0x02]);

function headerInFrontRoundTrip(key, frame, iv, counter) {
  var ctrByte = counter & 0xff;
  floorAad[1] = ctrByte; // WebCrypto copies the AAD during the call
  return crypto.subtle.encrypt({name: 'AES-GCM', iv: iv, additionalData: floorAad}, key, frame)
    .then(function (sealed) {
      var size = sealed.byteLength;
      var out;
      if (typeof sealed.transfer === 'function') {
        out = new Uint8Array(sealed.transfer(FLOOR_HEADER + size));
        out.copyWithin(FLOOR_HEADER, 0, size);
      } else {
        out = new Uint8Array(FLOOR_HEADER + size);
        out.set(new Uint8Array(sealed), FLOOR_HEADER);
      }
      out[0] = 0x08;
      out[1] = ctrByte;
      floorAad[1] = out[1]; // the receiver's AAD starts with the header it read
      return crypto.subtle.decrypt({name: 'AES-GCM', iv: iv, additionalData: floorAad}, key,
        out.subarray(FLOOR_HEADER));
    });
}

self.onmessage = function (event) {
  var id = event.data.id;
  var request = event.data.body;
  function reply(body) {
    self.postMessage({id: id, body: body});
  }
  if (request.op === 'withoutTransfer') {
    // As in browsers before ES2024: the SFrame code must fall back to copying sealed frames.
    delete ArrayBuffer.prototype.transfer;
    reply({transfer: typeof ArrayBuffer.prototype.transfer});
    return;
  }
  if (request.op === 'raw') {
    rawAesGcm(request).then(reply, function (error) {
      reply({error: String(error)});
    });
    return;
  }
  self.conclaveLab(JSON.stringify(request), function (json) {
    reply(JSON.parse(json));
  });
};
