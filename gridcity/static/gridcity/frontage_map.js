// The frontage map: the grid layer underneath (as the case map draws it) and every party's
// frontage coloured by the state of its agreement; a popup names the party and links its page.
(function () {
  "use strict";
  var element = document.getElementById("frontage-map");
  if (!element || !window.L) return;
  var labels = JSON.parse(document.getElementById("frontage-map-labels").textContent);
  var summary = document.getElementById("frontage-map-summary");
  var status = document.getElementById("frontage-map-status");
  var legend = document.getElementById("frontage-map-legend");

  var map = L.map(element, { zoomSnap: 0.25, maxZoom: 19 });
  gridcityBaseMap(map, element);
  map.setView([35.17, 118.83], 13);

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  function say(message) { status.textContent = message || ""; status.hidden = !message; }

  // The grids below, not clickable, so a tap always reaches the frontage above them.
  map.createPane("grids").style.zIndex = 350;
  var grids = L.geoJSON(null, {
    pane: "grids", interactive: false,
    style: function () { return { color: "#5b6577", weight: 1, fillColor: "#f1f3f5", fillOpacity: 0.35 }; }
  }).addTo(map);
  var frontages = L.geoJSON(null, {
    style: function (feature) {
      var line = feature.geometry.type.indexOf("Line") >= 0;
      return { color: feature.properties.colour, weight: line ? 5 : 2, opacity: 0.95,
               fillColor: feature.properties.colour, fillOpacity: 0.45 };
    },
    onEachFeature: function (feature, layer) {
      var p = feature.properties;
      layer.bindPopup("<strong>" + escapeHtml(p.name) + "</strong><br>" + escapeHtml(p.kind_label) +
        "<br>" + escapeHtml(p.address) + "<br>" + escapeHtml(p.state_label) + " · " + escapeHtml(p.grid) +
        '<br><a href="' + escapeHtml(p.url) + '">' + escapeHtml(labels.openParty) + " ›</a>");
    }
  }).addTo(map);
  var gridsLoaded = false;

  fetch(element.dataset.layerUrl, { credentials: "same-origin" })
    .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
    .then(function (collection) {
      grids.addData(collection);
      gridsLoaded = collection.features.length > 0;
      if (gridsLoaded && !frontages.getLayers().length) map.fitBounds(grids.getBounds(), { padding: [10, 10] });
    })
    .catch(function () { say(labels.layerFailed); });

  element.setAttribute("aria-busy", "true");
  fetch(element.dataset.featuresUrl, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error(labels.failed.replace("%(status)s", response.status));
      return response.json();
    })
    .then(function (collection) {
      frontages.addData(collection);
      var counts = {};
      collection.features.forEach(function (f) { counts[f.properties.state] = (counts[f.properties.state] || 0) + 1; });
      Array.prototype.forEach.call(legend.querySelectorAll("li"), function (item) {
        item.querySelector(".n").textContent = counts[item.dataset.state] || 0;
      });
      var n = collection.features.length;
      summary.textContent = n ? labels.summary.replace("%(count)s", n) : labels.none;
      if (n) map.fitBounds(frontages.getBounds(), { padding: [10, 10] });
      element.dataset.loaded = n;
    })
    .catch(function (error) { say(error instanceof TypeError ? labels.offline : error.message); })
    .then(function () { element.removeAttribute("aria-busy"); });
})();
