// The case page: a small map of the case, and the action forms sent with htmx.
// Every form also works without JavaScript (plain POST, then a redirect back to the page).
// With htmx the form is never replaced: a refusal only adds its messages, so what was typed
// and the files chosen stay, and sending again retries the same upload.
(function () {
  "use strict";
  var labels = JSON.parse(document.getElementById("case-labels").textContent);

  // ---- the map: same base map as the grid map (天地图 with a key, a plain background without)
  var element = document.getElementById("case-map");
  if (element && window.L) {
    var point = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    var map = L.map(element, { zoomControl: true, attributionControl: true }).setView(point, 17);
    gridcityBaseMap(map, element);
    L.circleMarker(point, { radius: 9, color: "#b3261e", weight: 3, fillColor: "#d93025", fillOpacity: 0.6 })
      .addTo(map);
    element.dataset.loaded = "1";
  }

  // ---- photos chosen for an action (feedback, check, ...): thumbnails before sending
  document.querySelectorAll(".action-form .field-photos input[type=file]").forEach(function (input) {
    var list = input.parentNode.querySelector(".chosen-photos");
    var previews = [];
    if (!list) return;
    input.addEventListener("change", function () {
      previews.forEach(function (url) { URL.revokeObjectURL(url); });
      previews = [];
      list.textContent = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement("li");
        if (/^image\//.test(file.type)) {
          var image = document.createElement("img");
          image.src = URL.createObjectURL(file);
          image.alt = "";
          previews.push(image.src);
          item.appendChild(image);
        }
        var caption = document.createElement("span");
        caption.className = "caption";
        caption.textContent = file.name;
        item.appendChild(caption);
        list.appendChild(item);
      });
    });
  });

  // ---- action forms
  function statusOf(form) { return form.querySelector(".form-status"); }

  function say(form, html, kind) {
    var status = statusOf(form);
    if (!status) return;
    status.innerHTML = html;
    status.className = "form-status" + (kind ? " form-status-" + kind : "");
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function progressOf(form) { return form.querySelector(".upload-progress"); }

  function formOf(event) {
    var elt = event.detail && event.detail.elt;
    return elt && elt.closest ? elt.closest("form.action-form") : null;
  }

  // The server's answer to a form it refused (400) is the same form with its messages: copy
  // the messages into the form on the page and keep everything else as the person left it.
  function showErrors(form, responseText) {
    var answer = new DOMParser().parseFromString(responseText, "text/html");
    var sent = answer.querySelector("form.action-form");
    if (!sent) { say(form, escapeHtml(labels.refused), "error"); return; }
    var general = form.querySelector(".form-errors");
    var generalSent = sent.querySelector(".form-errors");
    if (general && generalSent) general.innerHTML = generalSent.innerHTML;
    form.querySelectorAll(".field").forEach(function (field) {
      var errors = field.querySelector(".field-errors");
      var match = sent.querySelector('.field[data-field="' + field.dataset.field + '"] .field-errors');
      if (errors) errors.innerHTML = match ? match.innerHTML : "";
      field.classList.toggle("has-error", !!(match && match.textContent.trim()));
    });
    say(form, escapeHtml(labels.refused), "error");
    var first = form.querySelector(".has-error input, .has-error textarea, .has-error select");
    if (first) first.focus();
  }

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var form = formOf(event);
    if (!form) return;
    say(form, escapeHtml(labels.sending), "info");
    // Messages of the previous attempt no longer hold; the answer to this one brings its own.
    form.querySelectorAll(".form-errors, .field-errors").forEach(function (box) { box.innerHTML = ""; });
    form.querySelectorAll(".has-error").forEach(function (field) { field.classList.remove("has-error"); });
    var bar = progressOf(form);
    var hasFiles = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
      return input.files && input.files.length;
    });
    if (bar) { bar.value = 0; bar.hidden = !hasFiles; }
  });

  document.body.addEventListener("htmx:xhr:progress", function (event) {
    var form = formOf(event);
    var bar = form && progressOf(form);
    if (!bar || !event.detail.lengthComputable || !event.detail.total) return;
    var share = Math.round(event.detail.loaded / event.detail.total * 100);
    bar.hidden = false;
    bar.value = share;
    say(form, escapeHtml(labels.uploading.replace("PERCENT", share)), "info");
  });

  // 4xx and 5xx: htmx swaps nothing (hx-swap="none"); say what happened, in place.
  document.body.addEventListener("htmx:responseError", function (event) {
    var form = formOf(event);
    if (!form) return;
    var xhr = event.detail.xhr;
    var bar = progressOf(form);
    if (bar) bar.hidden = true;
    if (xhr.status === 400) {
      showErrors(form, xhr.responseText);
    } else if (xhr.status === 403 || xhr.status === 409) {
      // Our notice carries the message (and for 409 a link to reload the case); any other
      // 403 page (an expired form token, say) gets a plain sentence.
      var notice = new DOMParser().parseFromString(xhr.responseText, "text/html").querySelector(".notice");
      say(form, notice ? notice.outerHTML : escapeHtml(labels.serverFailed), "error");
    } else {
      say(form, escapeHtml(labels.serverFailed), "error");
    }
  });

  // A success answers with HX-Redirect and the page reloads; any other 2xx means the request
  // was redirected (to the login page, when the session ended).
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var form = formOf(event);
    if (!form || !event.detail.successful) return;
    if (!event.detail.xhr.getResponseHeader("HX-Redirect")) say(form, escapeHtml(labels.unexpected), "error");
  });

  // The network failed: nothing reached the server; the form is untouched, send it again.
  document.body.addEventListener("htmx:sendError", function (event) {
    var form = formOf(event);
    if (!form) return;
    var bar = progressOf(form);
    if (bar) bar.hidden = true;
    say(form, escapeHtml(labels.networkFailed), "error");
  });
  document.body.addEventListener("htmx:timeout", function (event) {
    var form = formOf(event);
    if (form) say(form, escapeHtml(labels.networkFailed), "error");
  });
})();
