// The base map under every Leaflet map of the platform: 天地图's vector tiles and their Chinese
// labels (Web Mercator) when the deployment has a key (GRIDCITY_TIANDITU_KEY, given to the page
// as data-tianditu-key), otherwise a plain background. No tiles come from anywhere else.
window.gridcityBaseMap = function (map, element) {
  var key = element.dataset.tiandituKey;
  if (!key) {
    element.classList.add("plain-background");
    return;
  }
  ["vec_w", "cva_w"].forEach(function (layer) {
    L.tileLayer("https://t{s}.tianditu.gov.cn/" + layer + "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0" +
      "&LAYER=" + layer.slice(0, 3) + "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles" +
      "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=" + encodeURIComponent(key),
      { subdomains: "01234567", maxZoom: 18, attribution: "天地图" }).addTo(map);
  });
};
