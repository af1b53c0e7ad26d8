// Khiu pages: a wait range in words, the same words as shared/i18n/waits.py (the server
// renders the first view with it; the services and ticket pages update it live).
(function () {
  "use strict";
  function waitText(range) {
    var low = range[0], high = range[1];
    if (high <= 5) { return { th: "ไม่ถึง 5 นาที", en: "less than 5 min" }; }
    if (low >= high) { return { th: "ประมาณ " + high + " นาที", en: "about " + high + " min" }; }
    return { th: "ประมาณ " + low + "–" + high + " นาที", en: "about " + low + "–" + high + " min" };
  }

  // Every [data-wait="th"|"en"] inside `scope` says `range` ([low, high] or null: blank).
  function showWait(scope, range) {
    var said = range ? waitText(range) : { th: "", en: "" };
    var nodes = scope.querySelectorAll("[data-wait]");
    for (var k = 0; k < nodes.length; k++) { nodes[k].textContent = said[nodes[k].getAttribute("data-wait")]; }
  }

  window.khiuShowWait = showWait;
})();
