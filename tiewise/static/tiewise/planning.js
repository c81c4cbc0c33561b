// Action form: picking a strategy fills in its first step and due date.
// The server does the same for ?strategy=KEY, so this is only a shortcut.
(function () {
  "use strict";
  function isoDate(daysAhead) {
    var d = new Date();
    d.setDate(d.getDate() + daysAhead);
    var mm = String(d.getMonth() + 1).padStart(2, "0");
    var dd = String(d.getDate()).padStart(2, "0");
    return d.getFullYear() + "-" + mm + "-" + dd;
  }
  function templates(select) {
    return Array.prototype.map.call(select.options, function (o) {
      return o.getAttribute("data-template") || "";
    });
  }
  document.querySelectorAll("select[data-strategy-prefill]").forEach(function (select) {
    var title = document.querySelector(select.getAttribute("data-title"));
    var due = document.querySelector(select.getAttribute("data-due"));
    var description = document.getElementById("strategy-description");
    var known = templates(select);
    var lastDue = due ? due.value : "";
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      var template = option.getAttribute("data-template") || "";
      var days = parseInt(option.getAttribute("data-due-days") || "", 10);
      // Only replace a title the person has not written themselves.
      if (title && template && (title.value.trim() === "" || known.indexOf(title.value) !== -1)) {
        title.value = template;
      }
      if (due && !isNaN(days) && (due.value === "" || due.value === lastDue)) {
        due.value = isoDate(days);
        lastDue = due.value;
      }
      if (description) description.textContent = option.getAttribute("data-description") || "";
    });
  });
})();
