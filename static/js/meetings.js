// Meetings: search-as-you-type for contacts (through contacts.js), the live mail link, the paid-consultation hint, print.
// Every page works without this file; it only makes them quicker to use.
(function () {
  "use strict";

  function debounce(fn, wait) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  // The one contact fetcher lives in contacts.js, loaded before this file where it is needed.
  function searchContacts(url, query) {
    return window.netweaveContacts.lookup(url, query);
  }

  function personLabel(container, person) {
    var name = document.createElement("span");
    name.className = "fw-semibold";
    name.textContent = person.name;
    container.appendChild(name);
    if (person.detail) {
      container.appendChild(document.createElement("br"));
      var detail = document.createElement("span");
      detail.className = "small nw-muted";
      detail.textContent = person.detail;
      container.appendChild(detail);
    }
  }

  // Choosing whom to meet among thousands of contacts.
  var chooser = document.querySelector("form[data-contact-search]");
  if (chooser) {
    var query = chooser.querySelector("input[name=q]");
    var results = document.getElementById("contact-results");
    var planUrl = chooser.getAttribute("data-plan-url");
    query.addEventListener("input", debounce(function () {
      var text = query.value.trim();
      if (text.length < 2) return;
      searchContacts(chooser.getAttribute("data-contact-search"), text).then(function (people) {
        results.replaceChildren();
        if (!people.length) {
          var none = document.createElement("li");
          none.className = "list-group-item nw-muted";
          none.textContent = "Nobody in your network matches “" + text + "”.";
          results.appendChild(none);
        }
        people.forEach(function (person) {
          var item = document.createElement("li");
          item.className = "list-group-item d-flex justify-content-between align-items-center gap-2";
          var label = document.createElement("span");
          personLabel(label, person);
          var link = document.createElement("a");
          link.className = "btn btn-sm btn-outline-primary text-nowrap";
          link.href = planUrl + "?contact=" + person.id;
          link.textContent = "Plan";
          link.setAttribute("aria-label", "Plan a meeting with " + person.name);
          item.appendChild(label);
          item.appendChild(link);
          results.appendChild(item);
        });
      });
    }, 200));
  }

  // Ticking people they suggested who are not in the short list.
  var suggest = document.querySelector("[data-suggest-search]");
  if (suggest) {
    var suggestQuery = document.getElementById("suggest-query");
    var suggestResults = document.getElementById("suggest-results");
    var list = document.getElementById("suggested-list");
    var tick = function (person) {
      var existing = document.getElementById("suggested-" + person.id);
      if (!existing) {
        var empty = document.getElementById("suggested-empty");
        if (empty) empty.remove();
        var wrapper = document.createElement("div");
        wrapper.className = "form-check";
        existing = document.createElement("input");
        existing.className = "form-check-input";
        existing.type = "checkbox";
        existing.name = "suggested";
        existing.value = person.id;
        existing.id = "suggested-" + person.id;
        var label = document.createElement("label");
        label.className = "form-check-label";
        label.htmlFor = existing.id;
        label.textContent = person.name;
        wrapper.appendChild(existing);
        wrapper.appendChild(label);
        list.appendChild(wrapper);
      }
      existing.checked = true;
      suggestResults.replaceChildren();
      suggestQuery.value = "";
      existing.focus();
    };
    suggestQuery.addEventListener("input", debounce(function () {
      var text = suggestQuery.value.trim();
      if (text.length < 2) { suggestResults.replaceChildren(); return; }
      searchContacts(suggest.getAttribute("data-suggest-search"), text).then(function (people) {
        suggestResults.replaceChildren();
        people.forEach(function (person) {
          var item = document.createElement("li");
          item.className = "list-group-item p-0";
          var button = document.createElement("button");
          button.type = "button";
          button.className = "btn btn-link text-start w-100 text-decoration-none";
          personLabel(button, person);
          button.addEventListener("click", function () { tick(person); });
          item.appendChild(button);
          suggestResults.appendChild(item);
        });
      });
    }, 200));
  }

  // The mail link follows the user's edits to the letter.
  var mailto = document.getElementById("letter-mailto");
  if (mailto) {
    var to = document.getElementById("letter-to");
    var subject = document.getElementById("letter-subject");
    var body = document.getElementById("letter-body");
    var update = function () {
      var text = body.value.replace(/\r?\n/g, "\r\n");
      mailto.href = "mailto:" + encodeURIComponent(to.value.trim()).replace("%40", "@") +
        "?subject=" + encodeURIComponent(subject.value) + "&body=" + encodeURIComponent(text);
    };
    [to, subject, body].forEach(function (field) { field.addEventListener("input", update); });
  }

  // Planning more than 15 minutes with someone who sells their time: a gentle hint.
  var warning = document.getElementById("paid-warning");
  var minutes = document.getElementById("id_duration_minutes");
  if (warning && minutes) {
    var limit = parseInt(warning.getAttribute("data-paid-minutes"), 10);
    var toggle = function () { warning.classList.toggle("d-none", (parseInt(minutes.value, 10) || 0) <= limit); };
    minutes.addEventListener("input", toggle);
    toggle();
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
})();
