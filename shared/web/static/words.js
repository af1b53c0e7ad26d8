// Khiu pages: Thai word pieces (.nb) never break inside, so a line breaks between Thai
// words only; a piece wider than its whole line (text enlarged to 200 %) may wrap
// inside rather than run off the phone. Plain inline spans: a screen reader reads the
// text as written (inline blocks would add pauses between the pieces).
(function () {
  "use strict";
  function lineWidth(element) {
    var block = element.parentElement;
    while (block && getComputedStyle(block).display.indexOf("inline") === 0) {
      block = block.parentElement;
    }
    if (!block) return Infinity;
    var style = getComputedStyle(block);
    return block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  }
  function fit() {
    var pieces = document.querySelectorAll(".nb");
    var i;
    for (i = 0; i < pieces.length; i++) pieces[i].classList.remove("nb-wide");
    for (i = 0; i < pieces.length; i++) {
      if (pieces[i].getBoundingClientRect().width > lineWidth(pieces[i]) + 0.5) {
        pieces[i].classList.add("nb-wide");
      }
    }
  }
  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; fit(); });
  }
  if (window.ResizeObserver) new ResizeObserver(later).observe(document.documentElement);
  addEventListener("resize", later);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(later);
  later();
})();
