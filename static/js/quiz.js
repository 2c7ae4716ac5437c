/* Quiz screen: saves each answer when it is given, retries until the server has it, shows
   "Đã lưu", counts down the time left and lets a learner tap a point on a hotspot image.
   No framework; the page works without this file (each screen's form saves on "next"). */
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

  function retryLater() {
    busy = false;
    say(text.msgRetry, "wait");
    clearTimeout(retryTimer);
    retryTimer = setTimeout(send, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 15000);
  }

  function send() {
    if (busy || closed || !queue.length) { return; }
    busy = true;
    var id = queue[0];
    say(text.msgSaving, "wait");
    fetch(text.saveUrl, {
      method: "POST",
      body: bodyFor(id),
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

  function answered(id, data) {
    if (data.ok) {
      sequence = Math.max(sequence, data.sequence);
      sequenceInput.value = String(sequence);
      noteOn(id, data.message, "ok");
      say(data.message, "ok");
    } else {
      noteOn(id, data.error, "error");
      say(data.error, "error");
    }
  }

  function fieldsFor(id) {
    var fields = [];
    bodyFor(id).forEach(function (value, name) { if (name !== "sequence") { fields.push([name, value]); } });
    return fields;
  }

  if (offline) {
    offline.on(function (event) {
      if (event.type === "sent" && event.item.url === text.saveUrl && event.item.question) {
        answered(event.item.question, event.data);
      }
    });
  }

  function enqueue(id) {
    if (incomplete(id)) { return; }
    if (offline) {
      noteOn(id, "", "");
      say(text.msgSaving, "wait");
      offline.submit({
        url: text.saveUrl, kind: "quiz", attempt: text.attempt, question: id,
        sequence: sequence, csrf: csrf, fields: fieldsFor(id)
      }).then(function (result) {
        if (result.queued) { say(text.msgRetry, "wait"); }
      });
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
    typing[id] = setTimeout(function () { enqueue(id); }, 1200);
  });
  window.addEventListener("online", function () {
    if (queue.length) { retryDelay = 1000; clearTimeout(retryTimer); busy = false; send(); }
  });
  window.addEventListener("beforeunload", function (event) {
    if (queue.length && !form.dataset.submitting) { event.preventDefault(); event.returnValue = ""; }
  });
  form.addEventListener("submit", function (event) {
    /* Offline, the answers are already kept: move between screens seen before (the service
       worker has them); finishing waits for the connection. */
    if (offline && navigator.onLine === false) {
      event.preventDefault();
      var button = event.submitter;
      if (button && button.name === "go") {
        location.href = location.pathname + "?cau=" + button.value;
      } else {
        say(text.msgFinishOnline, "error");
      }
      return;
    }
    form.dataset.submitting = "1";
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
