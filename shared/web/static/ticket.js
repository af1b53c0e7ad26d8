// Khiu ticket page: live updates by Server-Sent Events. No framework, no inline code.
(function () {
  "use strict";
  var root = document.getElementById("ticket");
  var html = document.documentElement;
  var toggle = document.getElementById("lang-toggle");
  var last = {
    state: root.getAttribute("data-state"),
    recalls: Number(root.getAttribute("data-recalls") || 0),
    counter: root.getAttribute("data-counter"),
    near: !root.querySelector('[data-show="near"]').hidden
  };
  var nearAhead = Number(root.getAttribute("data-near") || 0);
  // A sound may play only after the citizen has touched the page (browsers' rule).
  var touched = false;
  function noteTouch() { touched = true; }
  document.addEventListener("pointerdown", noteTouch, { once: true });
  document.addEventListener("keydown", noteTouch, { once: true });
  var current = null;

  function setLang(lang) {
    html.setAttribute("lang", lang);
    html.setAttribute("data-lang", lang);
    try { localStorage.setItem("khiu-lang", lang); } catch (e) { /* private mode */ }
    if (current) { setTitle(current); }
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

  function shows(t) {
    var out = {};
    if (t.service !== (t.origin_service || t.service)) { out.transferred = true; }
    if (t.recall_count) { out.recalled = true; }
    if (t.position === 0) { out.next = true; } else if (t.position !== null && t.position !== undefined) { out.ahead = true; }
    if (t.estimated_wait_range_min) { out.wait = true; }
    out[t.rated ? "rated" : "unrated"] = true;
    if (t.priority) { out.priority = true; }
    if (isNear(t)) { out.near = true; }
    return out;
  }

  function isNear(t) {
    return t.state === "waiting" && t.position !== null && t.position !== undefined &&
      t.position <= nearAhead;
  }

  function setTitle(t) {
    var lang = html.getAttribute("data-lang");
    if (t.state === "called") {
      var section = root.querySelector('section[data-state="called"]');
      var pattern = section.getAttribute(lang === "en" ? "data-title-en" : "data-title-th");
      document.title = "\uD83D\uDD14 " + pattern.replace("{n}", t.counter).replace("{code}", t.code);
    } else if (isNear(t)) {
      document.title = "\u23F3 " + (lang === "en" ? "Almost your turn: " : "ใกล้ถึงคิว: ") + t.code;
    } else {
      document.title = t.code + " · " + (lang === "en" ? "Queue status" : "สถานะคิว");
    }
  }

  function render(t) {
    current = t;
    var i, nodes = root.querySelectorAll("[data-f]");
    for (i = 0; i < nodes.length; i++) {
      var v = t[nodes[i].getAttribute("data-f")];
      // The site's break marks are not text; and a text that did not change keeps the
      // server's word pieces (lines break between Thai words only).
      var text = v === null || v === undefined ? "" : String(v).replace(/[\u200b\u2060]/g, "");
      if (nodes[i].textContent !== text) nodes[i].textContent = text;
    }
    showWait(root, t.estimated_wait_range_min);
    var sections = root.querySelectorAll("section[data-state]");
    for (i = 0; i < sections.length; i++) {
      sections[i].hidden = sections[i].getAttribute("data-state") !== t.state;
    }
    var on = shows(t), optional = document.querySelectorAll("[data-show]");
    for (i = 0; i < optional.length; i++) {
      optional[i].hidden = !on[optional[i].getAttribute("data-show")];
    }
    document.body.className = "ticket state-" + t.state;
    root.setAttribute("data-state", t.state);
    setTitle(t);
    var calledNow = t.state === "called" && (last.state !== "called" ||
      t.recall_count > last.recalls || String(t.counter) !== String(last.counter));
    if (calledNow) { alertCitizen(); } else if (isNear(t) && !last.near) { alertNear(); }
    last = { state: t.state, recalls: t.recall_count || 0, counter: String(t.counter), near: isNear(t) };
  }

  function alertCitizen() {
    if (navigator.vibrate) {
      try { navigator.vibrate([400, 150, 400, 150, 400]); } catch (e) { /* not allowed */ }
    }
    var box = root.querySelector('section[data-state="called"]');
    box.classList.remove("flash");
    void box.offsetWidth; // restart the animation
    box.classList.add("flash");
  }

  function alertNear() {
    if (navigator.vibrate) {
      try { navigator.vibrate([200, 100, 200]); } catch (e) { /* not allowed */ }
    }
    if (!touched) { return; }
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      var audio = new Ctx(), tone = audio.createOscillator(), gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.value = 0.2;
      tone.connect(gain);
      gain.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.35);
    } catch (e) { /* no audio here */ }
  }

  var form = root.querySelector("form.rate");
  if (form && window.fetch) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var button = ev.submitter || document.activeElement;
      var rating = Number(button && button.value);
      if (!(rating >= 1 && rating <= 5)) { return; }
      var buttons = form.querySelectorAll("button");
      for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
      fetch(form.getAttribute("action"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ rating: rating }),
        credentials: "same-origin"
      }).then(function (r) {
        if (r.ok || r.status === 409) {
          var t = current || {};
          t.rated = true;
          if (current) { render(t); } else {
            form.hidden = true;
            root.querySelector('[data-show="rated"]').hidden = false;
          }
        } else {
          for (var j = 0; j < buttons.length; j++) { buttons[j].disabled = false; }
        }
      }, function () {
        for (var k = 0; k < buttons.length; k++) { buttons[k].disabled = false; }
      });
    });
  }

  var live = document.getElementById("live"), lost = document.getElementById("lost");
  var url = "/api/tickets/" + encodeURIComponent(root.getAttribute("data-token")) + "/stream";
  function connect() {
    var source = new EventSource(url);
    source.onmessage = function (ev) {
      live.hidden = false; lost.hidden = true;
      try { render(JSON.parse(ev.data)); } catch (e) { /* ignore a bad message */ }
    };
    source.onerror = function () {
      live.hidden = true; lost.hidden = false;
      // The browser retries by itself unless the server answered with an error
      // (e.g. 503 while the database is restarted): then start again a little later.
      if (source.readyState === EventSource.CLOSED) { setTimeout(connect, 5000); }
    };
  }
  if (window.EventSource) { connect(); }
}());
