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

// Drawing the frontage (for the people who keep the register): each click on the drawing map adds
// a position to the form's text, which stays the one truth — typing works as well, and without
// JavaScript. Ending on the first position ("close as an area") makes a polygon.
(function () {
  "use strict";
  var element = document.getElementById("frontage-draw-map");
  var home = document.getElementById("party-map");
  if (!element || !home || !window.L) return;
  var details = element.closest("details");
  var text = element.closest("form").querySelector("textarea[name=frontage]");
  var tools = element.parentNode.querySelector(".draw-tools");
  var style = { color: "#d35400", weight: 5, fillColor: "#f39c12", fillOpacity: 0.3 };
  var map = null;
  var drawn = L.layerGroup();

  // [[lat, lon], ...] of the text "lon,lat; lon,lat; …" (parts that are not positions are skipped;
  // the server names them when the form is sent).
  function positions() {
    return text.value.replace(/；/g, ";").replace(/，/g, ",").split(";").map(function (part) {
      var pieces = part.split(",");
      return pieces.length === 2 ? [parseFloat(pieces[1]), parseFloat(pieces[0])] : null;
    }).filter(function (p) { return p && isFinite(p[0]) && isFinite(p[1]); });
  }
  function closed(list) {
    var first = list[0], last = list[list.length - 1];
    return list.length >= 4 && first[0] === last[0] && first[1] === last[1];
  }
  function draw() {
    drawn.clearLayers();
    var list = positions();
    if (!list.length) return;
    (closed(list) ? L.polygon(list.slice(0, -1), style) : L.polyline(list, style)).addTo(drawn);
    list.forEach(function (p) { L.circleMarker(p, { radius: 4, color: "#d35400", weight: 2 }).addTo(drawn); });
  }
  function write(list) {
    text.value = list.map(function (p) { return p[1].toFixed(7) + "," + p[0].toFixed(7); }).join("; ");
    draw();
  }
  function start() {
    if (map) return;
    // Leaflet measures its container: the map is made when the form is first opened.
    map = L.map(element, { zoomControl: true }).setView([parseFloat(home.dataset.lat), parseFloat(home.dataset.lon)], 19);
    gridcityBaseMap(map, element);
    drawn.addTo(map);
    draw();
    if (drawn.getLayers().length) map.fitBounds(L.featureGroup(drawn.getLayers()).getBounds(), { maxZoom: 19, padding: [24, 24] });
    tools.hidden = false;
    map.on("click", function (event) {
      var list = positions();
      if (list.length && closed(list)) return; // an area is finished; "start again" to redraw
      list.push([event.latlng.lat, event.latlng.lng]);
      write(list);
    });
    text.addEventListener("input", draw);
    tools.addEventListener("click", function (event) {
      var list = positions();
      var which = event.target.dataset.draw;
      if (which === "undo") write(list.slice(0, -1));
      else if (which === "clear") write([]);
      else if (which === "close" && list.length >= 3 && !closed(list)) write(list.concat([list[0]]));
    });
    element.dataset.ready = "1";
  }
  if (details.open) start();
  details.addEventListener("toggle", function () { if (details.open) start(); });
})();
