// Counts the deadlines of a queue down while the page stays open, in the words the server used.
(function () {
  "use strict";
  var source = document.getElementById("countdown-labels");
  if (!source) return;
  var labels = JSON.parse(source.textContent);

  function fill(format, values) {
    return format.replace(/%\((\w+)\)[ds]/g, function (_match, name) { return values[name]; });
  }

  function duration(seconds) {
    var minutes = Math.floor(seconds / 60);
    var days = Math.floor(minutes / 1440);
    minutes -= days * 1440;
    var hours = Math.floor(minutes / 60);
    minutes -= hours * 60;
    if (days) return fill(labels.days, { days: days, hours: hours });
    if (hours) return fill(labels.hours, { hours: hours, minutes: minutes });
    return fill(labels.minutes, { minutes: minutes });
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll(".countdown[data-due]").forEach(function (element) {
      var due = Date.parse(element.dataset.due);
      if (isNaN(due)) return;
      var seconds = (due - now) / 1000;
      var over = seconds < 0;
      element.textContent = fill(over ? labels.over : labels.left, { time: duration(Math.abs(seconds)) });
      element.classList.toggle("is-over", over);
    });
  }

  setInterval(tick, 30000);
})();
