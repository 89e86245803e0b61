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
})();
