// Keep-in-touch pages: copy the calendar link, filter the people picker.
// Progressive: both controls stay hidden until this script runs.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var input = document.querySelector(button.getAttribute("data-copy"));
    var status = document.querySelector("[data-copy-status]");
    if (!input) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      input.select();
      var done = function () { if (status) status.textContent = "Link copied."; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          if (status) status.textContent = "Select the link and copy it.";
        });
      } else {
        try { document.execCommand("copy"); done(); } catch (e) { /* select() is enough */ }
      }
    });
  });
  document.querySelectorAll("[data-node-filter]").forEach(function (box) {
    var picker = box.closest("[data-node-picker]");
    if (!picker) return;
    box.hidden = false;
    box.addEventListener("input", function () {
      var q = box.value.trim().toLowerCase();
      picker.querySelectorAll(".node-choices label").forEach(function (label) {
        var input = label.querySelector("input");
        var show = !q || label.textContent.toLowerCase().indexOf(q) !== -1 || (input && input.checked);
        var item = label.closest("div") || label;
        item.hidden = !show;
      });
    });
  });
})();
