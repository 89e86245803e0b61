// Contact pickers. One fetcher for every picker: window.netweaveContacts.lookup(url, query)
// asks contacts:lookup and resolves to [{id, label, name, detail}] (meetings.js uses it too).
// Type-ahead for <input data-contact-picker data-lookup-url list="...">.
// Without JavaScript the field still works: type a name that matches one person.
(function () {
  "use strict";
  var timers = new WeakMap();

  function lookup(url, query) {
    return fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { return data.results || []; })
      .catch(function () { return []; /* suggestions are a convenience; typing still works */ });
  }
  window.netweaveContacts = { lookup: lookup };

  function suggest(input) {
    var query = input.value.trim();
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || query.length < 2 || /\(#\d+\)\s*$/.test(query)) return;
    lookup(input.getAttribute("data-lookup-url"), query).then(function (people) {
      list.replaceChildren();
      people.forEach(function (person) {
        var option = document.createElement("option");
        option.value = person.label;
        list.appendChild(option);
      });
    });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.hasAttribute || !input.hasAttribute("data-contact-picker")) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { suggest(input); }, 200));
  });
})();
