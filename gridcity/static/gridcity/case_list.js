// The case list: htmx refreshes the results when a filter changes; this keeps the form in step
// with what the results show, narrows the minor classes to the chosen major class (and the grids
// to the chosen zone), and says so when the server or the network fails — the form stays as typed.
(function () {
  "use strict";
  var form = document.getElementById("case-filters");
  if (!form) return;
  // The case map shares the filter form (and the narrowing below), not the htmx results.
  var labelsElement = document.getElementById("case-list-labels");
  var labels = labelsElement ? JSON.parse(labelsElement.textContent) : {};
  var status = document.getElementById("case-status");

  // Options of `child` grouped under the <optgroup> whose label is the text of the option
  // chosen in `parent`; the other groups are hidden while a parent is chosen.
  function narrow(parent, child) {
    if (!parent || !child) return;
    var chosen = parent.selectedIndex > 0 ? parent.options[parent.selectedIndex].text : "";
    Array.prototype.forEach.call(child.querySelectorAll("optgroup"), function (group) {
      var show = !chosen || group.label === chosen;
      group.hidden = !show;
      group.disabled = !show;
    });
    var option = child.options[child.selectedIndex];
    if (option && option.parentNode.disabled) child.value = "";
  }
  var major = form.elements.major, minor = form.elements.minor;
  var zone = form.elements.zone, grid = form.elements.grid;
  function narrowAll() { narrow(major, minor); narrow(zone, grid); }
  // Before htmx reads the form (a change event reaches the form after the field).
  if (major) major.addEventListener("change", function () { narrow(major, minor); });
  if (zone) zone.addEventListener("change", function () { narrow(zone, grid); });
  narrowAll();
  // On a phone the filters fold away under their summary, unless one needs correcting.
  var more = form.querySelector("details.more-filters");
  if (more && window.matchMedia("(max-width: 600px)").matches && !form.querySelector(".invalid")) {
    more.open = false;
  }

  if (!status) return;
  function say(message) {
    status.textContent = message;
    status.hidden = !message;
  }

  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id !== "case-results") return;
    say("");
    // A click on a column heading changed the order: the form sends it from now on.
    var results = event.detail.target.querySelector("[data-sort]");
    if (results && form.elements.sort) form.elements.sort.value = results.dataset.sort;
  });
  document.body.addEventListener("htmx:responseError", function (event) {
    say(labels.failed.replace("%(status)s", event.detail.xhr.status));
  });
  document.body.addEventListener("htmx:sendError", function () {
    say(labels.offline);
  });
  // Back and forward: the restored page shows the filters of its own address.
  window.addEventListener("popstate", function () { setTimeout(narrowAll, 0); });
})();
