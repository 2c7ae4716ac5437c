/* Wagtail admin: gives each Draftail rich-text editor the name of its field's label.
   Draftail's contenteditable textbox has no accessible name (wagtail/wagtail#14205, open):
   screen readers announce an unnamed "edit text". Remove once Wagtail names it itself. */
(function () {
  "use strict";
  function nameEditors() {
    document.querySelectorAll('.Draftail-Editor [role="textbox"]:not([aria-labelledby]):not([aria-label])').forEach(function (box) {
      // The field's <label for> points at the hidden input that Draftail replaced.
      var field = box.closest("[data-field]") || box.closest(".w-field__wrapper");
      var input = field && field.querySelector("input[id]");
      var label = input && document.querySelector('label[for="' + input.id + '"]');
      if (!label) { return; }
      if (!label.id) { label.id = "draftail-label-" + Math.random().toString(36).slice(2, 10); }
      box.setAttribute("aria-labelledby", label.id);
    });
  }
  new MutationObserver(nameEditors).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", nameEditors);
})();
