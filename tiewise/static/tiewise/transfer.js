// Import page: drag-and-drop onto the file field and an upload progress bar.
// Without this script the form posts normally and everything still works.
(function () {
  "use strict";
  var form = document.querySelector("[data-import-form]");
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var zone = form.querySelector("[data-drop-zone]");
  var input = form.querySelector("input[type=file]");
  var nameOut = form.querySelector("[data-drop-name]");
  var errorOut = form.querySelector("[data-import-error]");
  var progress = form.querySelector("[data-import-progress]");
  var bar = progress.querySelector("progress");
  var percent = form.querySelector("[data-import-percent]");
  var button = form.querySelector("button[type=submit]");

  function showName() {
    nameOut.textContent = input.files && input.files.length ? "Selected: " + input.files[0].name : "";
  }
  function showError(text) {
    errorOut.textContent = text;
    errorOut.hidden = !text;
  }
  input.addEventListener("change", showName);

  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add("is-over");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove("is-over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      showName();
    }
  });

  form.addEventListener("submit", function (event) {
    if (!input.files || !input.files.length) return; // let the server say what is missing
    event.preventDefault();
    showError("");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    progress.hidden = false;
    bar.value = 0;
    percent.textContent = "0%";
    button.disabled = true;
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var p = Math.round((e.loaded / e.total) * 100);
      bar.value = p;
      percent.textContent = p === 100 ? "Reading the file…" : p + "%";
    });
    xhr.addEventListener("load", function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
      if (xhr.status === 200 && body.redirect) {
        window.location.assign(body.redirect);
        return;
      }
      progress.hidden = true;
      button.disabled = false;
      showError(body.detail || (xhr.status === 413 ? "The file is too large." : "The upload failed (" + xhr.status + ")."));
    });
    xhr.addEventListener("error", function () {
      progress.hidden = true;
      button.disabled = false;
      showError("The upload did not reach the server. Check your connection and try again.");
    });
    xhr.send(new FormData(form));
  });
})();
