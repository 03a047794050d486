// The party page: a small map of the frontage area (the line or polygon of Party.frontage; the
// party's point when none is drawn), on the same base map as the case page.
(function () {
  "use strict";
  var element = document.getElementById("party-map");
  if (!element || !window.L) return;
  var point = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
  var map = L.map(element, { zoomControl: true, attributionControl: true }).setView(point, 18);
  gridcityBaseMap(map, element);
  var frontage = JSON.parse(document.getElementById("party-frontage").textContent);
  if (frontage) {
    var layer = L.geoJSON(frontage, {
      style: { color: "#0b4f8a", weight: frontage.type === "LineString" ? 6 : 3, fillColor: "#4a90d9", fillOpacity: 0.35 },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { maxZoom: 19, padding: [24, 24] });
  } else {
    L.circleMarker(point, { radius: 9, color: "#0b4f8a", weight: 3, fillColor: "#4a90d9", fillOpacity: 0.6 }).addTo(map);
  }
  element.dataset.loaded = "1";
})();
