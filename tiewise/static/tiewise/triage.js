// The triage inbox: shift-click ranges, "select all N matching", a live
// count in the sticky action bar, and keyboard shortcuts (listed on the page).
// Without this script every form still posts and works.
(function () {
  "use strict";
  var form = document.querySelector("[data-triage-form]");
  if (!form) return;
  var total = parseInt(form.getAttribute("data-total") || "0", 10);
  var pageAll = document.getElementById("select-all");
  var scope = document.getElementById("scope-matching");
  var matching = form.querySelector("[data-select-matching]");
  var countOut = form.querySelector("[data-selected-count]");
  var hintOut = form.querySelector("[data-selected-hint]");
  var bar = form.querySelector("[data-action-bar]");
  var last = null;
  var current = -1;

  function boxes() {
    return Array.prototype.slice.call(form.querySelectorAll("input[data-row-check]"));
  }
  function fmt(n) {
    return n.toLocaleString("en-US");
  }
  function update() {
    var all = boxes();
    var ticked = all.filter(function (b) { return b.checked; }).length;
    var everyOnPage = all.length > 0 && ticked === all.length;
    if (pageAll) pageAll.checked = everyOnPage;
    if (matching) {
      matching.hidden = !everyOnPage;
      if (!everyOnPage && scope) scope.checked = false;
    }
    all.forEach(function (b) {
      var row = b.closest("tr");
      if (row) row.classList.toggle("is-selected", b.checked);
    });
    if (!countOut) return;
    if (scope && scope.checked) {
      countOut.textContent = "All " + fmt(total) + " matching selected";
    } else if (ticked) {
      countOut.textContent = fmt(ticked) + " selected";
    } else {
      countOut.textContent = "Tick records";
    }
    if (hintOut) hintOut.hidden = ticked > 0;
    if (bar) bar.classList.toggle("has-selection", ticked > 0);
  }
  function selected() {
    return (scope && scope.checked) || boxes().some(function (b) { return b.checked; });
  }

  form.addEventListener("click", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-row-check]")) return;
    var all = boxes();
    var at = all.indexOf(box);
    if (event.shiftKey && last !== null && last !== at) {
      var lo = Math.min(last, at), hi = Math.max(last, at);
      for (var i = lo; i <= hi; i++) all[i].checked = box.checked;
    }
    last = at;
    current = at;
    window.setTimeout(update, 0);
  });
  // app.js ticks the page's rows on "select all shown"; count after it.
  document.addEventListener("change", function () { window.setTimeout(update, 0); });
  if (matching) matching.hidden = true;

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(el.tagName)) &&
      !(el.tagName === "INPUT" && el.type === "checkbox");
  }
  function focusRow(i) {
    var all = boxes();
    if (!all.length) return;
    current = Math.max(0, Math.min(all.length - 1, i));
    all.forEach(function (b, j) {
      var row = b.closest("tr");
      if (row) row.classList.toggle("is-current", j === current);
    });
    all[current].focus();
  }
  function toggle(i, range) {
    var all = boxes();
    if (i < 0 || i >= all.length) return;
    var to = !all[i].checked;
    if (range && last !== null) {
      var lo = Math.min(last, i), hi = Math.max(last, i);
      for (var k = lo; k <= hi; k++) all[k].checked = to;
    } else {
      all[i].checked = to;
    }
    last = i;
    update();
  }
  function follow(selector) {
    var link = document.querySelector(selector);
    if (link) window.location.assign(link.href);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var key = event.key;
    if (key === "Escape") {
      boxes().forEach(function (b) { b.checked = false; });
      if (scope) scope.checked = false;
      update();
      return;
    }
    if (typing(document.activeElement)) return;
    var all = boxes();
    if (key === "/") {
      var search = document.querySelector("[data-triage-search]");
      if (!search) return;
      event.preventDefault();
      var details = search.closest("details");
      if (details) details.open = true;
      search.focus();
    } else if (key === "j") {
      focusRow(current + 1);
    } else if (key === "k") {
      focusRow(current < 0 ? 0 : current - 1);
    } else if (key === "x" || key === "X") {
      if (current < 0) focusRow(0);
      toggle(current, event.shiftKey);
    } else if (key === "a") {
      var every = all.length && all.every(function (b) { return b.checked; });
      if (every && scope) {
        scope.checked = true;
      } else {
        all.forEach(function (b) { b.checked = true; });
      }
      update();
    } else if (key === "n") {
      follow("[data-page-next]");
    } else if (key === "b") {
      follow("[data-page-prev]");
    } else if (key === "?") {
      var help = document.querySelector("[data-shortcuts]");
      if (help) {
        help.open = !help.open;
        if (help.open) help.scrollIntoView({ block: "nearest" });
      }
    } else {
      var button = form.querySelector('button[data-key="' + key + '"]');
      if (!button) return;
      event.preventDefault();
      if (!selected()) {
        if (countOut) countOut.textContent = "Tick records first (x), or press a to tick this page";
        return;
      }
      if (form.requestSubmit) form.requestSubmit(button);
      else button.click();
    }
  });
  update();
})();
