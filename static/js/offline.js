/* Offline queue: a progress mark or a quiz answer given offline is kept in IndexedDB with an
   idempotency key and sent when the connection returns (the "online" event, the next page
   load, or the service worker's background sync). The server answers a repeated key with its
   first answer, so sending twice is harmless (lms/idempotency.py). Runs in pages (with the
   "Đã lưu" / "Đang chờ gửi (2)" indicator) and in the service worker (importScripts). */
(function (scope) {
  "use strict";
  var SYNC_TAG = "lms-queue";
  var TRANSIENT = [401, 403, 408, 429];
  var dbPromise = null;
  var listeners = [];
  var results = {};
  var flushing = null;
  var ready = Promise.resolve();
  var kick = function () { return flush(); };  // in a page: flush, and retry while online
  var channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("lms-offline") : null;

  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open("lms-offline", 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore("queue", { keyPath: "key" });
          request.result.createObjectStore("meta");
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }

  function run(store, mode, action) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var transaction = database.transaction(store, mode);
        var request = action(transaction.objectStore(store));
        transaction.oncomplete = function () { resolve(request && request.result); };
        transaction.onerror = function () { reject(transaction.error); };
      });
    });
  }

  function meta(name, value) {
    if (value === undefined) { return run("meta", "readonly", function (s) { return s.get(name); }); }
    return run("meta", "readwrite", function (s) { return s.put(value, name); });
  }

  function items() {
    return Promise.all([run("queue", "readonly", function (s) { return s.getAll(); }), meta("user")])
      .then(function (found) {
        return found[0].filter(function (item) { return item.user === found[1]; })
          .sort(function (a, b) { return a.at - b.at; });
      });
  }

  function uuid() {
    if (scope.crypto.randomUUID) { return scope.crypto.randomUUID(); }
    var b = scope.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var hex = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function emit(event) {
    listeners.forEach(function (listener) { listener(event); });
    if (channel) { channel.postMessage(event); }
  }

  function freshToken(item) {
    var field = scope.document && scope.document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : item.csrf;
  }

  function sendOne(item) {
    var body = new FormData();
    (item.fields || []).forEach(function (pair) { body.append(pair[0], pair[1]); });
    var sequence = item.attempt ? meta("seq:" + item.attempt) : Promise.resolve(null);
    return sequence.then(function (known) {
      if (item.attempt) { body.append("sequence", String(Math.max(known || 0, item.sequence || 0))); }
      return fetch(item.url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": freshToken(item), "Accept": "application/json", "Idempotency-Key": item.key }
      });
    }).then(function (response) {
      if (response.status >= 500 || TRANSIENT.indexOf(response.status) >= 0) {
        throw new Error("retry later");
      }
      return response.json().then(function (data) {
        var done = run("queue", "readwrite", function (s) { return s.delete(item.key); });
        if (item.attempt && data.sequence) {
          done = done.then(function () { return meta("seq:" + item.attempt); }).then(function (known) {
            return meta("seq:" + item.attempt, Math.max(known || 0, data.sequence));
          });
        }
        return done.then(function () {
          results[item.key] = data;
          emit({ type: "sent", item: item, data: data });
        });
      });
    });
  }

  function flushOnce() {
    if (scope.navigator.onLine === false) { return items().then(function (left) { return left.length; }); }
    // One sender at a time across pages and the service worker: no item goes out twice at once.
    if (scope.navigator.locks) { return scope.navigator.locks.request("lms-offline-queue", sendAll); }
    return sendAll();
  }

  function sendAll() {
    return items().then(function (queued) {
      return queued.reduce(function (chain, item) {
        return chain.then(function () { return sendOne(item); });
      }, Promise.resolve());
    }).then(function () { return 0; }, function () {
      return items().then(function (left) { return left.length; });
    });
  }

  /* Sends what is queued, in order; resolves with how many are left. In the service worker,
     `strict` rejects when some are left, so that the browser tries the sync again later. */
  function flush(strict) {
    var next = (flushing || ready).then(flushOnce);
    flushing = next.then(function (left) {
      emit({ type: "changed", left: left });
      return left;
    });
    return flushing.then(function (left) {
      if (strict && left) { throw new Error("queued actions left"); }
      return left;
    });
  }

  /* Keep an action and try to send it now: resolves with {data} once the server answered or
     {queued: true} while it waits for the connection. */
  function submit(action) {
    action.key = uuid();
    action.at = Date.now() + Math.random();
    return ready.then(function () { return meta("user"); }).then(function (user) {
      action.user = user;
      return run("queue", "readwrite", function (s) { return s.put(action); });
    }).then(function () {
      emit({ type: "changed" });
      return kick();
    }).then(function () {
      var data = results[action.key];
      delete results[action.key];
      if (data) { return { data: data }; }
      if (scope.navigator.serviceWorker) {
        scope.navigator.serviceWorker.ready.then(function (registration) {
          return registration.sync && registration.sync.register(SYNC_TAG);
        }).catch(function () { /* no background sync: the next page or "online" sends it */ });
      }
      return { queued: true };
    });
  }

  var api = {
    SYNC_TAG: SYNC_TAG,
    submit: submit,
    flush: flush,
    pending: items,
    meta: meta,
    on: function (listener) { listeners.push(listener); }
  };
  scope.LmsOffline = api;
  if (!scope.document || !scope.indexedDB) { return; }

  /* --- in a page ------------------------------------------------------------------------ */
  var doc = scope.document;
  var script = doc.currentScript;
  var status = doc.getElementById("offline-status");
  var text = status ? status.dataset : {};
  var user = script.dataset.user || "";
  var sentSomething = false;
  if (channel) { channel.onmessage = function (message) { listeners.forEach(function (l) { l(message.data); }); }; }

  var lastError = "";

  function show() {
    if (!status) { return; }
    items().then(function (left) {
      var message = left.length ? text.msgPending.replace("%(count)s", left.length) : lastError || (sentSomething ? text.msgSaved : "");
      status.textContent = message;
      status.className = "offline-status" + (lastError && !left.length ? " offline-status-error" : "");
      status.hidden = !message;
    });
  }

  api.on(function (event) {
    if (event.type === "sent") {
      sentSomething = true;
      lastError = event.data && event.data.ok === false ? event.data.error : "";
    }
    show();
  });

  /* The person at this browser changed: what the last one kept must not be shown to them. */
  ready = meta("user").then(function (previous) {
    if (previous === user) { return; }
    var clear = previous ? scope.caches.keys().then(function (names) {
      scope.localStorage.removeItem("lms-offline-courses");
      return Promise.all(names.filter(function (name) {
        return name === "lms-pages" || name.indexOf("lms-course-") === 0;
      }).map(function (name) { return scope.caches.delete(name); }));
    }) : Promise.resolve();
    return clear.then(function () { return meta("user", user); });
  });

  if ("serviceWorker" in scope.navigator && script.dataset.sw) {
    scope.navigator.serviceWorker.register(script.dataset.sw, { scope: "/" })
      .catch(function () { /* not installable here (e.g. plain http): the site still works */ });
  }

  /* "Hoàn thành bài học" offline: queued. Online the form posts as it always did (the page
     comes back with the new progress). */
  doc.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-offline-queue") || scope.navigator.onLine !== false) { return; }
    event.preventDefault();
    var button = form.querySelector("button");
    if (button) { button.disabled = true; }
    submit({ url: form.action, kind: form.dataset.offlineQueue, csrf: form.elements.csrfmiddlewaretoken.value, fields: [] })
      .then(function (result) { settle(form, result); });
  });

  function settle(form, result) {
    var note = doc.createElement("p");
    note.setAttribute("role", "status");
    if (result.queued) {
      note.className = "notice";
      note.textContent = form.dataset.msgQueued;
    } else {
      note.className = result.data.ok ? "notice notice-ok" : "notice notice-warning";
      note.textContent = result.data.ok ? result.data.message : result.data.error;
    }
    form.replaceWith(note);
  }

  /* A mark still waiting from an earlier visit (a downloaded page shows the old button). */
  ready.then(items).then(function (queued) {
    doc.querySelectorAll("form[data-offline-queue]").forEach(function (form) {
      if (queued.some(function (item) { return item.url === form.action; })) {
        settle(form, { queued: true });
      }
    });
  });

  /* Forms that need the server (starting a timed quiz) wait for the connection. */
  function network() {
    doc.querySelectorAll("form[data-needs-network] button").forEach(function (button) {
      button.disabled = scope.navigator.onLine === false;
    });
  }
  network();
  scope.addEventListener("offline", network);
  /* The server or the connection failed while online (a weak signal): try again later. */
  var retryDelay = 5000;
  var retryTimer = null;
  function flushAndRetry() {
    clearTimeout(retryTimer);
    return flush().then(function (left) {
      if (left && scope.navigator.onLine !== false) {
        retryTimer = setTimeout(flushAndRetry, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 120000);
      } else {
        retryDelay = 5000;
      }
      return left;
    });
  }
  kick = flushAndRetry;
  scope.addEventListener("online", function () { network(); retryDelay = 5000; flushAndRetry(); });
  ready.then(flushAndRetry).then(show);
})(self);
