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

  function announce(message) {
    var live = document.getElementById("ed-live");
    if (!live) {
      live = document.createElement("div");
      live.id = "ed-live";
      live.className = "ed-live";
      live.setAttribute("role", "status");
      document.body.appendChild(live);
    }
    live.textContent = message;
    setTimeout(function () { live.textContent = ""; }, 2500);
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

  /* Whether the last press was a finger (not a mouse or pen): on a touch
     screen the first tap on a link with a preview shows the preview. */
  var lastPointer = "mouse";
  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);

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
          if (lastPointer === "touch" && trigger.dataset.edPinned !== "true") {
            event.preventDefault();  // first tap: the preview; a second tap follows the link
            closeAll(trigger);
            trigger.dataset.edPinned = "true";
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
    /* A tap or click on a claim's words opens its follow-up, unless it lands
       on a control inside the words (an emendation, an annotation letter). */
    document.querySelectorAll(".ed-claim__text").forEach(function (words) {
      words.addEventListener("click", function (event) {
        if (event.target.closest("a, button, [role='button']")) return;
        var cue = words.parentNode.querySelector(".ed-claim__cue");
        if (cue) toggle(cue);
      });
    });
    /* A ¶ link also copies the paragraph's permalink. */
    document.querySelectorAll("a.ed-para").forEach(function (link) {
      link.addEventListener("click", function () {
        var url = location.href.split("#")[0] + link.getAttribute("href");
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(function () { announce("Permalink copied"); }, function () {});
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

  /* Annotation letters: on narrow screens they open and close the note
     inline; on wide screens, where the note is in the margin, they take
     the reader (and the focus) to it. */
  function initAnnotations() {
    document.querySelectorAll(".ed-annotation-toggle").forEach(function (button) {
      var note = document.getElementById(button.getAttribute("aria-controls"));
      if (!note) return;
      note.tabIndex = -1;
      var wide = window.matchMedia("(min-width: 1200px)");
      function sync() { button.setAttribute("aria-expanded", wide.matches || note.classList.contains("is-open") ? "true" : "false"); }
      button.addEventListener("click", function () {
        if (wide.matches) {
          note.focus();
          note.scrollIntoView({ block: "nearest" });
          return;
        }
        note.classList.toggle("is-open");
        sync();
        if (note.classList.contains("is-open")) note.focus();
      });
      note.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !wide.matches) {
          note.classList.remove("is-open");
          sync();
          button.focus();
        }
      });
      if (wide.addEventListener) wide.addEventListener("change", sync);
      sync();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initAnnotations);
  else initAnnotations();

  /* The register of dated claims: filter by category and status, sort by column. */
  function initRegister() {
    var table = document.querySelector("table.ed-register");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function values(prefix) {
      var seen = {};
      rows.forEach(function (row) {
        row.classList.forEach(function (c) { if (c.indexOf(prefix) === 0) seen[c.slice(prefix.length)] = true; });
      });
      return Object.keys(seen).sort();
    }
    var bar = document.createElement("div");
    bar.className = "ed-register-filters";
    var filters = {};
    [["ed-cat-", "Category"], ["ed-status-", "Status"]].forEach(function (pair) {
      var label = document.createElement("label");
      label.textContent = pair[1];
      var select = document.createElement("select");
      var all = document.createElement("option");
      all.value = ""; all.textContent = "all";
      select.appendChild(all);
      values(pair[0]).forEach(function (v) {
        var o = document.createElement("option");
        o.value = pair[0] + v; o.textContent = v.replace(/-/g, " ");
        select.appendChild(o);
      });
      select.addEventListener("change", apply);
      label.appendChild(select);
      bar.appendChild(label);
      filters[pair[0]] = select;
    });
    var count = document.createElement("span");
    count.setAttribute("role", "status");
    bar.appendChild(count);
    table.parentNode.insertBefore(bar, table);
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(filters).every(function (k) {
          return !filters[k].value || row.classList.contains(filters[k].value);
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " claims shown";
    }
    apply();
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.setAttribute("aria-sort", "none");
      th.tabIndex = 0;
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = a.cells[index].textContent.trim(), y = b.cells[index].textContent.trim();
          return ascending ? x.localeCompare(y) : y.localeCompare(x);
        });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initRegister);
  else initRegister();

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
