/* declx review: the site's one script (index and document pages).
 * Every text that comes from a document is inserted with textContent,
 * never as HTML. Corrections are kept in localStorage under STORE until
 * exported as corrections.json (schema/corrections-v1.schema.json). */
"use strict";
(function () {
  var STORE = "declx-review-corrections";
  var WHO = "declx-review-who";
  var DOUBTFUL = 0.9;
  var LX = window.DXParse && window.DX_LEXICON ? new window.DXParse.Lexicon(window.DX_LEXICON) : null;
  var FLAG_WORDS = {
    empty: "the cell is empty",
    ocr: "read by OCR",
    ocr_low_confidence: "OCR was unsure of these characters",
    label_fuzzy: "the label matched only approximately",
    merged_cell: "from a merged cell",
    cross_page: "continues across a page break",
    layout_uncertain: "the page's layout left it in doubt",
    seal_overlap: "a seal covers it",
    formula_uncached: "a spreadsheet formula the file holds no result of",
    unit_assumed: "no unit written: taken as 万元",
    unit_converted: "written in 元, converted to 万元",
    value_unparsed: "the value did not parse",
    level1_inferred: "level 1 inferred from level 2",
    checkbox_ambiguous: "zero or several boxes ticked",
    reviewed: "checked by a reviewer",
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function band(c) {
    return typeof c !== "number" ? "lo" : c >= 0.9 ? "hi" : c >= 0.5 ? "mid" : "lo";
  }
  function confBadge(c) {
    var s = el("span", "band band-" + band(c), typeof c === "number" ? c.toFixed(2) : "?");
    s.title = "confidence";
    return s;
  }
  function flagWords(flags) {
    return (flags || []).map(function (f) {
      var base = String(f).split(":")[0];
      var w = FLAG_WORDS[base] || String(f);
      return base === "sum_mismatch" ? "a sum does not add up (" + String(f).slice(13) + ")" : w;
    }).join("; ");
  }
  function show(v) {
    if (v === null || v === undefined) return "(empty)";
    if (typeof v !== "object") return String(v);
    if ("kind" in v && "raw" in v) {
      var parts = [v.op, v.number, v.upper !== null && v.upper !== undefined ? "– " + v.upper : null, v.unit]
        .filter(function (x) { return x !== null && x !== undefined; });
      return v.raw + (parts.length ? "  →  " + parts.join(" ") : "  (" + v.kind + ")");
    }
    if ("start" in v || "end" in v) return (v.start || "?") + " – " + (v.end || "?");
    return JSON.stringify(v);
  }
  /* the text a correction calls the old value: an indicator value's raw */
  function oldOf(v) {
    return v && typeof v === "object" && "kind" in v && "raw" in v ? v.raw : v;
  }

  /* ---- corrections in localStorage ---------------------------------- */
  function load() {
    try { return JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(all) { localStorage.setItem(STORE, JSON.stringify(all)); }
  function keyOf(sha, decl, ptr) { return sha + "|" + decl + "|" + ptr; }
  function countEdits() {
    var n = Object.keys(load()).length;
    var s = document.getElementById("edits");
    if (s) s.textContent = n + (n === 1 ? " correction" : " corrections") + " kept in this browser";
  }
  function exportAll() {
    var all = load();
    var list = Object.keys(all).sort().map(function (k) { return all[k]; });
    var blob = new Blob([JSON.stringify(list, null, 1) + "\n"], { type: "application/json" });
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = "corrections.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  /* the reviewer's name, kept in localStorage; each correction carries it */
  function reviewer() {
    try { return (localStorage.getItem(WHO) || "").trim(); } catch (e) { return ""; }
  }
  function whoInput() {
    var w = document.getElementById("who");
    if (!w) return;
    w.value = reviewer();
    w.addEventListener("input", function () { localStorage.setItem(WHO, w.value.trim()); });
  }

  /* ---- the index ------------------------------------------------------ */
  function indexPage() {
    var rows = window.DX_INDEX || [];
    var tbody = document.querySelector("#docs tbody");
    var sortKey = "file", sortDir = 1;
    function fillSelect(id, values) {
      var s = document.getElementById(id);
      values.forEach(function (v) { var o = el("option", null, v); o.value = v; s.appendChild(o); });
    }
    function uniq(f) {
      var seen = {};
      rows.forEach(function (r) { [].concat(f(r)).forEach(function (v) { if (v !== null && v !== undefined) seen[v] = 1; }); });
      return Object.keys(seen).sort();
    }
    fillSelect("f-form", uniq(function (r) { return r.form; }));
    fillSelect("f-year", uniq(function (r) { return r.year; }));
    fillSelect("f-flag", uniq(function (r) { return r.flags || []; }));
    function val(id) { return document.getElementById(id).value; }
    function render() {
      var form = val("f-form"), unit = val("f-unit").trim(), year = val("f-year"),
          flag = val("f-flag"), b = val("f-band");
      var list = rows.filter(function (r) {
        return (!form || r.form === form) && (!unit || String(r.unit || "").indexOf(unit) >= 0) &&
               (!year || String(r.year) === year) && (!flag || (r.flags || []).indexOf(flag) >= 0) &&
               (!b || (r.decl !== null && band(r.confidence) === b));
      });
      list.sort(function (x, y) {
        var a = x[sortKey], c = y[sortKey];
        if (a === c) return 0;
        if (a === null || a === undefined) return 1;
        if (c === null || c === undefined) return -1;
        return (a < c ? -1 : 1) * sortDir;
      });
      tbody.textContent = "";
      list.forEach(function (r) {
        var tr = el("tr");
        var td = el("td"), a = el("a", null, r.file);
        a.href = "doc/" + encodeURIComponent(r.id) + ".html" + (r.decl !== null ? "#d" + r.decl : "");
        td.appendChild(a);
        tr.appendChild(td);
        if (r.decl === null) {
          var e = el("td", "error", "not read: " + ((r.error && r.error.message) || ""));
          e.colSpan = 7;
          tr.appendChild(e);
        } else {
          tr.appendChild(el("td", "num", r.decl));
          tr.appendChild(el("td", null, r.form));
          tr.appendChild(el("td", null, r.unit));
          tr.appendChild(el("td", "num", r.year));
          var c = el("td");
          c.appendChild(confBadge(r.confidence));
          tr.appendChild(c);
          tr.appendChild(el("td", "num", r.low));
          var f = el("td", "num", r.nflags);
          f.title = (r.flags || []).join(", ");
          tr.appendChild(f);
        }
        tbody.appendChild(tr);
      });
      document.getElementById("shown").textContent = list.length + " of " + rows.length + " shown";
    }
    document.querySelectorAll("#filters select, #filters input").forEach(function (e) {
      e.addEventListener("input", render);
    });
    document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
    document.querySelectorAll("#docs th button").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var k = btn.getAttribute("data-sort");
        sortDir = k === sortKey ? -sortDir : 1;
        sortKey = k;
        document.querySelectorAll("#docs th").forEach(function (th) { th.removeAttribute("aria-sort"); });
        btn.parentNode.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
        render();
      });
    });
    render();
  }

  /* ---- a document ----------------------------------------------------- */
  function cellsTable(t, at) {
    var want = [0, at.row - 1, at.row, at.row + 1];
    var table = el("table", "cells");
    want.filter(function (r, i) { return r >= 0 && r < t.rows && want.indexOf(r) === i; })
      .forEach(function (r) {
        var tr = el("tr");
        t.cells.filter(function (c) { return c[0] === r; })
          .sort(function (a, b) { return a[1] - b[1]; })
          .forEach(function (c) {
            var td = el("td", c[0] === at.row && c[1] === at.col ? "here" : null, c[4]);
            td.colSpan = c[3] || 1;
            tr.appendChild(td);
          });
        table.appendChild(tr);
      });
    return table;
  }

  function docPage() {
    var doc = window.DX_DOC || {};
    var src = doc.source || {};
    var sha = src.sha256 || "";
    document.getElementById("file").textContent = src.file || "";
    var main = document.getElementById("decls");
    var items = [];   /* {div, item, decl} in page order */
    var undo = [];
    if (doc.error) main.appendChild(el("p", "error", "not read: " + (doc.error.message || "")));
    (doc.declarations || []).forEach(function (d, k) {
      var sec = el("section");
      sec.id = "d" + k;
      var h = el("h2", null, "Declaration " + k + ": " + (d.title || d.form || ""));
      sec.appendChild(h);
      var meta = el("p", null, (d.form || "") + " · " + (d.fiscal_year || "") + " · confidence ");
      meta.appendChild(confBadge(d.confidence));
      if (d.flags && d.flags.length) meta.appendChild(el("span", "flags", " · " + flagWords(d.flags)));
      sec.appendChild(meta);
      (d.items || []).forEach(function (it) {
        var div = el("div", "item");
        div.tabIndex = -1;
        div.setAttribute("data-parse", it.parse || "any");
        if (typeof it.confidence !== "number" || it.confidence < DOUBTFUL) div.classList.add("doubtful");
        var left = el("div");
        left.appendChild(el("div", "label", it.label));
        left.appendChild(confBadge(it.confidence));
        if (it.flags && it.flags.length) left.appendChild(el("div", "flags", flagWords(it.flags)));
        div.appendChild(left);
        var mid = el("div");
        var v = el("div", "value", show(it.value));
        mid.appendChild(v);
        mid.appendChild(el("div", "raw", "read: " + (it.raw === null || it.raw === undefined ? "" : it.raw)));
        var state = el("div", "state");
        mid.appendChild(state);
        div.appendChild(mid);
        var right = el("div", "source");
        if (it.crop) {
          var img = el("img");
          img.src = "../" + it.crop;
          img.alt = "the source of " + it.label;
          img.loading = "lazy";
          right.appendChild(img);
        } else if (doc.tables && it.at && it.at.table !== null && doc.tables[it.at.table]) {
          right.appendChild(cellsTable(doc.tables[it.at.table], it.at));
        }
        div.appendChild(right);
        sec.appendChild(div);
        var rec = { div: div, item: it, decl: k, state: state, value: v };
        items.push(rec);
        paint(rec);
      });
      main.appendChild(sec);
    });

    function paint(rec) {
      var c = load()[keyOf(sha, rec.decl, rec.item.ptr)];
      rec.div.classList.toggle("fixed", !!c);
      rec.state.textContent = !c ? "" : JSON.stringify(c.new) === JSON.stringify(c.old)
        ? "accepted as right" : "corrected to: " + (typeof c.new === "string" ? c.new : JSON.stringify(c.new));
    }
    function put(rec, newValue) {
      var all = load(), k = keyOf(sha, rec.decl, rec.item.ptr);
      undo.push({ k: k, prev: all[k] || null, rec: rec });
      all[k] = { sha256: sha, declaration: rec.decl, pointer: rec.item.ptr,
                 old: oldOf(rec.item.value), new: newValue, when: new Date().toISOString() };
      var who = reviewer();
      if (who) all[k].who = who;
      save(all);
      paint(rec);
      countEdits();
    }
    function undoLast() {
      var u = undo.pop();
      if (!u) return;
      var all = load();
      if (u.prev) all[u.k] = u.prev; else delete all[u.k];
      save(all);
      paint(u.rec);
      countEdits();
      u.rec.div.focus();
    }
    /* What declx apply will make of t at rec's place (parse.js, the
     * extraction's parser with the lexicon declx ran with). */
    function parsed(rec, t) {
      if (!LX) return { ok: true, value: t, unknown: true };
      return window.DXParse.preview(LX, rec.item.parse || "any", oldOf(rec.item.value), t);
    }
    function describe(rec, r) {
      if (r.unknown) return "declx apply parses it as extraction does";
      if (!r.ok) return "✗ " + r.why + ": declx apply would not apply it";
      var v = r.value, kind = rec.item.parse;
      if (kind === "indicator") {
        var parts = [v.kind];
        if (v.op !== null) parts.push("op " + v.op);
        if (v.number !== null) parts.push((v.upper !== null ? "from " : "number ") + v.number);
        if (v.upper !== null) parts.push("to " + v.upper);
        if (v.unit !== null) parts.push("unit " + v.unit);
        return "→ " + parts.join(", ");
      }
      if (kind === "amount") return "→ amount " + v + " 万元";
      if (kind === "period") return "→ period " + (v.start || "?") + " to " + (v.end || "?");
      if (kind === "integer") return "→ integer " + v;
      return typeof v === "number" ? "→ number " + v : "→ text as typed";
    }
    function edit(rec) {
      if (rec.div.querySelector(".edit")) return;
      var box = el("div", "edit");
      var label = el("label", null, "New value for " + rec.item.label + ": ");
      var input = el("input");
      input.type = "text";
      var cur = load()[keyOf(sha, rec.decl, rec.item.ptr)];
      var start = cur ? cur.new : oldOf(rec.item.value);
      input.value = start === null || start === undefined ? "" : typeof start === "object" ? JSON.stringify(start) : String(start);
      label.appendChild(input);
      box.appendChild(label);
      var out = el("output", "preview");
      out.setAttribute("aria-live", "polite");
      input.setAttribute("aria-describedby", (out.id = "preview-" + items.indexOf(rec)));
      box.appendChild(out);
      box.appendChild(el("span", "help", " Enter saves, Escape cancels."));
      rec.div.appendChild(box);
      function update() {
        var r = parsed(rec, input.value);
        out.textContent = describe(rec, r);
        out.classList.toggle("bad", !r.ok);
        return r;
      }
      update();
      input.focus();
      input.addEventListener("input", update);
      input.addEventListener("keydown", function (e) {
        if (e.key === "Enter") {
          e.preventDefault();
          var r = update();
          if (!r.ok) return; /* the preview says why */
          var t = input.value;
          /* a text to parse goes as typed (declx apply parses it); any
           * other number as the number */
          put(rec, (rec.item.parse || "any") === "any" && typeof r.value === "number" ? r.value : t);
          box.remove();
          rec.div.focus();
        } else if (e.key === "Escape") {
          box.remove();
          rec.div.focus();
        }
        e.stopPropagation();
      });
    }
    var only = document.getElementById("only");
    function applyOnly() {
      items.forEach(function (r) { r.div.classList.toggle("hidden", only.checked && !r.div.classList.contains("doubtful")); });
    }
    only.addEventListener("change", applyOnly);
    function current() {
      var i = items.map(function (r) { return r.div; }).indexOf(document.activeElement);
      return i;
    }
    function move(dir) {
      var i = current(), n = items.length;
      for (var s = 1; s <= n; s++) {
        var j = i < 0 ? (dir > 0 ? s - 1 : n - s) : (i + dir * s + n * 2) % n;
        if (items[j].div.classList.contains("doubtful")) {
          items[j].div.focus();
          items[j].div.scrollIntoView({ block: "center" });
          return;
        }
      }
    }
    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(e.target.tagName)) return;
      var i = current();
      if (e.key === "j") move(1);
      else if (e.key === "k") move(-1);
      else if (e.key === "Enter" && i >= 0) edit(items[i]);
      else if (e.key === "a" && i >= 0) put(items[i], oldOf(items[i].item.value));
      else if (e.key === "u") undoLast();
      else if (e.key === "d") { only.checked = !only.checked; applyOnly(); }
      else return;
      e.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var page = document.body.getAttribute("data-page");
    var ex = document.getElementById("export");
    if (ex) ex.addEventListener("click", exportAll);
    whoInput();
    if (page === "index") indexPage(); else docPage();
    countEdits();
  });
})();
