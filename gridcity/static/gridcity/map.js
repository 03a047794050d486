// The grid map: every active grid of the jurisdiction, coloured by zone, with its people.
(function () {
  "use strict";
  var element = document.getElementById("grid-map");
  if (!element) return;
  var labels = JSON.parse(document.getElementById("map-labels").textContent);
  // Eleven well-separated colours, then repeated: enough for a county's zones.
  var palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                 "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"];

  var map = L.map(element, { preferCanvas: false, zoomSnap: 0.25 });
  gridcityBaseMap(map, element);

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  function person(name) { return name ? escapeHtml(name) : "<em>" + escapeHtml(labels.none) + "</em>"; }

  fetch(element.dataset.layerUrl, { credentials: "same-origin" })
    .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
    .then(function (collection) {
      var zoneColour = {}, zones = [], area = 0;
      collection.features.forEach(function (feature) {
        var p = feature.properties;
        if (!(p.zone in zoneColour)) {
          zoneColour[p.zone] = palette[zones.length % palette.length];
          zones.push(p);
        }
        area += p.area_m2;
      });
      var layer = L.geoJSON(collection, {
        style: function (feature) {
          return { color: "#333", weight: 1, fillColor: zoneColour[feature.properties.zone], fillOpacity: 0.45 };
        },
        onEachFeature: function (feature, path) {
          var p = feature.properties;
          path.options.className = "grid-shape";
          path.bindTooltip(escapeHtml(p.code.slice(-6)), { permanent: true, direction: "center", className: "grid-label" });
          path.bindPopup(
            "<strong>" + escapeHtml(p.name) + "</strong><br>" +
            escapeHtml(labels.grid) + " " + escapeHtml(p.code) + "<br>" +
            escapeHtml(labels.zone) + " " + escapeHtml(p.zone_name) + "<br>" +
            escapeHtml(labels.area) + " " + (p.area_m2 / 1e6).toFixed(3) + " km²<br>" +
            escapeHtml(labels.collector) + ": " + person(p.collector_name) + "<br>" +
            escapeHtml(labels.supervisingUnit) + ": " + person(p.supervising_unit_name) + "<br>" +
            escapeHtml(labels.sponsor) + ": " + person(p.sponsor_name));
        }
      }).addTo(map);
      if (collection.features.length) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
      else map.setView([35.17, 118.83], 13);

      document.getElementById("map-summary").textContent = labels.summary
        .replace("ZONES", zones.length).replace("GRIDS", collection.features.length)
        .replace("AREA", (area / 1e6).toFixed(2));
      var list = document.getElementById("zone-list");
      zones.forEach(function (p) {
        var item = document.createElement("li");
        item.innerHTML = '<span class="swatch" style="background:' + zoneColour[p.zone] + '"></span>' +
          "<strong>" + escapeHtml(p.zone_name) + "</strong><br><small>" +
          escapeHtml(labels.supervisingUnit) + ": " + person(p.supervising_unit_name) + " · " +
          escapeHtml(labels.sponsor) + ": " + person(p.sponsor_name) + " · " +
          escapeHtml(labels.collector) + ": " + person(p.collector_name) + "</small>";
        list.appendChild(item);
      });
      element.dataset.loaded = collection.features.length;
    })
    .catch(function () {
      map.setView([35.17, 118.83], 13);
      document.getElementById("map-summary").textContent = labels.failed;
    });
})();
