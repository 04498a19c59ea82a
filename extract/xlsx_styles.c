/* xlsx_styles.c — styles.xml (18.8): what a cell's format says about how
 * it shows: its number format (numFmts, or a built-in id), whether its
 * font is a symbol font (a Wingdings checkbox typed as a letter), and
 * whether it draws a border (a table's cells are bordered; a title's
 * and a note's are not).
 */
#include "xlsx_int.h"

#include <string.h>

/* Which list of styles.xml an element at depth 2 belongs to. */
typedef enum { L_NONE, L_NUMFMTS, L_FONTS, L_BORDERS, L_XFS } list;

typedef struct styles_read {
  GPtrArray *fonts;  /* const char *: a font's symbol family, or NULL */
  GArray *borders;   /* gboolean: a border draws a side */
  GArray *xf_fonts;  /* long: each cellXfs entry's fontId */
  GArray *xf_border; /* long: its borderId */
  list in;
  xl_book *b;
} styles_read;

/* A border side (left, right, top, bottom; start and end in strict
 * files) with a style other than none draws a line. */
static bool side_drawn(const char *n, const xl_attrs *a) {
  if (strcmp(n, "left") != 0 && strcmp(n, "right") != 0 && strcmp(n, "top") != 0 &&
      strcmp(n, "bottom") != 0 && strcmp(n, "start") != 0 && strcmp(n, "end") != 0)
    return false;
  char style[32];
  return dx_xl_sax_attr(a, "style", style, sizeof style) && *style && strcmp(style, "none") != 0;
}

static void item(xl_book *b, const char *n, const xl_attrs *a, styles_read *sr) {
  if (sr->in == L_NUMFMTS && strcmp(n, "numFmt") == 0) {
    long id = dx_xl_sax_attr_long(a, "numFmtId", -1);
    char *code = dx_xl_sax_attr_dup(a, "formatCode");
    if (id >= 0 && id < 100000 && code)
      g_hash_table_replace(b->st.codes, GINT_TO_POINTER((int)id), code);
    else
      g_free(code);
  } else if (sr->in == L_FONTS && strcmp(n, "font") == 0) {
    g_ptr_array_add(sr->fonts, NULL);
  } else if (sr->in == L_BORDERS && strcmp(n, "border") == 0) {
    gboolean no = FALSE;
    g_array_append_val(sr->borders, no);
  } else if (sr->in == L_XFS && strcmp(n, "xf") == 0) {
    xl_xf xf = {.numfmt = (int)CLAMP(dx_xl_sax_attr_long(a, "numFmtId", 0), 0, 100000)};
    long font = dx_xl_sax_attr_long(a, "fontId", -1),
         border = dx_xl_sax_attr_long(a, "borderId", -1);
    g_array_append_val(b->st.xfs, xf);
    g_array_append_val(sr->xf_fonts, font);
    g_array_append_val(sr->xf_border, border);
  }
}

/* A font's name (depth 3), a border's side (depth 3). */
static void item_child(const char *n, const xl_attrs *a, styles_read *sr) {
  if (sr->in == L_FONTS && sr->fonts->len && strcmp(n, "name") == 0) {
    char name[64];
    if (dx_xl_sax_attr(a, "val", name, sizeof name))
      sr->fonts->pdata[sr->fonts->len - 1] = (gpointer)dx_symbol_family(name);
  } else if (sr->in == L_BORDERS && sr->borders->len && side_drawn(n, a)) {
    g_array_index(sr->borders, gboolean, sr->borders->len - 1) = TRUE;
  }
}

static list list_of(const char *n) {
  return strcmp(n, "numFmts") == 0   ? L_NUMFMTS
         : strcmp(n, "fonts") == 0   ? L_FONTS
         : strcmp(n, "borders") == 0 ? L_BORDERS
         : strcmp(n, "cellXfs") == 0 ? L_XFS
                                     : L_NONE;
}

/* Each format's font and border, once every list is read (a producer
 * may write them in any order). */
static void resolve(xl_book *b, const styles_read *sr) {
  for (guint i = 0; i < b->st.xfs->len; i++) {
    xl_xf *xf = &g_array_index(b->st.xfs, xl_xf, i);
    long font = g_array_index(sr->xf_fonts, long, i);
    long border = g_array_index(sr->xf_border, long, i);
    if (font >= 0 && (guint)font < sr->fonts->len) xf->family = sr->fonts->pdata[font];
    if (border >= 0 && (guint)border < sr->borders->len)
      xf->border = g_array_index(sr->borders, gboolean, border);
  }
}

static bool styles_start(void *ctx, int depth, const char *n, bool main, const xl_attrs *a) {
  styles_read *sr = ctx;
  if (depth == 0) return true; /* in another namespace too: its lists are read all the same */
  if (!main) return false;
  if (depth == 1) {
    sr->in = list_of(n);
    return sr->in != L_NONE;
  }
  if (depth == 2) {
    item(sr->b, n, a, sr);
    return true;
  }
  if (depth == 3) item_child(n, a, sr);
  return false;
}

dx_code dx_xl_read_styles(xl_book *b, const char *part) {
  b->st.xfs = g_array_new(FALSE, TRUE, sizeof(xl_xf));
  b->st.codes = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  b->st.compiled =
      g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)dx_xl_fmt_free);
  if (!part) return DX_OK;
  styles_read sr = {.fonts = g_ptr_array_new(),
                    .borders = g_array_new(FALSE, TRUE, sizeof(gboolean)),
                    .xf_fonts = g_array_new(FALSE, TRUE, sizeof(long)),
                    .xf_border = g_array_new(FALSE, TRUE, sizeof(long)),
                    .b = b};
  static const xl_sax h = {styles_start, NULL, NULL};
  dx_xl_sax_parse(b, part, true, &h, &sr);
  resolve(b, &sr);
  g_ptr_array_free(sr.fonts, TRUE);
  g_array_free(sr.borders, TRUE);
  g_array_free(sr.xf_fonts, TRUE);
  g_array_free(sr.xf_border, TRUE);
  return b->rc;
}

void dx_xl_styles_free(xl_styles *st) {
  if (st->xfs) g_array_free(st->xfs, TRUE);
  if (st->codes) g_hash_table_destroy(st->codes);
  if (st->compiled) g_hash_table_destroy(st->compiled);
  memset(st, 0, sizeof *st);
}

const xl_xf *dx_xl_xf(const xl_book *b, long xf) {
  static const xl_xf general = {0};
  if (!b->st.xfs || xf < 0 || (guint)xf >= b->st.xfs->len) return &general;
  return &g_array_index(b->st.xfs, xl_xf, xf);
}

const xl_fmt *dx_xl_numfmt(xl_book *b, int id) {
  if (id == 0 && !g_hash_table_contains(b->st.codes, GINT_TO_POINTER(0))) return NULL;
  xl_fmt *f = g_hash_table_lookup(b->st.compiled, GINT_TO_POINTER(id));
  if (f) return f;
  const char *code = g_hash_table_lookup(b->st.codes, GINT_TO_POINTER(id));
  if (!code) code = dx_xl_builtin_format(id);
  if (!code) return NULL;
  f = dx_xl_fmt_compile(code);
  g_hash_table_insert(b->st.compiled, GINT_TO_POINTER(id), f);
  return f;
}
