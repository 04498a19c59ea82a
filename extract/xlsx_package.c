/* xlsx_package.c — an XLSX workbook (ECMA-376 Part 1, 18; SpreadsheetML)
 * into the document model.
 *
 * The zip is opened in memory (zip_part.c holds the package limits);
 * the workbook part is found (xl/workbook.xml, or where the package
 * relationships name it); its sheets, in the workbook's order, are
 * found through its relationships (xl/_rels/workbook.xml.rels), with the
 * styles and the shared string table; each visible worksheet is read
 * (xlsx_sheet.c) and laid out as tables and paragraphs (xlsx_layout.c).
 * Hidden sheets, chart sheets and macro sheets are not read.
 */
#include "xlsx_int.h"

#include <string.h>
#include <zip.h>

/* A sheet the workbook lists. */
typedef struct sheet_ref {
  char *name, *rid;
  bool hidden;
} sheet_ref;

/* One relationship of the workbook part. */
typedef struct rel {
  char *id, *type, *target; /* target: a part name in the package */
} rel;

static void sheet_ref_clear(gpointer p) {
  sheet_ref *s = p;
  g_free(s->name);
  g_free(s->rid);
}

static void rel_clear(gpointer p) {
  rel *r = p;
  g_free(r->id);
  g_free(r->type);
  g_free(r->target);
}

/* ---- part names ------------------------------------------------------------ */

/* A relationship's target, relative to the folder of the part holding
 * it (or absolute), as a part name; NULL when it leaves the package. */
static char *resolve(const char *dir, const char *target) {
  char *t = g_strdelimit(g_strdup(target), "\\", '/');
  GPtrArray *segs = g_ptr_array_new();
  char **base = g_strsplit(t[0] == '/' ? "" : dir, "/", -1);
  char **rel = g_strsplit(t, "/", -1);
  bool ok = true;
  for (int pass = 0; pass < 2 && ok; pass++)
    for (char **p = pass ? rel : base; *p && ok; p++) {
      if (!**p || strcmp(*p, ".") == 0) continue;
      if (strcmp(*p, "..") == 0)
        ok = segs->len > 0 && (g_ptr_array_remove_index(segs, segs->len - 1), true);
      else
        g_ptr_array_add(segs, *p);
    }
  g_ptr_array_add(segs, NULL);
  char *out = ok && segs->len > 1 ? g_strjoinv("/", (char **)segs->pdata) : NULL;
  g_ptr_array_free(segs, TRUE);
  g_strfreev(base);
  g_strfreev(rel);
  g_free(t);
  return out;
}

/* The relationships part of a part: xl/_rels/workbook.xml.rels. */
static char *rels_name(const char *part) {
  char *dir = g_path_get_dirname(part), *base = g_path_get_basename(part);
  char *out = strcmp(dir, ".") == 0 ? g_strdup_printf("_rels/%s.rels", base)
                                    : g_strdup_printf("%s/_rels/%s.rels", dir, base);
  g_free(dir);
  g_free(base);
  return out;
}

/* ---- the workbook part --------------------------------------------------------- */

typedef struct wb_read {
  xl_book *b;
  const char *part;
  GArray *sheets;
  bool in_sheets;
} wb_read;

static bool wb_start(void *ctx, int depth, const char *n, bool main, const xl_attrs *a) {
  wb_read *w = ctx;
  if (depth == 0) {
    if (!main || strcmp(n, "workbook") != 0)
      dx_xl_fail(w->b, DX_EFORMAT, "not an XLSX: %s is not a workbook", w->part);
    return true;
  }
  if (main && depth == 1) {
    w->in_sheets = strcmp(n, "sheets") == 0;
    if (strcmp(n, "workbookPr") == 0) w->b->date1904 = dx_xl_sax_attr_bool(a, "date1904", false);
    return w->in_sheets;
  }
  if (main && depth == 2 && w->in_sheets && strcmp(n, "sheet") == 0) {
    char state[16] = "";
    dx_xl_sax_attr(a, "state", state, sizeof state);
    sheet_ref s = {.name = dx_xl_sax_attr_dup(a, "name"),
                   .rid = dx_xl_sax_attr_dup(a, "id"),
                   .hidden = *state && strcmp(state, "visible") != 0};
    if (!s.name) s.name = g_strdup_printf("Sheet%u", w->sheets->len + 1);
    g_array_append_val(w->sheets, s);
  }
  return false;
}

static void read_workbook(xl_book *b, const char *part, GArray *sheets) {
  static const xl_sax h = {wb_start, NULL, NULL};
  wb_read w = {.b = b, .part = part, .sheets = sheets};
  dx_xl_sax_parse(b, part, false, &h, &w);
}

typedef struct rels_read {
  const char *dir; /* the folder of the part they belong to */
  GArray *rels;
} rels_read;

static bool rels_start(void *ctx, int depth, const char *n, bool main, const xl_attrs *a) {
  (void)main;
  rels_read *r = ctx;
  if (depth != 1 || strcmp(n, "Relationship") != 0) return true;
  char mode[16] = "";
  dx_xl_sax_attr(a, "TargetMode", mode, sizeof mode);
  char *target = dx_xl_sax_attr_dup(a, "Target");
  rel l = {.id = dx_xl_sax_attr_dup(a, "Id"), .type = dx_xl_sax_attr_dup(a, "Type")};
  if (target && strcmp(mode, "External") != 0) l.target = resolve(r->dir, target);
  g_free(target);
  if (l.id && l.type && l.target)
    g_array_append_val(r->rels, l);
  else
    rel_clear(&l);
  return true;
}

/* The workbook's relationships (absent: none). */
static void read_rels(xl_book *b, const char *part, GArray *rels) {
  char *name = rels_name(part), *dir = g_path_get_dirname(part);
  if (strcmp(dir, ".") == 0) dir[0] = 0;
  static const xl_sax h = {rels_start, NULL, NULL};
  rels_read r = {.dir = dir, .rels = rels};
  dx_xl_sax_parse(b, name, true, &h, &r);
  g_free(dir);
  g_free(name);
}

/* The target of the first relationship of a type ("/styles"). */
static const char *rel_of_type(const GArray *rels, const char *suffix) {
  for (guint i = 0; i < rels->len; i++) {
    const rel *r = &g_array_index(rels, rel, i);
    if (g_str_has_suffix(r->type, suffix)) return r->target;
  }
  return NULL;
}

static const rel *rel_by_id(const GArray *rels, const char *id) {
  for (guint i = 0; id && i < rels->len; i++) {
    const rel *r = &g_array_index(rels, rel, i);
    if (strcmp(r->id, id) == 0) return r;
  }
  return NULL;
}

/* ---- the sheets ------------------------------------------------------------------ */

/* Each visible worksheet, in the workbook's order. */
static void read_sheets(xl_book *b, const GArray *sheets, const GArray *rels) {
  int visible = 0;
  for (guint i = 0; i < sheets->len && b->rc == DX_OK; i++) {
    const sheet_ref *s = &g_array_index(sheets, sheet_ref, i);
    const rel *r = rel_by_id(rels, s->rid);
    /* a workbook without relationships: where Excel puts its sheets */
    char *fallback = !rels->len ? g_strdup_printf("xl/worksheets/sheet%u.xml", i + 1) : NULL;
    const char *part = r ? r->target : fallback;
    b->sheet = s->name;
    if (s->hidden) {
      dx_doc_warn(b->doc, "xlsx_hidden_sheet", 0, "sheet \"%s\" is hidden: not read", s->name);
    } else if (r && !g_str_has_suffix(r->type, "/worksheet")) {
      /* a chart sheet, a dialog or macro sheet: no cells */
    } else if (!part) {
      visible++;
      dx_doc_warn(b->doc, "xlsx_sheet_missing", 0,
                  "sheet \"%s\" has no part in the package: not read", s->name);
    } else {
      visible++;
      xl_sheet sh;
      if (dx_xl_read_sheet(b, part, &sh) == DX_OK) dx_xl_layout(b, &sh);
      dx_xl_sheet_free(&sh);
    }
    g_free(fallback);
  }
  if (b->rc == DX_OK && visible == 0)
    dx_doc_warn(b->doc, "xlsx_no_sheet", 0, "the workbook has no visible worksheet");
}

/* libxml2 prints some errors (encoding conversion, I/O) straight to
 * stderr whatever the parse options; declx reports each failure itself,
 * in one line. */
static void xml_silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

dx_code dx_xlsx_read_zip(dx_doc **out, const char *file, struct zip *za, const dx_limits *lim,
                         dx_error *err) {
  *out = NULL;
  char *wb = NULL;
  dx_code rc = dx_zip_main_part(&wb, za, "xl/workbook.xml", "an XLSX", lim, err);
  if (rc != DX_OK) return rc;
  dx_doc *doc = dx_doc_new(file, lim);
  if (!doc) {
    g_free(wb);
    return dx_error_set(err, DX_ELIMIT, "document model larger than the memory limit");
  }
  doc->format = DX_FORMAT_XLSX;
  xmlSetGenericErrorFunc(NULL, xml_silent);
  xl_book b = {.doc = doc, .lim = lim, .err = err, .za = za, .scratch = g_string_new(NULL)};
  GArray *sheets = g_array_new(FALSE, TRUE, sizeof(sheet_ref));
  GArray *rels = g_array_new(FALSE, TRUE, sizeof(rel));
  g_array_set_clear_func(sheets, sheet_ref_clear);
  g_array_set_clear_func(rels, rel_clear);
  read_workbook(&b, wb, sheets);
  if (b.rc == DX_OK) read_rels(&b, wb, rels);
  const char *styles = rel_of_type(rels, "/styles"), *strings = rel_of_type(rels, "/sharedStrings");
  if (!rels->len) { /* where Excel puts them */
    styles = "xl/styles.xml";
    strings = "xl/sharedStrings.xml";
  }
  if (b.rc == DX_OK) dx_xl_read_styles(&b, styles);
  if (b.rc == DX_OK) dx_xl_read_strings(&b, strings);
  if (b.rc == DX_OK) read_sheets(&b, sheets, rels);
  rc = b.rc;
  g_array_free(sheets, TRUE);
  g_array_free(rels, TRUE);
  dx_xl_styles_free(&b.st);
  dx_xl_sst_free(&b.sst);
  g_string_free(b.scratch, TRUE);
  g_free(wb);
  if (rc != DX_OK) {
    dx_doc_free(doc);
    return rc;
  }
  *out = doc;
  return DX_OK;
}

dx_code dx_xlsx_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                     const dx_limits *lim, dx_error *err) {
  *out = NULL;
  struct zip *za = NULL;
  dx_code rc = dx_zip_open(&za, data, len, lim, err);
  if (rc != DX_OK) return rc;
  rc = dx_xlsx_read_zip(out, file, za, lim, err);
  zip_discard(za);
  return rc;
}
