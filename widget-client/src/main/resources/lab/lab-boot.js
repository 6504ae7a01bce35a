// The lab worker: loads the TeaVM-compiled SFrame code (lab-worker.js) and routes requests to it.
// One op lives here in plain JavaScript: "raw", the floor to compare SFrame against, which is
// WebCrypto AES-128-GCM on the same frames with no framing at all (what LiveKit's frame encryptor
// pays per frame), measured with the same in-flight window and the same round trip.
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
        return crypto.subtle.encrypt({name: 'AES-GCM', iv: iv}, key, frame)
          .then(function (sealed) {
            return crypto.subtle.decrypt({name: 'AES-GCM', iv: iv}, key, sealed);
          })
          .then(function (opened) {
            if (opened.byteLength === frame.length) {
              done++;
              bytes += frame.length;
            } else {
              failures++;
            }
          }, function () {
            failures++;
          })
          .then(lane);
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

self.onmessage = function (event) {
  var id = event.data.id;
  var request = event.data.body;
  function reply(body) {
    self.postMessage({id: id, body: body});
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
