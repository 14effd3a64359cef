// sw.js: the service worker that lets TCP Playground open with no network
// after one visit. cmd/build writes VERSION (a hash of the whole site) and
// ASSETS (every fingerprinted file) into the two lines below.
//
// Fingerprinted assets never change under their name, so they are served
// from the cache first. The page keeps its name and is served no-cache, so
// it comes from the network first (a new version is seen at once) and from
// the cache when the network is down. Installing a new version precaches it
// whole, and activating it deletes every older cache.
"use strict";
var VERSION = "dev";
var ASSETS = [];

var PREFIX = "tcpplayground-";
var CACHE = PREFIX + VERSION;
var PAGE = new URL("./", self.registration.scope).href;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll([PAGE].concat(ASSETS));
  }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf(PREFIX) === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () {
    return self.clients.claim();
  }));
});

self.addEventListener("fetch", function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/assets/") >= 0) {
    event.respondWith(caches.match(req).then(function (hit) {
      return hit || fetch(req).then(function (resp) {
        keep(event, req, resp);
        return resp;
      });
    }));
    return;
  }
  // The page (whatever its query; the scenario is in the fragment, which
  // never reaches here) and the other named files.
  var here = url.origin + url.pathname;
  var key = here === PAGE || here === PAGE + "index.html" ? PAGE : req;
  event.respondWith(fetch(req).then(function (resp) {
    keep(event, key, resp);
    return resp;
  }).catch(function (err) {
    return caches.match(key, {ignoreSearch: true}).then(function (hit) {
      if (hit) return hit;
      throw err;
    });
  }));
});

// keep stores a copy of a good response in this version's cache. The
// fetch event waits for it, so the browser cannot stop the worker while
// the copy (the module is megabytes) is still being written.
function keep(event, key, resp) {
  if (!resp.ok) return;
  var copy = resp.clone();
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(key, copy); }));
}
