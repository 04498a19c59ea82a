/* declx review: the value parser of extraction (normalize/value.c) in
 * the page, for the live preview of an edit: what `declx apply` will
 * make of the text typed. The words come from the lexicon declx was run
 * with (data/lexicon.js: values.rules as declx read it, each word folded,
 * in declx's own order); this file holds only the structure of a value,
 * as value.c does. tests/value_parity_test.sh checks that both parse
 * every text of the corpus and the test's own list the same.
 * Loads in the browser (window.DXParse) and in node (module.exports). */
"use strict";
(function (root) {
  var KINDS = ["empty", "numeric", "range", "date", "qualitative", "compound"];

  var RE_PUNCT = /^[\p{P}\p{S}]$/u;
  var RE_SEP = /^[\p{Zs}\p{Zl}\p{Zp}]$/u;
  var RE_HAN = /^\p{Script=Han}$/u;

  function isDigit(ch) { return ch !== undefined && ch >= "0" && ch <= "9"; }
  /* the code point at i as a string, and its length in UTF-16 units */
  function cpAt(s, i) {
    var c = s.codePointAt(i);
    return c === undefined ? "" : String.fromCodePoint(c);
  }
  function next(s, i) { return i + (cpAt(s, i).length || 1); }
  /* g_unichar_isspace */
  function isUniSpace(ch) { return ch === "\t" || ch === "\n" || ch === "\r" || ch === "\f" || RE_SEP.test(ch); }
  /* normalize/text.c is_space: as g_unichar_isspace (not \v), the
   * ideographic space and the BOM */
  function isSpace(ch) {
    if (ch.length === 1 && ch.charCodeAt(0) < 0x80) return ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\f";
    return isUniSpace(ch) || ch === "\u3000" || ch === "\ufeff";
  }
  /* g_unichar_ispunct: punctuation and symbols */
  function isPunct(ch) { return RE_PUNCT.test(ch); }

  /* dx_label_key: full-width ASCII folded, whitespace removed, trailing
   * colons removed */
  function labelKey(s) {
    var out = "";
    for (var i = 0; i < s.length; i = next(s, i)) {
      var ch = cpAt(s, i), c = ch.codePointAt(0);
      if (isSpace(ch)) continue;
      out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : ch;
    }
    return out.replace(/:+$/, "");
  }
  var LATEX = [["\\geqslant", "≥"], ["\\leqslant", "≤"], ["\\geq", "≥"], ["\\leq", "≤"], ["\\ge", "≥"],
               ["\\le", "≤"], ["\\%", "%"], ["\\times", "×"], ["\\sim", "~"], ["\\,", ""],
               ["\\;", ""], ["\\ ", ""], ["$", ""], ["{", ""], ["}", ""]];
  /* LaTeX as OCR engines write it: $\geq 95\%$ reads as ≥95% */
  function unlatex(s) {
    if (s.indexOf("$") < 0 && s.indexOf("\\") < 0) return s;
    var out = "";
    for (var i = 0; i < s.length;) {
      var hit = false;
      for (var m = 0; m < LATEX.length; m++) {
        if (s.startsWith(LATEX[m][0], i)) {
          out += LATEX[m][1];
          i += LATEX[m][0].length;
          hit = true;
          break;
        }
      }
      if (!hit) out += s[i++];
    }
    return out;
  }
  function valueKey(text) { return labelKey(unlatex(String(text).toWellFormed ? String(text).toWellFormed() : String(text))); }

  /* ---- the lexicon ---------------------------------------------------- */
  /* data: {year_min, year_max, words: [[category, op, folded text], …]}
   * with the words in declx's order (longest first) */
  function Lexicon(data) {
    this.yearMin = data.year_min;
    this.yearMax = data.year_max;
    this.words = (data.words || []).map(function (w) { return { cat: w[0], op: w[1], text: w[2] }; });
  }
  Lexicon.prototype.at = function (cat, s, i) {
    for (var n = 0; n < this.words.length; n++) {
      var w = this.words[n];
      if (w.cat === cat && s.startsWith(w.text, i)) return w;
    }
    return null;
  };
  Lexicon.prototype.here = function (cat, s, i) { return this.at(cat, s, i) !== null; };
  Lexicon.prototype.anywhere = function (cat, s) {
    for (var i = 0; i < s.length; i = next(s, i)) if (this.here(cat, s, i)) return true;
    return false;
  };
  /* s from i, whole, a word of cat */
  Lexicon.prototype.is = function (cat, s, i) {
    var w = this.at(cat, s, i);
    return w !== null && i + w.text.length === s.length;
  };
  /* s without a word of cat that ends it */
  Lexicon.prototype.dropAtEnd = function (cat, s) {
    for (var n = 0; n < this.words.length; n++) {
      var w = this.words[n];
      if (w.cat === cat && w.text.length <= s.length && s.endsWith(w.text)) return s.slice(0, s.length - w.text.length);
    }
    return s;
  };

  /* ---- numbers -------------------------------------------------------- */
  /* digit runs with an optional decimal part and 1,000 separators */
  function findNumbers(s) {
    var out = [];
    for (var i = 0; i < s.length;) {
      if (!isDigit(s[i])) { i++; continue; }
      var j = i, digits = "";
      for (;;) {
        while (isDigit(s[j])) digits += s[j++];
        if (s[j] === "," && isDigit(s[j + 1]) && isDigit(s[j + 2]) && isDigit(s[j + 3]) && !isDigit(s[j + 4])) { j++; continue; }
        break;
      }
      if (s[j] === "." && isDigit(s[j + 1])) {
        digits += s[j++];
        while (isDigit(s[j])) digits += s[j++];
      }
      out.push({ start: i, end: j, v: parseFloat(digits) });
      i = j;
    }
    return out;
  }
  function hasDigit(s) { return /[0-9]/.test(s); }
  function onlyPunct(s) {
    for (var i = 0; i < s.length; i = next(s, i)) {
      var ch = cpAt(s, i);
      if (!(isPunct(ch) || isUniSpace(ch))) return false;
    }
    return true;
  }
  /* strtod from i (the text starts with a digit): its value and end */
  function strtod(s, i) {
    var rest = s.slice(i), m;
    if ((m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?/.exec(rest)) && (m[1] || m[2])) {
      var v = m[1] ? parseInt(m[1], 16) : 0;
      for (var f = 0; m[2] && f < m[2].length; f++) v += parseInt(m[2][f], 16) / Math.pow(16, f + 1);
      if (m[3]) v *= Math.pow(2, parseInt(m[3], 10));
      return { v: v, end: i + m[0].length };
    }
    m = /^[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?/.exec(rest);
    return { v: parseFloat(m[0]), end: i + m[0].length };
  }
  /* the leading digits of s from i as strtol reads them (as an int) */
  function leadingInt(s, i) {
    var m = /^[0-9]+/.exec(s.slice(i));
    return m ? { v: Number(m[0]), len: m[0].length } : { v: 0, len: 0 };
  }

  /* ---- dates ---------------------------------------------------------- */
  function isDateChar(lx, s, i) {
    if (isDigit(s[i])) return true;
    var w = lx.at("date_char", s, i);
    return w !== null && w.text.length === cpAt(s, i).length;
  }
  /* a date without its year: 12月底前, 6月30日前, 11月 */
  function looksLikeMonthDate(lx, k) {
    var n = leadingInt(k, 0);
    if (n.len === 0 || n.len > 2 || n.v < 1 || n.v > 12 || !lx.here("date_month", k, n.len)) return false;
    for (var i = n.len; i < k.length; i = next(k, i)) if (!isDateChar(lx, k, i)) return false;
    return true;
  }
  function looksLikeDate(lx, k) {
    if (isDigit(k[0]) && looksLikeMonthDate(lx, k)) return true;
    if (!(isDigit(k[0]) && isDigit(k[1]) && isDigit(k[2]) && isDigit(k[3]))) return false;
    var year = Number(k.slice(0, 4));
    if (year < lx.yearMin || year > lx.yearMax) return false;
    var a = k[4];
    if (!(a === undefined || isDigit(a) || a === "." || a === "/" || a === "-" || lx.here("date_year", k, 4))) return false;
    for (var i = 0; i < k.length; i = next(k, i)) if (!isDateChar(lx, k, i)) return false;
    return true;
  }
  function pad(n, w) { var s = String(Math.abs(n)); while (s.length < w) s = "0" + s; return (n < 0 ? "-" : "") + s; }
  function fmtYmd(d) {
    if (!d.y) return "";
    if (!d.m) return pad(d.y, 4);
    if (!d.d) return pad(d.y, 4) + "-" + pad(d.m, 2);
    return pad(d.y, 4) + "-" + pad(d.m, 2) + "-" + pad(d.d, 2);
  }
  /* dx_period_parse: {n, start, end} (strings; "" when none) */
  function periodParse(lx, s, expandYear) {
    var k = valueKey(s), dates = [], cur = { y: 0, m: 0, d: 0 };
    var rangePending = false, dateSep = "";
    for (var p = 0; p < k.length;) {
      if (!isDigit(k[p])) {
        var sep = lx.at("range_sep", k, p);
        if (sep && cur.y) {
          var numericDate = p > 0 && isDigit(k[p - 1]);
          var inside = k[p] === "-" && k[p + 1] !== "-" && numericDate && cur.d === 0 && !rangePending &&
                       (dateSep === "" || dateSep === "-") &&
                       !(cur.m && cur.y && dates.length === 0 && lx.anywhere("date_year", k));
          if (!inside) rangePending = true;
          if (inside) dateSep = "-";
          p += sep.text.length;
        } else {
          if ((k[p] === "." || k[p] === "/") && cur.y && p > 0 && isDigit(k[p - 1])) dateSep = k[p];
          p = next(k, p);
        }
        continue;
      }
      var q = p;
      while (isDigit(k[q])) q++;
      var len = q - p, digits = k.slice(p, q), v = Number(digits);
      var yearMark = lx.here("date_year", k, q), monthMark = lx.here("date_month", k, q), dayMark = lx.here("date_day", k, q);
      if (len === 8 || len === 6) { /* 20230101 or 202301 */
        if (cur.y && dates.length < 8) dates.push(cur);
        cur = { y: Number(digits.slice(0, 4)), m: Number(digits.slice(4, 6)), d: len === 8 ? Number(digits.slice(6, 8)) : 0 };
        rangePending = false;
      } else if (len === 4 || yearMark) {
        if (cur.y && dates.length < 8) dates.push(cur);
        cur = { y: v, m: 0, d: 0 };
        rangePending = false;
        dateSep = "";
      } else if (cur.y) {
        var month = monthMark || (!dayMark && (cur.m === 0 || rangePending));
        if (month) {
          if (cur.m) { /* a second month: the end of a period in the same year */
            if (dates.length < 8) dates.push(cur);
            cur = { y: cur.y, m: 0, d: 0 };
          }
          cur.m = v;
        } else if (cur.d === 0) {
          cur.d = v;
        }
        rangePending = false;
      }
      p = q;
    }
    if (cur.y && dates.length < 8) dates.push(cur);
    var none = { n: 0, start: "", end: "" };
    for (var i = 0; i < dates.length; i++) if (dates[i].m > 12 || dates[i].d > 31) return none;
    if (dates.length === 0) return none;
    var a = Object.assign({}, dates[0]), b = Object.assign({}, dates[dates.length - 1]);
    if (dates.length === 1 && expandYear && !a.m) {
      a.m = 1;
      return { n: 1, start: fmtYmd(a), end: fmtYmd({ y: a.y, m: 12, d: 0 }) };
    }
    if (dates.length > 1 && expandYear && !a.m && !b.m) { a.m = 1; b.m = 12; }
    return { n: dates.length, start: fmtYmd(a), end: dates.length > 1 ? fmtYmd(b) : "" };
  }

  /* ---- units and amounts ---------------------------------------------- */
  function unitWord(lx, s, i) {
    var w = lx.at("unit", s, i), n = w ? w.text.length : 0;
    var sc = lx.at("unit_scale", s, i);
    if (sc) {
      var w2 = lx.at("unit", s, i + sc.text.length);
      if (w2 && sc.text.length + w2.text.length > n) n = sc.text.length + w2.text.length;
    }
    return n;
  }
  var GUESSED_UNIT_MAX_CHARS = 2;
  function guessUnit(lx, s, i) {
    var q = i, n = 0;
    while (q < s.length && n <= GUESSED_UNIT_MAX_CHARS) {
      if (lx.at("op_suffix", s, q)) break;
      var ch = cpAt(s, q);
      if (isPunct(ch) || isUniSpace(ch)) break;
      if (!RE_HAN.test(ch)) return 0;
      q = next(s, q);
      n++;
    }
    return n === 0 || n > GUESSED_UNIT_MAX_CHARS ? 0 : q - i;
  }
  /* {len, unit, guessed} */
  function readUnit(lx, s, i, mayGuess) {
    var n = unitWord(lx, s, i), guessed = false;
    if (!n && mayGuess && (n = guessUnit(lx, s, i)) > 0) guessed = true;
    if (!n) return { len: 0, unit: "", guessed: false };
    for (var j; (j = lx.at("unit_join", s, i + n));) {
      var n2 = unitWord(lx, s, i + n + j.text.length);
      if (!n2) break;
      n += j.text.length + n2;
    }
    return { len: n, unit: s.slice(i, i + n), guessed: guessed };
  }

  /* dx_amount_parse: the amount in 万元, or null */
  function amountParse(lx, s) {
    var k0 = valueKey(s), k = "";
    for (var i = 0; i < k0.length; i++)
      if (!(k0[i] === "," && i > 0 && isDigit(k0[i - 1]) && isDigit(k0[i + 1]) && isDigit(k0[i + 2]) &&
            isDigit(k0[i + 3]) && !isDigit(k0[i + 4])))
        k += k0[i];
    var p = 0;
    for (var w; (w = lx.at("amount_prefix", k, p));) p += w.text.length;
    if (!isDigit(k[p])) return null;
    var num = strtod(k, p), v = num.v;
    var end = lx.dropAtEnd("amount_suffix", k.slice(num.end));
    if (end[0] === "(" && end.endsWith(")")) end = end.slice(1, end.length - 1);
    if (end === "") { /* no unit: as written */ }
    else if (lx.is("amount_wan", end, 0)) { /* 万元 */ }
    else if (lx.is("amount_yuan", end, 0)) v /= 10000;
    else return null;
    return isFinite(v) ? v : null;
  }

  /* ---- indicator values ------------------------------------------------ */
  /* dx_value_parse: {kind, op, number, upper, unit, prose, unitGuessed} */
  function valueParse(lx, text) {
    var out = { kind: "empty", op: null, number: null, upper: null, unit: "", prose: false, unitGuessed: false };
    var k = valueKey(text === null || text === undefined ? "" : text);
    if (!k || onlyPunct(k)) return out;
    if (!hasDigit(k)) { out.kind = "qualitative"; return out; }
    if (looksLikeDate(lx, k)) { out.kind = "date"; return out; }
    var nums = findNumbers(k);
    if (nums.length === 2) { /* a range: [op] N sep N [unit] */
      var between = nums[0].end;
      between += readUnit(lx, k, between, false).len;
      var sep = lx.at("range_sep", k, between);
      if (sep && between + sep.text.length === nums[1].start) {
        var tail = nums[1].end, u = readUnit(lx, k, tail, false);
        tail += u.len;
        if (tail >= k.length || onlyPunct(k.slice(tail))) {
          out.kind = "range";
          out.number = nums[0].v;
          out.upper = nums[1].v;
          out.unit = u.unit;
          if (nums[0].start > 0) out.prose = true;
          return out;
        }
      }
    }
    if (nums.length >= 2) { out.kind = "compound"; return out; }
    if (nums.length === 0) { out.kind = "qualitative"; return out; }
    /* one number; a year among words names a time, not a quantity */
    var year = lx.at("date_year", k, nums[0].end);
    if (nums[0].end - nums[0].start === 4 && nums[0].v >= lx.yearMin && nums[0].v <= lx.yearMax && year &&
        (nums[0].start > 0 || nums[0].end + year.text.length < k.length)) {
      out.kind = "qualitative";
      return out;
    }
    out.kind = "numeric";
    out.number = nums[0].v;
    var op = null, prefixLen = nums[0].start, proseChars = 0;
    for (var i = 0; i < prefixLen;) {
      var w = lx.at("op_prefix", k, i);
      if (w && i + w.text.length <= prefixLen) {
        op = w.op;
        i += w.text.length;
        proseChars = 0; /* words before the comparison are its subject */
        continue;
      }
      if (!isPunct(cpAt(k, i))) proseChars++;
      i = next(k, i);
    }
    var prose = proseChars > 0, p = nums[0].end;
    var infix = lx.at("op_infix", k, p);
    if (infix) {
      if (!op) op = infix.op;
      p += infix.text.length;
    }
    var unit = readUnit(lx, k, p, true);
    out.unit = unit.unit;
    out.unitGuessed = unit.guessed;
    p += unit.len;
    var suf = lx.at("op_suffix", k, p);
    if (suf) {
      if (!op || op === "=") op = suf.op;
      p += suf.text.length;
    }
    if (p < k.length && !onlyPunct(k.slice(p))) prose = true;
    out.op = op || "=";
    out.prose = prose;
    return out;
  }

  /* a number as declx writes it: 15 significant digits */
  function num(v) { return v === null ? null : Number(v.toPrecision(15)); }

  /* The contract's indicator value of text (dx_ind_value_from). */
  function indicatorValue(lx, text) {
    var v = valueParse(lx, text), q = v.kind === "numeric" || v.kind === "range";
    return { raw: String(text), kind: v.kind, op: v.kind === "numeric" ? v.op : null,
             number: q ? num(v.number) : null, upper: v.kind === "range" ? num(v.upper) : null,
             unit: q && v.unit ? v.unit : null };
  }

  /* What `declx apply` makes of a typed text at a place of the kind
   * review gives each value (tools/declx/apply.c): {ok, value} or {ok:
   * false, why}. old: the value now there. */
  function preview(lx, kind, old, text) {
    if (kind === "indicator") return { ok: true, value: indicatorValue(lx, text) };
    if (kind === "amount") {
      var a = amountParse(lx, text);
      return a === null ? { ok: false, why: "not an amount" } : { ok: true, value: num(a) };
    }
    if (kind === "period") {
      var p = periodParse(lx, text, true);
      return p.n === 0 ? { ok: false, why: "not a date or period" }
                       : { ok: true, value: { start: p.start || null, end: p.end || null } };
    }
    if (kind === "integer") {
      if (!/^[-+]?[0-9]+$/.test(text)) return { ok: false, why: "not an integer" };
      var b = BigInt(text);
      if (b > 9223372036854775807n || b < -9223372036854775808n) return { ok: false, why: "not an integer" };
      return { ok: true, value: Number(b) };
    }
    if (typeof old === "number") {
      return text.trim() !== "" && !isNaN(Number(text)) ? { ok: true, value: Number(text) }
                                                        : { ok: false, why: "not a number" };
    }
    return { ok: true, value: text };
  }

  var api = { Lexicon: Lexicon, valueKey: valueKey, valueParse: valueParse, amountParse: amountParse,
              periodParse: periodParse, indicatorValue: indicatorValue, preview: preview, kinds: KINDS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.DXParse = api;
})(typeof window !== "undefined" ? window : this);
