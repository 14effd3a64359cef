// boot.js loads the Go WebAssembly module with a progress bar, says plainly
// when the browser cannot run it, and registers the service worker that
// makes the next visit work offline.
//
// cmd/build writes the module's fingerprinted name into data-wasm and its
// uncompressed size into data-wasm-size: the bar counts uncompressed bytes,
// because Content-Length is the compressed size when brotli is sent (and
// absent when the service worker or the offline file supplies the module).
// The offline single file carries the module inline instead, gzip-compressed
// and base64-encoded in a data block: the script element of type
// application/gzip whose id is wasm-gzip.
(function () {
  "use strict";
  var script = document.currentScript;
  var message = document.getElementById("boot-message");
  var progress = document.getElementById("boot-progress");
  // The page picks its language in Go, which may not get to run: the
  // messages here follow the same rule (the language chosen last time,
  // else the browser's), so that a student reading Chinese is told why
  // in Chinese.
  var zh = /^zh/.test(navigator.language || "");
  try {
    var saved = localStorage.getItem("lang");
    if (saved === "en" || saved === "zh") zh = saved === "zh";
  } catch (e) {
    // Storage refused (private browsing, file://): the browser's language.
  }
  function fail(en, cn) {
    message.textContent = zh ? cn : en;
    if (zh) message.lang = "zh-Hans";
    message.className = "error";
    if (progress) progress.remove();
  }
  // Current browsers have WebAssembly unless it is turned off (Lockdown
  // Mode on Apple devices, a security setting or an administrator's
  // policy), so the message names that first.
  if (typeof WebAssembly !== "object") {
    fail("This browser cannot run WebAssembly, which TCP Playground needs: it is turned off (for example by Lockdown Mode on an iPhone, iPad or Mac, or by a security setting or policy), or the browser is too old. Use a current Chrome, Firefox, Safari or Edge with WebAssembly allowed.",
      "此浏览器无法运行 TCP 实验台所需的 WebAssembly：它被关闭了（例如 iPhone、iPad 或 Mac 的锁定模式，或某项安全设置或策略），或者浏览器版本太旧。请使用允许 WebAssembly 的新版 Chrome、Firefox、Safari 或 Edge。");
    return;
  }
  if (typeof Go !== "function") {
    fail("TCP Playground could not start: its script wasm_exec.js did not load. Reload the page.",
      "TCP 实验台无法启动：脚本 wasm_exec.js 没有加载。请重新加载页面。");
    return;
  }
  var size = Number(script.getAttribute("data-wasm-size")) || 0;
  var inline = document.getElementById("wasm-gzip");

  // counted passes the module through unchanged, moving the bar with each
  // chunk, so that it can still be compiled while it downloads.
  function counted(body) {
    var reader = body.getReader(), got = 0;
    return new Response(new ReadableStream({
      pull: function (ctrl) {
        return reader.read().then(function (r) {
          if (r.done) {
            if (progress) progress.value = 100;
            ctrl.close();
            return;
          }
          got += r.value.length;
          if (progress && size) progress.value = Math.min(100, 100 * got / size);
          ctrl.enqueue(r.value);
        });
      }
    }), {headers: {"Content-Type": "application/wasm"}});
  }

  var module;
  if (inline) {
    if (typeof DecompressionStream !== "function") {
      fail("This browser is too old to open the offline file (it has no DecompressionStream). Use a current Chrome, Firefox, Safari or Edge.",
        "此浏览器版本太旧，无法打开离线文件（缺少 DecompressionStream）。请使用新版 Chrome、Firefox、Safari 或 Edge。");
      return;
    }
    var text = atob(inline.textContent.trim()), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    module = Promise.resolve(counted(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))));
  } else {
    var src = script.getAttribute("data-wasm") || "app.wasm";
    module = fetch(src).then(function (resp) {
      if (!resp.ok) throw new Error("could not load " + src + ": HTTP " + resp.status);
      return resp.body ? counted(resp.body) : resp;
    });
  }
  var go = new Go();
  module.then(function (resp) {
    if (WebAssembly.instantiateStreaming) return WebAssembly.instantiateStreaming(resp, go.importObject);
    return resp.arrayBuffer().then(function (b) { return WebAssembly.instantiate(b, go.importObject); });
  }).then(function (result) {
    registerWorker();
    go.run(result.instance);
  }).catch(function (err) {
    fail("TCP Playground could not start: " + err.message, "TCP 实验台无法启动：" + err.message);
  });

  // registerWorker installs the service worker once the module has arrived,
  // so that its precaching finds the module in the HTTP cache instead of
  // downloading it a second time while the page starts. Never from file://
  // (the offline file needs no worker, and browsers refuse one there).
  function registerWorker() {
    if (!("serviceWorker" in navigator) || location.protocol === "file:" || inline) return;
    navigator.serviceWorker.register("sw.js").catch(function (err) {
      console.warn("TCP Playground will not work offline: " + err.message);
    });
  }
})();
