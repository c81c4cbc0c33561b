// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-select-all]")) return;
    var name = box.getAttribute("data-select-all");
    var form = box.closest("form");
    form.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (b) {
      b.checked = box.checked;
    });
  });
  // The phone menu: the "Menu" link opens the navigation in place.
  var toggle = document.querySelector("[data-menu-toggle]");
  if (toggle) {
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));
    toggle.setAttribute("role", "button");
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      var open = menu.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = open ? "Close menu" : "Menu";
    });
  }
  // Forms that ask for confirmation carry data-confirm; no inline handlers (CSP).
  document.addEventListener("submit", function (event) {
    var msg = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) event.preventDefault();
  });

  // Patient-information guard: textareas marked data-phi-check are tested
  // with the server's own patterns before the form is sent. It warns; the
  // user decides.
  var patterns = [];
  try {
    patterns = JSON.parse(document.body.getAttribute("data-phi-patterns") || "[]").map(function (p) {
      return { label: p.label, re: new RegExp(p.source, p.flags) };
    });
  } catch (e) {
    patterns = [];
  }
  document.addEventListener("submit", function (event) {
    if (event.defaultPrevented || !patterns.length) return;
    var found = [];
    event.target.querySelectorAll("textarea[data-phi-check], input[data-phi-check]").forEach(function (el) {
      patterns.forEach(function (p) {
        if (p.re.test(el.value) && found.indexOf(p.label) === -1) found.push(p.label);
      });
    });
    if (found.length && !window.confirm(
      "This looks like it may contain patient information (" + found.join(", ") +
      "). Tiewise is for your professional network. Save anyway?")) {
      event.preventDefault();
    }
  });
})();

// The who-knows-whom grid counts the ticked pairs as they change.
(function () {
  var grid = document.querySelector("[data-testid=knows-grid]");
  var out = grid && grid.querySelector("[data-ticked]");
  if (!out) return;
  grid.addEventListener("change", function () {
    out.textContent = grid.querySelectorAll("input[name=pair]:checked").length;
  });
})();

// The people list shows people first: the bulk bar waits until someone is ticked.
(function () {
  var bar = document.querySelector("[data-bulk-bar]");
  if (!bar) return;
  var form = bar.closest("form");
  var hint = document.querySelector("[data-bulk-hint]");
  function sync() {
    var any = form.querySelector("input[name=ids]:checked, #select-all:checked");
    bar.hidden = !any;
    if (hint) hint.hidden = !!any;
  }
  form.addEventListener("change", sync);
  sync();
})();
