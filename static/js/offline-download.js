/* "Tải về để học ngoại tuyến": stores a course's page, its lessons and everything they show
   (images of every srcset size, styles, scripts) in the Cache Storage, where the service
   worker finds them offline. The offline page lists the courses kept. Hidden where service
   workers do not work: the site is the same without it. */
(function () {
  "use strict";
  var LIST_KEY = "lms-offline-courses";
  if (!("serviceWorker" in navigator) || !window.caches) { return; }

  function kept() {
    try { return JSON.parse(localStorage.getItem(LIST_KEY)) || {}; } catch (error) { return {}; }
  }

  function keep(list) { localStorage.setItem(LIST_KEY, JSON.stringify(list)); }

  /* The offline page: links to the courses kept on this device. */
  var listing = document.querySelector("[data-offline-list]");
  if (listing) {
    var courses = kept();
    Object.keys(courses).forEach(function (id) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = courses[id].url;
      link.textContent = courses[id].title;
      item.appendChild(link);
      listing.querySelector("ul").appendChild(item);
    });
    listing.hidden = !Object.keys(courses).length;
  }

  var box = document.querySelector("[data-offline-course]");
  if (!box) { return; }
  var text = box.dataset;
  var cacheName = "lms-course-" + text.course;
  var status = box.querySelector(".offline-download-status");
  var progress = box.querySelector(".offline-download-progress");
  var save = box.querySelector("[data-offline-save]");
  var remove = box.querySelector("[data-offline-remove]");

  function state(downloaded, message) {
    save.hidden = downloaded;
    save.disabled = false;
    remove.hidden = !downloaded;
    progress.hidden = true;
    status.textContent = message || (downloaded ? text.msgDone : "");
  }

  function step(done, total) {
    progress.hidden = false;
    progress.max = total;
    progress.value = done;
    status.textContent = text.msgLoading.replace("%(done)s", done).replace("%(total)s", total);
  }

  function sameOrigin(url) {
    var absolute = new URL(url, location.href);
    return absolute.origin === location.origin ? absolute.pathname + absolute.search : null;
  }

  /* Every file a page shows: <img>/<source> srcset candidates, styles, scripts, icons. */
  function assetsOf(html, found) {
    var page = new DOMParser().parseFromString(html, "text/html");
    page.querySelectorAll("img[src], script[src], link[rel=stylesheet], link[rel=icon]").forEach(function (node) {
      found.add(node.getAttribute("src") || node.getAttribute("href"));
    });
    page.querySelectorAll("[srcset]").forEach(function (node) {
      node.getAttribute("srcset").split(",").forEach(function (candidate) {
        var url = candidate.trim().split(/\s+/)[0];
        if (url) { found.add(url); }
      });
    });
  }

  function store(cache, url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return cache.put(url, response.clone()).then(function () { return response; });
    });
  }

  function download() {
    if (navigator.onLine === false) { state(false, text.msgFailed); return; }
    save.disabled = true;
    step(0, 1);
    var cache;
    var course;
    fetch(text.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("pages: " + response.status); }
        return response.json();
      })
      .then(function (data) {
        course = data;
        return caches.open(cacheName);
      })
      .then(function (opened) {
        cache = opened;
        var assets = new Set();
        var done = 0;
        var total = course.pages.length;
        return course.pages.reduce(function (chain, url) {
          return chain.then(function () {
            return store(cache, url).then(function (response) { return response.text(); }).then(function (html) {
              assetsOf(html, assets);
              step(++done, total);
            });
          });
        }, Promise.resolve()).then(function () {
          var files = Array.from(assets).map(sameOrigin).filter(Boolean);
          total += files.length;
          return files.reduce(function (chain, url) {
            return chain.then(function () { return store(cache, url); }).then(function () { step(++done, total); });
          }, Promise.resolve());
        });
      })
      .then(function () {
        var list = kept();
        list[text.course] = { title: course.title, url: course.pages[0] };
        keep(list);
        state(true);
      })
      .catch(function () {
        caches.delete(cacheName);
        state(false, text.msgFailed);
      });
  }

  save.addEventListener("click", download);
  remove.addEventListener("click", function () {
    caches.delete(cacheName).then(function () {
      var list = kept();
      delete list[text.course];
      keep(list);
      state(false, text.msgRemoved);
      save.focus();
    });
  });

  caches.has(cacheName).then(function (downloaded) {
    state(downloaded);
    box.hidden = false;
  });
})();
