/* xlsx_sheet.c — a worksheet part (18.3) into its cells: each cell's
 * value as the sheet shows it (shared and inline strings, numbers under
 * their number format, dates, booleans, errors, a formula's cached
 * result), whether its format draws a border, the merged ranges, and
 * the hidden rows and columns. Formatting, conditional formats, data
 * validation, drawings and the rest are not read.
 */
#include "xlsx_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The container (a child of worksheet) being read. */
typedef enum { IN_NONE, IN_DATA, IN_COLS, IN_MERGES } container;

/* What the characters being read are. */
typedef enum { TX_NONE, TX_V, TX_IS } capture;

/* A cell's attributes. */
typedef struct cell_attrs {
  char r[24], t[16];
  long s;
} cell_attrs;

typedef struct sheet_read {
  xl_book *b;
  xl_sheet *s;
  const char *part;
  container in;
  int row;      /* the row being read, 0-based */
  int next_col; /* where a cell without a reference goes */
  /* the cell being read */
  cell_attrs a;
  bool has_v, formula;
  capture cap;
  GString *v, *is; /* its v and inline string */
  xl_rich rich;    /* its inline string's rich text */
} sheet_read;

/* r, t and s in one pass over the attributes (the first of a name
 * counts, as dx_xl_sax_attr finds it). */
static void read_attrs(const xl_attrs *at, cell_attrs *a) {
  *a = (cell_attrs){.s = 0};
  bool r = false, t = false, s = false;
  for (int i = 0; i < at->n; i++) {
    const char *n = (const char *)at->at[(ptrdiff_t)5 * i];
    if (n[0] == 0 || n[1] != 0) continue;
    if (n[0] == 'r' && !r)
      r = dx_xl_sax_attr_at(at, i, a->r, sizeof a->r);
    else if (n[0] == 't' && !t)
      t = dx_xl_sax_attr_at(at, i, a->t, sizeof a->t);
    else if (n[0] == 's' && !s) {
      char buf[32], *end;
      if ((s = dx_xl_sax_attr_at(at, i, buf, sizeof buf))) {
        long v = strtol(buf, &end, 10);
        a->s = end == buf ? 0 : v;
      }
    }
  }
}

/* An ISO 8601 date and time (t="d", 18.18.11) as a serial of the 1900
 * system, or -1. */
static double iso_serial(const char *s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  double sec = 0;
  if (sscanf(s, "%d-%d-%d", &y, &mo, &d) != 3) {
    if (sscanf(s, "%d:%d:%lf", &h, &mi, &sec) < 2) return -1;
    return (h * 3600 + mi * 60 + sec) / 86400.0;
  }
  const char *t = strchr(s, 'T');
  if (t) sscanf(t + 1, "%d:%d:%lf", &h, &mi, &sec);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 9999) return -1;
  /* days from 1899-12-30, one more before March 1900 (the leap day) */
  GDate *g = g_date_new_dmy((GDateDay)d, (GDateMonth)mo, (GDateYear)y);
  GDate *base = g_date_new_dmy(30, G_DATE_DECEMBER, 1899);
  double days = g_date_days_between(base, g);
  g_date_free(g);
  g_date_free(base);
  if (days < 61) days -= 1;
  return days + (h * 3600 + mi * 60 + sec) / 86400.0;
}

/* A cell's value to out as the sheet shows it; false on an error. */
static bool cell_text(sheet_read *sr, const cell_attrs *a, const xl_xf *xf, bool has_v,
                      GString *out) {
  xl_book *b = sr->b;
  const xl_fmt *fmt = dx_xl_numfmt(b, xf->numfmt);
  const char *t = a->t;
  const char *v = sr->v->str;
  if (strcmp(t, "s") == 0) {
    char *end;
    unsigned long long i = strtoull(v, &end, 10);
    const char *str = end != v ? dx_xl_sst_get(b, (size_t)i) : NULL;
    if (!str && has_v) {
      dx_xl_fail(b, DX_EFORMAT, "sheet \"%s\": cell %s refers to shared string %s of %u", b->sheet,
                 a->r, v, b->sst.start ? b->sst.start->len : 0);
      return false;
    }
    dx_xl_format_text(out, fmt, str ? str : "");
  } else if (strcmp(t, "inlineStr") == 0) {
    dx_xl_format_text(out, fmt, sr->is->str);
  } else if (strcmp(t, "str") == 0 || strcmp(t, "e") == 0) {
    dx_xl_format_text(out, fmt, v);
  } else if (strcmp(t, "b") == 0) {
    if (has_v)
      g_string_append(out, strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ? "TRUE" : "FALSE");
  } else if (has_v && *v) {
    char *end;
    bool iso = strcmp(t, "d") == 0;
    double num = iso ? iso_serial(v) : g_ascii_strtod(v, &end);
    /* strtod reads inf, nan and 1e999 too: no number a sheet holds, so as it is */
    bool ok = iso ? num >= 0 : (end != v && *end == 0 && isfinite(num));
    if (ok && iso && b->date1904) num -= 1462; /* 1904-01-01 is serial 1462 of 1900's */
    if (ok && iso && !dx_xl_fmt_is_date(fmt))
      fmt = dx_xl_numfmt(b, 14); /* a date without a date format: the short date */
    if (ok)
      dx_xl_format_number(out, fmt, num, b->date1904);
    else
      g_string_append(out, v);
  }
  return true;
}

/* A c element (18.3.1.4) of the row being read starts. */
static void cell_start(sheet_read *sr, const xl_attrs *at) {
  read_attrs(at, &sr->a);
  sr->has_v = sr->formula = false;
  sr->cap = TX_NONE;
  g_string_truncate(sr->v, 0);
  g_string_truncate(sr->is, 0);
}

/* ... and ends: its value as the sheet shows it, a cell of the sheet. */
static void cell_end(sheet_read *sr) {
  xl_book *b = sr->b;
  cell_attrs *a = &sr->a;
  int row = sr->row, col = sr->next_col;
  if (a->r[0] && !dx_xl_ref(a->r, &row, &col)) {
    dx_xl_fail(b, DX_EFORMAT, "sheet \"%s\": bad cell reference \"%s\"", b->sheet, a->r);
    return;
  }
  if (col >= XL_MAX_COLS) {
    dx_xl_fail(b, DX_EFORMAT, "sheet \"%s\": a row goes past the sheet's last column", b->sheet);
    return;
  }
  if (!a->r[0]) dx_xl_ref_name(a->r, sizeof a->r, row, col);
  sr->next_col = col + 1;
  if (memchr(sr->v->str, '_', sr->v->len)) dx_xl_unescape(sr->v);
  const xl_xf *xf = dx_xl_xf(b, a->s);
  GString *text = b->scratch;
  g_string_truncate(text, 0);
  if (!cell_text(sr, a, xf, sr->has_v, text)) return;
  unsigned flags = 0;
  if (sr->formula && !sr->has_v) { /* never calculated: empty, and said so */
    flags |= DX_CELL_FORMULA_UNCACHED;
    if (sr->s->uncached++ == 0) g_strlcpy(sr->s->uncached_ref, a->r, sizeof sr->s->uncached_ref);
  }
  if (!text->len && !xf->border && !flags) return; /* shows nothing */
  if (xf->family && text->len) {                   /* a symbol font: its checkboxes */
    char *plain = g_strdup(text->str);
    g_string_truncate(text, 0);
    dx_xl_symbol_append(text, plain, strlen(plain), xf->family);
    g_free(plain);
  }
  if (sr->s->cells->len >= b->lim->max_cells) {
    dx_xl_fail(b, DX_ELIMIT, "sheet \"%s\" has more cells than the limit", b->sheet);
    return;
  }
  xl_cell c = {.row = row, .col = col, .border = xf->border, .flags = flags};
  c.text = dx_arena_strndup(b->doc->arena, text->str, text->len);
  if (!c.text) {
    dx_xl_fail(b, DX_ELIMIT, "document model larger than the memory limit");
    return;
  }
  g_array_append_val(sr->s->cells, c);
}

static void read_row(sheet_read *sr, const xl_attrs *at) {
  long r = dx_xl_sax_attr_long(at, "r", sr->row + 2);
  if (r < 1 || r > XL_MAX_ROWS) {
    dx_xl_fail(sr->b, DX_EFORMAT, "sheet \"%s\": bad row number %ld", sr->b->sheet, r);
    return;
  }
  sr->row = (int)r - 1;
  sr->next_col = 0;
  if (dx_xl_sax_attr_bool(at, "hidden", false)) g_array_append_val(sr->s->hidden_rows, sr->row);
}

/* cols/col (18.3.1.13): a run of columns, hidden or not. */
static void read_col(sheet_read *sr, const xl_attrs *at) {
  if (!dx_xl_sax_attr_bool(at, "hidden", false)) return;
  long lo = dx_xl_sax_attr_long(at, "min", 0), hi = dx_xl_sax_attr_long(at, "max", lo);
  lo = MAX(lo, 1);
  hi = MIN(hi, XL_MAX_COLS);
  if (lo > hi) return;
  if (!sr->s->hidden_cols) sr->s->hidden_cols = g_malloc0(XL_MAX_COLS);
  memset(sr->s->hidden_cols + lo - 1, 1, (size_t)(hi - lo + 1));
}

static void read_merge(sheet_read *sr, const xl_attrs *at) {
  char ref[48];
  xl_rect m;
  if (dx_xl_sax_attr(at, "ref", ref, sizeof ref) && dx_xl_range(ref, &m.r0, &m.c0, &m.r1, &m.c1))
    g_array_append_val(sr->s->merges, m);
}

/* A child of a cell (depth 4), or of its inline string (deeper). */
static bool in_cell(sheet_read *sr, int depth, const char *n, bool main, const xl_attrs *at) {
  if (depth > 4) return sr->cap == TX_IS && dx_xl_rich_start(&sr->rich, depth - 4, n, main, at);
  if (!main) return false;
  if (strcmp(n, "v") == 0) {
    sr->has_v = true;
    sr->cap = TX_V;
    return true;
  }
  if (strcmp(n, "f") == 0) {
    sr->formula = true;
  } else if (strcmp(n, "is") == 0) {
    sr->has_v = true;
    sr->cap = TX_IS;
    dx_xl_rich_begin(&sr->rich, sr->is);
    return true;
  }
  return false;
}

static bool on_start(void *ctx, int depth, const char *n, bool main, const xl_attrs *at) {
  sheet_read *sr = ctx;
  if (depth == 0) {
    if (!main || strcmp(n, "worksheet") != 0)
      dx_xl_fail(sr->b, DX_EFORMAT, "%s is not a worksheet", sr->part);
    return true;
  }
  if (depth > 3) return in_cell(sr, depth, n, main, at);
  if (!main) return false;
  if (depth == 1) {
    sr->in = strcmp(n, "sheetData") == 0    ? IN_DATA
             : strcmp(n, "cols") == 0       ? IN_COLS
             : strcmp(n, "mergeCells") == 0 ? IN_MERGES
                                            : IN_NONE;
    return sr->in != IN_NONE;
  }
  if (depth == 2 && sr->in == IN_DATA && strcmp(n, "row") == 0) {
    read_row(sr, at);
    return true;
  }
  if (depth == 2 && sr->in == IN_COLS && strcmp(n, "col") == 0) read_col(sr, at);
  if (depth == 2 && sr->in == IN_MERGES && strcmp(n, "mergeCell") == 0) read_merge(sr, at);
  if (depth == 3 && sr->in == IN_DATA && strcmp(n, "c") == 0) {
    cell_start(sr, at);
    return true;
  }
  return false;
}

static void on_end(void *ctx, int depth, const char *n) {
  sheet_read *sr = ctx;
  if (depth == 3 && sr->in == IN_DATA) {
    cell_end(sr);
  } else if (depth == 4) {
    sr->cap = TX_NONE;
  } else if (depth > 4 && sr->cap == TX_IS) {
    dx_xl_rich_end(&sr->rich, n);
  }
}

static void on_text(void *ctx, const char *s, int len) {
  sheet_read *sr = ctx;
  if (sr->cap == TX_V)
    g_string_append_len(sr->v, s, len);
  else if (sr->cap == TX_IS)
    dx_xl_rich_chars(&sr->rich, s, len);
}

static int by_position(const void *pa, const void *pb) {
  const xl_cell *a = pa, *b = pb;
  if (a->row != b->row) return a->row < b->row ? -1 : 1;
  return a->col < b->col ? -1 : a->col > b->col;
}

dx_code dx_xl_read_sheet(xl_book *b, const char *part, xl_sheet *s) {
  memset(s, 0, sizeof *s);
  s->cells = g_array_new(FALSE, FALSE, sizeof(xl_cell));
  s->merges = g_array_new(FALSE, FALSE, sizeof(xl_rect));
  s->hidden_rows = g_array_new(FALSE, FALSE, sizeof(int));
  static const xl_sax h = {on_start, on_end, on_text};
  sheet_read sr = {
      .b = b, .s = s, .part = part, .row = -1, .v = g_string_new(NULL), .is = g_string_new(NULL)};
  dx_xl_sax_parse(b, part, false, &h, &sr);
  g_string_free(sr.v, TRUE);
  g_string_free(sr.is, TRUE);
  dx_xl_rich_free(&sr.rich);
  /* producers write rows and cells in order; a file that does not is
   * read all the same */
  bool sorted = true;
  for (guint i = 1; i < s->cells->len && sorted; i++)
    sorted = by_position(&g_array_index(s->cells, xl_cell, i - 1),
                         &g_array_index(s->cells, xl_cell, i)) < 0;
  if (!sorted) g_array_sort(s->cells, by_position);
  return b->rc;
}

void dx_xl_sheet_free(xl_sheet *s) {
  if (s->cells) g_array_free(s->cells, TRUE);
  if (s->merges) g_array_free(s->merges, TRUE);
  if (s->hidden_rows) g_array_free(s->hidden_rows, TRUE);
  g_free(s->hidden_cols);
  memset(s, 0, sizeof *s);
}
