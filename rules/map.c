/* map.c — the document model mapped into declarations.
 *
 * The document is read as one stream of paragraphs and table rows. A
 * title (a paragraph, or a row holding one cell) starts a declaration;
 * everything up to the next title belongs to it, whatever tables it is
 * split over. Inside a declaration each row is read in the first way
 * that fits it:
 *   - a header row opens a section (indicators, money, spending items,
 *     schedule, work plans, a summary list) whose rows follow it;
 *   - a row of labels only is a vertical header: values stand below;
 *   - otherwise labels and values alternate left to right ("项目名称 |
 *     驻京联络维稳工作组"), or stand inline ("资金总额：718.46").
 * What is a label, and of what, is in rules/labels.rules.
 */
#include "dx_rules.h"
#include "rules_int.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- vocabulary -------------------------------------------------------- */

/* The contract's field keys in output order. */
static const char *FIELD_KEYS[] = {
    "filing_unit",       "unit_head",    "project_name",   "department",   "implementing_unit",
    "project_attribute", "project_type", "period",         "project_lead", "performance_contact",
    "contact_phone",     "staff_quota",  "staff_actual",   "overview",     "basis",
    "fund_rules",        "safeguards",   "long_term_goal", "annual_goal",  "review_opinion",
    "filled_by",         "filled_date",  "other_notes",
};
enum { NFIELDS = G_N_ELEMENTS(FIELD_KEYS) };

static int field_index(const char *key) {
  for (int i = 0; i < NFIELDS; i++)
    if (strcmp(FIELD_KEYS[i], key) == 0) return i;
  return -1;
}

/* Money columns: prior year, current year, medium term. */
enum { COL_PRIOR, COL_CURRENT, COL_MEDIUM, NCOLS_MONEY };
static const char *MONEY_KEYS[] = {"prior_year", "current_year", "medium_term"};

static int money_col(const char *role) {
  for (int i = 0; i < NCOLS_MONEY; i++)
    if (strcmp(MONEY_KEYS[i], role) == 0) return i;
  return COL_CURRENT;
}

/* Confidence of text that was in the file and read by an exact label.
 * Lowered by each doubt below; the corpus calibration in tools/bench
 * checks these numbers against what turned out right. */
#define CONF_EXACT 0.98
#define CONF_EMPTY 0.95 /* label found, cell empty: rarely wrong */
#define CONF_UNIT_ASSUMED 0.85
#define CONF_UNIT_CONVERTED 0.93
#define CONF_UNPARSED 0.4
#define CONF_AMBIGUOUS 0.45
#define CONF_PROSE 0.85        /* a number among words */
#define CONF_UNIT_GUESSED 0.85 /* a unit not in values.rules */
#define CONF_INFERRED 0.85     /* level1 inferred from level2 */
#define CONF_NO_LEVEL2 0.75
#define CONF_COMPOUND 0.9
#define CONF_MERGED 0.9 /* value cell shared by several rows */
/* A value OCR misread that the field's expectations repaired (a box read
 * as 口 or 日). */
#define CONF_REPAIRED 0.85
/* An indicator whose scanned sign column is empty: its op may be lost. */
#define CONF_SIGN_UNREAD 0.8
/* a value joined across a page break may have lost or gained a piece
 * (on the PDF corpus 97 % of them were right: below the 0.9 band) */
#define CONF_CROSS_PAGE 0.9
/* text whose spacing between Han and Latin the page leaves open (the
 * cell's DX_CELL_SPACING_DOUBT): free text may have a space more or less */
#define CONF_SPACING 0.9

/* ---- logical rows ------------------------------------------------------ */

typedef struct lcell {
  const dx_cell *c;
  int col, span;         /* grid start column in this row, columns covered */
  bool here;             /* the cell starts in this row */
  const char *raw;       /* checkboxes unified, whitespace collapsed */
  const char *key;       /* label key of raw */
  struct cellinfo *info; /* raw, key and answers, kept per model cell */
} lcell;

typedef struct lrow {
  int table;      /* top-level table index */
  int row;        /* row in that table */
  int holder_col; /* nested rows: the outer cell's column; -1 otherwise */
  int n;
  lcell *cells;
} lrow;

/* Where a value came from. */
typedef struct where {
  int table, row, col; /* table -1: a paragraph */
  int paragraph;
  int page;
  bool has_box;
  double box[4];
  bool merged;  /* the value cell spans several rows */
  bool cross;   /* the value cell was joined across a page break */
  bool ocr;     /* ... read by OCR */
  bool ocr_low; /* ... and OCR doubted some of its characters */
  bool layout;  /* the page's layout left the cell's extent in doubt */
  bool spacing; /* ... or its spaces between Han and Latin */
  bool seal;    /* ... or a seal was stamped over some of it */
  bool formula; /* ... a spreadsheet formula the file holds no result of */
  double doubt; /* 1 - how far the cell's reading is trusted (0: fully) */
} where;

/* ---- declarations ------------------------------------------------------ */

typedef struct bentry {
  const char *source;
  char *label;
  json_t *f[NCOLS_MONEY];
  int family;
  bool is_total;
  int group; /* the block (vertical header, money table) it was read in */
} bentry;

typedef struct decl {
  char *title;
  bool titled;
  int year;
  int table_index;
  int page_start, page_end;
  json_t *fields[NFIELDS];
  json_t *totals[NCOLS_MONEY];
  GPtrArray *bk; /* bentry* */
  json_t *items, *schedule, *plans, *summary, *indicators;
  double items_total[NCOLS_MONEY];
  bool items_has_total[NCOLS_MONEY];
  bool items_total_unitless[NCOLS_MONEY]; /* converted with the form's 元 note */
  double summary_total;
  bool summary_has_total;
  bool summary_total_unitless;
  GPtrArray *flags;    /* char* */
  GPtrArray *unitless; /* amount FIELDs written without a unit */
  bool money_known;    /* the form says its amounts are in 万元 */
  bool money_yuan;     /* the form says its amounts are in 元 */
  int content;         /* things recognised */
  bool dept_hint;      /* staff counts, work plans */
} decl;

typedef enum { M_NONE, M_IND, M_MONEY, M_ITEMS, M_SCHED, M_PLANS, M_SUMMARY, M_VERT } mode_t_;

enum { MAXG = 2, MAXV = 16 };

typedef struct indmap {
  int l1;
  int ng;
  struct {
    int l2, l3, val, std, sign, unit;
    const char *horizon; /* static: "annual" or "medium_term" */
  } g[MAXG];
  char *last_l1;
  char *last_l2[MAXG];
  bool l1_from_merge;
} indmap;

typedef struct vhead {
  int col, span;
  dx_cat cat; /* FIELD, FUND_TOTAL, FUND_SOURCE or FUND_COLUMN */
  const char *key;
  char *label;
} vhead;

typedef struct ctx {
  dx_ruleset *rs;
  const dx_doc *doc;
  GPtrArray *decls; /* decl* */
  decl *cur;
  mode_t_ mode;
  indmap ind;
  int cols[16];  /* section column roles, see R_* */
  int cols2[16]; /* a money list's second half (收入 | 支出 side by side) */
  bool halves;   /* cols2 is in use */
  /* grid columns (< 64) holding a fund total's label in the rows of
   * label | value pairs being read: its money column + 1, for the parts
   * below it in that column (中长期资金总额 | 300 | 年度资金总额 | 100 over
   * 其中：财政拨款 | 240 | 其中：财政拨款 | 80) */
  signed char under_total[64];
  int under_table, under_row; /* the last row that kept under_total */
  vhead vh[MAXV];
  int nvh;
  int vert_rows; /* rows read under the vertical header */
  int group;     /* block counter for money entries */
  bool three_public;
  int table;              /* current table index */
  uint64_t yuan_cols;     /* grid columns (< 64) whose heading says 元 */
  GHashTable *labels;     /* key -> label*: classify()'s answers for this document */
  GHashTable *near;       /* key -> label*: classify_near()'s, likewise */
  GHashTable *near_rule;  /* category \037 key -> rule key or NULL: rule_or_near()'s */
  GHashTable *near_texts; /* the rule texts labels were nearest (label.near) */
  bool scanned;           /* the document was read by OCR */
  GHashTable *cells;      /* dx_cell* -> cellinfo*, for the top-level table being read */
  bool list_headed;       /* the list being read hangs under a heading cell running down column 0 */
  bool in_notes;          /* paragraphs after 填表说明: instructions, not values */
} ctx;

enum {
  R_NAME,
  R_PRIOR,
  R_CURRENT,
  R_MEDIUM,
  R_BASIS,
  R_DETAIL,
  R_AMOUNT,
  R_CONTENT,
  R_START,
  R_END,
  R_ITEM,
  R_OWNER,
  R_GOAL,
  R_SEQ,
  R_LT,
  R_AN,
  NROLES
};

/* ---- small helpers ---------------------------------------------------- */

static json_t *jstr_or_null(const char *s) {
  return s && *s ? json_string(s) : json_null();
}

static json_t *jnum(double v) {
  if (isfinite(v) && v == floor(v) && fabs(v) < 1e15) return json_integer((json_int_t)v);
  return json_real(v);
}

static json_t *at_json(const where *w) {
  json_t *a = json_object();
  if (w->table >= 0) {
    json_object_set_new(a, "table", json_integer(w->table));
    json_object_set_new(a, "row", json_integer(w->row));
    json_object_set_new(a, "col", json_integer(w->col));
  } else {
    json_object_set_new(a, "table", json_null());
    json_object_set_new(a, "paragraph", json_integer(w->paragraph));
  }
  json_object_set_new(a, "page", w->page ? json_integer(w->page) : json_null());
  if (w->has_box) {
    json_t *b = json_array();
    for (int i = 0; i < 4; i++) json_array_append_new(b, json_real(round(w->box[i] * 10) / 10));
    json_object_set_new(a, "box", b);
  } else {
    json_object_set_new(a, "box", json_null());
  }
  return a;
}

static where where_cell(const lrow *r, const lcell *c) {
  where w = {.table = r->table, .row = c ? c->c->row : r->row, .col = c ? c->c->col : 0};
  if (r->holder_col >= 0) { /* a nested table: point at the cell holding it */
    w.row = r->row;
    w.col = r->holder_col;
  }
  if (c) {
    w.merged = c->c->rowspan > 1;
    w.cross = (c->c->flags & DX_CELL_CROSS_PAGE) != 0;
    w.ocr = c->c->origin == DX_ORIGIN_OCR;
    w.ocr_low = (c->c->flags & DX_CELL_OCR_LOW) != 0;
    w.layout = (c->c->flags & DX_CELL_LAYOUT_UNCERTAIN) != 0;
    w.spacing = (c->c->flags & DX_CELL_SPACING_DOUBT) != 0;
    w.seal = (c->c->flags & DX_CELL_SEAL_OVERLAP) != 0;
    w.formula = (c->c->flags & DX_CELL_FORMULA_UNCACHED) != 0;
    /* the model's own confidence in the cell (OCR's, a table read by
     * alignment) and the page break's */
    w.doubt = 1 - c->c->confidence * (w.cross ? CONF_CROSS_PAGE : 1);
    w.page = c->c->page;
    w.has_box = c->c->has_box;
    memcpy(w.box, c->c->box, sizeof w.box);
  }
  return w;
}

static void flag_add(json_t *flags, const char *f) {
  size_t i;
  json_t *v;
  json_array_foreach(flags, i, v) if (strcmp(json_string_value(v), f) == 0) return;
  json_array_append_new(flags, json_string(f));
}

/* The flags a value takes from where it was read. */
static void where_flags(json_t *flags, const where *w) {
  if (w->cross) flag_add(flags, "cross_page");
  if (w->ocr) flag_add(flags, "ocr");
  if (w->ocr_low) flag_add(flags, "ocr_low_confidence");
  if (w->layout) flag_add(flags, "layout_uncertain");
  if (w->seal) flag_add(flags, "seal_overlap");
  if (w->formula) flag_add(flags, "formula_uncached");
}

static json_t *field_new(json_t *value, const char *raw, double conf, const where *w) {
  conf = round(conf * (1 - w->doubt) * 1000) / 1000;
  json_t *f = json_object();
  json_object_set_new(f, "value", value);
  json_object_set_new(f, "raw", json_string(raw ? raw : ""));
  json_object_set_new(f, "confidence", json_real(conf));
  json_object_set_new(f, "flags", json_array());
  json_object_set_new(f, "at", at_json(w));
  where_flags(json_object_get(f, "flags"), w);
  if (w->merged && value && !json_is_null(value)) {
    flag_add(json_object_get(f, "flags"), "merged_cell");
    conf = round(conf * CONF_MERGED * 1000) / 1000;
    json_object_set_new(f, "confidence", json_real(conf));
  }
  /* free text is its characters, spaces included: a space the page
   * leaves open is a doubt (numbers, dates and codes are parsed) */
  if (w->spacing && json_is_string(value)) {
    flag_add(json_object_get(f, "flags"), "layout_uncertain");
    json_object_set_new(f, "confidence", json_real(round(conf * CONF_SPACING * 1000) / 1000));
  }
  return f;
}

static bool field_is_empty(const json_t *f) {
  return !f || json_is_null(json_object_get(f, "value"));
}

static void field_flag(json_t *f, const char *flag) {
  flag_add(json_object_get(f, "flags"), flag);
}

static void field_conf(json_t *f, double factor) {
  double c = json_real_value(json_object_get(f, "confidence"));
  json_object_set_new(f, "confidence", json_real(round(c * factor * 1000) / 1000));
}

static void decl_flag(decl *d, const char *flag) {
  for (guint i = 0; i < d->flags->len; i++)
    if (strcmp(g_ptr_array_index(d->flags, i), flag) == 0) return;
  g_ptr_array_add(d->flags, g_strdup(flag));
}

/* ---- value normalisation per field ------------------------------------ */

/* True when a list being read has a 金额（元） heading over `col`. */
static bool column_in_yuan(const ctx *x, int col) {
  bool in_list = x->mode == M_MONEY || x->mode == M_ITEMS || x->mode == M_SUMMARY;
  return in_list && col >= 0 && col < 64 && (x->yuan_cols >> col & 1);
}

/* A 合计 amount in 万元, for the sum checks. *unitless: written without a
 * unit and not under a 金额（元） heading (the form's 元 note, known only
 * when the form is complete, may still convert it). */
static bool total_amount(const ctx *x, int col, const char *raw, double *v, bool *unitless) {
  int u;
  if (!dx_amount_parse(v, &u, dx_rules_lexicon(x->rs), raw)) return false;
  if (u == 0 && column_in_yuan(x, col)) {
    *v /= 10000.0;
    u = 2;
  }
  *unitless = u == 0;
  return true;
}

/* An amount FIELD in 万元 (contract: funds). */
static json_t *amount_field(ctx *x, const char *raw, const where *w) {
  if (!*raw) {
    json_t *f = field_new(json_null(), "", CONF_EMPTY, w);
    field_flag(f, "empty");
    return f;
  }
  double v;
  int unit;
  if (!dx_amount_parse(&v, &unit, dx_rules_lexicon(x->rs), raw)) {
    json_t *f = field_new(json_null(), raw, CONF_UNPARSED, w);
    field_flag(f, "value_unparsed");
    return f;
  }
  if (unit == 0 && w->table >= 0 && column_in_yuan(x, w->col)) {
    v /= 10000.0; /* a column headed 金额（元） */
    unit = 2;
  }
  json_t *f = field_new(jnum(round(v * 1e6) / 1e6), raw, CONF_EXACT, w);
  if (unit == 2) {
    field_flag(f, "unit_converted");
    field_conf(f, CONF_UNIT_CONVERTED);
  } else if (unit == 0 && x->cur) {
    g_ptr_array_add(x->cur->unitless, f); /* decided when the form is complete */
  }
  return f;
}

/* "其 其他专项类": a lone character repeated as the first of the next
 * word is a typing stutter (the form's own debris); drops it in place. */
static void drop_stutter(char *s) {
  const char *second = g_utf8_next_char(s);
  if (*s && *second == ' ' && strncmp(s, second + 1, (size_t)(second - s)) == 0 &&
      g_unichar_get_script(g_utf8_get_char(s)) == G_UNICODE_SCRIPT_HAN)
    memmove(s, second + 1, strlen(second + 1) + 1);
}

static json_t *checkbox_options(ctx *x, const char *raw, int *nchecked, int *noptions) {
  /* "新增项目 ☐ 延续项目 ☑": a glyph follows its option, unless the text
   * starts with a glyph, in which case each glyph precedes its option. */
  json_t *checked = json_array();
  *nchecked = *noptions = 0;
  const char *p = raw;
  while (*p == ' ') p++;
  bool before = g_str_has_prefix(p, DX_CHECK_ON) || g_str_has_prefix(p, DX_CHECK_OFF);
  GString *label = g_string_new(NULL);
  int pending = -1; /* glyph-before mode: state of the option being read */
  for (const char *q = p;; q = g_utf8_next_char(q)) {
    bool on = g_str_has_prefix(q, DX_CHECK_ON), off = g_str_has_prefix(q, DX_CHECK_OFF);
    if (on || off || !*q) {
      int state = before ? pending : (on ? 1 : (off ? 0 : -1));
      char *t = g_strstrip(g_strdup(label->str));
      char *s1 = dx_rules_strip(x->rs, DX_CAT_NUMBERING, t, false);
      char *key = dx_label_key(s1);
      /* "其中：新建": the words before a colon only introduce the option */
      char *colon = strrchr(s1, ':');
      if (!colon) colon = strstr(s1, "：") ? strstr(s1, "：") + strlen("：") - 1 : NULL;
      char *opt = g_strstrip(g_strdup(colon ? colon + 1 : s1));
      drop_stutter(opt);
      if (state >= 0 && *opt) {
        (*noptions)++;
        if (state == 1) {
          (*nchecked)++;
          json_array_append_new(checked, json_string(opt));
        }
      }
      g_free(key);
      g_free(opt);
      g_free(s1);
      g_free(t);
      g_string_truncate(label, 0);
      if (!*q) break;
      pending = on ? 1 : 0;
      q += strlen(DX_CHECK_ON) - 1; /* both glyphs are 3 bytes */
      continue;
    }
    g_string_append_unichar(label, g_utf8_get_char(q));
  }
  g_string_free(label, TRUE);
  return checked;
}

/* A scanned checkbox field in which OCR read characters that look like
 * boxes (□ as 口, ☑ as 日 or 回: labels.rules' ocr_box_off and
 * ocr_box_on) where an option's words begin or end (beside a space or an
 * end of the text), or anywhere between words when the field has boxes
 * OCR did read ("新增项目口延续项目 ☑"): the boxes, with a space on each
 * side, as OCR'd boxes have. NULL when there is nothing to repair. */
static char *boxes_from_lookalikes(ctx *x, const char *raw) {
  bool boxed = strstr(raw, DX_CHECK_ON) || strstr(raw, DX_CHECK_OFF);
  GString *out = g_string_new(NULL);
  int repaired = 0;
  for (const char *p = raw; *p; p = g_utf8_next_char(p)) {
    const char *next = g_utf8_next_char(p);
    char one[8] = {0};
    memcpy(one, p, (size_t)(next - p));
    const char *box = NULL;
    bool edge = p == raw || p[-1] == ' ' || *next == '\0' || *next == ' ';
    if (edge || boxed) {
      if (dx_rules_match(x->rs, DX_CAT_OCR_BOX_ON, one))
        box = DX_CHECK_ON;
      else if (dx_rules_match(x->rs, DX_CAT_OCR_BOX_OFF, one))
        box = DX_CHECK_OFF;
    }
    if (!box) {
      g_string_append(out, one);
      continue;
    }
    if (out->len && out->str[out->len - 1] != ' ') g_string_append_c(out, ' ');
    g_string_append(out, box);
    if (*next && *next != ' ') g_string_append_c(out, ' ');
    repaired++;
  }
  if (!repaired) {
    g_string_free(out, TRUE);
    return NULL;
  }
  return g_string_free(out, FALSE);
}

/* FIELD for one of the contract's fields, from the cell text `raw`. */
static json_t *make_field(ctx *x, int fi, const char *raw, const where *w) {
  const char *key = FIELD_KEYS[fi];
  /* boxes OCR read as characters, repaired from what the field expects */
  if (w->ocr && (strcmp(key, "project_attribute") == 0 || strcmp(key, "project_type") == 0)) {
    char *boxed = boxes_from_lookalikes(x, raw);
    if (boxed) {
      json_t *f = make_field(x, fi, boxed, &(where){0});
      g_free(boxed);
      json_t *g = json_object_get(f, "value");
      json_t *r = field_new(json_incref(g), json_string_value(json_object_get(f, "raw")),
                            json_real_value(json_object_get(f, "confidence")) * CONF_REPAIRED, w);
      const json_t *flags = json_object_get(f, "flags");
      for (size_t i = 0; i < json_array_size(flags); i++)
        field_flag(r, json_string_value(json_array_get(flags, i)));
      json_decref(f);
      return r;
    }
  }
  if (!*raw) {
    json_t *f = field_new(json_null(), "", CONF_EMPTY, w);
    field_flag(f, "empty");
    return f;
  }
  json_t *value = NULL;
  double conf = CONF_EXACT;
  bool ambiguous = false;
  if (strcmp(key, "project_attribute") == 0) {
    int nc, no;
    json_t *opts = checkbox_options(x, raw, &nc, &no);
    const char *attr = NULL;
    if (no == 0) {
      char *k = dx_label_key(raw);
      attr = dx_rules_match(x->rs, DX_CAT_ATTRIBUTE, k);
      g_free(k);
    } else if (nc == 1) {
      char *k = dx_label_key(json_string_value(json_array_get(opts, 0)));
      attr = dx_rules_match(x->rs, DX_CAT_ATTRIBUTE, k);
      g_free(k);
    } else {
      ambiguous = true;
    }
    json_decref(opts);
    value = attr ? json_string(attr) : json_null();
    ambiguous = ambiguous || !attr; /* options without a tick, or words no option names */
  } else if (strcmp(key, "project_type") == 0) {
    int nc, no;
    json_t *opts = checkbox_options(x, raw, &nc, &no);
    if (no == 0) {
      value = json_string(raw);
    } else if (nc == 0) {
      value = json_null();
      ambiguous = true;
    } else {
      GString *s = g_string_new(NULL);
      size_t i;
      json_t *o;
      json_array_foreach(opts, i, o) {
        if (i) g_string_append(s, "；");
        g_string_append(s, json_string_value(o));
      }
      value = json_string(s->str);
      g_string_free(s, TRUE);
    }
    json_decref(opts);
  } else if (strcmp(key, "period") == 0) {
    char a[11], b[11];
    if (dx_period_parse(a, b, raw, true)) {
      value = json_object();
      json_object_set_new(value, "start", jstr_or_null(a));
      json_object_set_new(value, "end", jstr_or_null(b));
    }
  } else if (strcmp(key, "filled_date") == 0) {
    char a[11], b[11];
    if (dx_period_parse(a, b, raw, false) == 1) value = json_string(a);
  } else if (strcmp(key, "contact_phone") == 0) {
    GString *s = g_string_new(NULL);
    for (const char *p = raw; *p; p++) {
      if (g_ascii_isdigit(*p) || (*p == '-' && s->len))
        g_string_append_c(s, *p);
      else if (s->len >= 5)
        break;
      else
        g_string_truncate(s, 0);
    }
    if (s->len >= 5) value = json_string(s->str);
    g_string_free(s, TRUE);
  } else if (strcmp(key, "staff_quota") == 0 || strcmp(key, "staff_actual") == 0) {
    char *k = dx_label_key(raw);
    char *end;
    long n = strtol(k, &end, 10);
    if (end != k && (*end == '\0' || dx_rules_match(x->rs, DX_CAT_COUNT_UNIT, end)))
      value = json_integer(n);
    g_free(k);
  } else if (strcmp(key, "filing_unit") == 0) {
    char *s = dx_rules_strip(x->rs, DX_CAT_SEAL_NOTE, raw, true);
    char *t = dx_text_collapse(s);
    value = jstr_or_null(t);
    g_free(s);
    g_free(t);
    if (json_is_null(value)) {
      json_decref(value);
      json_t *f = field_new(json_null(), raw, CONF_EMPTY, w);
      field_flag(f, "empty");
      return f;
    }
  } else {
    value = json_string(raw);
  }
  if (!value) {
    json_t *f = field_new(json_null(), raw, CONF_UNPARSED, w);
    field_flag(f, "value_unparsed");
    return f;
  }
  json_t *f = field_new(value, raw, conf, w);
  if (ambiguous) {
    field_flag(f, "checkbox_ambiguous");
    field_conf(f, CONF_AMBIGUOUS);
  }
  return f;
}

/* ---- declarations ------------------------------------------------------ */

static decl *decl_new(void) {
  decl *d = g_new0(decl, 1);
  d->table_index = -1;
  d->bk = g_ptr_array_new();
  d->flags = g_ptr_array_new_with_free_func(g_free);
  d->unitless = g_ptr_array_new();
  d->items = json_array();
  d->schedule = json_array();
  d->plans = json_array();
  d->summary = json_array();
  d->indicators = json_array();
  return d;
}

static void decl_free(decl *d) {
  if (!d) return;
  g_free(d->title);
  for (int i = 0; i < NFIELDS; i++) json_decref(d->fields[i]);
  for (int i = 0; i < NCOLS_MONEY; i++) json_decref(d->totals[i]);
  for (guint i = 0; i < d->bk->len; i++) {
    bentry *b = g_ptr_array_index(d->bk, i);
    g_free(b->label);
    for (int k = 0; k < NCOLS_MONEY; k++) json_decref(b->f[k]);
    g_free(b);
  }
  g_ptr_array_free(d->bk, TRUE);
  g_ptr_array_free(d->flags, TRUE);
  g_ptr_array_free(d->unitless, TRUE);
  json_decref(d->items);
  json_decref(d->schedule);
  json_decref(d->plans);
  json_decref(d->summary);
  json_decref(d->indicators);
  g_free(d);
}

static decl *cur_decl(ctx *x) {
  if (!x->cur) x->cur = decl_new();
  return x->cur;
}

static void note_table(ctx *x, const where *w) {
  decl *d = cur_decl(x);
  if (w->table >= 0 && d->table_index < 0) d->table_index = w->table;
  if (w->page) {
    if (!d->page_start || w->page < d->page_start) d->page_start = w->page;
    if (w->page > d->page_end) d->page_end = w->page;
  }
}

/* Sets a field: the first value wins, but a filled value replaces an
 * empty one (a form may repeat a label with the value in the second). */
static void set_field(ctx *x, int fi, json_t *f) {
  decl *d = cur_decl(x);
  if (!d->fields[fi] || (field_is_empty(d->fields[fi]) && !field_is_empty(f))) {
    json_decref(d->fields[fi]);
    d->fields[fi] = f;
    d->content++;
    if (fi == field_index("staff_quota") || fi == field_index("staff_actual")) d->dept_hint = true;
  } else {
    json_decref(f);
  }
}

static void set_total(ctx *x, int col, json_t *f) {
  decl *d = cur_decl(x);
  if (!d->totals[col] || (field_is_empty(d->totals[col]) && !field_is_empty(f))) {
    json_decref(d->totals[col]);
    d->totals[col] = f;
    d->content++;
  } else {
    json_decref(f);
  }
}

/* A breakdown entry: entries with the same source and label in the same
 * block are one entry (one row read across its columns). */
static void add_money(ctx *x, const char *source, const char *label, int col, json_t *f,
                      bool is_total) {
  decl *d = cur_decl(x);
  bentry *b = NULL;
  for (guint i = 0; i < d->bk->len; i++) {
    bentry *e = g_ptr_array_index(d->bk, i);
    if (e->group == x->group && strcmp(e->source, source) == 0 && strcmp(e->label, label) == 0 &&
        (!e->f[col] || field_is_empty(e->f[col]))) {
      b = e;
      break;
    }
  }
  if (!b) {
    b = g_new0(bentry, 1);
    b->source = source;
    b->label = g_strdup(label);
    const char *fam = dx_rules_match(x->rs, DX_CAT_FUND_FAMILY, source);
    b->family = fam ? atoi(fam) : 0;
    b->is_total = is_total;
    b->group = x->group;
    g_ptr_array_add(d->bk, b);
  }
  if (!b->f[col] || (field_is_empty(b->f[col]) && !field_is_empty(f))) {
    json_decref(b->f[col]);
    b->f[col] = f;
  } else {
    json_decref(f);
  }
  d->content++;
}

/* The fund label text kept in a breakdown entry: the label as written,
 * without 其中 and colons. */
static char *money_label(ctx *x, const char *raw) {
  GString *out = g_string_new(NULL);
  for (const char *p = raw; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!g_unichar_isspace(c) && c != 0x3000) g_string_append_unichar(out, c);
  }
  /* the part prefix is matched on the folded text; the label keeps the
   * characters as written, so cut as many characters as the prefix had */
  char *folded = dx_text_fold(out->str);
  char *rest = dx_rules_strip(x->rs, DX_CAT_PART_PREFIX, folded, false);
  glong cut = g_utf8_strlen(folded, -1) - g_utf8_strlen(rest, -1);
  char *res = g_strdup(g_utf8_offset_to_pointer(out->str, cut));
  g_free(folded);
  g_free(rest);
  size_t n = strlen(res);
  if (n && res[n - 1] == ':')
    res[n - 1] = '\0';
  else if (n >= 3 && strcmp(res + n - 3, "：") == 0)
    res[n - 3] = '\0';
  g_string_free(out, TRUE);
  return res;
}

/* ---- label classification --------------------------------------------- */

typedef struct label {
  dx_cat cat; /* FIELD, FUND_TOTAL, FUND_SOURCE, UNIT_NOTE or NONE */
  const char *key;
  bool three_public_ctx;
  const char *label; /* the label as written, for money entries (borrowed) */
  bool fuzzy;        /* matched only approximately (a character dropped, misread) */
  const char *near;  /* then the rule's text it is nearest (kept in ctx.near_texts) */
} label;

/* The label of a breakdown entry labelled l, written raw: as written
 * (money_label), or, when l matched only approximately, as its rule
 * writes it (a typist puts back the 一 a fax dropped). */
static char *label_text(ctx *x, label l, const char *raw) {
  return l.fuzzy && l.near ? g_strdup(l.near) : money_label(x, raw);
}

/* Fuzzy label matching applies to keys of this many characters: shorter
 * keys are too often values ("县政府办"), longer ones are sentences. */
#define FUZZY_MIN_CHARS 5
#define FUZZY_MAX_CHARS 16
/* On a scan a label is matched to its nearest rule text up to this many
 * characters: a misread long label (单位已有的(或拟订的)保障项目实施的
 * 制度、措施, 24) is still far nearer its rule than any value is. */
#define NEAR_MAX_CHARS 32
#define CONF_FUZZY 0.8
/* A label matched approximately may differ from its rule's text by one
 * edit per this many characters (4: "项目茗称" is 项目名称). */
#define FUZZY_CHARS_PER_EDIT 4
/* Indicator headings and level names (rule_or_near) from this many
 * characters. */
#define NEAR_NAME_MIN_CHARS 3

static label classify_key(ctx *x, const char *key);

/* Answers classify() keeps per document; past this, keys are classified
 * afresh (a form has a few hundred distinct label cells). */
#define LABEL_MEMO_MAX 50000

/* What a cell's key labels. The marks forms put on required fields
 * (*项目名称, 项目名称※) are removed first. Answers are kept per document:
 * the same key is asked about from several places. */
static label classify_rk(ctx *x, const char *key, dx_rkey *rk) {
  if (!key || !*key) return (label){0};
  /* the answer depends on the key and the rules alone: kept with the
   * ruleset's key, from document to document */
  const label *kept = dx_rules_key_data(rk);
  if (kept) return *kept;
  label *seen = !rk && x->labels ? g_hash_table_lookup(x->labels, key) : NULL;
  if (seen) return *seen;
  char *a = dx_rules_strip(x->rs, DX_CAT_LABEL_MARK, key, false);
  char *b = dx_rules_strip(x->rs, DX_CAT_LABEL_MARK, a, true);
  label l = classify_key(x, b);
  g_free(b);
  g_free(a);
  if (rk)
    dx_rules_key_set_data(rk, g_memdup2(&l, sizeof l), g_free);
  else if (x->labels && g_hash_table_size(x->labels) < LABEL_MEMO_MAX)
    g_hash_table_insert(x->labels, g_strdup(key), g_memdup2(&l, sizeof l));
  return l;
}

/* A label OCR misread ("部门(单值)茗称"): the nearest field, total or
 * fund label, one edit per FUZZY_CHARS_PER_EDIT characters, unless the key
 * is a label of the forms' structure (near_block: 本年度绩效指标 is not
 * 本年度绩效目标). Scanned documents only: typed labels are as written. */
static label classify_near(ctx *x, const char *key) {
  label l = {0};
  glong n = g_utf8_strlen(key, -1);
  if (n < NEAR_NAME_MIN_CHARS || n > NEAR_MAX_CHARS || strchr(key, ':') ||
      dx_rules_match(x->rs, DX_CAT_NEAR_BLOCK, key))
    return l;
  static const dx_cat cats[] = {DX_CAT_FIELD, DX_CAT_FUND_TOTAL, DX_CAT_FUND_SOURCE};
  for (size_t c = 0; c < G_N_ELEMENTS(cats); c++) {
    int d = 0;
    char *text = NULL;
    /* three characters: only one dropped ("项支出" is 项目支出) */
    const char *k = dx_rules_match_near(x->rs, cats[c], key,
                                        MAX(1, (int)(n / FUZZY_CHARS_PER_EDIT)), &d, &text);
    if (k && n < FUZZY_CHARS_PER_EDIT && g_utf8_strlen(text, -1) != n + 1) k = NULL;
    if (k && d > 0) {
      const char *near = g_hash_table_lookup(x->near_texts, text);
      if (near) {
        g_free(text);
      } else {
        near = text;
        g_hash_table_add(x->near_texts, text);
      }
      return (label){cats[c], k, false, NULL, true, near};
    }
    g_free(text);
  }
  return l;
}

/* classify_rk, and on a scan the nearest label when none matched. */
static label classify_or_near(ctx *x, const char *key, dx_rkey *rk) {
  label l = classify_rk(x, key, rk);
  if (l.cat != DX_CAT_NONE || !x->scanned || !key || !*key) return l;
  /* kept per document (the ruleset's memo serves every document) */
  label *seen = g_hash_table_lookup(x->near, key);
  if (!seen) {
    l = classify_near(x, key);
    if (g_hash_table_size(x->near) < LABEL_MEMO_MAX)
      g_hash_table_insert(x->near, g_strdup(key), g_memdup2(&l, sizeof l));
    return l;
  }
  return *seen;
}

static label classify(ctx *x, const char *key) {
  return classify_or_near(x, key, key && *key ? dx_rules_key(x->rs, key) : NULL);
}

static label classify_key(ctx *x, const char *key) {
  label l = {0};
  if (!key || !*key) return l;
  const char *k;
  if ((k = dx_rules_match(x->rs, DX_CAT_FIELD, key)))
    return (label){DX_CAT_FIELD, k, false, NULL, false, NULL};
  if ((k = dx_rules_match(x->rs, DX_CAT_FUND_TOTAL, key)))
    return (label){DX_CAT_FUND_TOTAL, k, false, NULL, false, NULL};
  char *fk = dx_rules_strip(x->rs, DX_CAT_PART_PREFIX, key, false);
  k = dx_rules_match(x->rs, DX_CAT_FUND_SOURCE, fk);
  g_free(fk);
  if (k) return (label){DX_CAT_FUND_SOURCE, k, false, NULL, false, NULL};
  if ((k = dx_rules_match(x->rs, DX_CAT_UNIT_NOTE, key)))
    return (label){DX_CAT_UNIT_NOTE, k, false, NULL, false, NULL};
  if (dx_rules_match(x->rs, DX_CAT_THREE_PUBLIC_CONTEXT, key)) l.three_public_ctx = true;
  /* One stray character in a field label ("项目名名称", a doubled glyph
   * from a bad print): try the key without each character in turn.
   * Only for label-sized keys, so values are not read as labels. */
  glong n = g_utf8_strlen(key, -1);
  if (n >= FUZZY_MIN_CHARS && n <= FUZZY_MAX_CHARS && !strchr(key, ':')) {
    for (const char *p = key; *p; p = g_utf8_next_char(p)) {
      const char *q = g_utf8_next_char(p);
      if (g_unichar_get_script(g_utf8_get_char(p)) != G_UNICODE_SCRIPT_HAN) continue;
      char *shorter = g_strdup_printf("%.*s%s", (int)(p - key), key, q);
      k = dx_rules_match(x->rs, DX_CAT_FIELD, shorter);
      g_free(shorter);
      if (k) return (label){DX_CAT_FIELD, k, false, NULL, true, NULL};
    }
  }
  return l;
}

/* A model cell's text as the rules read it, and what the rule files say
 * of it, kept while its table is read: rows are asked the same
 * questions many times over (each kind of header looks for its columns
 * among all the row's cells), and a merged cell is in many rows. */
typedef struct cellinfo {
  char *raw, *key;
  dx_rkey *rk; /* the key as the ruleset keeps it */
  bool rk_asked;
  bool field_known; /* has_field holds row_has_field_label's answer for it */
  bool has_field;
} cellinfo;

static void cellinfo_free(gpointer p) {
  cellinfo *ci = p;
  g_free(ci->raw);
  g_free(ci->key);
  g_free(ci);
}

static cellinfo *cell_info(ctx *x, const dx_cell *cell) {
  cellinfo *ci = g_hash_table_lookup(x->cells, cell);
  if (ci) return ci;
  ci = g_new0(cellinfo, 1);
  ci->raw = dx_text_raw(cell->text);
  ci->key = dx_label_key(ci->raw);
  g_hash_table_insert(x->cells, (gpointer)cell, ci);
  return ci;
}

/* The cell's key as the ruleset keeps it, or NULL. */
static dx_rkey *cell_rkey(ctx *x, const lcell *c) {
  cellinfo *m = c->info;
  if (!m->rk_asked) {
    m->rk = dx_rules_key(x->rs, c->key);
    m->rk_asked = true;
  }
  return m->rk;
}

/* On a scan, the rule of an indicator heading, level, money, schedule
 * or item column category (the tables' column headings, level 1 and 2
 * names) nearest a key that matched none, as classify_near does for
 * fields: "三吸指标" is the level-3 heading, "升始时间" the start's.
 * `exact` is what matching gave. */
static const char *rule_or_near(ctx *x, dx_cat cat, const char *key, const char *exact) {
  if (exact || !x->scanned || !key || !*key) return exact;
  if (cat != DX_CAT_IND_HEADER && cat != DX_CAT_LEVEL1 && cat != DX_CAT_LEVEL2 &&
      cat != DX_CAT_FUND_COLUMN && cat != DX_CAT_SCHEDULE_HEADER && cat != DX_CAT_ITEMS_HEADER)
    return NULL;
  char *memo = g_strconcat(dx_cat_name(cat), "\037", key, NULL);
  gpointer kept;
  if (g_hash_table_lookup_extended(x->near_rule, memo, NULL, &kept)) {
    g_free(memo);
    return kept;
  }
  /* these names are short, and known by their place in the table: one
   * edit from three characters up ("数指标" is 数量指标, a fax dropped
   * the 量; "指标们" the value heading) */
  glong n = g_utf8_strlen(key, -1);
  int d = 0;
  const char *k =
      n >= NEAR_NAME_MIN_CHARS && n <= NEAR_MAX_CHARS
          ? dx_rules_match_near(x->rs, cat, key, MAX(1, (int)(n / FUZZY_CHARS_PER_EDIT)), &d, NULL)
          : NULL;
  if (g_hash_table_size(x->near_rule) < LABEL_MEMO_MAX)
    g_hash_table_insert(x->near_rule, memo, (gpointer)k);
  else
    g_free(memo);
  return k;
}

static const char *cell_rule(ctx *x, const lcell *c, dx_cat cat) {
  if (!c) return NULL;
  dx_rkey *rk = cell_rkey(x, c);
  return rule_or_near(x, cat, c->key,
                      rk ? dx_rules_match_key(x->rs, cat, rk) : dx_rules_match(x->rs, cat, c->key));
}

/* classify() of the cell's key (kept with the ruleset's key). */
static label cell_label(ctx *x, const lcell *c) {
  return classify_or_near(x, c->key, cell_rkey(x, c));
}

/* Room for a label as written (label.label points into it). */
typedef char labelbuf[256];

/* Start of the number that ends folded text f ("12.5万元", "1,200元"
 * whole), or NULL when f does not end in a number with words after it. */
static const char *last_number(const char *f) {
  const char *start = NULL;
  for (const char *p = f; *p; p++)
    if (g_ascii_isdigit(*p) &&
        (p == f || !(g_ascii_isdigit(p[-1]) || p[-1] == '.' || p[-1] == ',')))
      start = p;
  return start;
}

/* "年度资金总额（含本级）12万": an amount glued to its label (a PDF line
 * whose space was too narrow to count). The text is split where its last
 * number starts when all after it is one amount (dx_amount_parse: 12万,
 * 12.5万元, 1,200元) and all before it a known label, so a number inside
 * a label (2023年度资金总额) is never where it is cut. A unit note's value
 * is a unit word, never a number. f is raw folded. */
static label split_at_amount(ctx *x, const char *raw, const char *f, char **value,
                             labelbuf label_buf) {
  label none = {0};
  const char *num = last_number(f);
  if (!num || num == f) return none;
  double v;
  int unit;
  if (!dx_amount_parse(&v, &unit, dx_rules_lexicon(x->rs), num)) return none;
  char *lab = g_strndup(f, (gsize)(num - f));
  char *k = dx_label_key(lab);
  label l = classify(x, k);
  if (l.cat != DX_CAT_NONE && l.cat != DX_CAT_UNIT_NOTE) {
    char *ml = money_label(x, lab);
    g_strlcpy(label_buf, ml, sizeof(labelbuf));
    g_free(ml);
    l.label = label_buf;
    *value = dx_text_raw(g_utf8_offset_to_pointer(raw, g_utf8_pointer_to_offset(f, num)));
  } else {
    l = none;
  }
  g_free(lab);
  g_free(k);
  return l;
}

/* Splits "LABEL：value", "LABEL value" or "LABEL12万" when LABEL is a
 * known label. Returns the label and sets *value (g_free) or returns {0}. */
static label split_inline(ctx *x, const char *raw, char **value, labelbuf label_buf) {
  label none = {0};
  *value = NULL;
  char *f = dx_text_fold(raw);
  /* a colon: the words before it are the label */
  char *colon = strchr(f, ':');
  if (colon) {
    char *lab = g_strndup(f, (gsize)(colon - f));
    char *k = dx_label_key(lab);
    label l = classify(x, k);
    /* "其中:财政拨款:457.5": the 其中 part introduces the next label */
    if (l.cat == DX_CAT_NONE && dx_rules_match(x->rs, DX_CAT_PART_PREFIX, k)) {
      g_free(lab);
      g_free(k);
      label inner = split_inline(x, colon + 1, value, label_buf);
      g_free(f);
      return inner;
    }
    if (l.cat != DX_CAT_NONE) {
      char *ml = label_text(x, l, lab);
      g_strlcpy(label_buf, ml, sizeof(labelbuf));
      g_free(ml);
      l.label = label_buf;
    }
    g_free(lab);
    g_free(k);
    if (l.cat != DX_CAT_NONE) {
      *value = g_strstrip(g_strdup(colon + 1));
      char *raw_value = g_utf8_offset_to_pointer(raw, g_utf8_pointer_to_offset(f, colon + 1));
      g_free(*value);
      *value = dx_text_raw(raw_value);
      g_free(f);
      return l;
    }
  }
  /* a space: the longest prefix that is a label */
  label best = none;
  size_t best_at = 0;
  for (char *p = f; *p; p++) {
    if (*p != ' ') continue;
    char *lab = g_strndup(f, (gsize)(p - f));
    char *k = dx_label_key(lab);
    label l = classify(x, k);
    if (l.cat != DX_CAT_NONE) {
      best = l;
      best_at = (size_t)(p - f);
      char *ml = label_text(x, l, lab);
      g_strlcpy(label_buf, ml, sizeof(labelbuf));
      g_free(ml);
      best.label = label_buf;
    }
    g_free(lab);
    g_free(k);
  }
  if (best.cat != DX_CAT_NONE) {
    char *rest =
        dx_text_raw(g_utf8_offset_to_pointer(raw, g_utf8_pointer_to_offset(f, f + best_at)));
    if (*rest) {
      *value = rest;
      g_free(f);
      return best;
    }
    g_free(rest);
  }
  label glued = split_at_amount(x, raw, f, value, label_buf);
  g_free(f);
  return glued;
}

/* Assigns `value` (cell text) to what label l names; a fund source is a
 * part in money column `part_col`. */
static void assign(ctx *x, label l, const char *value, const where *w, int part_col) {
  decl *d = cur_decl(x);
  note_table(x, w);
  if (l.cat == DX_CAT_FIELD) {
    json_t *f = make_field(x, field_index(l.key), value, w);
    if (l.fuzzy) {
      field_flag(f, "label_fuzzy");
      field_conf(f, CONF_FUZZY);
    }
    set_field(x, field_index(l.key), f);
  } else if (l.cat == DX_CAT_FUND_TOTAL) {
    json_t *f = amount_field(x, value, w);
    if (l.fuzzy) {
      field_flag(f, "label_fuzzy");
      field_conf(f, CONF_FUZZY);
    }
    set_total(x, money_col(l.key), f);
  } else if (l.cat == DX_CAT_FUND_SOURCE) {
    /* 合计 inside a 三公经费 block is the 三公经费 total, not the form's */
    bool total = strcmp(l.key, "total") == 0 && !x->three_public;
    json_t *f = amount_field(x, value, w);
    if (l.fuzzy) {
      field_flag(f, "label_fuzzy");
      field_conf(f, CONF_FUZZY);
    }
    add_money(x, total || !x->three_public ? l.key : "three_public", l.label ? l.label : "",
              part_col, f, total);
  } else if (l.cat == DX_CAT_UNIT_NOTE) {
    char *k = dx_label_key(value);
    if (dx_rules_match(x->rs, DX_CAT_WAN_UNIT, k))
      d->money_known = true;
    else if (dx_rules_match(x->rs, DX_CAT_YUAN_UNIT, k))
      d->money_yuan = true;
    g_free(k);
  }
}

/* ---- sections ---------------------------------------------------------- */

static const lcell *cell_at(const lrow *r, int col) {
  for (int i = 0; i < r->n; i++)
    if (col >= r->cells[i].col && col < r->cells[i].col + r->cells[i].span) return &r->cells[i];
  return NULL;
}

/* Text of the cell starting in this row at `col`; "" for merged-down
 * continuations and gaps. */
static const char *text_here(const lrow *r, int col) {
  const lcell *c = col >= 0 ? cell_at(r, col) : NULL;
  return c && c->here ? c->raw : "";
}

static int find_role(ctx *x, const lrow *r, dx_cat cat, const char *role, int after) {
  for (int i = 0; i < r->n; i++) {
    if (r->cells[i].col <= after || !r->cells[i].here) continue;
    const char *k = cell_rule(x, &r->cells[i], cat);
    if (k && strcmp(k, role) == 0) return r->cells[i].col;
  }
  return -1;
}

/* On a scan, the level headings whose numeral OCR lost (role
 * level_unnumbered) take the levels the row lacks, in column order: a
 * level-1 heading left of the level-2 and level-3 ones, and so on. */
static void unnumbered_levels(ctx *x, const lrow *r, int lv[3]) {
  for (int i = 0; i < r->n && x->scanned; i++) {
    const lcell *c = &r->cells[i];
    const char *k = c->here ? cell_rule(x, c, DX_CAT_IND_HEADER) : NULL;
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
  int again = find_role(x, r, DX_CAT_IND_HEADER, "level2", lv[1]);
  int val = again >= 0 ? find_role(x, r, DX_CAT_IND_HEADER, "value", again) : -1;
  if (val >= 0 && find_role(x, r, DX_CAT_IND_HEADER, "level2", again) < 0) lv[2] = again;
}

static bool try_ind_header(ctx *x, const lrow *r) {
  int lv[3] = {find_role(x, r, DX_CAT_IND_HEADER, "level1", -1),
               find_role(x, r, DX_CAT_IND_HEADER, "level2", -1),
               find_role(x, r, DX_CAT_IND_HEADER, "level3", -1)};
  unnumbered_levels(x, r, lv);
  misread_level3(x, r, lv);
  int l1 = lv[0], l2 = lv[1], l3 = lv[2];
  int val = find_role(x, r, DX_CAT_IND_HEADER, "value", -1);
  if (!((l1 >= 0 || l2 >= 0) && (l3 >= 0 || val >= 0))) return false;
  indmap *m = &x->ind;
  g_free(m->last_l1);
  for (int g = 0; g < MAXG; g++) g_free(m->last_l2[g]);
  memset(m, 0, sizeof *m);
  m->l1 = l1;
  int start = l2 >= 0 ? l2 : (l1 >= 0 ? l1 : -1);
  for (int g = 0; g < MAXG && start >= 0; g++) {
    int next = g == 0 ? find_role(x, r, DX_CAT_IND_HEADER, "level2", MAX(start, l3)) : -1;
    m->g[g].l2 = g == 0 ? l2 : start;
    int lim = next >= 0 ? next : 1 << 20;
    int a3 = g == 0 && l3 > start ? l3 : find_role(x, r, DX_CAT_IND_HEADER, "level3", start);
    int av = find_role(x, r, DX_CAT_IND_HEADER, "value", start);
    int as = find_role(x, r, DX_CAT_IND_HEADER, "standard", start);
    int asg = find_role(x, r, DX_CAT_IND_HEADER, "sign", start);
    int au = find_role(x, r, DX_CAT_IND_HEADER, "unit", start);
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
  int v2 = m->ng == 1 && m->g[0].val >= 0 ? find_role(x, r, DX_CAT_IND_HEADER, "value", m->g[0].val)
                                          : -1;
  if (v2 >= 0) {
    m->g[1] = m->g[0];
    m->g[1].val = v2;
    m->ng = 2;
    bool med0 = cell_rule(x, cell_at(r, m->g[0].val), DX_CAT_MEDIUM_HEADING) != NULL;
    bool med1 = cell_rule(x, cell_at(r, v2), DX_CAT_MEDIUM_HEADING) != NULL;
    bool first_medium = med0 == med1 ? true : med0;
    m->g[0].horizon = first_medium ? "medium_term" : "annual";
    m->g[1].horizon = first_medium ? "annual" : "medium_term";
  }
  x->mode = M_IND;
  return true;
}

/* Columns of a list heading that say their amounts are in 元. */
static uint64_t yuan_columns(ctx *x, const lrow *r) {
  uint64_t m = 0;
  for (int i = 0; i < r->n; i++) {
    const lcell *c = &r->cells[i];
    if (!c->here || !cell_rule(x, c, DX_CAT_YUAN_MARKER)) continue;
    for (int k = c->col; k < c->col + c->span && k < 64; k++) m |= (uint64_t)1 << k;
  }
  return m;
}

static bool try_section_header_cols(ctx *x, const lrow *r);

/* A list heading row; notes whether a heading cell runs down column 0
 * beside the list (年度重点工作计划 | 事项 | …): the list ends where that
 * column has a new cell. */
static bool try_section_header(ctx *x, const lrow *r) {
  if (!try_section_header_cols(x, r)) return false;
  const lcell *c0 = r->n > 0 ? &r->cells[0] : NULL;
  bool role_in_col0 = false;
  for (int i = 0; i < NROLES; i++)
    if (x->cols[i] == 0) role_in_col0 = true;
  x->list_headed = c0 && c0->col == 0 && !role_in_col0 && (!c0->here || c0->c->rowspan > 1);
  return true;
}

/* A money list in two halves side by side, each a name column with its
 * amount columns after it (收入: 项目 | 金额 beside 支出: 项目 | 金额; 资金来源 |
 * 中长期资金总额 beside 资金来源 | 年度资金总额): c keeps the first half's
 * columns, c2 gets the second's. False (c unchanged) for one list. */
static bool money_halves(ctx *x, const lrow *r, int c[NROLES], int c2[NROLES]) {
  int name2 = find_role(x, r, DX_CAT_ITEMS_HEADER, "name", c[R_NAME]);
  if (name2 < 0) return false;
  int first[NROLES], second[NROLES];
  bool in_first = false, in_second = false;
  for (int i = 0; i < NROLES; i++) first[i] = second[i] = -1;
  for (int role = R_PRIOR; role <= R_MEDIUM; role++) {
    const char *key = MONEY_KEYS[role - R_PRIOR];
    int a = find_role(x, r, DX_CAT_FUND_COLUMN, key, c[R_NAME]);
    first[role] = a < name2 ? a : -1;
    second[role] = find_role(x, r, DX_CAT_FUND_COLUMN, key, name2);
    in_first |= first[role] >= 0;
    in_second |= second[role] >= 0;
  }
  if (!in_first || !in_second) return false;
  for (int role = R_PRIOR; role <= R_MEDIUM; role++) c[role] = first[role];
  second[R_NAME] = name2;
  memcpy(c2, second, sizeof second);
  return true;
}

static bool try_section_header_cols(ctx *x, const lrow *r) {
  int c[NROLES];
  for (int i = 0; i < NROLES; i++) c[i] = -1;
  c[R_START] = find_role(x, r, DX_CAT_SCHEDULE_HEADER, "start", -1);
  c[R_END] = find_role(x, r, DX_CAT_SCHEDULE_HEADER, "end", -1);
  if (c[R_START] >= 0 && c[R_END] >= 0) {
    c[R_CONTENT] = find_role(x, r, DX_CAT_SCHEDULE_HEADER, "content", -1);
    memcpy(x->cols, c, sizeof c);
    x->mode = M_SCHED;
    return true;
  }
  c[R_ITEM] = find_role(x, r, DX_CAT_PLANS_HEADER, "item", -1);
  c[R_GOAL] = find_role(x, r, DX_CAT_PLANS_HEADER, "goal", -1);
  if (c[R_ITEM] >= 0 && c[R_GOAL] >= 0) {
    c[R_OWNER] = find_role(x, r, DX_CAT_PLANS_HEADER, "owner", -1);
    memcpy(x->cols, c, sizeof c);
    x->mode = M_PLANS;
    cur_decl(x)->dept_hint = true;
    return true;
  }
  c[R_SEQ] = find_role(x, r, DX_CAT_SUMMARY_HEADER, "seq", -1);
  c[R_NAME] = find_role(x, r, DX_CAT_SUMMARY_HEADER, "name", -1);
  c[R_AMOUNT] = find_role(x, r, DX_CAT_SUMMARY_HEADER, "amount", -1);
  if (c[R_SEQ] >= 0 && c[R_NAME] >= 0 && c[R_AMOUNT] >= 0) {
    c[R_LT] = find_role(x, r, DX_CAT_SUMMARY_HEADER, "long_term_goal", -1);
    c[R_AN] = find_role(x, r, DX_CAT_SUMMARY_HEADER, "annual_goal", -1);
    memcpy(x->cols, c, sizeof c);
    x->mode = M_SUMMARY;
    x->yuan_cols = yuan_columns(x, r);
    return true;
  }
  for (int i = 0; i < NROLES; i++) c[i] = -1;
  c[R_NAME] = find_role(x, r, DX_CAT_ITEMS_HEADER, "name", -1);
  c[R_BASIS] = find_role(x, r, DX_CAT_ITEMS_HEADER, "basis", -1);
  c[R_DETAIL] = find_role(x, r, DX_CAT_ITEMS_HEADER, "detail", -1);
  c[R_PRIOR] = find_role(x, r, DX_CAT_FUND_COLUMN, "prior_year", -1);
  c[R_CURRENT] = find_role(x, r, DX_CAT_FUND_COLUMN, "current_year", -1);
  c[R_MEDIUM] = find_role(x, r, DX_CAT_FUND_COLUMN, "medium_term", -1);
  bool money = c[R_PRIOR] >= 0 || c[R_CURRENT] >= 0 || c[R_MEDIUM] >= 0;
  if (c[R_NAME] < 0 && c[R_DETAIL] >= 0) c[R_NAME] = c[R_DETAIL];
  if (money && c[R_NAME] >= 0) {
    bool items = c[R_BASIS] >= 0 || c[R_DETAIL] >= 0;
    x->halves = !items && money_halves(x, r, c, x->cols2);
    memcpy(x->cols, c, sizeof c);
    x->yuan_cols = yuan_columns(x, r);
    x->mode = items ? M_ITEMS : M_MONEY;
    x->group++;
    return true;
  }
  return false;
}

/* A row of labels only (after an optional heading cell): values below. */
static bool try_vertical_header(ctx *x, const lrow *r) {
  vhead vh[MAXV];
  int n = 0, others = 0;
  for (int i = 0; i < r->n; i++) {
    const lcell *c = &r->cells[i];
    if (!c->here || !*c->raw) continue;
    label l = cell_label(x, c);
    const char *colk = cell_rule(x, c, DX_CAT_FUND_COLUMN);
    /* "其他资金：" asks for a value after its colon: a value row, not a header */
    char *folded = dx_text_fold(c->raw);
    bool asks = g_str_has_suffix(g_strchomp(folded), ":");
    g_free(folded);
    if (asks) {
      others += 2;
    } else if (l.cat != DX_CAT_NONE && l.cat != DX_CAT_UNIT_NOTE && n < MAXV) {
      /* a label repeated along the row ("其他资金 | 其他资金") pairs
       * labels with values; a vertical header names each column once */
      char *lab = money_label(x, c->raw);
      for (int k = 0; k < n; k++)
        if (strcmp(vh[k].label, lab) == 0) others += 2;
      vh[n++] = (vhead){c->col, c->span, l.cat, l.key, lab};
    } else if (colk && n < MAXV) {
      vh[n++] = (vhead){c->col, c->span, DX_CAT_FUND_COLUMN, colk, money_label(x, c->raw)};
    } else {
      others++;
    }
  }
  bool first_is_heading = others <= 1;
  if (n >= 2 && first_is_heading &&
      others == (r->n > 0 && cell_label(x, &r->cells[0]).cat == DX_CAT_NONE ? others : 0)) {
    for (int i = 0; i < x->nvh; i++) g_free(x->vh[i].label);
    memcpy(x->vh, vh, sizeof vh[0] * (size_t)n);
    x->nvh = n;
    x->mode = M_VERT;
    x->vert_rows = 0;
    x->group++;
    return true;
  }
  for (int i = 0; i < n; i++) g_free(vh[i].label);
  return false;
}

static void vert_row(ctx *x, const lrow *r) {
  bool any_inline = false;
  for (int i = 0; i < x->nvh; i++) {
    vhead *h = &x->vh[i];
    const lcell *c = NULL;
    for (int k = 0; k < r->n; k++)
      if (r->cells[k].here && r->cells[k].col >= h->col && r->cells[k].col < h->col + h->span) {
        c = &r->cells[k];
        break;
      }
    where w = where_cell(r, c);
    const char *raw = c ? c->raw : "";
    char *v = NULL;
    labelbuf lb;
    label il = *raw ? split_inline(x, raw, &v, lb) : (label){0};
    if (il.cat == DX_CAT_FUND_SOURCE) {
      /* "其中：财政拨款：457.5" under 中长期资金总额: a part of that column */
      int col = h->cat == DX_CAT_FUND_TOTAL || h->cat == DX_CAT_FUND_COLUMN ? money_col(h->key)
                                                                            : COL_CURRENT;
      note_table(x, &w);
      if (x->vert_rows == 0 && h->cat == DX_CAT_FUND_TOTAL)
        set_total(x, col, amount_field(x, "", &w)); /* named, not stated */
      add_money(x, il.key, il.label, col, amount_field(x, v, &w), strcmp(il.key, "total") == 0);
      any_inline = true;
      g_free(v);
      continue;
    }
    g_free(v);
    if (x->vert_rows > 0) continue; /* only inline parts continue a block */
    note_table(x, &w);
    if (h->cat == DX_CAT_FIELD) {
      set_field(x, field_index(h->key), make_field(x, field_index(h->key), raw, &w));
    } else if (h->cat == DX_CAT_FUND_TOTAL || h->cat == DX_CAT_FUND_COLUMN) {
      set_total(x, money_col(h->key), amount_field(x, raw, &w));
    } else if (h->cat == DX_CAT_FUND_SOURCE) {
      const char *src = h->key;
      bool total = strcmp(src, "total") == 0;
      if (x->three_public) {
        src = "three_public";
      }
      json_t *f = amount_field(x, raw, &w);
      if (total && !x->three_public && !cur_decl(x)->totals[COL_CURRENT])
        set_total(x, COL_CURRENT, json_incref(f));
      add_money(x, src, h->label, COL_CURRENT, f, total);
    }
  }
  x->vert_rows++;
  if (x->vert_rows > 1 && !any_inline) x->mode = M_NONE;
  if (x->vert_rows == 1 && !any_inline) {
    x->mode = M_NONE;
    x->three_public = false;
  }
}

/* A name that is only a number ("2", "3、") carries no item. */
static bool only_numbering(ctx *x, const char *raw, char **name_out) {
  char *s = dx_rules_strip(x->rs, DX_CAT_NUMBERING, raw, false);
  char *k = dx_label_key(s);
  bool digits = true;
  for (const char *p = k; *p; p++)
    if (!g_ascii_isdigit(*p)) digits = false;
  bool only = !*k || digits;
  *name_out = only ? NULL : g_strstrip(s);
  if (only) g_free(s);
  g_free(k);
  return only;
}

static void entry_finish(json_t *e, double conf, const where *w) {
  json_object_set_new(e, "confidence", json_real(round(conf * (1 - w->doubt) * 1000) / 1000));
  json_object_set_new(e, "flags", json_array());
  json_object_set_new(e, "at", at_json(w));
  where_flags(json_object_get(e, "flags"), w);
}

static const lcell *first_here(const lrow *r) {
  for (int i = 0; i < r->n; i++)
    if (r->cells[i].here && *r->cells[i].raw) return &r->cells[i];
  return NULL;
}

/* One half of a money list's row (the whole row when it has one). The
 * 合计 of a list in two halves (收入合计, 支出合计) totals its half: a
 * breakdown entry, not the form's total. */
static void money_half(ctx *x, const lrow *r, const int *cols) {
  const char *name = text_here(r, cols[R_NAME]);
  if (!*name) return;
  const lcell *nc = cell_at(r, cols[R_NAME]);
  char *k = dx_label_key(name);
  const char *src = dx_rules_match(x->rs, DX_CAT_FUND_SOURCE, k);
  g_free(k);
  if (!src) src = "unknown";
  bool total = strcmp(src, "total") == 0;
  char *lab = money_label(x, name);
  for (int role = R_PRIOR; role <= R_MEDIUM; role++) {
    if (cols[role] < 0) continue;
    const lcell *vc = cell_at(r, cols[role]);
    where w = where_cell(r, vc ? vc : nc);
    note_table(x, &w);
    json_t *f = amount_field(x, text_here(r, cols[role]), &w);
    int col = role - R_PRIOR;
    if (total && !x->halves) set_total(x, col, json_incref(f));
    add_money(x, src, lab, col, f, total);
  }
  g_free(lab);
}

static void money_row(ctx *x, const lrow *r) {
  money_half(x, r, x->cols);
  if (x->halves) money_half(x, r, x->cols2);
}

static void items_row(ctx *x, const lrow *r) {
  decl *d = cur_decl(x);
  const char *name = text_here(r, x->cols[R_NAME]);
  const lcell *nc = cell_at(r, x->cols[R_NAME]);
  int amount_roles[NCOLS_MONEY] = {x->cols[R_PRIOR], x->cols[R_CURRENT], x->cols[R_MEDIUM]};
  bool any_amount = false;
  for (int i = 0; i < NCOLS_MONEY; i++)
    if (amount_roles[i] >= 0 && *text_here(r, amount_roles[i])) any_amount = true;
  char *k = dx_label_key(name);
  const char *src = dx_rules_match(x->rs, DX_CAT_FUND_SOURCE, k);
  g_free(k);
  if (src && strcmp(src, "total") == 0) {
    for (int i = 0; i < NCOLS_MONEY; i++)
      if (amount_roles[i] >= 0)
        d->items_has_total[i] = total_amount(x, amount_roles[i], text_here(r, amount_roles[i]),
                                             &d->items_total[i], &d->items_total_unitless[i]);
    return;
  }
  char *clean = NULL;
  bool numbered_only = only_numbering(x, name, &clean);
  if (numbered_only && !any_amount) return; /* placeholder row "2", "3" */
  const char *basis = text_here(r, x->cols[R_BASIS]);
  if (!*name && !any_amount && !*basis) {
    g_free(clean);
    return;
  }
  where w = where_cell(r, nc ? nc : first_here(r));
  note_table(x, &w);
  json_t *e = json_object();
  json_object_set_new(e, "name", jstr_or_null(clean));
  for (int i = 0; i < NCOLS_MONEY; i++) {
    if (amount_roles[i] < 0) continue;
    const lcell *vc = cell_at(r, amount_roles[i]);
    where vw = where_cell(r, vc);
    json_object_set_new(e, MONEY_KEYS[i], amount_field(x, text_here(r, amount_roles[i]), &vw));
  }
  json_object_set_new(e, "basis", jstr_or_null(basis));
  entry_finish(e, numbered_only ? CONF_EXACT * 0.95 : CONF_EXACT, &w);
  json_array_append_new(d->items, e);
  d->content++;
  g_free(clean);
}

static void schedule_row(ctx *x, const lrow *r) {
  decl *d = cur_decl(x);
  const char *content = text_here(r, x->cols[R_CONTENT]);
  const char *s = text_here(r, x->cols[R_START]);
  const char *e = text_here(r, x->cols[R_END]);
  if (!*content && !*s && !*e) return;
  char a[11], b[11], c[11], dd[11];
  int ns = dx_period_parse(a, b, s, false);
  int ne = dx_period_parse(c, dd, e, false);
  const lcell *fc = x->cols[R_CONTENT] >= 0 ? cell_at(r, x->cols[R_CONTENT]) : NULL;
  if (!fc || !*fc->raw) fc = first_here(r);
  where w = where_cell(r, fc);
  note_table(x, &w);
  json_t *o = json_object();
  json_object_set_new(o, "content", jstr_or_null(content));
  json_object_set_new(o, "start", ns ? jstr_or_null(a) : json_null());
  json_object_set_new(o, "end", ne ? jstr_or_null(ne > 1 ? dd : c) : json_null());
  double conf = CONF_EXACT;
  entry_finish(o, conf, &w);
  if ((*s && !ns) || (*e && !ne)) {
    flag_add(json_object_get(o, "flags"), "value_unparsed");
    json_object_set_new(o, "confidence", json_real(CONF_UNPARSED));
  }
  json_array_append_new(d->schedule, o);
  d->content++;
}

static void plans_row(ctx *x, const lrow *r) {
  decl *d = cur_decl(x);
  const char *item = text_here(r, x->cols[R_ITEM]);
  const char *owner = text_here(r, x->cols[R_OWNER]);
  const char *goal = text_here(r, x->cols[R_GOAL]);
  if (!*item && !*owner && !*goal) return;
  char *k = dx_label_key(item);
  const char *src = dx_rules_match(x->rs, DX_CAT_FUND_SOURCE, k);
  g_free(k);
  if (src && strcmp(src, "total") == 0) return; /* 金额合计: the tasks' money, not a task */
  where w = where_cell(r, cell_at(r, x->cols[R_ITEM]));
  note_table(x, &w);
  json_t *o = json_object();
  json_object_set_new(o, "item", jstr_or_null(item));
  json_object_set_new(o, "owner", jstr_or_null(owner));
  json_object_set_new(o, "goal", jstr_or_null(goal));
  entry_finish(o, CONF_EXACT, &w);
  json_array_append_new(d->plans, o);
  d->content++;
}

static void summary_row(ctx *x, const lrow *r) {
  decl *d = cur_decl(x);
  const char *seq = text_here(r, x->cols[R_SEQ]);
  const char *name = text_here(r, x->cols[R_NAME]);
  const char *amount = text_here(r, x->cols[R_AMOUNT]);
  const char *lt = text_here(r, x->cols[R_LT]);
  const char *an = text_here(r, x->cols[R_AN]);
  if (!*seq && !*name && !*amount && !*lt && !*an) return;
  char *k = dx_label_key(name);
  const char *src = dx_rules_match(x->rs, DX_CAT_FUND_SOURCE, k);
  g_free(k);
  if (src && strcmp(src, "total") == 0) {
    d->summary_has_total =
        total_amount(x, x->cols[R_AMOUNT], amount, &d->summary_total, &d->summary_total_unitless);
    return;
  }
  if (!*name && !*amount) return; /* a numbered placeholder */
  const lcell *fc = cell_at(r, x->cols[R_SEQ]);
  where w = where_cell(r, fc && *fc->raw ? fc : first_here(r));
  note_table(x, &w);
  const lcell *ac = cell_at(r, x->cols[R_AMOUNT]);
  where aw = where_cell(r, ac);
  json_t *o = json_object();
  json_object_set_new(o, "seq", jstr_or_null(seq));
  json_object_set_new(o, "name", jstr_or_null(name));
  json_object_set_new(o, "amount", amount_field(x, amount, &aw));
  json_object_set_new(o, "long_term_goal", jstr_or_null(lt));
  json_object_set_new(o, "annual_goal", jstr_or_null(an));
  entry_finish(o, CONF_EXACT, &w);
  json_array_append_new(d->summary, o);
  d->content++;
}

/* ---- indicators -------------------------------------------------------- */

/* An indicator value. `sign` and `unit` are the texts of the sign and
 * unit columns of templates that have them ("" otherwise): read with the
 * value as one quantity ("≥" "500" "人次" is ≥500人次) when they make one. */
static json_t *value_json(ctx *x, const char *raw, const char *sign, const char *unit,
                          double *conf) {
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
  json_t *o = json_object();
  json_object_set_new(o, "raw", json_string(raw));
  json_object_set_new(o, "kind", json_string(dx_value_kind_name(v.kind)));
  bool num = v.kind == DX_VK_NUMERIC || v.kind == DX_VK_RANGE;
  json_object_set_new(o, "op", v.kind == DX_VK_NUMERIC && v.op ? json_string(v.op) : json_null());
  json_object_set_new(o, "number", num && v.has_number ? jnum(v.number) : json_null());
  json_object_set_new(o, "upper", v.kind == DX_VK_RANGE ? jnum(v.upper) : json_null());
  json_object_set_new(o, "unit", num && v.unit[0] ? json_string(v.unit) : json_null());
  if (v.prose) *conf *= CONF_PROSE;
  if (v.unit_guessed) *conf *= CONF_UNIT_GUESSED;
  if (v.kind == DX_VK_COMPOUND) *conf *= CONF_COMPOUND;
  return o;
}

/* A scanned indicator value whose ≥ OCR read as 2 ("280%" for a rate,
 * which cannot pass 100 %): the value with its ≥ back, or NULL. Rates
 * are the level-3 names labels.rules' rate_label matches. */
static char *rate_sign_repaired(ctx *x, const char *level3, const char *val) {
  char *k = dx_label_key(level3);
  bool rate = *k && dx_rules_match(x->rs, DX_CAT_RATE_LABEL, k);
  g_free(k);
  if (!rate || val[0] != '2' || !g_ascii_isdigit(val[1])) return NULL;
  char *end = NULL;
  double pct = g_ascii_strtod(val + 1, &end);
  if (!end || strcmp(end, "%") != 0 || pct > 100 || g_ascii_strtod(val, NULL) <= 100) return NULL;
  return g_strconcat("≥", val + 1, NULL);
}

/* Level text from the cell at col, carried down from above when the
 * cell is a merged continuation or blank. */
static char *level_text(const lrow *r, int col, char **last) {
  const lcell *c = col >= 0 ? cell_at(r, col) : NULL;
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
  if (cell_at(r, m->g[0].l3) != only || cell_at(r, m->g[0].val) != only) return false;
  if (cell_rule(x, only, DX_CAT_LEVEL1)) {
    g_free(m->last_l1);
    m->last_l1 = g_strdup(only->raw);
    for (int g = 0; g < MAXG; g++) {
      g_free(m->last_l2[g]);
      m->last_l2[g] = NULL;
    }
    return true;
  }
  if (cell_rule(x, only, DX_CAT_LEVEL2)) {
    for (int g = 0; g < m->ng; g++) {
      g_free(m->last_l2[g]);
      m->last_l2[g] = g_strdup(only->raw);
    }
    return true;
  }
  return false;
}

static void ind_row(ctx *x, const lrow *r) {
  decl *d = cur_decl(x);
  indmap *m = &x->ind;
  if (ind_heading_row(x, r)) return;
  char *l1raw = level_text(r, m->l1, &m->last_l1);
  for (int g = 0; g < m->ng; g++) {
    char *l2raw = level_text(r, m->g[g].l2, &m->last_l2[g]);
    char *l3clean = dx_rules_strip(x->rs, DX_CAT_NUMBERING, text_here(r, m->g[g].l3), false);
    if (x->scanned) { /* a number OCR has no character for (①) */
      char *t = dx_rules_strip(x->rs, DX_CAT_OCR_NUMBERING, l3clean, false);
      g_free(l3clean);
      l3clean = t;
    }
    const char *l3c = g_strstrip(l3clean);
    const char *val = text_here(r, m->g[g].val);
    const char *std = text_here(r, m->g[g].std);
    bool l3_blank = !*l3c;
    if (!l3_blank) { /* "……" and "....." rows: nothing but punctuation */
      l3_blank = true;
      for (const char *p = l3c; *p; p = g_utf8_next_char(p))
        if (!g_unichar_ispunct(g_utf8_get_char(p))) l3_blank = false;
    }
    if (l3_blank && !*val) { /* a blank "指标2:" line */
      g_free(l3clean);
      g_free(l2raw);
      continue;
    }
    double conf = CONF_EXACT;
    json_t *flags = json_array();
    char *k1 = l1raw ? dx_label_key(l1raw) : NULL;
    char *k2 = l2raw ? dx_label_key(l2raw) : NULL;
    const char *lv1 =
        k1 ? rule_or_near(x, DX_CAT_LEVEL1, k1, dx_rules_match(x->rs, DX_CAT_LEVEL1, k1)) : NULL;
    const char *lv2 =
        k2 ? rule_or_near(x, DX_CAT_LEVEL2, k2, dx_rules_match(x->rs, DX_CAT_LEVEL2, k2)) : NULL;
    /* a level-2 name written in the level-1 column, level-2 cell blank:
     * the form's level 1 is wrong and its level 2 is that name */
    const lcell *c2 = cell_at(r, m->g[g].l2);
    bool l2_blank = !c2 || (c2->here && !*c2->raw);
    const char *l1_as_l2 = !lv1 && k1 ? dx_rules_match(x->rs, DX_CAT_LEVEL2, k1) : NULL;
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
      flag_add(flags, "level1_inferred");
      conf *= CONF_INFERRED;
    }
    if (!lv2) conf *= CONF_NO_LEVEL2;
    json_t *o = json_object();
    json_object_set_new(o, "horizon", json_string(m->g[g].horizon));
    json_object_set_new(o, "level1", lv1 ? json_string(lv1) : json_null());
    json_object_set_new(o, "level2", lv2 ? json_string(lv2) : json_null());
    json_object_set_new(o, "level3", jstr_or_null(l3c));
    char *fixed = x->scanned ? rate_sign_repaired(x, l3c, val) : NULL;
    if (fixed) conf *= CONF_REPAIRED;
    json_object_set_new(o, "value",
                        value_json(x, fixed ? fixed : val, text_here(r, m->g[g].sign),
                                   text_here(r, m->g[g].unit), &conf));
    g_free(fixed);
    json_object_set_new(o, "standard", m->g[g].std >= 0 ? jstr_or_null(std) : json_null());
    /* a scan's sign column that OCR read nothing in (a lone ≥ it did
     * not find) or doubted: the op is as doubtful */
    const lcell *sc = m->g[g].sign >= 0 ? cell_at(r, m->g[g].sign) : NULL;
    if (sc && sc->c->origin == DX_ORIGIN_OCR && *val)
      conf = *sc->raw ? MIN(conf, sc->c->confidence) : conf * CONF_SIGN_UNREAD;
    const lcell *vc = *val ? cell_at(r, m->g[g].val) : cell_at(r, m->g[g].l3);
    if (vc && vc->c->rowspan > 1) {
      flag_add(flags, "merged_cell");
      conf *= CONF_MERGED;
    }
    where w = where_cell(r, vc);
    where_flags(flags, &w);
    conf *= 1 - w.doubt;
    note_table(x, &w);
    json_object_set_new(o, "confidence", json_real(round(conf * 1000) / 1000));
    json_object_set_new(o, "flags", flags);
    json_object_set_new(o, "at", at_json(&w));
    json_array_append_new(d->indicators, o);
    d->content++;
    g_free(l3clean);
    g_free(k1);
    g_free(k2);
    g_free(l2raw);
  }
  g_free(l1raw);
}

/* ---- horizontal rows and paragraphs ------------------------------------ */

static bool is_label_cell(ctx *x, const lcell *c) {
  if (!c || !*c->raw) return false;
  if (cell_label(x, c).cat != DX_CAT_NONE) return true;
  char *v = NULL;
  labelbuf lb;
  label l = split_inline(x, c->raw, &v, lb);
  g_free(v);
  return l.cat != DX_CAT_NONE;
}

/* Several "LABEL：value" pairs in one text (footers, "中央：\n省级："). */
/* raw with a space put between a value and the field label OCR glued to
 * it ("电话：0730-6225678填报日期：…"): before a colon, a field's label
 * that follows a digit, a letter or a mark. */
static char *unglue_labels(ctx *x, const char *raw) {
  GString *out = g_string_new(NULL);
  const char *seg = raw; /* the text since the last space or colon */
  for (const char *p = raw; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == ' ') {
      seg = g_utf8_next_char(p);
    } else if (c == ':' || c == 0xFF1A) {
      for (const char *q = g_utf8_next_char(seg); q < p; q = g_utf8_next_char(q)) {
        gunichar before = g_utf8_get_char(g_utf8_prev_char(q));
        if (g_unichar_get_script(before) == G_UNICODE_SCRIPT_HAN) continue;
        char *lab = g_strndup(q, (gsize)(p - q)), *k = dx_label_key(lab);
        label l = classify(x, k);
        g_free(k);
        g_free(lab);
        if (l.cat == DX_CAT_FIELD) {
          /* out holds raw up to p: the label is its end */
          size_t at = out->len - (size_t)(p - q);
          g_string_insert_c(out, (gssize)at, ' ');
          break;
        }
      }
      seg = g_utf8_next_char(p);
    }
    g_string_append_unichar(out, c);
  }
  return g_string_free(out, FALSE);
}

static int pairs_in_text(ctx *x, const char *raw_in, const where *w, bool dry) {
  char *raw = unglue_labels(x, raw_in);
  char **tok = g_strsplit(raw, " ", -1); /* raw is collapsed: single spaces */
  g_free(raw);
  int npairs = 0;
  label cur = {0};
  char curlab[256] = "", curlab_next[256] = "";
  GString *val = g_string_new(NULL);
  for (int i = 0;; i++) {
    const char *t = tok[i];
    label nl = {0};
    char *rest = NULL;
    if (t && *t) {
      const char *colon = strchr(t, ':');
      const char *wide = strstr(t, "：");
      size_t clen = 1;
      if (wide && (!colon || wide < colon)) {
        colon = wide;
        clen = strlen("：");
      }
      if (colon) {
        char *lab = g_strndup(t, (gsize)(colon - t));
        char *k = dx_label_key(lab);
        nl = classify(x, k);
        if (nl.cat != DX_CAT_NONE) rest = g_strdup(colon + clen);
        g_free(k);
        k = money_label(x, lab);
        g_strlcpy(curlab_next, k, sizeof curlab_next);
        nl.label = curlab_next;
        g_free(lab);
        g_free(k);
      } else {
        char *k = dx_label_key(t);
        nl = classify(x, k);
        /* a bare word is a label only where it cannot be a value */
        if (nl.cat != DX_CAT_NONE && nl.cat != DX_CAT_FIELD) nl.cat = DX_CAT_NONE;
        if (nl.cat != DX_CAT_NONE) rest = g_strdup("");
        g_free(k);
        k = money_label(x, t);
        g_strlcpy(curlab_next, k, sizeof curlab_next);
        nl.label = curlab_next;
        g_free(k);
      }
    }
    if (!t || nl.cat != DX_CAT_NONE) {
      if (cur.cat != DX_CAT_NONE) {
        npairs++;
        if (!dry) {
          char *v = dx_text_collapse(val->str);
          assign(x, cur, v, w, COL_CURRENT);
          g_free(v);
        }
      }
      if (!t) break;
      cur = nl;
      g_strlcpy(curlab, curlab_next, sizeof curlab);
      cur.label = curlab;
      g_string_assign(val, rest);
    } else if (t && *t && cur.cat != DX_CAT_NONE) {
      if (val->len) g_string_append_c(val, ' ');
      g_string_append(val, t);
    }
    g_free(rest);
  }
  g_string_free(val, TRUE);
  g_strfreev(tok);
  return npairs;
}

/* Longest half of a label split over two cells (项目 | 名称, 主管 | 部门). */
#define SPLIT_LABEL_MAX_CHARS 6

/* The money column of a fund source labelled at cell c: the column of the
 * fund total labelled above it in its grid column, in the rows of pairs
 * read just before (the current year's when none). A fund total labelled
 * at c heads that column; any other label ends what it headed. *kept is
 * set when the row goes on with such a block. */
static int part_column(ctx *x, const lcell *c, label l, bool *kept) {
  if (c->col < 0 || c->col >= (int)sizeof x->under_total) return COL_CURRENT;
  signed char *u = &x->under_total[c->col];
  if (l.cat == DX_CAT_FUND_TOTAL) {
    *u = (signed char)(money_col(l.key) + 1);
    *kept = true;
  } else if (l.cat == DX_CAT_FUND_SOURCE && *u) {
    *kept = true;
    return *u - 1;
  } else {
    *u = 0;
  }
  return COL_CURRENT;
}

static void horizontal_row(ctx *x, const lrow *r) {
  /* the fund totals heading columns of parts hold while rows of pairs
   * follow one another */
  if (r->table != x->under_table || r->row != x->under_row + 1)
    memset(x->under_total, 0, sizeof x->under_total);
  bool kept = false;
  /* a 三公经费 block lasts while its label cell runs down the first column */
  if (r->n > 0 && r->cells[0].here && *r->cells[0].raw &&
      !cell_rule(x, &r->cells[0], DX_CAT_THREE_PUBLIC_CONTEXT))
    x->three_public = false;
  for (int i = 0; i < r->n; i++) {
    const lcell *c = &r->cells[i];
    if (!c->here || !*c->raw) continue;
    if (cell_rule(x, c, DX_CAT_NOTES_HEADING)) continue; /* 填表说明：… in a cell */
    if (cell_rule(x, c, DX_CAT_THREE_PUBLIC_CONTEXT)) {
      x->three_public = true;
      continue;
    }
    label l = cell_label(x, c);
    if (l.cat == DX_CAT_NONE &&
        i + 2 < r->n) { /* a label split over two cells: 项目 | 名称 | value */
      const lcell *n2 = &r->cells[i + 1];
      if (n2->here && *n2->raw && g_utf8_strlen(c->key, -1) <= SPLIT_LABEL_MAX_CHARS &&
          g_utf8_strlen(n2->key, -1) <= SPLIT_LABEL_MAX_CHARS &&
          cell_label(x, n2).cat == DX_CAT_NONE) {
        char *joined = g_strconcat(c->key, n2->key, NULL);
        label j = classify(x, joined);
        g_free(joined);
        if (j.cat == DX_CAT_FIELD) {
          l = j;
          c = n2;
          i++;
        }
      }
    }
    if (l.cat != DX_CAT_NONE) {
      const lcell *next = i + 1 < r->n ? &r->cells[i + 1] : NULL;
      /* a label spanning more rows than its neighbour heads a group of
       * rows ("项目概况" over 中长期规划, 资金管理办法 ...): not a field */
      if (next && c->c->rowspan > 1 && next->c->rowspan < c->c->rowspan && next->here) continue;
      bool checkbox = l.cat == DX_CAT_FIELD && (strcmp(l.key, "project_attribute") == 0 ||
                                                strcmp(l.key, "project_type") == 0);
      if (checkbox) { /* options may be spread over the rest of the row */
        GString *s = g_string_new(NULL);
        const lcell *vc = NULL;
        int j = i + 1;
        for (; j < r->n && !is_label_cell(x, &r->cells[j]); j++) {
          if (!*r->cells[j].raw) continue;
          if (!vc) vc = &r->cells[j];
          if (s->len) g_string_append_c(s, ' ');
          g_string_append(s, r->cells[j].raw);
        }
        where w = where_cell(r, vc ? vc : next);
        assign(x, l, s->str, &w, COL_CURRENT);
        g_string_free(s, TRUE);
        i = j - 1;
        continue;
      }
      char *lab = label_text(x, l, c->raw);
      l.label = lab;
      int pc = part_column(x, c, l, &kept);
      if (next && !is_label_cell(x, next)) {
        where w = where_cell(r, next);
        assign(x, l, next->here ? next->raw : "", &w, pc);
        i++;
      } else {
        where w = where_cell(r, c);
        if (l.cat != DX_CAT_UNIT_NOTE) assign(x, l, "", &w, pc);
      }
      g_free(lab);
      continue;
    }
    where w = where_cell(r, c);
    if (pairs_in_text(x, c->raw, &w, true) >= 2) {
      pairs_in_text(x, c->raw, &w, false);
      continue;
    }
    char *v = NULL;
    labelbuf lb;
    label il = split_inline(x, c->raw, &v, lb);
    if (il.cat != DX_CAT_NONE) {
      int pc = part_column(x, c, il, &kept);
      if (il.cat == DX_CAT_FUND_SOURCE) {
        note_table(x, &w);
        add_money(x, il.key, il.label, pc, amount_field(x, v, &w), strcmp(il.key, "total") == 0);
      } else {
        assign(x, il, v, &w, pc);
      }
    }
    g_free(v);
  }
  if (kept) {
    x->under_table = r->table;
    x->under_row = r->row;
  }
}

/* ---- the stream ---------------------------------------------------------- */

static void finish_decl(ctx *x);

static int year_of(const char *s) {
  for (const char *p = s; *p; p++)
    if ((p[0] == '1' || p[0] == '2') && g_ascii_isdigit(p[1]) && g_ascii_isdigit(p[2]) &&
        g_ascii_isdigit(p[3]) && (p == s || !g_ascii_isdigit(p[-1])) && !g_ascii_isdigit(p[4])) {
      int y = atoi(p);
      if (y >= DX_YEAR_MIN && y <= DX_YEAR_MAX) return y;
    }
  return 0;
}

/* A title matched on a scan only with a character of 目标/指标 misread
 * (title_ocr) is written with the word its rule names: the two
 * characters after its last 绩效 (a typist reads 绩效1标 as 绩效目标). */
static char *title_repaired(ctx *x, char *title) {
  if (!x->scanned) return title;
  char *key = dx_label_key(title);
  const char *word = dx_rules_match(x->rs, DX_CAT_TITLE, key)
                         ? NULL
                         : dx_rules_match(x->rs, DX_CAT_TITLE_OCR, key);
  g_free(key);
  char *at = word ? g_strrstr(title, "绩效") : NULL;
  if (!at) return title;
  at += strlen("绩效");
  const char *end = at;
  for (int i = 0; i < 2 && *end; i++) end = g_utf8_next_char(end);
  char *fixed = g_strdup_printf("%.*s%s%s", (int)(at - title), title, word, end);
  g_free(title);
  return fixed;
}

static void start_decl(ctx *x, const char *title_raw) {
  if (x->cur && !x->cur->titled && x->cur->table_index < 0) {
    /* a preamble (填报单位, 金额单位 lines) before a title that stands
     * in the table's first row: it belongs to this form */
  } else if (x->cur && (x->cur->content > 0 || !x->cur->titled))
    finish_decl(x);
  else if (x->cur) {
    decl_free(x->cur);
    x->cur = NULL;
  }
  decl *d = cur_decl(x);
  d->titled = true;
  d->title = dx_text_join_han(title_raw);
  d->title = title_repaired(x, d->title);
  d->year = year_of(title_raw);
  x->mode = M_NONE;
}

static bool is_title(ctx *x, const char *key) {
  /* on a scan, also a title with a character OCR misread (title_ocr) */
  return g_utf8_strlen(key, -1) <= 80 &&
         (dx_rules_match(x->rs, DX_CAT_TITLE, key) != NULL ||
          (x->scanned && dx_rules_match(x->rs, DX_CAT_TITLE_OCR, key) != NULL));
}

/* A title repeated over a continuation ("…申报表（续）") goes on with the
 * form being read instead of opening a new one. */
static void on_title(ctx *x, const char *raw, const char *key) {
  if (x->cur && x->cur->titled && dx_rules_match(x->rs, DX_CAT_TITLE_CONTINUED, key)) return;
  start_decl(x, raw);
}

/* True when the text's first word is the label of field `key` (with or
 * without a colon after it). */
static bool leads_with_field(ctx *x, const char *raw, const char *key) {
  const char *sp = strchr(raw, ' ');
  char *first = sp ? g_strndup(raw, (gsize)(sp - raw)) : g_strdup(raw);
  char *folded = dx_text_fold(first);
  char *colon = strchr(folded, ':');
  if (colon) *colon = '\0';
  char *k = dx_label_key(folded);
  label l = classify(x, k);
  bool yes = l.cat == DX_CAT_FIELD && strcmp(l.key, key) == 0;
  g_free(k);
  g_free(folded);
  g_free(first);
  return yes;
}

/* A title sharing its line with other text ("…申报表 金额单位：万元",
 * "填报单位：… …申报表"): the split at a space that leaves a title on
 * one side and label：value text on the other (a title spaced out,
 * "2023年度 项目支出…申报表", stays whole). Returns the title's raw text
 * and sets *rest to the other side (both g_free'd), or NULL. */
static char *title_in_line(ctx *x, const char *raw, char **rest) {
  for (const char *sp = strchr(raw, ' '); sp; sp = strchr(sp + 1, ' ')) {
    char *sides[2] = {g_strndup(raw, (gsize)(sp - raw)), g_strdup(sp + 1)};
    for (int i = 0; i < 2; i++) {
      const char *other = sides[1 - i];
      if (!strstr(other, "：") && !strchr(other, ':')) continue;
      char *k = dx_label_key(sides[i]);
      bool yes = *k && is_title(x, k);
      g_free(k);
      if (yes) {
        *rest = sides[1 - i];
        return sides[i];
      }
    }
    g_free(sides[0]);
    g_free(sides[1]);
  }
  return NULL;
}

/* A line of text outside the tables, not a title. */
static void on_line(ctx *x, const dx_block *b, const char *raw, const char *key) {
  if (dx_rules_match(x->rs, DX_CAT_YEAR_LINE, key)) {
    if (x->cur && !x->cur->year) x->cur->year = year_of(key);
  } else if (x->in_notes || dx_rules_match(x->rs, DX_CAT_NOTES_HEADING, key)) {
    /* "填表说明：项目名称：填写项目全称。" explains the labels; it gives no values */
    x->in_notes = true;
  } else {
    /* a paragraph read by OCR is as sure as its characters */
    where w = {.table = -1,
               .paragraph = b->index,
               .page = b->page,
               .ocr = b->ocr_conf > 0,
               .ocr_low = (b->flags & DX_CELL_OCR_LOW) != 0,
               .seal = (b->flags & DX_CELL_SEAL_OVERLAP) != 0,
               .doubt = b->ocr_conf > 0 ? 1 - b->ocr_conf : 0};
    /* a 填报单位 line after a form's tables opens the next form (whose
     * title may be the first row of its table) */
    if (x->cur && x->cur->titled && x->cur->table_index >= 0 &&
        leads_with_field(x, raw, "filing_unit"))
      finish_decl(x);
    if (dx_rules_match(x->rs, DX_CAT_WAN_MARKER, key)) cur_decl(x)->money_known = true;
    pairs_in_text(x, raw, &w, false);
  }
}

static void on_paragraph(ctx *x, const dx_block *b) {
  char *raw = dx_text_raw(b->text);
  char *key = dx_label_key(raw);
  char *rest = NULL, *title = NULL;
  if (!x->in_notes && (title = title_in_line(x, raw, &rest))) {
    /* the other text before the title is the last form's or a preamble
     * (金额单位, 填报单位 lines come before or after a title) */
    char *tkey = dx_label_key(title), *rkey = dx_label_key(rest);
    bool before = g_str_has_suffix(raw, title);
    if (before) on_line(x, b, rest, rkey);
    on_title(x, title, tkey);
    if (!before) on_line(x, b, rest, rkey);
    g_free(tkey);
    g_free(rkey);
  } else if (is_title(x, key)) {
    x->in_notes = false;
    on_title(x, raw, key);
  } else {
    on_line(x, b, raw, key);
  }
  g_free(title);
  g_free(rest);
  g_free(raw);
  g_free(key);
}

/* A field's label, alone or before its value, in the cell. */
static bool cell_has_field_label(ctx *x, const lcell *c) {
  cellinfo *m = c->info;
  if (!m->field_known) {
    label l = cell_label(x, c);
    bool yes = l.cat == DX_CAT_FIELD;
    if (!yes) {
      char *v = NULL;
      labelbuf lb;
      l = split_inline(x, c->raw, &v, lb);
      g_free(v);
      yes = l.cat == DX_CAT_FIELD;
    }
    m->has_field = yes;
    m->field_known = true;
  }
  return m->has_field;
}

static bool row_has_field_label(ctx *x, const lrow *r) {
  for (int i = 0; i < r->n; i++) {
    const lcell *c = &r->cells[i];
    if (c->here && *c->raw && cell_has_field_label(x, c)) return true;
  }
  return false;
}

static void on_row(ctx *x, const lrow *r) {
  /* a title in a row of its own */
  const lcell *only = NULL;
  int nonempty = 0;
  for (int i = 0; i < r->n; i++)
    if (r->cells[i].here && *r->cells[i].raw) {
      nonempty++;
      only = &r->cells[i];
    }
  if (nonempty == 1 && is_title(x, only->key)) {
    on_title(x, only->raw, only->key);
    return;
  }
  if (nonempty == 1 && cell_rule(x, only, DX_CAT_YEAR_LINE)) {
    if (x->cur && !x->cur->year) x->cur->year = year_of(only->key);
    return;
  }
  if (nonempty == 0) return;
  if (nonempty == 1 && cell_rule(x, only, DX_CAT_NOTES_HEADING)) {
    x->mode = M_NONE; /* 填表说明 across the table: the lists above are over */
    return;
  }
  for (int i = 0; i < r->n; i++)
    if (r->cells[i].here && cell_rule(x, &r->cells[i], DX_CAT_WAN_MARKER))
      cur_decl(x)->money_known = true;
  if (try_ind_header(x, r)) return;
  if (x->mode != M_IND && try_section_header(x, r)) return;
  switch (x->mode) {
  case M_IND:
    if (try_section_header(x, r)) return;
    if (!row_has_field_label(x, r)) {
      ind_row(x, r);
      return;
    }
    x->mode = M_NONE;
    break;
  case M_MONEY:
  case M_ITEMS:
  case M_SCHED:
  case M_PLANS:
  case M_SUMMARY:
    if (row_has_field_label(x, r) || /* the form goes on below its list */
        (x->list_headed && r->n > 0 && r->cells[0].col == 0 && r->cells[0].here &&
         *r->cells[0].raw)) {
      x->mode = M_NONE;
      break;
    }
    if (x->mode == M_MONEY)
      money_row(x, r);
    else if (x->mode == M_ITEMS)
      items_row(x, r);
    else if (x->mode == M_SCHED)
      schedule_row(x, r);
    else if (x->mode == M_PLANS)
      plans_row(x, r);
    else
      summary_row(x, r);
    return;
  case M_VERT:
    if (try_vertical_header(x, r)) return;
    if (x->vert_rows > 0 || !row_has_field_label(x, r)) {
      vert_row(x, r);
      return;
    }
    x->mode = M_NONE; /* labels again: the header had no values */
    break;
  case M_NONE:
    break;
  }
  if (try_vertical_header(x, r)) return;
  horizontal_row(x, r);
}

static void free_row(lrow *r) {
  g_free(r->cells);
}

static void walk_table(ctx *x, const dx_table *t, int table_index, int outer_row,
                       const lrow *prefix, int col_offset);

static void emit_row(ctx *x, const dx_table *t, int table_index, int ri, int outer_row,
                     const lrow *prefix, int col_offset) {
  lrow r = {.table = table_index,
            .row = outer_row >= 0 ? outer_row : ri,
            .holder_col = outer_row >= 0 ? col_offset : -1};
  int cap = (prefix ? prefix->n : 0) + t->ncols;
  r.cells = g_new0(lcell, cap > 0 ? cap : 1);
  if (prefix)
    for (int i = 0; i < prefix->n; i++) {
      r.cells[r.n] = prefix->cells[i];
      r.cells[r.n].here = false;
      r.n++;
    }
  const dx_cell *prev = NULL;
  for (int c = 0; c < t->ncols; c++) {
    const dx_cell *cell = dx_table_at(t, ri, c);
    if (!cell) {
      prev = NULL;
      continue;
    }
    if (cell == prev) {
      r.cells[r.n - 1].span++;
      continue;
    }
    prev = cell;
    lcell *lc = &r.cells[r.n++];
    lc->c = cell;
    lc->col = c + col_offset;
    lc->span = 1;
    lc->here = cell->row == ri;
    lc->info = cell_info(x, cell);
    lc->raw = lc->info->raw;
    lc->key = lc->info->key;
  }
  x->table = table_index;
  on_row(x, &r);
  /* nested tables follow the row that holds them */
  for (int i = prefix ? prefix->n : 0; i < r.n; i++) {
    const lcell *lc = &r.cells[i];
    if (!lc->here || !lc->c->nchildren) continue;
    lrow pre = {.table = table_index, .row = r.row, .holder_col = -1, .n = i, .cells = r.cells};
    for (size_t k = 0; k < lc->c->nchildren; k++)
      walk_table(x, lc->c->children[k], table_index, r.row, &pre, lc->col);
  }
  free_row(&r);
}

static void walk_table(ctx *x, const dx_table *t, int table_index, int outer_row,
                       const lrow *prefix, int col_offset) {
  mode_t_ saved = x->mode;
  if (outer_row < 0) x->mode = M_NONE; /* a new table: sections do not carry over */
  if (outer_row < 0) x->in_notes = false;
  for (int ri = 0; ri < t->nrows; ri++)
    emit_row(x, t, table_index, ri, outer_row, prefix, col_offset);
  if (outer_row >= 0) x->mode = saved;
  if (outer_row < 0) g_hash_table_remove_all(x->cells); /* its cells are done with */
}

/* ---- finishing a declaration ------------------------------------------- */

static double field_number(const json_t *f, bool *ok) {
  const json_t *v = f ? json_object_get(f, "value") : NULL;
  *ok = v && json_is_number(v);
  return *ok ? json_number_value(v) : 0;
}

/* Cross-checks (contract: funds): each family of parts adds up to its
 * total, per money column, within 0.01 万元. */
static void check_sums(decl *d) {
  const double tol = 0.01 + 1e-9;
  for (int col = 0; col < NCOLS_MONEY; col++) {
    for (int fam = 1; fam <= 4; fam++) {
      double sum = 0, total = 0;
      int nparts = 0;
      bool have_total = false;
      for (guint i = 0; i < d->bk->len; i++) {
        bentry *b = g_ptr_array_index(d->bk, i);
        bool ok;
        double v = field_number(b->f[col], &ok);
        bool fam_total =
            b->is_total && (b->family == fam || (fam != 4 && b->family == 0 && !have_total));
        if (b->family == fam && !b->is_total && ok) {
          sum += v;
          nparts++;
        } else if (fam_total && ok && !have_total) {
          /* a family total: the first total of the block holding parts */
          bool block_has_parts = false;
          for (guint k = 0; k < d->bk->len; k++) {
            bentry *e = g_ptr_array_index(d->bk, k);
            if (e->group == b->group && e->family == fam && !e->is_total) block_has_parts = true;
          }
          if (block_has_parts) {
            total = v;
            have_total = true;
          }
        }
      }
      if (!have_total) {
        bool ok;
        double v = field_number(d->totals[col], &ok);
        if (ok && fam != 4) {
          total = v;
          have_total = true;
        }
      }
      if (nparts > 0 && have_total && fabs(sum - total) > tol) decl_flag(d, "sum_mismatch:funds");
    }
    if (d->items_has_total[col]) {
      double sum = 0;
      int n = 0;
      size_t i;
      json_t *e;
      json_array_foreach(d->items, i, e) {
        bool ok;
        double v = field_number(json_object_get(e, MONEY_KEYS[col]), &ok);
        if (ok) {
          sum += v;
          n++;
        }
      }
      if (n > 0 && fabs(sum - d->items_total[col]) > tol)
        decl_flag(d, "sum_mismatch:expenditure_items");
    }
  }
  if (d->summary_has_total && json_array_size(d->summary) > 0) {
    double sum = 0;
    size_t i;
    json_t *e;
    json_array_foreach(d->summary, i, e) {
      bool ok;
      sum += field_number(json_object_get(e, "amount"), &ok);
    }
    if (fabs(sum - d->summary_total) > tol) decl_flag(d, "sum_mismatch:summary_items");
  }
}

static const char *form_of(ctx *x, const decl *d) {
  if (d->title) {
    char *k = dx_label_key(d->title);
    const char *f = dx_rules_match(x->rs, DX_CAT_FORM, k);
    g_free(k);
    if (f) return f;
  }
  if (json_array_size(d->summary)) return "special_fund_summary";
  if (d->dept_hint) return "department_overall";
  if (d->fields[field_index("project_name")] || json_array_size(d->indicators))
    return "project_expenditure";
  return "unknown";
}

static double min_conf(double a, const json_t *o) {
  const json_t *c = o ? json_object_get(o, "confidence") : NULL;
  if (!c) return a;
  double v = json_number_value(c);
  return v < a ? v : a;
}

/* Keep a form only when it holds at least this much: one label-value
 * pair or a lone title is not a declaration. */
#define MIN_CONTENT 2

static json_t *money_json(decl *d) {
  json_t *funds = json_object();
  static const char *tk[] = {"prior_year_total", "current_year_total", "medium_term_total"};
  static const int order[] = {COL_CURRENT, COL_PRIOR, COL_MEDIUM};
  for (int i = 0; i < 3; i++) {
    int col = order[i];
    if (d->totals[col]) json_object_set(funds, tk[col], d->totals[col]);
  }
  json_t *bk = json_array();
  for (guint i = 0; i < d->bk->len; i++) {
    bentry *b = g_ptr_array_index(d->bk, i);
    json_t *o = json_object();
    json_object_set_new(o, "source", json_string(b->source));
    json_object_set_new(o, "label", json_string(b->label));
    for (int col = 0; col < NCOLS_MONEY; col++)
      if (b->f[col]) json_object_set(o, MONEY_KEYS[col], b->f[col]);
    json_array_append_new(bk, o);
  }
  json_object_set_new(funds, "breakdown", bk);
  return funds;
}

static void finish_decl(ctx *x) {
  decl *d = x->cur;
  x->cur = NULL;
  x->mode = M_NONE;
  if (!d) return;
  if (d->content < MIN_CONTENT) {
    decl_free(d);
    return;
  }
  if (d->money_yuan && !d->money_known) { /* totals the sums are checked against */
    for (int i = 0; i < NCOLS_MONEY; i++)
      if (d->items_total_unitless[i]) d->items_total[i] /= 10000.0;
    if (d->summary_total_unitless) d->summary_total /= 10000.0;
  }
  for (guint i = 0; i < d->unitless->len; i++) {
    json_t *f = g_ptr_array_index(d->unitless, i);
    if (d->money_yuan && !d->money_known) { /* 金额单位：元 */
      double v = json_number_value(json_object_get(f, "value"));
      json_object_set_new(f, "value", jnum(round(v / 10000.0 * 1e6) / 1e6));
      field_flag(f, "unit_converted");
      field_conf(f, CONF_UNIT_CONVERTED / CONF_EXACT);
    } else if (!d->money_known) {
      field_flag(f, "unit_assumed");
      field_conf(f, CONF_UNIT_ASSUMED / CONF_EXACT);
    }
  }
  /* fiscal year: the title's, else the period's start */
  if (!d->year && d->fields[field_index("period")]) {
    json_t *v = json_object_get(d->fields[field_index("period")], "value");
    const char *s = v && json_is_object(v) ? json_string_value(json_object_get(v, "start")) : NULL;
    if (s) d->year = year_of(s);
  }
  check_sums(d);
  double conf = 1.0;
  int pn = field_index("project_name"), dp = field_index("department");
  if (d->fields[pn])
    conf = min_conf(conf, d->fields[pn]);
  else if (d->fields[dp])
    conf = min_conf(conf, d->fields[dp]);
  for (int i = 0; i < NCOLS_MONEY; i++)
    if (d->totals[i] && !field_is_empty(d->totals[i])) conf = min_conf(conf, d->totals[i]);
  size_t i;
  json_t *e;
  json_array_foreach(d->indicators, i, e) conf = min_conf(conf, e);
  if (d->flags->len) conf *= 0.9;

  json_t *o = json_object();
  json_object_set_new(o, "form", json_string(form_of(x, d)));
  json_object_set_new(o, "title", jstr_or_null(d->title));
  json_object_set_new(o, "fiscal_year", d->year ? json_integer(d->year) : json_null());
  json_t *origin = json_object();
  json_object_set_new(origin, "page_start",
                      d->page_start ? json_integer(d->page_start) : json_null());
  json_object_set_new(origin, "page_end", d->page_end ? json_integer(d->page_end) : json_null());
  json_object_set_new(origin, "table_index",
                      d->table_index >= 0 ? json_integer(d->table_index) : json_null());
  json_object_set_new(o, "origin", origin);
  json_object_set_new(o, "confidence", json_real(round(conf * 1000) / 1000));
  json_t *flags = json_array();
  for (guint k = 0; k < d->flags->len; k++)
    json_array_append_new(flags, json_string(g_ptr_array_index(d->flags, k)));
  json_object_set_new(o, "flags", flags);
  json_t *fields = json_object();
  for (int k = 0; k < NFIELDS; k++)
    if (d->fields[k]) json_object_set(fields, FIELD_KEYS[k], d->fields[k]);
  json_object_set_new(o, "fields", fields);
  json_object_set_new(o, "funds", money_json(d));
  json_object_set(o, "expenditure_items", d->items);
  json_object_set(o, "schedule", d->schedule);
  json_object_set(o, "work_plans", d->plans);
  json_object_set(o, "summary_items", d->summary);
  json_object_set(o, "indicators", d->indicators);
  g_ptr_array_add(x->decls, o);
  decl_free(d);
}

/* ---- entry point ---------------------------------------------------------- */

json_t *dx_doc_to_json(dx_ruleset *rs, const dx_doc *doc) {
  dx_rules_forget(rs); /* kept keys: the cells below hold them */
  ctx x = {.rs = rs,
           .doc = doc,
           .decls = g_ptr_array_new(),
           .labels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
           .near = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
           .near_rule = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
           .near_texts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
           .scanned = doc->format == DX_FORMAT_PDF_SCANNED,
           .cells = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, cellinfo_free),
           .under_table = -1};
  for (guint i = 0; i < doc->blocks->len; i++) {
    const dx_block *b = g_ptr_array_index(doc->blocks, i);
    if (b->kind == DX_BLOCK_PARAGRAPH)
      on_paragraph(&x, b);
    else
      walk_table(&x, b->table, b->table->index, -1, NULL, 0);
  }
  finish_decl(&x);
  g_hash_table_destroy(x.labels);
  g_hash_table_destroy(x.near);
  g_hash_table_destroy(x.near_rule);
  g_hash_table_destroy(x.near_texts);
  g_hash_table_destroy(x.cells);
  g_free(x.ind.last_l1);
  for (int g = 0; g < MAXG; g++) g_free(x.ind.last_l2[g]);
  for (int i = 0; i < x.nvh; i++) g_free(x.vh[i].label);

  json_t *root = json_object();
  json_object_set_new(root, "schema_version", json_string(DX_SCHEMA_VERSION));
  json_t *src = json_object();
  char *base = g_path_get_basename(doc->file);
  char *name = g_utf8_make_valid(base, -1); /* a path need not be UTF-8; JSON must */
  json_object_set_new(src, "file", json_string(name));
  g_free(name);
  g_free(base);
  json_object_set_new(src, "format", json_string(dx_format_name(doc->format)));
  json_object_set_new(src, "sha256", json_string(doc->sha256));
  json_object_set_new(src, "pages", doc->pages ? json_integer(doc->pages) : json_null());
  json_object_set_new(root, "source", src);
  json_t *decls = json_array();
  for (guint i = 0; i < x.decls->len; i++)
    json_array_append_new(decls, g_ptr_array_index(x.decls, i));
  g_ptr_array_free(x.decls, TRUE);
  json_object_set_new(root, "declarations", decls);
  json_t *warnings = json_array();
  for (guint i = 0; i < doc->warnings->len; i++) {
    const dx_warning *w = g_ptr_array_index(doc->warnings, i);
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(w->code));
    json_object_set_new(o, "message", json_string(w->message));
    json_object_set_new(o, "page", w->page ? json_integer(w->page) : json_null());
    json_array_append_new(warnings, o);
  }
  if (json_array_size(decls) == 0) {
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string("no_declaration"));
    json_object_set_new(o, "message", json_string("no declaration form found in this file"));
    json_object_set_new(o, "page", json_null());
    json_array_append_new(warnings, o);
  }
  json_object_set_new(root, "warnings", warnings);
  return root;
}

char *dx_json_dump(const json_t *j, bool pretty) {
  size_t flags =
      JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
  char *s = json_dumps(j, flags);
  char *out = g_strdup(s ? s : "null");
  free(s);
  return out;
}
