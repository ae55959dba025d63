/* Leave the page quickly: the exit link and Shift pressed three times.
 * Without this script the exit link is still an ordinary link to the neutral page. */
(function () {
  "use strict";
  var PRESSES_NEEDED = 3;
  var WINDOW_MS = 3000;
  var presses = 0;
  var resetTimer = null;
  var shiftDown = false;
  var shiftSpoiled = false;   // another key was pressed while Shift was held (typing a capital)
  var savedTitle = document.title;

  function exitLink() { return document.getElementById("exit"); }
  function status() { return document.querySelector("[data-exit-status]"); }

  function announce(key) {
    var region = status();
    if (region) { region.textContent = key ? region.getAttribute("data-" + key) : ""; }
  }

  function leave(url) {
    // Hide everything and clear the title first, so nothing lingers while the next page loads.
    document.documentElement.classList.add("exiting");
    savedTitle = document.title || savedTitle;
    document.title = "";
    // replace(): this page is not left behind in the tab's history.
    window.location.replace(url);
  }

  function resetPresses(announceIt) {
    if (presses > 0 && announceIt) { announce("shift-reset"); }
    presses = 0;
    clearTimeout(resetTimer);
    resetTimer = null;
  }

  // Every way of activating the exit link leaves this tab, also Ctrl/Cmd/Shift-click and the
  // middle button, which would otherwise open a new tab and leave this page on screen.
  function onActivate(event) {
    var link = event.target.closest && event.target.closest("[data-exit]");
    if (!link || (event.type === "auxclick" && event.button !== 1)) { return; }
    event.preventDefault();
    leave(link.href);
  }
  document.addEventListener("click", onActivate);
  document.addEventListener("auxclick", onActivate);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) { shiftDown = true; shiftSpoiled = false; }
      return;
    }
    if (shiftDown) { shiftSpoiled = true; }
    resetPresses(false);   // any other key ends a sequence: typing never leaves the page
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    var counted = shiftDown && !shiftSpoiled;
    shiftDown = false;
    if (!counted) { return; }
    presses += 1;
    if (presses >= PRESSES_NEEDED) {
      resetPresses(false);
      var link = exitLink();
      if (link) { leave(link.href); }
      return;
    }
    announce("shift-" + presses);
    if (!resetTimer) {
      resetTimer = setTimeout(function () { resetPresses(true); }, WINDOW_MS);
    }
  }, true);

  // Coming back with Back (back-forward cache): make the page usable again.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("exiting");
    if (!document.title) { document.title = savedTitle; }
    resetPresses(false);
    announce("");
  });
}());
