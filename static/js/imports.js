// The import progress page: poll the job's status, move the bar, go on when it is done.
// Without JavaScript the page refreshes itself (a <noscript> meta refresh).
(function () {
  "use strict";

  var box = document.querySelector("[data-import-status]");
  if (!box) return;
  var url = box.getAttribute("data-import-status");
  var bar = box.querySelector("[data-import-bar]");
  var stage = box.querySelector("[data-import-stage]");
  var progress = box.querySelector("[role=progressbar]");
  var failures = 0;

  function show(data) {
    var percent = Math.max(0, Math.min(100, data.percent || 0));
    if (bar.tagName === "PROGRESS") {
      bar.value = percent;
    } else if (percent === 0) {
      // Not started yet: a faint moving bar rather than an empty one.
      bar.style.width = "100%";
      bar.classList.add("opacity-25");
    } else {
      bar.classList.remove("opacity-25");
      bar.style.width = percent + "%";
    }
    progress.setAttribute("aria-valuenow", String(percent));
    if (data.stage) stage.textContent = data.stage + (percent ? " (" + percent + "%)" : "");
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        show(data);
        if (data.done) {
          window.location.assign(data.next);
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        failures += 1;
        stage.textContent = "Still working… (reconnecting)";
        window.setTimeout(poll, Math.min(10000, 1000 * Math.pow(2, failures)));
      });
  }

  poll();
})();
