/* The service worker (served by lms.views.service_worker with this deploy's hashed static URLs).
   Pages: from the network; offline, from a downloaded course's cache, else the offline page.
   Static files: from the cache first (their names change with their content). Quiz screens
   seen online are kept so that an attempt started online can go on offline. Queued actions
   (js/offline.js) are sent on "sync" too. No library. */
"use strict";
var VERSION = "{{ version }}";
var STATIC_CACHE = "lms-static-" + VERSION;
var PAGES_CACHE = "lms-pages";
var OFFLINE_URL = {{ offline_url|safe }};
var PRECACHE = {{ precache|safe }};
var STATIC_PREFIX = {{ static_prefix|safe }};
var MEDIA_PREFIX = {{ media_prefix|safe }};
var QUIZ_SCREEN = /^\/kiem-tra\/lan\/\d+\/$/;
importScripts({{ queue_script|safe }});

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then(function (cache) { return cache.addAll(PRECACHE); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("lms-static-") === 0 && name !== STATIC_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function fromCache(request) {
  return caches.match(request, { ignoreVary: true });
}

function offlinePage(request) {
  return fromCache(request).then(function (hit) {
    return hit || fromCache(OFFLINE_URL);
  }).then(function (response) { return response || Response.error(); });
}

/* A page seen online replaces its downloaded copy: the copy stays current (progress, tokens). */
function refresh(request, response) {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("lms-course-") === 0;
    }).map(function (name) {
      return caches.open(name).then(function (cache) {
        return cache.match(request, { ignoreVary: true }).then(function (hit) {
          return hit && cache.put(request, response.clone());
        });
      });
    }));
  });
}

function page(event, request, url) {
  if (!self.navigator.onLine) { return offlinePage(request); }
  return fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      if (QUIZ_SCREEN.test(url.pathname)) {
        event.waitUntil(caches.open(PAGES_CACHE).then(function (cache) { return cache.put(request, copy); }));
      } else {
        event.waitUntil(refresh(request, copy));
      }
    }
    return response;
  }, function () { return offlinePage(request); });
}

function asset(request, url) {
  return fromCache(request).then(function (hit) {
    if (hit) { return hit; }
    return fetch(request).then(function (response) {
      if (response.ok && url.pathname.indexOf(STATIC_PREFIX) === 0) {
        var copy = response.clone();
        caches.open(STATIC_CACHE).then(function (cache) { return cache.put(request, copy); });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.indexOf("/admin/") === 0) { return; }
  if (request.mode === "navigate") {
    event.respondWith(page(event, request, url));
  } else if (url.pathname.indexOf(STATIC_PREFIX) === 0 || url.pathname.indexOf(MEDIA_PREFIX) === 0) {
    event.respondWith(asset(request, url));
  }
});

self.addEventListener("sync", function (event) {
  if (event.tag === self.LmsOffline.SYNC_TAG) { event.waitUntil(self.LmsOffline.flush(true)); }
});
