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

  // "Select all" checkboxes for bulk actions: <input data-select-all="name">.
  document.addEventListener("change", function (event) {
    var name = event.target.getAttribute("data-select-all");
    if (!name) return;
    document.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      box.checked = event.target.checked;
    });
  });
})();
