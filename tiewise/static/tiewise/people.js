// Person pickers: a plain text input of names (works without JavaScript)
// becomes a type-ahead combobox that asks the server as the user types.
// Tom Select gives the combobox its keyboard and screen-reader behaviour
// (role=combobox, listbox, aria-activedescendant).
(function () {
  "use strict";
  function search(url, query, callback) {
    var sep = url.indexOf("?") === -1 ? "?" : "&";
    fetch(url + sep + "q=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (data) { callback(data.items); })
      .catch(function () { callback(); });
  }

  function enhance(input) {
    if (input.tomselect || !window.TomSelect) return;
    var many = input.getAttribute("data-person-picker") === "many";
    var url = input.getAttribute("data-search-url");
    var initial = [];
    try { initial = JSON.parse(input.getAttribute("data-initial") || "[]"); } catch (e) { initial = []; }
    // Names the server could not resolve stay out of the combobox; the
    // error next to the field says which.
    initial = initial.filter(function (p) { return /^\d+$/.test(String(p.id)); });
    input.value = initial.map(function (p) { return p.id; }).join(",");
    var hint = document.getElementById(input.getAttribute("aria-describedby"));
    if (hint) hint.textContent = many
      ? "Type a few letters of a name, then pick from the list; pick as many as you like."
      : "Type a few letters of a name, then pick from the list.";
    var ts = new window.TomSelect(input, {
      valueField: "id",
      labelField: "name",
      searchField: ["name", "detail"],
      options: initial,
      items: initial.map(function (p) { return String(p.id); }),
      maxItems: many ? null : 1,
      delimiter: ",",
      create: false,
      persist: false,
      preload: "focus",
      loadThrottle: 150,
      maxOptions: 50,
      closeAfterSelect: !many,
      plugins: many ? ["remove_button"] : [],
      load: function (query, callback) {
        var ts = this;
        search(url, query, function (items) {
          // An answer that arrives after the list was closed (Escape, or a
          // pick in a one-person picker) fills the list but leaves it shut:
          // Tom Select would reopen it over the form's next button.
          // (Closing it again after is too late: opening refocuses, and the
          // refocus opens it once more.)
          if (ts.isOpen) { callback(items); return; }
          var open = ts.open;
          ts.open = function () {};
          try { callback(items); } finally { ts.open = open; }
        });
      },
      // After a pick the typed letters go, so the next name starts afresh
      // (otherwise "chen" + "okafor" searches for "chenokafor").
      onItemAdd: function () {
        this.setTextboxValue("");
      },
      render: {
        option: function (p, escape) {
          return "<div><span class=\"picker-name\">" + escape(p.name) + "</span>" +
            (p.detail ? " <span class=\"picker-detail\">" + escape(p.detail) + "</span>" : "") + "</div>";
        },
        item: function (p, escape) { return "<div>" + escape(p.name) + "</div>"; },
        no_results: function () { return "<div class=\"no-results\">No one by that name yet.</div>"; },
        loading: function () { return "<div class=\"loading\">Searching…</div>"; },
      },
    });
    if (hint) ts.control_input.setAttribute("aria-describedby", hint.id);
    // The original input stays in the form (it carries the value) but the
    // label now points at the combobox: keep a name on the original too.
    var label = ts.control_input.id && document.querySelector('label[for="' + ts.control_input.id + '"]');
    if (label) input.setAttribute("aria-label", label.textContent.replace(/\*/g, "").trim());
  }

  function enhanceIn(root) {
    root.querySelectorAll("input[data-person-picker]").forEach(enhance);
  }
  enhanceIn(document);
  document.addEventListener("htmx:afterSwap", function (event) { enhanceIn(event.target); });
})();
