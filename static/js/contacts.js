// Type-ahead for contact pickers: <input data-contact-picker data-lookup-url list="...">.
// Without JavaScript the field still works: type a name that matches one person.
(function () {
  "use strict";
  var timers = new WeakMap();

  function suggest(input) {
    var query = input.value.trim();
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || query.length < 2 || /\(#\d+\)\s*$/.test(query)) return;
    var url = input.getAttribute("data-lookup-url") + "?q=" + encodeURIComponent(query);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) {
        list.replaceChildren();
        data.results.forEach(function (result) {
          var option = document.createElement("option");
          option.value = result.label;
          list.appendChild(option);
        });
      })
      .catch(function () { /* suggestions are a convenience; typing still works */ });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.hasAttribute || !input.hasAttribute("data-contact-picker")) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { suggest(input); }, 200));
  });
})();
