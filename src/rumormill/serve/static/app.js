// rumormill pages: the little behaviour the article page needs. No framework, no inline code
// (the Content-Security-Policy forbids inline scripts), nothing fetched from elsewhere.
"use strict";

function claimPieces(id) {
  return document.querySelectorAll('.text span.cl[data-claim="' + CSS.escape(id) + '"]');
}

function markClaim(id, on) {
  claimPieces(id).forEach(function (piece) { piece.classList.toggle("focus", on); });
}

function setupClaims() {
  document.querySelectorAll(".text .badge[data-claim]").forEach(function (badge) {
    var id = badge.dataset.claim;
    ["focus", "mouseenter"].forEach(function (e) { badge.addEventListener(e, function () { markClaim(id, true); }); });
    ["blur", "mouseleave"].forEach(function (e) { badge.addEventListener(e, function () { markClaim(id, false); }); });
  });
  var hash = decodeURIComponent(window.location.hash || "");
  if (hash.indexOf("#claim-") === 0) { markClaim(hash.slice(7), true); }
}

// Credibility factors: pressing one marks the spans of the text that caused it.
function setupFactors() {
  document.querySelectorAll("button.factor[data-factor]").forEach(function (button) {
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      var spans = document.querySelectorAll(".text .ev-" + button.dataset.factor);
      spans.forEach(function (span) { span.classList.toggle("on", on); });
      if (on && spans.length) { spans[0].scrollIntoView({block: "center", behavior: "smooth"}); }
    });
  });
}

document.addEventListener("DOMContentLoaded", function () {
  setupClaims();
  setupFactors();
});
