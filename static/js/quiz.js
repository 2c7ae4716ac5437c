/* Quiz screen: saves each answer when it is given, retries until the server has it, shows
   "Đã lưu", counts down the time left and lets a learner tap a point on a hotspot image.
   No framework; the page works without this file (each screen's form saves on "next").
   With it, "next", "previous" and the screen numbers wait until every save on its way has
   been answered, then move with a plain GET when the server already holds every answer on the
   screen, and post the form (with the sequence number the last save returned) only when
   something is still unsaved; "finish" always posts, after the same wait. Leaving while a save
   was on its way let the form, or the next screen, carry a sequence number that the save then
   used up: the server refused the next write as stale (409). */
(function () {
  "use strict";
  var root = document.getElementById("quiz");
  var form = document.getElementById("quiz-form");
  if (!root || !form) { return; }
  var status = document.getElementById("quiz-status");
  var sequenceInput = form.querySelector("input[name=sequence]");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var text = root.dataset;
  var sequence = parseInt(text.sequence, 10);
  var queue = [];
  var busy = false;
  var retryDelay = 1000;
  var retryTimer = null;
  var closed = false;
  var attemptUrl = text.attemptUrl;
  var saved = {};        // question id -> its fields as the server holds them (JSON), or null
  var waiting = [];      // autosaves handed to the offline queue and not answered yet
  var idleWaiters = [];  // settle() calls waiting for the in-page queue to empty
  var generation = 0;    // grows with every autosave started: settle() waits again if it moved
  var leaving = false;

  function say(message, kind) {
    status.textContent = message;
    status.className = "quiz-saved" + (kind ? " quiz-saved-" + kind : "");
  }

  function fieldsetOf(id) {
    return form.querySelector('fieldset.question[data-question="' + id + '"]');
  }

  function noteOn(id, message, kind) {
    var fieldset = fieldsetOf(id);
    var note = fieldset && fieldset.querySelector(".question-saved");
    if (note) {
      note.textContent = message;
      note.className = "question-saved small" + (kind ? " quiz-saved-" + kind : "");
    }
  }

  function bodyFor(id) {
    var data = new FormData();
    data.append("question", id);
    data.append("sequence", String(sequence));
    var prefix = "q" + id;
    fieldsetOf(id).querySelectorAll("input, select, textarea").forEach(function (field) {
      if (!field.name || (field.name !== prefix && field.name.indexOf(prefix + "_") !== 0)) { return; }
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) { return; }
      data.append(field.name, field.value);
    });
    return data;
  }

  function wake() {
    if (!busy) { idleWaiters.splice(0).forEach(function (resolve) { resolve(); }); }
  }

  function retryLater() {
    busy = false;
    wake();
    say(text.msgRetry, "wait");
    clearTimeout(retryTimer);
    retryTimer = setTimeout(send, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 15000);
  }

  function send() {
    if (busy || closed || !queue.length) { wake(); return; }
    busy = true;
    var id = queue[0];
    var body = bodyFor(id);
    var sent = snapshot(id);
    say(text.msgSaving, "wait");
    fetch(text.saveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      if (response.status >= 500 || response.status === 429 || response.status === 0) {
        retryLater();
        return null;
      }
      return response.json().then(function (data) {
        busy = false;
        retryDelay = 1000;
        queue.shift();
        if (data.ok) {
          sequence = data.sequence;
          sequenceInput.value = String(sequence);
          saved[id] = sent;
          noteOn(id, data.message, "ok");
          say(queue.length ? text.msgSaving : data.message, queue.length ? "wait" : "ok");
        } else {
          noteOn(id, data.error, "error");
          say(data.error, "error");
          if (data.code === "late" || data.code === "finished") { closed = true; }
        }
        send();
      });
    }).catch(retryLater);
  }

  function incomplete(id) {
    // A hotspot point needs both coordinates: a keyboard user types x, then moves on to y.
    var fieldset = fieldsetOf(id);
    if (!fieldset || fieldset.dataset.type !== "hotspot") { return false; }
    return Array.prototype.some.call(fieldset.querySelectorAll(".hotspot-inputs input"), function (input) {
      return input.value === "";
    });
  }

  /* With js/offline.js, an answer is kept in IndexedDB until the server has it: it survives
     closing the page and is sent when the connection returns (the attempt's sequence number
     is filled in when it is sent). */
  var offline = window.LmsOffline && window.indexedDB ? window.LmsOffline : null;

  function fieldsFor(id) {
    var fields = [];
    bodyFor(id).forEach(function (value, name) { if (name !== "sequence") { fields.push([name, value]); } });
    return fields;
  }

  function snapshot(id) { return JSON.stringify(fieldsFor(id)); }

  /* Whether the server holds what the screen shows for this question: the fields as last
     saved (or as rendered, for an answer saved before), or nothing at all for a question left
     blank (the server stores no answer for it either). An untouched ordering question is not
     blank: the form saves its order, so it is unsaved until then. */
  function isSaved(id) {
    if (saved[id] !== null) { return snapshot(id) === saved[id]; }
    return fieldsFor(id).every(function (pair) {
      return pair[0] === "question" || String(pair[1]).trim() === "";
    });
  }

  form.querySelectorAll("fieldset.question").forEach(function (fieldset) {
    var id = fieldset.dataset.question;
    saved[id] = fieldset.hasAttribute("data-answered") ? snapshot(id) : null;
  });

  function answered(id, data, fields) {
    if (data.ok) {
      sequence = Math.max(sequence, data.sequence);
      sequenceInput.value = String(sequence);
      if (fields && saved.hasOwnProperty(id)) { saved[id] = JSON.stringify(fields); }
      noteOn(id, data.message, "ok");
      say(data.message, "ok");
    } else {
      noteOn(id, data.error, "error");
      say(data.error, "error");
    }
  }

  if (offline) {
    offline.on(function (event) {
      if (event.type === "sent" && event.item.url === text.saveUrl && event.item.question) {
        answered(event.item.question, event.data, event.item.fields);
      }
    });
  }

  function pendingFor(id) {
    return offline ? waiting.some(function (entry) { return entry.id === id; }) : queue.indexOf(id) >= 0;
  }

  function enqueue(id) {
    if (incomplete(id)) { return; }
    // The server already holds this (e.g. the change event when a typed answer loses focus).
    if (!pendingFor(id) && isSaved(id)) { return; }
    generation += 1;
    if (offline) {
      noteOn(id, "", "");
      say(text.msgSaving, "wait");
      var entry = { id: id };
      entry.done = offline.submit({
        url: text.saveUrl, kind: "quiz", attempt: text.attempt, question: id,
        sequence: sequence, csrf: csrf, fields: fieldsFor(id)
      }).then(function (result) {
        if (result.queued) { say(text.msgRetry, "wait"); }
      }, function () { say(text.msgRetry, "wait"); }).then(function () {
        waiting.splice(waiting.indexOf(entry), 1);
      });
      waiting.push(entry);
      return;
    }
    var position = queue.indexOf(id);
    // Already waiting (not in flight): it will be sent with its latest value.
    if (position > 0 || (position === 0 && !busy)) { return; }
    queue.push(id);
    noteOn(id, "", "");
    send();
  }

  function questionOf(element) {
    var fieldset = element.closest && element.closest("fieldset.question");
    return fieldset ? fieldset.dataset.question : null;
  }

  form.addEventListener("change", function (event) {
    var id = questionOf(event.target);
    if (id) { enqueue(id); }
  });
  var typing = {};
  form.addEventListener("input", function (event) {
    var id = questionOf(event.target);
    if (!id || event.target.tagName !== "INPUT" || event.target.type === "radio" || event.target.type === "checkbox") { return; }
    clearTimeout(typing[id]);
    typing[id] = setTimeout(function () { delete typing[id]; enqueue(id); }, 1200);
  });
  window.addEventListener("online", function () {
    if (queue.length) { retryDelay = 1000; clearTimeout(retryTimer); busy = false; send(); }
  });
  window.addEventListener("beforeunload", function (event) {
    if (queue.length && !form.dataset.submitting) { event.preventDefault(); event.returnValue = ""; }
  });

  function screenUrl(number) {
    return parseInt(number, 10) > 1 ? attemptUrl + "?cau=" + number : attemptUrl;
  }

  /* Resolves once no autosave of this page is on its way: typed answers still in their pause
     go now, and an autosave started meanwhile is waited for too. */
  function settle() {
    Object.keys(typing).forEach(function (id) { clearTimeout(typing[id]); delete typing[id]; enqueue(id); });
    var round = generation;
    var idle = offline
      ? Promise.all(waiting.map(function (entry) { return entry.done; })).then(function () {
        return offline.flush();  // also waits for a send of the queue already under way
      })
      : new Promise(function (resolve) { idleWaiters.push(resolve); wake(); });
    return idle.then(function () { return round === generation ? null : settle(); });
  }

  function unsaved() {
    var left = Object.keys(saved).filter(function (id) { return !isSaved(id); }).length;
    if (!offline) { return Promise.resolve(left + queue.length); }
    return offline.pending().then(function (items) {
      return left + items.filter(function (item) { return String(item.attempt) === String(text.attempt); }).length;
    });
  }

  function post(button) {
    form.dataset.submitting = "1";
    if (form.requestSubmit) { form.requestSubmit(button || undefined); return; }
    if (button && button.name) {
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = button.name;
      field.value = button.value;
      form.appendChild(field);
    }
    if (button && button.hasAttribute("formaction")) { form.action = button.formAction; }
    form.submit();
  }

  function leave(button) {
    leaving = true;
    say(text.msgSaving, "wait");
    // A save that never answers (a stalled connection) must not keep the learner here: after
    // a while the form goes as it would without JavaScript, carrying every answer itself.
    var patience = new Promise(function (resolve) { setTimeout(resolve, 10000); });
    Promise.race([settle(), patience]).then(unsaved).then(function (left) {
      var move = button && button.name === "go" && !button.hasAttribute("formaction");
      if (move && !left && button.value === form.elements.cau.value) {
        leaving = false;  // "Lưu câu trả lời" on the screen shown, and all is saved already
        say(text.msgSaved, "ok");
      } else if (move && !left) {
        form.dataset.submitting = "1";
        location.assign(screenUrl(button.value));
      } else {
        post(button);
      }
    }).catch(function () { post(button); });
  }

  /* Back to this page from the browser's history cache: it may be left again. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { leaving = false; delete form.dataset.submitting; }
  });

  form.addEventListener("submit", function (event) {
    if (form.dataset.submitting) { return; }  // the post chosen below, or time is up
    /* Offline, the answers are already kept: move between screens seen before (the service
       worker has them); finishing waits for the connection. */
    if (offline && navigator.onLine === false) {
      event.preventDefault();
      var button = event.submitter;
      if (button && button.name === "go") {
        location.href = screenUrl(button.value);
      } else {
        say(text.msgFinishOnline, "error");
      }
      return;
    }
    if (!("submitter" in event)) { form.dataset.submitting = "1"; return; }  // an old browser
    event.preventDefault();
    if (!leaving) { leave(event.submitter); }
  });

  /* Hotspot: a tap or click puts the point; the x/y inputs stay for keyboards and readers. */
  function placeMarker(box, x, y) {
    var marker = box.querySelector(".hotspot-marker");
    if (x === "" || y === "" || isNaN(x) || isNaN(y)) { marker.hidden = true; return; }
    marker.style.left = x + "%";
    marker.style.top = y + "%";
    marker.hidden = false;
  }
  form.querySelectorAll("[data-hotspot]").forEach(function (box) {
    var id = box.dataset.hotspot;
    var image = box.querySelector("img");
    var inputX = form.querySelector('input[name="q' + id + '_x"]');
    var inputY = form.querySelector('input[name="q' + id + '_y"]');
    placeMarker(box, parseFloat(inputX.value), parseFloat(inputY.value));
    image.addEventListener("click", function (event) {
      var rect = image.getBoundingClientRect();
      var x = Math.round(((event.clientX - rect.left) / rect.width) * 1000) / 10;
      var y = Math.round(((event.clientY - rect.top) / rect.height) * 1000) / 10;
      inputX.value = String(Math.min(100, Math.max(0, x)));
      inputY.value = String(Math.min(100, Math.max(0, y)));
      placeMarker(box, x, y);
      enqueue(id);
    });
    [inputX, inputY].forEach(function (input) {
      input.addEventListener("change", function () {
        placeMarker(box, parseFloat(inputX.value), parseFloat(inputY.value));
      });
    });
  });

  /* Countdown from the server's "seconds left" (the deadline is the server's clock). */
  var countdown = document.getElementById("quiz-countdown");
  if (countdown && text.secondsLeft !== undefined) {
    var endsAt = Date.now() + parseInt(text.secondsLeft, 10) * 1000;
    var finish = document.getElementById("quiz-finish");
    var tick = function () {
      var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      countdown.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (left === 0) {
        clearInterval(timer);
        say(text.msgTimeUp, "error");
        form.dataset.submitting = "1";
        if (finish && form.requestSubmit && navigator.onLine !== false) { form.requestSubmit(finish); }
      }
    };
    var timer = setInterval(tick, 1000);
    tick();
  }
})();
