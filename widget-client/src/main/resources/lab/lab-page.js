// The lab page: starts the lab worker and exposes window.lab.run(request) -> Promise of the reply.
(function () {
  'use strict';
  var worker = new Worker('lab-boot.js');
  var pending = {};
  var nextId = 1;
  worker.onmessage = function (event) {
    var reply = event.data;
    var resolve = pending[reply.id];
    delete pending[reply.id];
    if (resolve) {
      resolve(reply.body);
    }
  };
  worker.onerror = function (event) {
    Object.keys(pending).forEach(function (id) {
      pending[id]({error: 'worker error: ' + event.message});
      delete pending[id];
    });
  };
  window.lab = {
    run: function (request) {
      var id = nextId++;
      return new Promise(function (resolve) {
        pending[id] = resolve;
        worker.postMessage({id: id, body: request});
      });
    }
  };
})();
