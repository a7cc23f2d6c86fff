/* The edition's behaviour in the browser. Every part enhances markup that works
 * without it: marks are real links, layers are radio buttons applied by the
 * stylesheet, margin notes float beside their paragraph.
 *
 * Popovers: a trigger (.ed-pop-trigger, aria-controls=ID) shows its popover on
 * hover and on focus, and pins it open on click, Enter or Space (so a tap on a
 * phone opens it). Links with a preview (note markers, citations, emendation
 * cues) follow the link on click; on a touch screen the first tap previews.
 * Escape closes every open popover and returns focus. */
(function () {
  "use strict";

  var STORAGE_KEY = "edition-layer";
  var WIDE = window.matchMedia("(min-width: 1200px)");

  function onReady(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  function rendered(element) {
    return element.getClientRects().length > 0;
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
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () { live.textContent = ""; }, 2500);
  }

  /* ---- Popovers */

  function popoverOf(trigger) {
    return document.getElementById(trigger.getAttribute("aria-controls"));
  }

  function show(trigger) {
    var pop = popoverOf(trigger);
    if (!pop || !rendered(trigger)) return; // a mark the layer hides shows nothing
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

  /* Links that carry a preview: the link is the trigger. */
  function wireLinkPreviews() {
    var hosts = [
      [".ed-noteref, .ed-cite", "a"],
      [".ed-emend", ":scope > a.ed-emend__cue"],
    ];
    hosts.forEach(function (pair) {
      document.querySelectorAll(pair[0]).forEach(function (host) {
        var link = host.querySelector(pair[1]);
        var pop = host.querySelector(":scope > .ed-pop");
        if (!link || !pop) return;
        link.classList.add("ed-pop-trigger");
        link.setAttribute("aria-controls", pop.id);
        link.setAttribute("aria-describedby", pop.id);
        link.setAttribute("aria-expanded", "false");
        link.dataset.edLink = "true";
      });
    });
  }

  /* Whether the last press was a finger (not a mouse or pen): on a touch
     screen the first tap on a link with a preview shows the preview. */
  var lastPointer = "mouse";
  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);

  function initPopovers() {
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
            event.preventDefault(); // first tap: the preview; a second tap follows the link
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
    /* A tap or click on the marked words opens their popover, unless it lands
       on a control inside the words (an emendation, an annotation letter). */
    [[".ed-claim__text", ".ed-claim__cue"], [".ed-emend__reading", ".ed-emend__cue"]].forEach(function (pair) {
      document.querySelectorAll(pair[0]).forEach(function (words) {
        words.addEventListener("click", function (event) {
          if (event.target.closest("a, button, [role='button']")) return;
          var cue = words.parentNode.querySelector(":scope > " + pair[1]);
          if (cue) toggle(cue);
        });
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
      if (open) {
        open.focus();
        open.dataset.edPinned = "false";
        hide(open);
      }
    });
    document.addEventListener("click", function (event) {
      if (!event.target.closest(".ed-pop-host")) closeAll(null);
    });
  }

  /* ---- Reading layers: remember the choice, announce it, and offer a shortcut
     (Alt+Shift+L) that moves to the next layer from anywhere on the page. */

  function layerRadios() {
    return Array.prototype.slice.call(document.querySelectorAll("#ed-layers input[name='ed-layer']"));
  }

  function currentLayer() {
    var checked = document.querySelector("#ed-layers input[name='ed-layer']:checked");
    return checked ? checked.value : null;
  }

  function describeLayer(radio) {
    var label = document.querySelector("label[for='" + radio.id + "']");
    var hint = document.getElementById(radio.id + "-hint");
    return (label ? label.textContent : radio.value) + " layer: " + (hint ? hint.textContent : "");
  }

  function initLayers() {
    var form = document.getElementById("ed-layers");
    if (!form) return;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function (event) {
      var radio = event.target;
      try { localStorage.setItem(STORAGE_KEY, radio.value); } catch (e) { /* private mode */ }
      announce(describeLayer(radio));
      updateReveals();
      scheduleLayout();
    });
    document.addEventListener("keydown", function (event) {
      if (!(event.altKey && event.shiftKey) || event.ctrlKey || event.metaKey || event.code !== "KeyL") return;
      if (event.target.closest && event.target.closest("input:not([type=radio]), textarea, select, [contenteditable]")) return;
      event.preventDefault();
      var radios = layerRadios();
      var index = radios.findIndex(function (r) { return r.checked; });
      var next = radios[(index + 1) % radios.length];
      next.checked = true;
      next.dispatchEvent(new Event("change", { bubbles: true }));
    });
    /* Another tab changed the layer: follow it. */
    window.addEventListener("storage", function (event) {
      if (event.key !== STORAGE_KEY) return;
      var radio = document.getElementById("ed-layer-" + event.newValue);
      if (radio && !radio.checked) {
        radio.checked = true;
        updateReveals();
        scheduleLayout();
      }
    });
  }

  /* ---- The margin's way back to hidden marks: a button per paragraph that opens
     the marks (and notes) a layer hides, in that paragraph only. */

  var KINDS = [
    [".ed-claim", "dated claim", "dated claims", ["reading", "apparatus"]],
    [".ed-emend", "emendation", "emendations", ["reading"]],
    [".ed-annotation-mark", "editor's note", "editor's notes", ["reading", "apparatus"]],
    [".ed-pb", "witness page break", "witness page breaks", ["reading"]],
  ];

  function notesOf(paragraph) {
    var notes = [];
    paragraph.querySelectorAll(".ed-annotation-toggle").forEach(function (link) {
      var note = document.getElementById(link.getAttribute("aria-controls"));
      if (note) notes.push(note);
    });
    return notes;
  }

  function initReveals() {
    if (!document.getElementById("ed-layers")) return;
    document.querySelectorAll(".bd-article p[id]").forEach(function (paragraph) {
      var counts = {};
      KINDS.forEach(function (kind) { counts[kind[0]] = paragraph.querySelectorAll(kind[0]).length; });
      var hidden = { reading: [], apparatus: [] };
      KINDS.forEach(function (kind) {
        var n = counts[kind[0]];
        if (!n) return;
        kind[3].forEach(function (layer) { hidden[layer].push(n + " " + (n === 1 ? kind[1] : kind[2])); });
      });
      if (!hidden.reading.length && !hidden.apparatus.length) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ed-reveal";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", paragraph.id);
      ["reading", "apparatus"].forEach(function (layer) {
        if (hidden[layer].length) button.dataset[layer] = hidden[layer].join(", ");
      });
      var number = paragraph.id.replace(/^p/, "");
      button.dataset.paragraph = number;
      button.addEventListener("click", function () {
        var open = !paragraph.classList.contains("ed-revealed");
        paragraph.classList.toggle("ed-revealed", open);
        notesOf(paragraph).forEach(function (note) { note.classList.toggle("ed-revealed", open); });
        button.setAttribute("aria-expanded", open ? "true" : "false");
        updateReveal(button);
        scheduleLayout();
      });
      var permalink = paragraph.querySelector(":scope > .ed-para");
      paragraph.insertBefore(button, permalink ? permalink.nextSibling : paragraph.firstChild);
    });
    updateReveals();
  }

  function updateReveal(button) {
    var layer = currentLayer();
    var what = button.dataset[layer] || "";
    var count = what.split(", ").reduce(function (sum, part) { return sum + (parseInt(part, 10) || 0); }, 0);
    var open = button.getAttribute("aria-expanded") === "true";
    // The count shows; the rest is read out with it (the name begins with the visible text).
    var words = document.createElement("span");
    words.className = "ed-visually-hidden";
    words.textContent = " marks in ¶ " + button.dataset.paragraph + ": " + what;
    button.textContent = (open ? "−" : "+") + count;
    button.appendChild(words);
    button.title = (open ? "Hide " : "Show ") + count + " marks in this paragraph (" + what + ")";
  }

  function updateReveals() {
    document.querySelectorAll(".ed-reveal").forEach(updateReveal);
  }

  /* ---- Annotation letters: links to their note. On narrow screens they open and
     close the note in place; on wide ones, where the note is in the margin, they
     take the focus to it. */

  function initAnnotations() {
    document.querySelectorAll(".ed-annotation-toggle").forEach(function (link) {
      var note = document.getElementById(link.getAttribute("aria-controls"));
      if (!note) return;
      note.tabIndex = -1;
      function sync() {
        if (WIDE.matches) link.removeAttribute("aria-expanded");
        else link.setAttribute("aria-expanded", note.classList.contains("is-open") ? "true" : "false");
      }
      link.addEventListener("click", function (event) {
        event.preventDefault();
        if (WIDE.matches) {
          note.focus({ preventScroll: true });
          note.scrollIntoView({ block: "nearest" });
          return;
        }
        note.classList.toggle("is-open");
        sync();
        if (note.classList.contains("is-open")) note.focus();
      });
      note.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !WIDE.matches && note.classList.contains("is-open")) {
          note.classList.remove("is-open");
          sync();
          link.focus();
        }
      });
      if (WIDE.addEventListener) WIDE.addEventListener("change", sync);
      sync();
    });
  }

  /* ---- Margin notes on wide screens: each note starts level with the line that
     holds the first of its words; when two would overlap, the later one moves
     down only as far as it must. */

  var NOTE_GAP = 12; // px between two notes that had to be stacked
  var layoutQueued = false;

  function scheduleLayout() {
    if (layoutQueued) return;
    layoutQueued = true;
    requestAnimationFrame(function () {
      layoutQueued = false;
      layoutNotes();
    });
  }

  /* The top of the line box that holds the start of *element*: the line-height of
     its paragraph, centred on the first fragment of text. */
  function lineTop(element) {
    var rect = element.getClientRects()[0];
    var block = element.closest("p") || element.parentNode;
    var style = getComputedStyle(block);
    var height = parseFloat(style.lineHeight);
    if (isNaN(height)) height = 1.2 * parseFloat(style.fontSize);
    return rect.top + rect.height / 2 - height / 2;
  }

  function layoutNotes() {
    var article = document.querySelector(".bd-article");
    if (!article) return;
    var notes = Array.prototype.slice.call(article.querySelectorAll("aside.ed-annotation"));
    var active = WIDE.matches && notes.length > 0 && !window.matchMedia("print").matches;
    article.classList.toggle("ed-margin-layout", active);
    notes.forEach(function (note) { note.style.top = ""; });
    article.style.minHeight = "";
    if (!active) return;
    var origin = article.getBoundingClientRect().top;
    var placed = notes
      .filter(function (note) { return getComputedStyle(note).display !== "none"; })
      .map(function (note) {
        var anchor = document.getElementById(note.id.replace(/^ann-/, "anchor-"));
        var toggle = article.querySelector(".ed-annotation-toggle[aria-controls='" + note.id + "']");
        var at = anchor && rendered(anchor) ? anchor : toggle;
        return { note: note, line: at && rendered(at) ? lineTop(at) - origin : null };
      })
      .filter(function (item) { return item.line !== null; })
      .sort(function (a, b) { return a.line - b.line; });
    var floor = -Infinity;
    placed.forEach(function (item) {
      var top = Math.max(item.line, floor);
      item.note.style.top = top + "px";
      floor = top + item.note.offsetHeight + NOTE_GAP;
    });
    if (floor > article.offsetHeight) article.style.minHeight = Math.ceil(floor) + "px";
  }

  function initMarginLayout() {
    if (!document.querySelector("aside.ed-annotation")) return;
    layoutNotes();
    window.addEventListener("resize", scheduleLayout);
    window.addEventListener("hashchange", scheduleLayout);
    window.addEventListener("load", scheduleLayout);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(scheduleLayout);
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(scheduleLayout);
      document.querySelectorAll(".bd-article > section, aside.ed-annotation").forEach(function (el) {
        observer.observe(el);
      });
    }
    document.addEventListener("toggle", scheduleLayout, true); // <details> opened or closed
  }

  /* ---- The register of dated claims: filter by category and status, sort by column. */
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

  onReady(function () {
    initPopovers();
    initLayers();
    initReveals();
    initAnnotations();
    initRegister();
    initMarginLayout();
  });
})();
