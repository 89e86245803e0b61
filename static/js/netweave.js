// netweave's small progressive enhancements. Every page works without them.
(function () {
  "use strict";

  // Copy-to-clipboard buttons: <button data-copy-target="#id">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var target = document.querySelector(button.getAttribute("data-copy-target"));
    if (!target || !navigator.clipboard) return;
    var text = "value" in target ? target.value : target.textContent;
    navigator.clipboard.writeText(text).then(function () {
      var original = button.innerHTML;
      button.textContent = "Copied";
      setTimeout(function () { button.innerHTML = original; }, 1500);
    });
  });

  // Confirm before destructive submits: <form data-confirm="Delete Ken?">.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // A picture wider than its frame (the network on a phone) opens at its centre: <div data-centre-scroll>.
  document.querySelectorAll("[data-centre-scroll]").forEach(function (frame) {
    frame.scrollLeft = (frame.scrollWidth - frame.clientWidth) / 2;
  });

  // "Tick all" / "Untick all" buttons: <button type="submit" data-tick-all="name" data-tick="on|off">.
  // Without JavaScript they submit, and the page comes back with the boxes ticked or not.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-tick-all]");
    if (!button) return;
    event.preventDefault();
    var name = button.getAttribute("data-tick-all");
    var on = button.getAttribute("data-tick") === "on";
    document.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (box) {
      box.checked = on;
    });
  });

  // Textareas as tall as their text, where CSS field-sizing is not supported: <textarea data-autogrow>.
  if (!(window.CSS && CSS.supports("field-sizing", "content"))) {
    var grow = function (area) {
      area.style.height = "auto";
      area.style.height = area.scrollHeight + (area.offsetHeight - area.clientHeight) + "px";
    };
    document.querySelectorAll("textarea[data-autogrow]").forEach(grow);
    document.addEventListener("input", function (event) {
      if (event.target.matches("textarea[data-autogrow]")) grow(event.target);
    });
  }

  // A one-line field shown as a textarea so it wraps: Enter submits, as in a text input.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.matches("textarea[data-single-line]")) return;
    event.preventDefault();
    if (event.target.form) event.target.form.requestSubmit();
  });

  // "Select all" checkboxes for bulk actions: <input data-select-all="name">.
  document.addEventListener("change", function (event) {
    var name = event.target.getAttribute("data-select-all");
    if (!name) return;
    document.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      box.checked = event.target.checked;
    });
  });
})();
