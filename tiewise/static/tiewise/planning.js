// Action form: picking a strategy fills in its first step and due date.
// The server computes both (core.actions.prefill) and puts them on each
// option; this only copies them, so the rule lives in one place.
(function () {
  "use strict";
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
      var dueDate = option.getAttribute("data-due-date") || "";
      // Only replace a title the person has not written themselves.
      if (title && template && (title.value.trim() === "" || known.indexOf(title.value) !== -1)) {
        title.value = template;
      }
      if (due && dueDate && (due.value === "" || due.value === lastDue)) {
        due.value = dueDate;
        lastDue = due.value;
      }
      if (description) description.textContent = option.getAttribute("data-description") || "";
    });
  });
})();
