/* Popovers for the edition's marks (emendations, note previews, dated claims).
 *
 * A trigger (.ed-pop-trigger, role=button, aria-controls=ID) shows its popover
 * on hover and on focus, and pins it open on click, Enter or Space (so a tap
 * on a phone opens it). Escape closes every open popover and returns focus. */
(function () {
  "use strict";

  function popoverOf(trigger) {
    return document.getElementById(trigger.getAttribute("aria-controls"));
  }

  function show(trigger) {
    var pop = popoverOf(trigger);
    if (!pop) return;
    pop.hidden = false;
    trigger.setAttribute("aria-expanded", "true");
    keepInView(pop);
  }

  /* Shift an absolutely placed popover left if it would leave the window. */
  function keepInView(pop) {
    pop.style.left = "";
    if (getComputedStyle(pop).position !== "absolute") return;
    var overflow = pop.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) pop.style.left = -overflow + "px";
  }

  function hide(trigger) {
    var pop = popoverOf(trigger);
    if (!pop || trigger.dataset.edPinned === "true") return;
    pop.hidden = true;
    trigger.setAttribute("aria-expanded", "false");
  }

  function closeAll(except) {
    document.querySelectorAll(".ed-pop-trigger[aria-expanded='true']").forEach(function (t) {
      if (t === except) return;
      t.dataset.edPinned = "false";
      hide(t);
    });
  }

  function toggle(trigger) {
    var pinned = trigger.dataset.edPinned === "true";
    closeAll(trigger);
    trigger.dataset.edPinned = pinned ? "false" : "true";
    if (pinned) hide(trigger); else show(trigger);
  }

  /* Links that carry a preview (note markers, citations): the link is the
     trigger; a click follows it, except that on a touch screen the first tap
     shows the preview and a second tap follows the link. */
  function wireLinkPreviews() {
    document.querySelectorAll(".ed-noteref, .ed-cite").forEach(function (host) {
      var link = host.querySelector("a");
      var pop = host.querySelector(".ed-pop");
      if (!link || !pop) return;
      link.classList.add("ed-pop-trigger");
      link.setAttribute("aria-controls", pop.id);
      link.setAttribute("aria-describedby", pop.id);
      link.setAttribute("aria-expanded", "false");
      link.dataset.edLink = "true";
    });
  }

  var touchOnly = window.matchMedia && window.matchMedia("(hover: none)").matches;

  function init() {
    wireLinkPreviews();
    document.querySelectorAll(".ed-pop-trigger").forEach(function (trigger) {
      var host = trigger.closest(".ed-pop-host") || trigger;
      host.addEventListener("mouseenter", function () { show(trigger); });
      host.addEventListener("mouseleave", function () { hide(trigger); });
      trigger.addEventListener("focus", function () { show(trigger); });
      trigger.addEventListener("blur", function () { hide(trigger); });
      trigger.addEventListener("click", function (event) {
        if (trigger.dataset.edLink === "true") {
          if (touchOnly && trigger.getAttribute("aria-expanded") !== "true") {
            event.preventDefault();
            closeAll(trigger);
            show(trigger);
          }
          return;
        }
        event.preventDefault();
        toggle(trigger);
      });
      trigger.addEventListener("keydown", function (event) {
        if (trigger.dataset.edLink === "true") return;
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          toggle(trigger);
        }
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var open = document.querySelector(".ed-pop-trigger[aria-expanded='true']");
      closeAll(null);
      if (open) open.focus();
      if (open) { open.dataset.edPinned = "false"; hide(open); }
    });
    document.addEventListener("click", function (event) {
      if (!event.target.closest(".ed-pop-host")) closeAll(null);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
