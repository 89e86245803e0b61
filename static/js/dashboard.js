// Dashboard and search: small keyboard enhancements. Every page works without them.
(function () {
  "use strict";

  // "/" jumps to the search box in the navigation (as on GitHub and Gmail),
  // unless the user is already typing somewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
    var box = document.getElementById("nav-search");
    if (!box) return;
    // On narrow screens the box sits in the collapsed menu: open it first.
    var menu = document.getElementById("main-nav");
    if (menu && !menu.classList.contains("show") && box.offsetParent === null && window.bootstrap) {
      window.bootstrap.Collapse.getOrCreateInstance(menu).show();
    }
    event.preventDefault();
    box.focus();
    box.select();
  });

  // On the search results page, the arrow keys move between results (and from the
  // search box into them), so a result is a few key presses away.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var results = Array.prototype.slice.call(document.querySelectorAll("[data-search-result]"));
    if (!results.length) return;
    var active = document.activeElement;
    var index = results.indexOf(active);
    var fromBox = active && active.id === "search-page-q";
    if (index === -1 && !fromBox) return;
    event.preventDefault();
    if (fromBox) {
      if (event.key === "ArrowDown") results[0].focus();
      return;
    }
    var next = event.key === "ArrowDown" ? index + 1 : index - 1;
    if (next < 0) document.getElementById("search-page-q").focus();
    else if (next < results.length) results[next].focus();
  });
})();
