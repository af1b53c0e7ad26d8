// Khiu services page: waiting counts, estimates and open/closed kept live by SSE.
(function () {
  "use strict";
  var html = document.documentElement;
  var toggle = document.getElementById("lang-toggle");
  function setLang(lang) {
    html.setAttribute("lang", lang);
    html.setAttribute("data-lang", lang);
    try { localStorage.setItem("khiu-lang", lang); } catch (e) { /* private mode */ }
  }
  if (toggle) {
    toggle.addEventListener("click", function (ev) {
      ev.preventDefault();
      setLang(html.getAttribute("data-lang") === "th" ? "en" : "th");
    });
  }
  try {
    var saved = localStorage.getItem("khiu-lang");
    if (saved === "th" || saved === "en") { setLang(saved); }
  } catch (e) { /* private mode */ }

  var showWait = window.khiuShowWait;  // waits.js

  function render(data) {
    var list = data.services || [];
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      var card = document.querySelector('[data-svc="' + s.code + '"]');
      if (!card) { continue; }
      var fields = card.querySelectorAll("[data-f]");
      for (var j = 0; j < fields.length; j++) {
        var v = s[fields[j].getAttribute("data-f")];
        fields[j].textContent = v === null || v === undefined ? "" : String(v);
      }
      card.querySelector('[data-when="open"]').hidden = !s.open_now;
      card.querySelector('[data-when="closed"]').hidden = !!s.open_now;
      card.querySelector('[data-when="queue"]').hidden = !s.waiting;
      card.querySelector('[data-when="empty"]').hidden = !!s.waiting;
      card.querySelector('[data-when="wait"]').hidden = !s.estimated_wait_range_min;
      showWait(card, s.estimated_wait_range_min);
    }
  }
  var live = document.getElementById("live");
  function connect() {
    var source = new EventSource("/api/services/stream");
    source.onmessage = function (ev) {
      live.hidden = false;
      try { render(JSON.parse(ev.data)); } catch (e) { /* ignore a bad message */ }
    };
    source.onerror = function () {
      live.hidden = true;
      if (source.readyState === EventSource.CLOSED) { setTimeout(connect, 5000); }
    };
  }
  if (window.EventSource) { connect(); }
}());
