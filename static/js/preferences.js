// Preferences: while the time zone is still the default (UTC), suggest the browser's own.
// The select carries data-browser-zone="suggest" only in that case; nothing is saved until
// the user presses Save, and the note says what was picked.
(function () {
  "use strict";
  var select = document.querySelector('select[data-browser-zone="suggest"]');
  if (!select || !window.Intl || !Intl.DateTimeFormat) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // Older names some browsers still report for zones in the list.
  var aliases = {
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Europe/Kiev": "Europe/Kyiv",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires"
  };
  zone = aliases[zone] || zone;
  if (!zone || zone === "UTC" || zone === select.value) return;
  var option = Array.prototype.find.call(select.options, function (o) { return o.value === zone; });
  if (!option) return;
  select.value = zone;
  var note = document.querySelector("[data-browser-zone-note]");
  if (note) {
    note.textContent = "We picked " + option.textContent + ", your browser's time zone. Save to keep it.";
    note.hidden = false;
  }
})();
