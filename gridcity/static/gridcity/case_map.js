// The case map: the grid layer (fetched once) coloured by the open and overdue cases of each
// grid, and the open cases as clustered markers, both from the case list's filters. Changing a
// filter fetches the cases again without reloading the page; the address keeps the filters.
(function () {
  "use strict";
  var element = document.getElementById("case-map");
  if (!element || !window.L) return;
  var labels = JSON.parse(document.getElementById("case-map-labels").textContent);
  var form = document.getElementById("case-filters");
  var summary = document.getElementById("case-map-summary");
  var status = document.getElementById("case-map-status");
  var legend = document.getElementById("case-map-legend");
  var listLink = document.getElementById("case-map-list");
  // Light to dark blue for more open cases; a grid without any stays pale.
  var EMPTY = "#f1f3f5", BLUES = ["#deebf7", "#9ecae1", "#4292c6", "#08519c"];

  // The clusters need a highest zoom even when no tile layer sets one (offline, no 天地图 key).
  var map = L.map(element, { zoomSnap: 0.25, maxZoom: 18 });
  gridcityBaseMap(map, element);
  map.setView([35.17, 118.83], 13);

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  function say(message) { status.textContent = message || ""; status.hidden = !message; }

  var grids = L.geoJSON(null, {
    style: function () { return { color: "#5b6577", weight: 1, fillColor: EMPTY, fillOpacity: 0.55 }; }
  }).addTo(map);
  var markers = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50 });
  map.addLayer(markers);
  var counts = {}, thresholds = [];

  function fillFor(open) {
    if (!open) return EMPTY;
    for (var i = thresholds.length - 1; i >= 0; i--) if (open >= thresholds[i]) return BLUES[i];
    return BLUES[0];
  }
  function restyle() {
    var max = 0;
    Object.keys(counts).forEach(function (code) { max = Math.max(max, counts[code].open); });
    // Up to four classes of equal width from 1 to the busiest grid.
    thresholds = [1];
    [0.25, 0.5, 0.75].forEach(function (share) {
      var bound = Math.ceil(max * share) + 1;
      if (bound > thresholds[thresholds.length - 1] && bound <= max) thresholds.push(bound);
    });
    grids.eachLayer(function (layer) {
      var p = layer.feature.properties, c = counts[p.code] || { open: 0, overdue: 0 };
      layer.setStyle({
        fillColor: fillFor(c.open),
        color: c.overdue ? "#d93025" : "#5b6577",
        weight: c.overdue ? 3 : 1
      });
      layer.setTooltipContent(escapeHtml(p.name) + "<br>" + escapeHtml(labels.open) + " " + c.open +
        " · " + escapeHtml(labels.overdue) + " " + c.overdue);
    });
    drawLegend(max);
  }
  function drawLegend(max) {
    var rows = ['<strong>' + escapeHtml(labels.legendTitle) + "</strong>",
      '<span class="swatch" style="background:' + EMPTY + '"></span>' + escapeHtml(labels.none)];
    thresholds.forEach(function (low, i) {
      var high = i + 1 < thresholds.length ? thresholds[i + 1] - 1 : max;
      if (max < 1) return;
      rows.push('<span class="swatch" style="background:' + BLUES[i] + '"></span>' + (low === high ? low : low + "–" + high));
    });
    rows.push('<span class="swatch outline"></span>' + escapeHtml(labels.legendOverdue));
    rows.push('<span class="dot overdue"></span><span class="dot"></span>' + escapeHtml(labels.legendMarkers));
    legend.innerHTML = rows.join("<br>");
  }

  function popup(p) {
    var badges = "";
    if (p.urgent) badges += ' <span class="badge badge-urgent">' + escapeHtml(labels.urgent) + "</span>";
    if (p.supervised) badges += ' <span class="badge badge-supervised">' + escapeHtml(labels.supervised) + "</span>";
    if (p.overdue) badges += ' <span class="badge badge-overdue">' + escapeHtml(labels.overdue) + "</span>";
    return "<strong>" + escapeHtml(p.number) + "</strong>" + badges + "<br>" + escapeHtml(p["class"]) +
      "<br>" + escapeHtml(p.state) + '<br><a href="' + escapeHtml(p.url) + '">' + escapeHtml(labels.openCase) + " ›</a>";
  }

  var pending = null;
  function load(query) {
    if (pending) pending.abort();
    pending = new AbortController();
    element.setAttribute("aria-busy", "true");
    return fetch(element.dataset.featuresUrl + query, { credentials: "same-origin", signal: pending.signal })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) {
            throw new Error(body.errors ? body.errors.join(" ") : labels.failed.replace("%(status)s", response.status));
          }
          return body;
        });
      })
      .then(function (collection) {
        say("");
        counts = collection.grids || {};
        restyle();
        markers.clearLayers();
        markers.addLayers(collection.features.map(function (feature) {
          var c = feature.geometry.coordinates, p = feature.properties;
          return L.circleMarker([c[1], c[0]], {
            radius: 7, weight: 1, color: "#fff", fillOpacity: 0.9,
            fillColor: p.overdue ? "#d93025" : "#0b4f8a"
          }).bindPopup(popup(p));
        }));
        summary.textContent = collection.summary;
        element.dataset.loaded = collection.features.length;
      })
      .catch(function (error) {
        if (error.name === "AbortError") return;
        say(error instanceof TypeError ? labels.offline : error.message);
      })
      .then(function () { element.removeAttribute("aria-busy"); });
  }

  function queryOf(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { if (value) params.append(name, value); });
    var text = params.toString();
    return text ? "?" + text : "";
  }
  if (form) {
    var apply = function (event) {
      if (event) event.preventDefault();
      var query = queryOf(form);
      history.pushState(null, "", form.action + query);
      if (listLink) listLink.href = listLink.href.split("?")[0] + query;
      load(query);
    };
    form.addEventListener("submit", apply);
    form.addEventListener("change", function () { apply(); });
  }
  // Back and forward bring the filters of that address back with the page.
  window.addEventListener("popstate", function () { location.reload(); });

  fetch(element.dataset.layerUrl, { credentials: "same-origin" })
    .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
    .then(function (collection) {
      grids.addData(collection);
      grids.eachLayer(function (layer) { layer.bindTooltip(escapeHtml(layer.feature.properties.name), { sticky: true }); });
      if (collection.features.length) map.fitBounds(grids.getBounds(), { padding: [10, 10] });
      restyle();
    })
    .catch(function () { say(labels.layerFailed); });
  load(location.search);
})();
