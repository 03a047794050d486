// The report form: photos with thumbnails; the position from the phone, the photo's GPS data or
// the map; the class picked from search results; an htmx submission that never loses the form.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) return;
  var labels = JSON.parse(document.getElementById("report-labels").textContent);
  var DEFAULT_CENTRE = [35.17, 118.83];

  // ------------------------------------------------------------------ position
  var lonInput = form.elements.lon;
  var latInput = form.elements.lat;
  var statusLine = document.getElementById("position-status");
  var photoButton = document.getElementById("photo-position-button");
  // Where the position came from: none, device, photo, map, typed. What the person set by hand
  // (map, typed) is never replaced by a later automatic answer.
  var positionSource = lonInput.value && latInput.value ? "typed" : "none";
  var photoPosition = null;
  var gridLayer = null;
  var lastMessage = ""; // what the status line says about where the position came from

  function say(text, kind) {
    statusLine.textContent = text;
    statusLine.className = "position-status " + (kind || "muted");
  }

  function readPosition() {
    var lon = parseFloat(String(lonInput.value).replace(",", "."));
    var lat = parseFloat(String(latInput.value).replace(",", "."));
    return isFinite(lon) && isFinite(lat) ? { lon: lon, lat: lat } : null;
  }

  // Ray casting over every ring: inside an odd number of rings means inside the polygon.
  function inRing(lon, lat, ring) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }
  function inPolygon(lon, lat, rings) {
    var inside = false;
    rings.forEach(function (ring) { if (inRing(lon, lat, ring)) inside = !inside; });
    return inside;
  }
  function gridAt(lon, lat) {
    if (!gridLayer) return undefined; // not known (layer not loaded)
    var found = null;
    gridLayer.eachLayer(function (layer) {
      var geometry = layer.feature.geometry;
      var polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
      if (!found && polygons.some(function (rings) { return inPolygon(lon, lat, rings); })) {
        found = layer.feature.properties;
      }
    });
    return found;
  }

  function describeGrid(lon, lat, message) {
    lastMessage = message || "";
    var grid = gridAt(lon, lat);
    if (grid === null) {
      say(labels.outside, "warning");
    } else if (grid) {
      say((lastMessage ? lastMessage + " " : "") + labels.inGrid.replace("GRID", grid.name + " (" + grid.code + ")")
        .replace("ZONE", grid.zone_name || grid.zone), "ok");
    } else {
      say(lastMessage, "ok");
    }
  }

  var map = null, marker = null;
  var mapElement = document.getElementById("report-map");
  if (window.L && mapElement) {
    map = L.map(mapElement, { zoomSnap: 0.25 });
    gridcityBaseMap(map, mapElement);
    marker = L.marker(DEFAULT_CENTRE, { draggable: true, autoPan: true });
    marker.on("dragend", function () {
      var point = marker.getLatLng();
      setPosition(point.lng, point.lat, "map", false);
    });
    map.on("click", function (event) { setPosition(event.latlng.lng, event.latlng.lat, "map", false); });
    var start = readPosition();
    if (start) {
      map.setView([start.lat, start.lon], 16);
      marker.setLatLng([start.lat, start.lon]).addTo(map);
    } else {
      map.setView(DEFAULT_CENTRE, 13);
    }

    fetch(mapElement.dataset.layerUrl, { credentials: "same-origin" })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (collection) {
        gridLayer = L.geoJSON(collection, {
          style: function () { return { color: "#0b4f8a", weight: 1, fillColor: "#0b4f8a", fillOpacity: 0.05 }; },
          onEachFeature: function (feature, path) {
            path.bindTooltip(feature.properties.name, { sticky: true });
          }
        }).addTo(map);
        // A tap on a grid is a tap on the map: place the marker there.
        gridLayer.on("click", function (event) { setPosition(event.latlng.lng, event.latlng.lat, "map", false); });
        var current = readPosition();
        if (!current && collection.features.length) map.fitBounds(gridLayer.getBounds(), { padding: [5, 5] });
        if (current) describeGrid(current.lon, current.lat, lastMessage);
        mapElement.dataset.loaded = collection.features.length;
      })
      .catch(function () { say(labels.gridsFailed, "warning"); });
  }

  var messages = { device: "", photo: labels.fromPhoto, map: labels.moved, typed: labels.typed };

  function setPosition(lon, lat, source, pan, message) {
    lonInput.value = lon.toFixed(6);
    latInput.value = lat.toFixed(6);
    positionSource = source;
    if (marker) {
      marker.setLatLng([lat, lon]);
      if (!map.hasLayer(marker)) marker.addTo(map);
      if (pan) map.setView([lat, lon], Math.max(map.getZoom() || 0, 16));
    }
    describeGrid(lon, lat, message || messages[source]);
  }

  function typed() {
    var point = readPosition();
    if (!point) return;
    positionSource = "typed";
    if (marker) {
      marker.setLatLng([point.lat, point.lon]);
      if (!map.hasLayer(marker)) marker.addTo(map);
      map.setView([point.lat, point.lon], Math.max(map.getZoom() || 0, 16));
    }
    describeGrid(point.lon, point.lat, labels.typed);
  }
  lonInput.addEventListener("change", typed);
  latInput.addEventListener("change", typed);

  // explicit: the person pressed the button, so the answer replaces whatever was there.
  function locate(explicit) {
    if (!("geolocation" in navigator)) return say(labels.unsupported, "warning");
    if (window.isSecureContext === false) return say(labels.insecure, "warning");
    say(labels.locating);
    navigator.geolocation.getCurrentPosition(
      function (found) {
        if (!explicit && positionSource !== "none") return;
        var accuracy = Math.max(1, Math.round(found.coords.accuracy || 0));
        setPosition(found.coords.longitude, found.coords.latitude, "device", true,
          labels.located.replace("METRES", accuracy));
      },
      function (error) {
        if (!explicit && positionSource !== "none") return;
        var text = { 1: labels.denied, 2: labels.unavailable, 3: labels.timeout }[error.code] || labels.unavailable;
        say(text, "warning");
      },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 }
    );
  }
  document.getElementById("locate-button").addEventListener("click", function () { locate(true); });
  photoButton.addEventListener("click", function () {
    if (photoPosition) setPosition(photoPosition.longitude, photoPosition.latitude, "photo", true);
  });
  // A collector stands at the problem; the command center takes calls from elsewhere.
  if (positionSource === "none" && form.hasAttribute("data-auto-locate")) locate(false);

  // ------------------------------------------------------------------ photos
  var photoInput = form.elements.photos;
  var thumbnails = document.getElementById("thumbnails");
  var photoLimit = parseInt(form.dataset.photoLimitMb, 10) * 1048576;
  var videoLimit = parseInt(form.dataset.videoLimitMb, 10) * 1048576;
  // Phones replace the chosen files at each new shot; a DataTransfer lets photos accumulate.
  var canKeep = (function () {
    try { return typeof DataTransfer === "function" && !!new DataTransfer().items; } catch (e) { return false; }
  })();
  var chosen = [];
  var previews = [];

  function isVideo(file) { return /^video\//.test(file.type) || /\.(mp4|mov|webm|3gp)$/i.test(file.name); }
  function sameFile(a, b) { return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified; }

  function syncInput() {
    var transfer = new DataTransfer();
    chosen.forEach(function (file) { transfer.items.add(file); });
    photoInput.files = transfer.files;
  }

  function showThumbnails() {
    previews.forEach(function (url) { URL.revokeObjectURL(url); });
    previews = [];
    thumbnails.textContent = "";
    chosen.forEach(function (file, index) {
      var item = document.createElement("li");
      var url = URL.createObjectURL(file);
      previews.push(url);
      var preview = document.createElement(isVideo(file) ? "video" : "img");
      preview.src = url;
      if (isVideo(file)) { preview.muted = true; preview.preload = "metadata"; } else { preview.alt = file.name; }
      item.appendChild(preview);
      var caption = document.createElement("span");
      caption.className = "caption";
      caption.textContent = file.size < 1048576
        ? Math.max(1, Math.round(file.size / 1024)) + " KB"
        : (file.size / 1048576).toFixed(1) + " MB";
      var limit = isVideo(file) ? videoLimit : photoLimit;
      if (limit && file.size > limit) {
        caption.className += " too-big";
        caption.textContent += " · " + labels.tooBig.replace("LIMIT", Math.round(limit / 1048576));
      }
      item.appendChild(caption);
      if (canKeep) {
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "remove";
        remove.textContent = "✕";
        remove.setAttribute("aria-label", labels.remove + " " + file.name);
        remove.addEventListener("click", function () {
          chosen.splice(index, 1);
          syncInput();
          showThumbnails();
        });
        item.appendChild(remove);
      }
      thumbnails.appendChild(item);
    });
  }

  function readGps(files) {
    if (!window.exifr || !window.exifr.gps) return;
    files.forEach(function (file) {
      if (isVideo(file)) return;
      window.exifr.gps(file).then(function (gps) {
        if (!gps || !isFinite(gps.latitude) || !isFinite(gps.longitude) || photoPosition) return;
        photoPosition = gps;
        photoButton.hidden = false;
        // The photo shows the problem; the phone only where the person stood.
        if (positionSource === "none" || positionSource === "device") {
          setPosition(gps.longitude, gps.latitude, "photo", true);
        }
      }).catch(function () { /* a photo without readable EXIF simply gives no position */ });
    });
  }

  photoInput.addEventListener("change", function () {
    var added = Array.prototype.slice.call(photoInput.files);
    if (canKeep) {
      added.forEach(function (file) {
        if (!chosen.some(function (other) { return sameFile(other, file); })) chosen.push(file);
      });
      syncInput();
    } else {
      chosen = added;
    }
    showThumbnails();
    readGps(added);
  });
  // Files the browser kept (back button, reload) are shown too.
  if (photoInput.files && photoInput.files.length) {
    chosen = Array.prototype.slice.call(photoInput.files);
    showThumbnails();
  }

  // ------------------------------------------------------------------ class search
  var classQuery = form.elements.class_query;
  var classId = form.elements.minor_class;
  var classResults = document.getElementById("class-results");
  var classChosen = document.getElementById("class-chosen");
  var photoHint = document.getElementById("class-photo-hint");

  function choose(option) {
    classId.value = option.dataset.classId;
    classChosen.querySelector("strong").textContent = option.dataset.classLabel;
    classChosen.hidden = false;
    photoHint.hidden = option.dataset.photoRequired !== "1";
    classQuery.value = option.dataset.className;
    classResults.textContent = "";
  }
  classResults.addEventListener("click", function (event) {
    var option = event.target.closest(".class-option");
    if (option) choose(option);
  });
  // Enter in the search box (the phone keyboard's "search" key) picks, never sends the form.
  classQuery.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var options = classResults.querySelectorAll(".class-option");
    if (options.length === 1) choose(options[0]);
    else if (options.length) options[0].focus();
  });
  [lonInput, latInput].forEach(function (input) {
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); typed(); }
    });
  });

  // ------------------------------------------------------------------ sending
  var errors = document.getElementById("report-errors");
  var progressBox = document.getElementById("upload-progress");
  var progressBar = progressBox.querySelector("progress");
  var progressText = progressBox.querySelector(".progress-text");

  // htmx names the element that sent the request in detail.elt, except for the swap events,
  // which it fires on the target (the messages box) with the request in detail.requestConfig.
  function own(event) {
    var detail = event.detail || {};
    return detail.elt === form || !!(detail.requestConfig && detail.requestConfig.elt === form);
  }

  function showErrorsBox() {
    errors.scrollIntoView({ block: "center", behavior: "smooth" });
    errors.focus({ preventScroll: true });
  }

  function showRetry(text) {
    errors.textContent = "";
    var box = document.createElement("div");
    box.className = "flash flash-error";
    box.setAttribute("role", "alert");
    var message = document.createElement("span");
    message.textContent = text;
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "retry";
    retry.textContent = labels.retry;
    retry.addEventListener("click", function () {
      if (form.requestSubmit) form.requestSubmit();
      else window.htmx.trigger(form, "submit");
    });
    box.appendChild(message);
    box.appendChild(retry);
    errors.appendChild(box);
    showErrorsBox();
  }

  form.addEventListener("htmx:beforeRequest", function (event) {
    if (!own(event)) return;
    errors.textContent = "";
    progressBar.value = 0;
    progressText.textContent = labels.sending;
    progressBox.hidden = false;
  });
  form.addEventListener("htmx:xhr:progress", function (event) {
    if (!own(event) || !event.detail.lengthComputable || !event.detail.total) return;
    var percent = Math.round((100 * event.detail.loaded) / event.detail.total);
    progressBar.value = percent;
    progressText.textContent = labels.sending + " " + percent + "%";
  });
  // The server's refusals (400 invalid, 403 not allowed, 409 changed) carry the message to show.
  form.addEventListener("htmx:beforeSwap", function (event) {
    if (!own(event)) return;
    var status = event.detail.xhr.status;
    if (status === 400 || status === 403 || status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  form.addEventListener("htmx:afterSwap", function (event) {
    if (event.target === errors && errors.textContent.trim()) showErrorsBox();
  });
  form.addEventListener("htmx:afterRequest", function (event) {
    if (!own(event)) return;
    if (event.detail.xhr && event.detail.xhr.getResponseHeader("HX-Redirect")) {
      progressBar.value = 100;
      progressText.textContent = labels.opening; // the browser is loading the new case's page
    } else {
      progressBox.hidden = true;
    }
  });
  form.addEventListener("htmx:sendError", function (event) { if (own(event)) showRetry(labels.sendFailed); });
  form.addEventListener("htmx:timeout", function (event) { if (own(event)) showRetry(labels.sendFailed); });
  form.addEventListener("htmx:responseError", function (event) {
    if (own(event)) showRetry(labels.serverFailed.replace("STATUS", event.detail.xhr.status));
  });
})();
