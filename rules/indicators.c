/* indicators.c — the performance indicators: the heading row that names the
 * level, value, standard, sign and unit columns (one or two horizons),
 * level names carried down, each row an indicator with its value parsed. */
#include "map_int.h"

#include <math.h>
#include <string.h>

/* On a scan, the level headings whose numeral OCR lost (role
 * level_unnumbered) take the levels the row lacks, in column order: a
 * level-1 heading left of the level-2 and level-3 ones, and so on. */
static void unnumbered_levels(ctx *x, const lrow *r, int lv[3]) {
  for (int i = 0; i < r->n && x->scanned; i++) {
    const lcell *c = &r->cells[i];
    const char *k = c->here ? map_cell_rule(x, c, DX_CAT_IND_HEADER) : NULL;
    if (!k || strcmp(k, "level_unnumbered") != 0) continue;
    for (int l = 0; l < 3; l++) {
      if (lv[l] >= 0) continue;
      bool fits = true;
      for (int o = 0; o < 3; o++) {
        bool left = o < l; /* level o's column must be left of this one */
        int at = lv[o];
        if (at >= 0 && (left ? at >= c->col : at <= c->col)) fits = false;
      }
      if (fits) {
        lv[l] = c->col;
        break;
      }
    }
  }
}

/* On a scan, a level-2 heading right of the level-2 heading, where the
 * row has no level-3 one and the value heading comes after it, is the
 * level-3 heading whose 三 lost a stroke (a fax's dropout reads it 二). */
static void misread_level3(ctx *x, const lrow *r, int lv[3]) {
  if (!x->scanned || lv[1] < 0 || lv[2] >= 0) return;
  int again = map_find_role(x, r, DX_CAT_IND_HEADER, "level2", lv[1]);
  int val = again >= 0 ? map_find_role(x, r, DX_CAT_IND_HEADER, "value", again) : -1;
  if (val >= 0 && map_find_role(x, r, DX_CAT_IND_HEADER, "level2", again) < 0) lv[2] = again;
}

/* On a scan, a level-1 heading right of the level-1 heading, where the
 * row has no level-2 heading and the level-3 heading (or, without one,
 * the value heading) comes after it, is the level-2 heading whose 二
 * lost a stroke (a fax's dropout reads it 一). */
static void misread_level2(ctx *x, const lrow *r, int lv[3]) {
  if (!x->scanned || lv[0] < 0 || lv[1] >= 0) return;
  int again = map_find_role(x, r, DX_CAT_IND_HEADER, "level1", lv[0]);
  if (again < 0) return;
  bool after =
      lv[2] >= 0 ? lv[2] > again : map_find_role(x, r, DX_CAT_IND_HEADER, "value", again) >= 0;
  if (after) lv[1] = again;
}

/* On a scan, the value heading of a row whose level-3 heading was found
 * but no value heading: the cell right of the level-3 one, when what OCR
 * read in it is part of a value heading's text ("标", "标值" of 目标值:
 * a fax lost the thin strokes of 目 and 值). Its column, or -1. */
static int value_by_place(ctx *x, const lrow *r, int l3) {
  if (!x->scanned || l3 < 0) return -1;
  const lcell *c3 = map_cell_at(r, l3);
  const lcell *c = c3 ? map_cell_at(r, c3->col + c3->span) : NULL;
  if (!c || !c->here || !dx_rules_part_of(x->rs, DX_CAT_IND_HEADER, "value", c->key)) return -1;
  return c->col;
}

bool map_try_ind_header(ctx *x, const lrow *r) {
  int lv[3] = {map_find_role(x, r, DX_CAT_IND_HEADER, "level1", -1),
               map_find_role(x, r, DX_CAT_IND_HEADER, "level2", -1),
               map_find_role(x, r, DX_CAT_IND_HEADER, "level3", -1)};
  misread_level2(x, r, lv);
  unnumbered_levels(x, r, lv);
  misread_level3(x, r, lv);
  int l1 = lv[0], l2 = lv[1], l3 = lv[2];
  int val = map_find_role(x, r, DX_CAT_IND_HEADER, "value", -1);
  if (val < 0) val = value_by_place(x, r, l3);
  if (!((l1 >= 0 || l2 >= 0) && (l3 >= 0 || val >= 0))) return false;
  indmap *m = &x->ind;
  g_free(m->last_l1);
  for (int g = 0; g < MAXG; g++) g_free(m->last_l2[g]);
  memset(m, 0, sizeof *m);
  m->l1 = l1;
  int start = l2 >= 0 ? l2 : (l1 >= 0 ? l1 : -1);
  for (int g = 0; g < MAXG && start >= 0; g++) {
    int next = g == 0 ? map_find_role(x, r, DX_CAT_IND_HEADER, "level2", MAX(start, l3)) : -1;
    m->g[g].l2 = g == 0 ? l2 : start;
    int lim = next >= 0 ? next : 1 << 20;
    int a3 = g == 0 && l3 > start ? l3 : map_find_role(x, r, DX_CAT_IND_HEADER, "level3", start);
    int av = map_find_role(x, r, DX_CAT_IND_HEADER, "value", start);
    if (av < 0 && g == 0 && val > start) av = val; /* found by its place */
    int as = map_find_role(x, r, DX_CAT_IND_HEADER, "standard", start);
    int asg = map_find_role(x, r, DX_CAT_IND_HEADER, "sign", start);
    int au = map_find_role(x, r, DX_CAT_IND_HEADER, "unit", start);
    m->g[g].sign = asg < lim ? asg : -1;
    m->g[g].unit = au < lim ? au : -1;
    m->g[g].l3 = a3 < lim ? a3 : -1;
    m->g[g].val = av < lim ? av : -1;
    m->g[g].std = as < lim ? as : -1;
    m->ng++;
    start = next;
  }
  for (int g = 0; g < m->ng; g++) m->g[g].horizon = m->ng > 1 && g == 0 ? "medium_term" : "annual";
  /* one level-3 column with two value columns (中期指标值 | 年度指标值):
   * two horizons sharing the level columns; the headings say which is which */
  int v2 = m->ng == 1 && m->g[0].val >= 0
               ? map_find_role(x, r, DX_CAT_IND_HEADER, "value", m->g[0].val)
               : -1;
  if (v2 >= 0) {
    m->g[1] = m->g[0];
    m->g[1].val = v2;
    m->ng = 2;
    bool med0 = map_cell_rule(x, map_cell_at(r, m->g[0].val), DX_CAT_MEDIUM_HEADING) != NULL;
    bool med1 = map_cell_rule(x, map_cell_at(r, v2), DX_CAT_MEDIUM_HEADING) != NULL;
    bool first_medium = med0 == med1 ? true : med0;
    m->g[0].horizon = first_medium ? "medium_term" : "annual";
    m->g[1].horizon = first_medium ? "annual" : "medium_term";
  }
  x->mode = M_IND;
  return true;
}

void dx_ind_value_from(dx_ind_value *out, const dx_value *v, const char *raw) {
  bool num = v->kind == DX_VK_NUMERIC || v->kind == DX_VK_RANGE;
  *out = (dx_ind_value){
      .raw = raw,
      .kind = dx_value_kind_name(v->kind),
      .op = v->kind == DX_VK_NUMERIC && v->op ? v->op : NULL,
      .has_number = num && v->has_number,
      .number = v->number,
      .has_upper = v->kind == DX_VK_RANGE,
      .upper = v->upper,
      .unit = num && v->unit[0] ? v->unit : NULL,
  };
}

/* An indicator value read into out (strings in the record's pool),
 * *conf lowered by its doubts. `sign` and `unit` are the texts of the sign and
 * unit columns of templates that have them ("" otherwise): read with the
 * value as one quantity ("≥" "500" "人次" is ≥500人次) when they make one. */
static void value_read(ctx *x, dx_ind_value *out, const char *raw, const char *sign,
                       const char *unit, double *conf) {
  dx_value v;
  const dx_lexicon *lx = dx_rules_lexicon(x->rs);
  dx_value_parse(&v, lx, raw);
  bool quantity = v.kind == DX_VK_NUMERIC || v.kind == DX_VK_RANGE;
  if (quantity && *sign) {
    char *joined = g_strconcat(sign, raw, NULL);
    dx_value w;
    dx_value_parse(&w, lx, joined);
    g_free(joined);
    if (w.kind == v.kind && !w.prose) v = w; /* "定量" and the like are not signs */
  }
  /* the column says it is the unit, a known word or not (平方公里) */
  if (quantity && !v.unit[0] && *unit) g_strlcpy(v.unit, unit, sizeof v.unit);
  dx_ind_value_from(out, &v, raw);
  out->raw = dx_record_strdup(x->rec, out->raw);
  out->unit = dx_record_strdup(x->rec, out->unit);
  if (v.prose) *conf *= CONF_PROSE;
  if (v.unit_guessed) *conf *= CONF_UNIT_GUESSED;
  if (v.kind == DX_VK_COMPOUND) *conf *= CONF_COMPOUND;
}

/* A plus-minus before a share this large is no tolerance: OCR's reading
 * of a ≥ whose lower stroke a fax broke ("±95%" for a satisfaction). */
#define PLUS_MINUS_MIN_PCT 50

/* A scanned indicator value whose ≥ OCR read as 2 ("280%" for a rate,
 * which cannot pass 100 %) or as ± ("±95%"): the value with its ≥ back,
 * or NULL. Rates are the indicators whose level-3 name or level 2
 * labels.rules' rate_label matches. */
static char *rate_sign_repaired(ctx *x, const char *level3, const char *level2, const char *val) {
  char *k = dx_label_key(level3);
  bool rate = (*k && dx_rules_match(x->rs, DX_CAT_RATE_LABEL, k)) ||
              (level2 && dx_rules_match(x->rs, DX_CAT_RATE_LABEL, level2));
  g_free(k);
  if (!rate) return NULL;
  const char *pm = "±";
  char *end = NULL;
  if (g_str_has_prefix(val, pm) && g_ascii_isdigit(val[strlen(pm)])) {
    double pct = g_ascii_strtod(val + strlen(pm), &end);
    if (!end || strcmp(end, "%") != 0 || pct > 100 || pct < PLUS_MINUS_MIN_PCT) return NULL;
    return g_strconcat("≥", val + strlen(pm), NULL);
  }
  if (val[0] != '2' || !g_ascii_isdigit(val[1])) return NULL;
  double pct = g_ascii_strtod(val + 1, &end);
  if (!end || strcmp(end, "%") != 0 || pct > 100 || g_ascii_strtod(val, NULL) <= 100) return NULL;
  return g_strconcat("≥", val + 1, NULL);
}

/* A scanned indicator value whose LaTeX OCR misread ($lgeq 951%$):
 * the value as written ($\geq 95\%$), or NULL. */
static char *latex_repaired(const char *val) {
  if (!strchr(val, '$')) return NULL;
  char *fixed = dx_value_unlatex_ocr(val);
  if (strcmp(fixed, val) != 0) return fixed;
  g_free(fixed);
  return NULL;
}

/* Whether op word w of the lexicon (its category cat) stands at
 * character s of value u (n characters) where it may: a prefix before
 * a digit (spaces between), a suffix after a character and with
 * nothing but spaces after it. m is w's length. */
static bool op_word_place(const char *cat, const gunichar *u, glong n, glong s, glong m) {
  glong e = s + m;
  while (e < n && g_unichar_isspace(u[e])) e++;
  if (strcmp(cat, "op_prefix") == 0) return e < n && g_unichar_isdigit(u[e]);
  return strcmp(cat, "op_suffix") == 0 && s > 0 && e == n;
}

/* Whether every character of w is Han. */
static bool all_han(const char *w) {
  for (const char *p = w; *p; p = g_utf8_next_char(p))
    if (g_unichar_get_script(g_utf8_get_char(p)) != G_UNICODE_SCRIPT_HAN) return false;
  return *w != '\0';
}

/* Whether folded text s holds a character some ocr_confusable rule
 * reads for another: without one, no word is one confusion away. */
static bool holds_misread(const dx_ruleset *rs, const char *s) {
  char *f = dx_text_fold(s);
  bool any = false;
  for (const char *p = f; *p && !any; p = g_utf8_next_char(p)) {
    const uint32_t *written = NULL;
    any = dx_rules_misread_of(rs, g_utf8_get_char(p), &written) > 0;
  }
  g_free(f);
  return any;
}

/* A scanned indicator value with a comparison word of values.rules
 * (op_prefix, op_suffix) one of whose characters OCR read as a mark it
 * confuses that character with (labels.rules' ocr_confusable: 不少」3次,
 * 95%以:): the value with the word written whole, or NULL. Only words of
 * two Han characters or more, in their place (op_word_place), one
 * character replaced; none when two words of different operators fit
 * the same place, or the value already reads an operator. */
static char *op_word_repaired(ctx *x, const char *val) {
  if (!holds_misread(x->rs, val)) return NULL; /* the common case: nothing to look up */
  const dx_lexicon *lx = dx_rules_lexicon(x->rs);
  dx_value v;
  dx_value_parse(&v, lx, val);
  if (v.kind != DX_VK_NUMERIC || (v.op && strcmp(v.op, "=") != 0)) return NULL;
  glong n = 0;
  gunichar *u = g_utf8_to_ucs4_fast(val, -1, &n);
  const char *op = NULL, *word = NULL;
  glong at = -1, len = 0;
  bool ambiguous = false;
  for (size_t i = 0; i < dx_lexicon_size(lx) && !ambiguous; i++) {
    const char *cat, *wop, *w;
    dx_lexicon_word(lx, i, &cat, &wop, &w);
    glong m = g_utf8_strlen(w, -1);
    if (!wop || m < 2 || !all_han(w)) continue;
    for (glong s = 0; s + m <= n && !ambiguous; s++) {
      if (!op_word_place(cat, u, n, s, m)) continue;
      char *win = g_ucs4_to_utf8(u + s, m, NULL, NULL, NULL);
      char *f = win ? dx_text_fold(win) : NULL;
      bool near = f && dx_rules_distance_thirds(x->rs, f, w, 1) == 1;
      g_free(win);
      g_free(f);
      if (!near) continue;
      if (op && (at != s || strcmp(op, wop) != 0)) ambiguous = true;
      if (!op || len < m) { /* the longer word of one place and operator */
        op = wop;
        word = w;
        at = s;
        len = m;
      }
    }
  }
  char *fixed = NULL;
  if (op && !ambiguous) {
    char *head = g_ucs4_to_utf8(u, at, NULL, NULL, NULL);
    char *tail = g_ucs4_to_utf8(u + at + len, n - at - len, NULL, NULL, NULL);
    if (head && tail) fixed = g_strconcat(head, word, tail, NULL);
    g_free(head);
    g_free(tail);
    dx_value w;
    if (fixed) dx_value_parse(&w, lx, fixed);
    if (fixed && (w.kind != DX_VK_NUMERIC || !w.op || strcmp(w.op, op) != 0)) {
      g_free(fixed);
      fixed = NULL;
    }
  }
  g_free(u);
  return fixed;
}

/* Level text from the cell at col, carried down from above when the
 * cell is a merged continuation or blank. */
static char *level_text(const lrow *r, int col, char **last) {
  const lcell *c = col >= 0 ? map_cell_at(r, col) : NULL;
  if (c && c->here && *c->raw) {
    g_free(*last);
    *last = g_strdup(c->raw);
    return g_strdup(c->raw);
  }
  if (c && !c->here) { /* merged from above */
    if (!*last) *last = g_strdup(c->raw);
    return g_strdup(*last);
  }
  return *last ? g_strdup(*last) : NULL;
}

/* A row whose one filled cell spans the level-3 and value columns and
 * names a level ("产出指标" across the table) heads the rows below it:
 * its level is carried down; it is not an indicator. */
static bool ind_heading_row(ctx *x, const lrow *r) {
  indmap *m = &x->ind;
  const lcell *only = NULL;
  for (int i = 0; i < r->n; i++)
    if (r->cells[i].here && *r->cells[i].raw) {
      if (only) return false;
      only = &r->cells[i];
    }
  if (!only || m->g[0].l3 < 0 || m->g[0].val < 0) return false;
  if (map_cell_at(r, m->g[0].l3) != only || map_cell_at(r, m->g[0].val) != only) return false;
  if (map_cell_rule(x, only, DX_CAT_LEVEL1)) {
    g_free(m->last_l1);
    m->last_l1 = g_strdup(only->raw);
    for (int g = 0; g < MAXG; g++) {
      g_free(m->last_l2[g]);
      m->last_l2[g] = NULL;
    }
    return true;
  }
  if (map_cell_rule(x, only, DX_CAT_LEVEL2)) {
    for (int g = 0; g < m->ng; g++) {
      g_free(m->last_l2[g]);
      m->last_l2[g] = g_strdup(only->raw);
    }
    return true;
  }
  return false;
}

/* The numbering at the start of s stripped (on a scan also what OCR
 * reads for a number it has no character for): a new string. */
static char *strip_numbering(ctx *x, const char *s) {
  char *out = dx_rules_strip(x->rs, DX_CAT_NUMBERING, s, false);
  if (x->scanned) { /* a number OCR has no character for (①) */
    char *t = dx_rules_strip(x->rs, DX_CAT_OCR_NUMBERING, out, false);
    g_free(out);
    out = t;
  }
  return out;
}

/* Whether s holds nothing but spaces and punctuation ("……", "....."). */
static bool only_punct(const char *s) {
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!g_unichar_ispunct(c) && !g_unichar_isspace(c)) return false;
  }
  return true;
}

/* A level-3 cell's text (raw: as the row has it) without its
 * numbering: the cell's lines that are nothing but an item's number
 * ("指标2:" under the indicator above it, a blank item's line that a
 * lost border left in the cell) go, then the number the text starts
 * with. A new string. */
static char *level3_text(ctx *x, const lcell *c, const char *raw) {
  char *text = NULL;
  if (c && c->here && c->c->text && strchr(c->c->text, '\n')) {
    GString *keep = g_string_new(NULL);
    char **lines = g_strsplit(c->c->text, "\n", -1);
    bool dropped = false;
    for (char **l = lines; *l; l++) {
      char *t = strip_numbering(x, *l);
      bool blank = only_punct(t) && strcmp(t, *l) != 0;
      g_free(t);
      dropped = dropped || blank;
      if (blank) continue;
      if (keep->len) g_string_append_c(keep, '\n');
      g_string_append(keep, *l);
    }
    g_strfreev(lines);
    if (dropped) text = dx_text_raw(keep->str);
    g_string_free(keep, TRUE);
  }
  char *out = strip_numbering(x, text ? text : raw);
  g_free(text);
  return out;
}

void map_ind_row(ctx *x, const lrow *r) {
  decl *d = map_cur_decl(x);
  indmap *m = &x->ind;
  if (ind_heading_row(x, r)) return;
  char *l1raw = level_text(r, m->l1, &m->last_l1);
  for (int g = 0; g < m->ng; g++) {
    char *l2raw = level_text(r, m->g[g].l2, &m->last_l2[g]);
    const lcell *c3 = m->g[g].l3 >= 0 ? map_cell_at(r, m->g[g].l3) : NULL;
    char *l3clean = level3_text(x, c3, map_text_here(r, m->g[g].l3));
    const char *l3c = g_strstrip(l3clean);
    const char *val = map_text_here(r, m->g[g].val);
    const char *std = map_text_here(r, m->g[g].std);
    /* "……" and "....." rows: nothing but punctuation */
    bool l3_blank = only_punct(l3c);
    if (l3_blank && !*val) { /* a blank "指标2:" line */
      g_free(l3clean);
      g_free(l2raw);
      continue;
    }
    double conf = CONF_EXACT;
    dx_indicator *o = dx_record_alloc(x->rec, sizeof *o);
    char *k1 = l1raw ? dx_label_key(l1raw) : NULL;
    char *k2 = l2raw ? dx_label_key(l2raw) : NULL;
    const char *lv1 =
        k1 ? map_rule_or_near(x, DX_CAT_LEVEL1, k1, dx_rules_match(x->rs, DX_CAT_LEVEL1, k1))
           : NULL;
    const char *lv2 =
        k2 ? map_rule_or_near(x, DX_CAT_LEVEL2, k2, dx_rules_match(x->rs, DX_CAT_LEVEL2, k2))
           : NULL;
    /* a level-2 name written in the level-1 column, level-2 cell blank:
     * the form's level 1 is wrong and its level 2 is that name (on a
     * scan also when OCR misread it: "可特续影响", "持续影响" with 可
     * lost; else the level 2 of the row above is taken for it) */
    const lcell *c2 = map_cell_at(r, m->g[g].l2);
    bool l2_blank = !c2 || (c2->here && !*c2->raw);
    const char *l1_as_l2 = !lv1 && k1 ? map_rule_or_near(x, DX_CAT_LEVEL2, k1,
                                                         dx_rules_match(x->rs, DX_CAT_LEVEL2, k1))
                                      : NULL;
    if (l1_as_l2 && l2_blank) {
      lv2 = l1_as_l2;
      g_free(m->last_l2[g]);
      m->last_l2[g] = g_strdup(l1raw);
    }
    /* level 1 missing, or not the level 2's parent (and not a pairing
     * older templates use, such as 满意度 under 效益指标): inferred */
    const char *parent = lv2 ? dx_rules_match(x->rs, DX_CAT_LEVEL2_PARENT, lv2) : NULL;
    char *pair = lv1 && lv2 ? g_strconcat(lv1, "/", lv2, NULL) : NULL;
    bool accepted = pair && dx_rules_match(x->rs, DX_CAT_LEVEL1_ACCEPTS, pair);
    g_free(pair);
    if (parent && (!lv1 || (strcmp(lv1, parent) != 0 && !accepted))) {
      lv1 = parent;
      dx_flags_add(x->rec, &o->m.flags, "level1_inferred");
      conf *= CONF_INFERRED;
    }
    if (!lv2) conf *= CONF_NO_LEVEL2;
    o->horizon = m->g[g].horizon;
    o->level1 = dx_record_strdup(x->rec, lv1);
    o->level2 = dx_record_strdup(x->rec, lv2);
    o->level3 = map_str(x, l3c);
    char *fixed = x->scanned ? rate_sign_repaired(x, l3c, lv2, val) : NULL;
    if (!fixed && x->scanned) fixed = latex_repaired(val);
    if (!fixed && x->scanned) fixed = op_word_repaired(x, val);
    if (fixed) conf *= CONF_REPAIRED;
    value_read(x, &o->value, fixed ? fixed : val, map_text_here(r, m->g[g].sign),
               map_text_here(r, m->g[g].unit), &conf);
    g_free(fixed);
    if (x->scanned && m->g[g].unit < 0) g_ptr_array_add(d->value_only, o);
    o->standard = m->g[g].std >= 0 ? map_str(x, std) : NULL;
    /* a scan's sign column that OCR read nothing in (a lone ≥ it did
     * not find) or doubted: the op is as doubtful */
    const lcell *sc = m->g[g].sign >= 0 ? map_cell_at(r, m->g[g].sign) : NULL;
    if (sc && sc->c->origin == DX_ORIGIN_OCR && *val)
      conf = *sc->raw ? MIN(conf, sc->c->confidence) : conf * CONF_SIGN_UNREAD;
    const lcell *vc = *val ? map_cell_at(r, m->g[g].val) : map_cell_at(r, m->g[g].l3);
    if (vc && vc->c->rowspan > 1) {
      dx_flags_add(x->rec, &o->m.flags, "merged_cell");
      conf *= CONF_MERGED;
    }
    where w = map_where_cell(r, vc);
    map_where_flags(x, &o->m.flags, &w);
    conf *= 1 - w.doubt;
    map_note_table(x, &w);
    o->m.confidence = round(conf * 1000) / 1000;
    o->m.at = map_at(&w);
    DX_LIST_PUSH(x->rec, d->out->indicators, o);
    d->content++;
    g_free(l3clean);
    g_free(k1);
    g_free(k2);
    g_free(l2raw);
  }
  g_free(l1raw);
}

/* A unit most of the amount indicators share is theirs when this many at
 * least have it whole. */
#define AMOUNT_UNIT_MIN_VALUES 2

static bool amount_indicator(ctx *x, const dx_indicator *o) {
  bool num = o->value.kind &&
             (strcmp(o->value.kind, "numeric") == 0 || strcmp(o->value.kind, "range") == 0);
  return num && o->level2 && dx_rules_match(x->rs, DX_CAT_AMOUNT_LEVEL, o->level2);
}

/* A unit OCR misread: what a fax leaves of a unit (cat: ocr_unit of a
 * money unit, ocr_month of 月). */
bool map_unit_misread(ctx *x, dx_cat cat, const char *unit) {
  char *k = dx_label_key(unit);
  bool yes = *k && dx_rules_match(x->rs, cat, k);
  g_free(k);
  return yes;
}

/* The unit more than half of d's amount indicators read whole have, and
 * at least AMOUNT_UNIT_MIN_VALUES of them; NULL when none. */
static const char *amount_unit(ctx *x, const decl *d) {
  GHashTable *count = g_hash_table_new(g_str_hash, g_str_equal);
  const char *best = NULL;
  int best_n = 0, n = 0;
  for (size_t i = 0; i < d->out->indicators.n; i++) {
    const dx_indicator *o = d->out->indicators.v[i];
    const char *u = o->value.unit;
    if (!amount_indicator(x, o) || !u || map_unit_misread(x, DX_CAT_OCR_UNIT, u)) continue;
    int c = GPOINTER_TO_INT(g_hash_table_lookup(count, u)) + 1;
    g_hash_table_insert(count, (gpointer)u, GINT_TO_POINTER(c));
    n++;
    if (c > best_n) {
      best = u;
      best_n = c;
    }
  }
  g_hash_table_destroy(count);
  return best_n >= AMOUNT_UNIT_MIN_VALUES && 2 * best_n > n ? best : NULL;
}

/* A fax thins a money unit's strokes away: "≤15力" and "<35片" for
 * ≤15万元 and <35万元 where the declaration's other cost indicators read
 * 万元. The value is written in their unit, its confidence lowered as a
 * repair's. A value whose unit OCR read nothing of ("≤35") is kept as
 * read: a unit the page does not show is not written. */
void map_amount_units(ctx *x, decl *d) {
  if (!x->scanned || !d->value_only->len) return;
  const char *unit = amount_unit(x, d);
  if (!unit) return;
  const dx_lexicon *lx = dx_rules_lexicon(x->rs);
  for (guint i = 0; i < d->value_only->len; i++) {
    dx_indicator *o = g_ptr_array_index(d->value_only, i);
    const char *raw = o->value.raw, *u = o->value.unit;
    if (!amount_indicator(x, o) || !raw || !u || !map_unit_misread(x, DX_CAT_OCR_UNIT, u) ||
        !g_str_has_suffix(raw, u))
      continue;
    char *text = g_strdup_printf("%.*s%s", (int)(strlen(raw) - strlen(u)), raw, unit);
    dx_value v;
    dx_value_parse(&v, lx, text);
    if ((v.kind == DX_VK_NUMERIC || v.kind == DX_VK_RANGE) && strcmp(v.unit, unit) == 0) {
      dx_ind_value_from(&o->value, &v, dx_record_strdup(x->rec, text));
      o->value.unit = dx_record_strdup(x->rec, o->value.unit);
      o->m.confidence = round(o->m.confidence * CONF_REPAIRED * 1000) / 1000;
    }
    g_free(text);
  }
}

/* A year and a month run together: 20YYMM. */
#define YEAR_MONTH_MIN 200001
#define YEAR_MONTH_MAX 209912

/* A date's character OCR misread after a digit (2023年1-12斤, 斤 for 月;
 * 2023年1H12月, H for the dash a fax thinned): a compound value in which
 * one character that follows a digit, and only it, stands where a date's
 * character would make the value a date (tried with DATE_STANDIN in its
 * place; any date character would do) is a date, kept as read. */
#define DATE_STANDIN "."

static bool one_date_char_misread(const dx_lexicon *lx, const char *raw) {
  for (const char *p = raw, *prev = NULL; *p; prev = p, p = g_utf8_next_char(p)) {
    if (!prev || !g_ascii_isdigit(*prev) || g_ascii_isdigit(*p)) continue;
    const char *next = g_utf8_next_char(p);
    char *text = g_strdup_printf("%.*s" DATE_STANDIN "%s", (int)(p - raw), raw, next);
    dx_value v;
    dx_value_parse(&v, lx, text);
    g_free(text);
    if (v.kind == DX_VK_DATE) return true;
  }
  return false;
}

void map_date_digits(ctx *x, decl *d) {
  if (!x->scanned) return;
  const dx_lexicon *lx = dx_rules_lexicon(x->rs);
  for (size_t i = 0; i < d->out->indicators.n; i++) {
    dx_indicator *o = d->out->indicators.v[i];
    const dx_ind_value *w = &o->value;
    if (!o->level2 || !dx_rules_match(x->rs, DX_CAT_TIME_LEVEL, o->level2) || !w->kind) continue;
    if (strcmp(w->kind, "compound") == 0 && w->raw && one_date_char_misread(lx, w->raw)) {
      dx_value v;
      dx_value_parse(&v, lx, "");
      v.kind = DX_VK_DATE;
      dx_ind_value_from(&o->value, &v, w->raw);
      o->m.confidence = round(o->m.confidence * CONF_REPAIRED * 1000) / 1000;
      continue;
    }
    if (strcmp(w->kind, "numeric") != 0 || !w->has_number || w->has_upper || !w->unit ||
        (w->op && strcmp(w->op, "=") != 0))
      continue;
    double n = w->number;
    int month = (int)n % 100;
    if (n != floor(n) || n < YEAR_MONTH_MIN || n > YEAR_MONTH_MAX || month < 1 || month > 12)
      continue;
    if (!map_unit_misread(x, DX_CAT_OCR_MONTH, w->unit)) continue;
    char *text = g_strdup_printf("%d年%d月", (int)n / 100, month);
    dx_value v;
    dx_value_parse(&v, lx, text);
    if (v.kind == DX_VK_DATE) {
      dx_ind_value_from(&o->value, &v, dx_record_strdup(x->rec, text));
      o->m.confidence = round(o->m.confidence * CONF_REPAIRED * 1000) / 1000;
    }
    g_free(text);
  }
}
