// The lab page: exposes window.lab.run(request) -> Promise of the reply. Each AEAD backend gets a
// worker of its own, as in Conclave, where a frame worker runs one backend: in one shared worker
// the JIT would see both backends at the same call sites, which no real worker does. Requests
// without a backend ("raw", "withoutTransfer") go to the WebCrypto worker.
(function () {
  'use strict';
  var workers = {};
  var pending = {};
  var nextId = 1;

  function workerFor(backend) {
    var name = backend === 'bc' ? 'bc' : 'webcrypto';
    if (!workers[name]) {
      var worker = new Worker('lab-boot.js');
      worker.onmessage = function (event) {
        var reply = event.data;
        var entry = pending[reply.id];
        delete pending[reply.id];
        if (entry) {
          entry.resolve(reply.body);
        }
      };
      worker.onerror = function (event) {
        Object.keys(pending).forEach(function (id) {
          if (pending[id].worker === worker) {
            pending[id].resolve({error: 'worker error: ' + event.message});
            delete pending[id];
          }
        });
      };
      workers[name] = worker;
    }
    return workers[name];
  }

  window.lab = {
    run: function (request) {
      var id = nextId++;
      var worker = workerFor(request.backend);
      return new Promise(function (resolve) {
        pending[id] = {resolve: resolve, worker: worker};
        worker.postMessage({id: id, body: request});
      });
    }
  };
})();
