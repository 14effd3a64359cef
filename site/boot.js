// boot.js loads the Go WebAssembly module with a progress bar, and says
// plainly when the browser cannot run it. The file name of the module is
// written into data-wasm by cmd/build (it is fingerprinted).
(function () {
  "use strict";
  var message = document.getElementById("boot-message");
  var progress = document.getElementById("boot-progress");
  function fail(text) {
    message.textContent = text;
    message.className = "error";
    if (progress) progress.remove();
  }
  if (typeof WebAssembly !== "object" || typeof Go !== "function") {
    fail("This browser cannot run WebAssembly, which TCP Playground needs. Please use a current Chrome, Firefox, Safari or Edge.");
    return;
  }
  var src = document.currentScript.getAttribute("data-wasm") || "app.wasm";
  fetch(src).then(function (resp) {
    if (!resp.ok) throw new Error("could not load " + src + ": HTTP " + resp.status);
    var total = Number(resp.headers.get("Content-Length")) || 0;
    if (!resp.body || !total) return resp.arrayBuffer();
    var reader = resp.body.getReader(), chunks = [], got = 0;
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) {
          var all = new Uint8Array(got), off = 0;
          chunks.forEach(function (c) { all.set(c, off); off += c.length; });
          return all.buffer;
        }
        chunks.push(r.value); got += r.value.length;
        progress.value = Math.min(100, 100 * got / total);
        return pump();
      });
    }
    return pump();
  }).then(function (bytes) {
    var go = new Go();
    return WebAssembly.instantiate(bytes, go.importObject).then(function (result) {
      go.run(result.instance);
    });
  }).catch(function (err) {
    fail("TCP Playground could not start: " + err.message);
  });
})();
