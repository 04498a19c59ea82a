/* docx.c — DOCX (ECMA-376 WordprocessingML) into the document model.
 *
 * The archive is read in memory with libzip; word/document.xml is
 * inflated under a byte cap and a ratio cap enforced while reading, and
 * parsed with libxml2 with the network off, no entity substitution, no
 * DTD loading, and any DOCTYPE rejected before parsing.
 */
#include "dx_extract.h"

#include <string.h>
#include <zip.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_W14 "http://schemas.microsoft.com/office/word/2010/wordml"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"

#define GLYPH_ON "\xe2\x98\x91"  /* U+2611 BALLOT BOX WITH CHECK */
#define GLYPH_OFF "\xe2\x98\x90" /* U+2610 BALLOT BOX */

/* A zip member smaller than this is never called a bomb by ratio alone:
 * tiny highly-compressible parts (empty XML skeletons) are normal. */
enum { RATIO_MIN_BYTES = 1 << 20 };

typedef struct reader {
  dx_doc *doc;
  const dx_limits *lim;
  dx_error *err;
  size_t ncells;
  dx_code rc; /* first error; walking stops once set */
} reader;

/* ---- small XML helpers ---------------------------------------------- */

static bool ns_is(const xmlNode *n, const char *href) {
  return n->ns && n->ns->href && strcmp((const char *)n->ns->href, href) == 0;
}

static bool is_wns(const xmlNode *n) {
  return ns_is(n, NS_W) || ns_is(n, NS_W_STRICT);
}

static bool is_w(const xmlNode *n, const char *name) {
  /* the name first: it differs at once for most calls */
  return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 && is_wns(n);
}

static bool is_ns(const xmlNode *n, const char *href, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && ns_is(n, href) &&
         strcmp((const char *)n->name, name) == 0;
}

/* Attribute value by local name, whatever its namespace (w:val, w14:val). */
static const char *attr(const xmlNode *n, const char *local) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (strcmp((const char *)a->name, local) == 0 && a->children && a->children->content)
      return (const char *)a->children->content;
  return NULL;
}

static const xmlNode *child_w(const xmlNode *n, const char *name) {
  for (const xmlNode *c = n->children; c; c = c->next)
    if (is_w(c, name)) return c;
  return NULL;
}

static int attr_int(const xmlNode *n, const char *local, int dflt) {
  const char *v = n ? attr(n, local) : NULL;
  if (!v) return dflt;
  char *end;
  long x = strtol(v, &end, 10);
  if (end == v || x < 0 || x > 100000) return dflt;
  return (int)x;
}

/* ST_OnOff (17.17.4): absent val means on. */
static bool on_off(const xmlNode *n) {
  const char *v = attr(n, "val");
  if (!v) return true;
  return strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0;
}

/* mc:AlternateContent (ECMA-376 Part 3, 10.2): exactly one branch is
 * read — the first mc:Choice, else mc:Fallback. Every Choice we meet in
 * forms carries the same text as its Fallback. */
static const xmlNode *alt_branch(const xmlNode *alt) {
  const xmlNode *fallback = NULL;
  for (const xmlNode *c = alt->children; c; c = c->next) {
    if (is_ns(c, NS_MC, "Choice")) return c;
    if (is_ns(c, NS_MC, "Fallback")) fallback = c;
  }
  return fallback;
}

/* ---- checkboxes ------------------------------------------------------ */

/* The unified checkbox glyph for a symbol-font code, or NULL. */
static const char *sym_glyph(const char *family, unsigned code) {
  uint32_t c = dx_symbol_checkbox(family, code);
  return c == 0x2611 ? GLYPH_ON : c == 0x2610 ? GLYPH_OFF : NULL;
}

static void append_sym(GString *out, const xmlNode *sym) {
  const char *ch = attr(sym, "char");
  if (!ch) return;
  const char *g = sym_glyph(dx_symbol_family(attr(sym, "font")), (unsigned)strtoul(ch, NULL, 16));
  if (g) g_string_append(out, g);
}

/* The symbol font a run is set in (w:rPr/w:rFonts), or NULL. */
static const char *run_symbol_family(const xmlNode *run) {
  const xmlNode *pr = child_w(run, "rPr");
  const xmlNode *fonts = pr ? child_w(pr, "rFonts") : NULL;
  if (!fonts) return NULL;
  static const char *slots[] = {"ascii", "hAnsi", "eastAsia", "cs"};
  for (size_t i = 0; i < G_N_ELEMENTS(slots); i++) {
    const char *f = dx_symbol_family(attr(fonts, slots[i]));
    if (f) return f;
  }
  return NULL;
}

/* Text of a w:t. Checkboxes typed as characters of a symbol font rather
 * than as w:sym (Word's "þ" in Wingdings, LibreOffice's U+F0A8 in a
 * Wingdings run) become glyphs; other private-use symbol codes, which
 * show as nothing readable, are dropped. */
static void append_run_text(GString *out, const char *s, const char *family) {
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    bool pua = c >= 0xF000 && c <= 0xF0FF;
    if (pua || family) {
      const char *g = sym_glyph(family ? family : "Wingdings", c);
      if (g) {
        g_string_append(out, g);
        continue;
      }
      if (pua) continue;
    }
    g_string_append_unichar(out, c);
  }
}

static void append_ffcheckbox(GString *out, const xmlNode *fldchar) {
  const xmlNode *ff = child_w(fldchar, "ffData");
  const xmlNode *cb = ff ? child_w(ff, "checkBox") : NULL;
  if (!cb) return;
  const xmlNode *checked = child_w(cb, "checked");
  const xmlNode *dflt = child_w(cb, "default");
  bool on = checked ? on_off(checked) : (dflt ? on_off(dflt) : false);
  g_string_append(out, on ? GLYPH_ON : GLYPH_OFF);
}

/* Word 2010 content-control check box: w:sdtPr > w14:checkbox > w14:checked. */
static const xmlNode *sdt_checkbox(const xmlNode *sdt) {
  const xmlNode *pr = child_w(sdt, "sdtPr");
  if (!pr) return NULL;
  for (const xmlNode *c = pr->children; c; c = c->next)
    if (is_ns(c, NS_W14, "checkbox")) return c;
  return NULL;
}

static bool w14_checked(const xmlNode *cb) {
  for (const xmlNode *c = cb->children; c; c = c->next)
    if (is_ns(c, NS_W14, "checked")) {
      const char *v = attr(c, "val");
      return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    }
  return false;
}

/* ---- inline content -------------------------------------------------- */

static void walk_inline(reader *r, const xmlNode *parent, GString *out, int depth);
static void textbox_text(reader *r, const xmlNode *n, GString *out, int depth);

static void run_text(reader *r, const xmlNode *run, GString *out, int depth) {
  const char *family = run_symbol_family(run);
  for (const xmlNode *c = run->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_w(c, "t")) {
      xmlChar *s = xmlNodeGetContent(c);
      if (s) append_run_text(out, (const char *)s, family);
      xmlFree(s);
    } else if (is_w(c, "tab") || is_w(c, "ptab")) {
      g_string_append_c(out, '\t');
    } else if (is_w(c, "br") || is_w(c, "cr")) {
      g_string_append_c(out, '\n');
    } else if (is_w(c, "noBreakHyphen")) {
      g_string_append_c(out, '-');
    } else if (is_w(c, "sym")) {
      append_sym(out, c);
    } else if (is_w(c, "fldChar")) {
      const char *t = attr(c, "fldCharType");
      if (t && strcmp(t, "begin") == 0) append_ffcheckbox(out, c);
    } else if (is_ns(c, NS_MC, "AlternateContent")) {
      const xmlNode *b = alt_branch(c);
      if (b) textbox_text(r, b, out, depth + 1);
    } else if (is_w(c, "drawing") || is_w(c, "pict") || is_w(c, "object")) {
      textbox_text(r, c, out, depth + 1);
    }
    /* w:instrText, w:delText, w:rPr and the rest carry no visible text. */
  }
}

static void walk_inline(reader *r, const xmlNode *parent, GString *out, int depth) {
  if (depth > r->lim->max_xml_depth) return;
  for (const xmlNode *c = parent->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_w(c, "r")) {
      run_text(r, c, out, depth);
    } else if (is_w(c, "sdt")) {
      const xmlNode *cb = sdt_checkbox(c);
      if (cb) {
        g_string_append(out, w14_checked(cb) ? GLYPH_ON : GLYPH_OFF);
      } else {
        const xmlNode *content = child_w(c, "sdtContent");
        if (content) walk_inline(r, content, out, depth + 1);
      }
    } else if (is_ns(c, NS_MC, "AlternateContent")) {
      const xmlNode *b = alt_branch(c);
      if (b) walk_inline(r, b, out, depth + 1);
    } else if (is_w(c, "ins") || is_w(c, "moveTo") || is_w(c, "hyperlink") || is_w(c, "smartTag") ||
               is_w(c, "customXml") || is_w(c, "fldSimple") || is_w(c, "dir") || is_w(c, "bdo")) {
      /* Tracked insertions are read as accepted (17.13.5.18). */
      walk_inline(r, c, out, depth + 1);
    }
    /* w:del and w:moveFrom are read as accepted, i.e. dropped. */
  }
}

static void para_text(reader *r, const xmlNode *p, GString *out, int depth) {
  walk_inline(r, p, out, depth + 1);
}

/* Text inside text boxes (w:txbxContent), one paragraph per line. */
static void textbox_text(reader *r, const xmlNode *n, GString *out, int depth) {
  if (depth > r->lim->max_xml_depth) return;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_w(c, "txbxContent")) {
      for (const xmlNode *p = c->children; p; p = p->next)
        if (is_w(p, "p")) {
          if (out->len && out->str[out->len - 1] != '\n') g_string_append_c(out, '\n');
          para_text(r, p, out, depth + 1);
        }
    } else {
      textbox_text(r, c, out, depth + 1);
    }
  }
}

/* ---- blocks and tables ---------------------------------------------- */

/* Where block-level content goes: the document body or one cell. */
typedef struct sink {
  bool top;
  GString *text;     /* cell text (cells only) */
  GPtrArray *tables; /* nested tables (cells only) */
  int nesting;       /* table nesting level of tables found here */
} sink;

static void walk_blocks(reader *r, const xmlNode *parent, sink *s, int depth);

static bool blank(const char *s) {
  for (; *s; s++)
    if (!g_ascii_isspace(*s)) return false;
  return true;
}

static dx_code fail(reader *r, dx_code code, const char *msg) {
  if (r->rc == DX_OK) r->rc = dx_error_set(r->err, code, "%s", msg);
  return r->rc;
}

/* Collects w:tr (or w:tc) under `parent`, looking through the wrappers
 * that may surround rows and cells: w:sdt/w:sdtContent, w:customXml,
 * mc:AlternateContent. */
static void collect_through(const xmlNode *parent, const char *want, GPtrArray *out, int depth) {
  if (depth > 64) return;
  for (const xmlNode *c = parent->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_w(c, want)) {
      g_ptr_array_add(out, (gpointer)c);
    } else if (is_w(c, "sdt")) {
      const xmlNode *content = child_w(c, "sdtContent");
      if (content) collect_through(content, want, out, depth + 1);
    } else if (is_w(c, "customXml") || is_w(c, "ins") || is_w(c, "moveTo")) {
      collect_through(c, want, out, depth + 1);
    } else if (is_ns(c, NS_MC, "AlternateContent")) {
      const xmlNode *b = alt_branch(c);
      if (b) collect_through(b, want, out, depth + 1);
    }
  }
}

typedef struct tcspec {
  int col, span;
  int vmerge; /* 0 none, 1 restart, 2 continue */
  dx_cell *cell;
} tcspec;

static dx_table *read_table(reader *r, const xmlNode *tbl, int nesting, int depth);

static dx_cell *read_cell(reader *r, const xmlNode *tc, int nesting, int depth) {
  dx_cell *cell = dx_arena_alloc(r->doc->arena, sizeof *cell);
  if (!cell) {
    fail(r, DX_ELIMIT, "document model larger than the memory limit");
    return NULL;
  }
  GString *text = g_string_new(NULL);
  GPtrArray *kids = g_ptr_array_new();
  sink s = {.top = false, .text = text, .tables = kids, .nesting = nesting + 1};
  walk_blocks(r, tc, &s, depth + 1);
  while (text->len && (text->str[text->len - 1] == '\n')) g_string_truncate(text, text->len - 1);
  cell->text = dx_arena_strndup(r->doc->arena, text->str, text->len);
  if (kids->len) {
    cell->children = dx_arena_alloc(r->doc->arena, kids->len * sizeof(dx_table *));
    if (cell->children) {
      memcpy(cell->children, kids->pdata, kids->len * sizeof(dx_table *));
      cell->nchildren = kids->len;
    }
  }
  g_string_free(text, TRUE);
  g_ptr_array_free(kids, TRUE);
  cell->origin = DX_ORIGIN_DOCX;
  cell->confidence = 1.0;
  cell->rowspan = cell->colspan = 1;
  if (!cell->text) fail(r, DX_ELIMIT, "document model larger than the memory limit");
  return cell;
}

static dx_table *read_table(reader *r, const xmlNode *tbl, int nesting, int depth) {
  if (nesting > r->lim->max_table_nesting) {
    fail(r, DX_ELIMIT, "tables nested deeper than the limit");
    return NULL;
  }
  int grid_cols = 0;
  const xmlNode *grid = child_w(tbl, "tblGrid");
  if (grid)
    for (const xmlNode *c = grid->children; c; c = c->next)
      if (is_w(c, "gridCol")) grid_cols++;

  GPtrArray *trs = g_ptr_array_new();
  collect_through(tbl, "tr", trs, 0);
  if (trs->len > r->lim->max_table_rows) {
    char msg[128];
    snprintf(msg, sizeof msg, "a table has %u rows, more than the limit of %zu", trs->len,
             r->lim->max_table_rows);
    fail(r, DX_ELIMIT, msg);
    g_ptr_array_free(trs, TRUE);
    return NULL;
  }
  /* First pass: each row's cells with their grid columns (17.4.14
   * gridBefore, 17.4.17 gridSpan, 17.4.85 vMerge). */
  GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  int ncols = grid_cols;
  GPtrArray *tcs = g_ptr_array_new();
  for (guint i = 0; i < trs->len && r->rc == DX_OK; i++) {
    const xmlNode *tr = g_ptr_array_index(trs, i);
    const xmlNode *trpr = child_w(tr, "trPr");
    if (trpr && child_w(trpr, "del")) continue; /* deleted row, accepted */
    int col = trpr ? attr_int(child_w(trpr, "gridBefore"), "val", 0) : 0;
    int after = trpr ? attr_int(child_w(trpr, "gridAfter"), "val", 0) : 0;
    GArray *specs = g_array_new(FALSE, TRUE, sizeof(tcspec));
    g_ptr_array_set_size(tcs, 0);
    collect_through(tr, "tc", tcs, 0);
    for (guint k = 0; k < tcs->len && r->rc == DX_OK; k++) {
      const xmlNode *tc = g_ptr_array_index(tcs, k);
      const xmlNode *pr = child_w(tc, "tcPr");
      int span = pr ? attr_int(child_w(pr, "gridSpan"), "val", 1) : 1;
      if (span < 1) span = 1;
      const xmlNode *vm = pr ? child_w(pr, "vMerge") : NULL;
      const xmlNode *hm = pr ? child_w(pr, "hMerge") : NULL;
      int vmerge = 0;
      if (vm) {
        const char *v = attr(vm, "val");
        vmerge = (v && strcmp(v, "restart") == 0) ? 1 : 2;
      }
      if (hm && specs->len) {
        const char *v = attr(hm, "val");
        if (!v || strcmp(v, "restart") != 0) { /* legacy horizontal merge */
          g_array_index(specs, tcspec, specs->len - 1).span += span;
          col += span;
          continue;
        }
      }
      if (++r->ncells > r->lim->max_cells) {
        fail(r, DX_ELIMIT, "document has more cells than the limit");
        break;
      }
      tcspec sp = {.col = col, .span = span, .vmerge = vmerge, .cell = NULL};
      sp.cell = read_cell(r, tc, nesting, depth);
      g_array_append_val(specs, sp);
      col += span;
      if ((size_t)col > r->lim->max_table_cols) {
        fail(r, DX_ELIMIT, "a table row is wider than the column limit");
        break;
      }
    }
    if (col + after > ncols) ncols = col + after;
    g_ptr_array_add(rows, specs);
  }
  g_ptr_array_free(tcs, TRUE);
  g_ptr_array_free(trs, TRUE);
  if (r->rc != DX_OK) {
    g_ptr_array_free(rows, TRUE);
    return NULL;
  }
  if (grid_cols == 0 && rows->len)
    dx_doc_warn(r->doc, "docx_no_tblgrid", 0, "a table without w:tblGrid: grid synthesised");

  dx_table *t = dx_arena_alloc(r->doc->arena, sizeof *t);
  size_t nslots = (size_t)rows->len * (size_t)(ncols ? ncols : 1);
  dx_cell **slots = t ? dx_arena_alloc(r->doc->arena, nslots * sizeof(dx_cell *)) : NULL;
  dx_cell **anchors = t ? dx_arena_alloc(r->doc->arena, (r->ncells + 1) * sizeof(dx_cell *)) : NULL;
  if (!t || !slots || !anchors) {
    fail(r, DX_ELIMIT, "document model larger than the memory limit");
    g_ptr_array_free(rows, TRUE);
    return NULL;
  }
  t->index = -1;
  t->nrows = (int)rows->len;
  t->ncols = ncols;
  t->slots = slots;
  t->cells = anchors;
  /* Second pass: place cells; a vMerge continue extends the anchor above. */
  for (int ri = 0; ri < t->nrows; ri++) {
    GArray *specs = g_ptr_array_index(rows, ri);
    for (guint k = 0; k < specs->len; k++) {
      tcspec *sp = &g_array_index(specs, tcspec, k);
      dx_cell *above = ri > 0 ? slots[(size_t)(ri - 1) * ncols + sp->col] : NULL;
      dx_cell *anchor;
      if (sp->vmerge == 2 && above && above->col == sp->col) {
        anchor = above;
        anchor->rowspan = ri - anchor->row + 1;
      } else {
        if (sp->vmerge == 2)
          dx_doc_warn(r->doc, "docx_vmerge_orphan", 0,
                      "a vertically merged cell continues nothing above it: read as a cell");
        anchor = sp->cell;
        anchor->row = ri;
        anchor->col = sp->col;
        anchor->colspan = sp->span;
        t->cells[t->ncells++] = anchor;
      }
      for (int c = sp->col; c < sp->col + sp->span && c < ncols; c++)
        slots[(size_t)ri * ncols + c] = anchor;
    }
  }
  g_ptr_array_free(rows, TRUE);
  return t;
}

static void add_paragraph(reader *r, const char *text) {
  if (blank(text)) return;
  dx_block *b = dx_arena_alloc(r->doc->arena, sizeof *b);
  if (!b || !(b->text = dx_arena_strdup(r->doc->arena, text))) {
    fail(r, DX_ELIMIT, "document model larger than the memory limit");
    return;
  }
  b->kind = DX_BLOCK_PARAGRAPH;
  b->index = r->doc->nparagraphs++;
  g_ptr_array_add(r->doc->blocks, b);
}

static void walk_blocks(reader *r, const xmlNode *parent, sink *s, int depth) {
  if (depth > r->lim->max_xml_depth) {
    fail(r, DX_ELIMIT, "XML nested deeper than the limit");
    return;
  }
  for (const xmlNode *c = parent->children; c && r->rc == DX_OK; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_w(c, "p")) {
      GString *t = g_string_new(NULL);
      para_text(r, c, t, depth);
      if (s->top) {
        add_paragraph(r, t->str);
      } else {
        if (s->text->len) g_string_append_c(s->text, '\n');
        g_string_append_len(s->text, t->str, (gssize)t->len);
      }
      g_string_free(t, TRUE);
    } else if (is_w(c, "tbl")) {
      dx_table *t = read_table(r, c, s->nesting, depth + 1);
      if (!t) return;
      if (s->top) {
        dx_block *b = dx_arena_alloc(r->doc->arena, sizeof *b);
        if (!b) {
          fail(r, DX_ELIMIT, "document model larger than the memory limit");
          return;
        }
        b->kind = DX_BLOCK_TABLE;
        b->table = t;
        t->index = b->index = r->doc->ntables++;
        g_ptr_array_add(r->doc->blocks, b);
      } else {
        g_ptr_array_add(s->tables, t);
      }
    } else if (is_w(c, "sdt")) {
      const xmlNode *content = child_w(c, "sdtContent");
      if (content) walk_blocks(r, content, s, depth + 1);
    } else if (is_w(c, "customXml") || is_w(c, "ins") || is_w(c, "moveTo")) {
      walk_blocks(r, c, s, depth + 1);
    } else if (is_ns(c, NS_MC, "AlternateContent")) {
      const xmlNode *b = alt_branch(c);
      if (b) walk_blocks(r, b, s, depth + 1);
    }
  }
}

/* ---- archive and XML ------------------------------------------------- */

static dx_code read_member(uint8_t **out, size_t *out_len, zip_t *za, const char *name,
                           const dx_limits *lim, dx_error *err) {
  zip_int64_t idx = zip_name_locate(za, name, 0);
  if (idx < 0) return dx_error_set(err, DX_EFORMAT, "not a DOCX: no %s in the archive", name);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) != 0)
    return dx_error_set(err, DX_EFORMAT, "cannot stat %s: %s", name, zip_strerror(za));
  if (name[strlen(name) - 1] == '/' ||
      ((st.valid & ZIP_STAT_SIZE) && st.size == 0 && (st.valid & ZIP_STAT_NAME) &&
       st.name[strlen(st.name) - 1] == '/'))
    return dx_error_set(err, DX_EFORMAT, "%s is a directory", name);
  /* Declared sizes are checked first, then the real bytes while reading:
   * a crafted header can lie about the size. */
  if ((st.valid & ZIP_STAT_SIZE) && st.size > lim->max_part_bytes)
    return dx_error_set(err, DX_ELIMIT, "%s declares %llu bytes, over the %zu-byte limit", name,
                        (unsigned long long)st.size, lim->max_part_bytes);
  double comp = (st.valid & ZIP_STAT_COMP_SIZE) ? (double)st.comp_size : 0;
  zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
  if (!zf) return dx_error_set(err, DX_EFORMAT, "cannot open %s: %s", name, zip_strerror(za));
  GByteArray *buf = g_byte_array_new();
  uint8_t tmp[65536];
  dx_code rc = DX_OK;
  for (;;) {
    zip_int64_t n = zip_fread(zf, tmp, sizeof tmp);
    if (n < 0) {
      rc = dx_error_set(err, DX_EFORMAT, "corrupt or truncated archive member %s: %s", name,
                        zip_error_strerror(zip_file_get_error(zf)));
      break;
    }
    if (n == 0) break;
    if (buf->len + (size_t)n > lim->max_part_bytes) {
      rc = dx_error_set(err, DX_ELIMIT, "%s inflates past the %zu-byte limit (zip bomb?)", name,
                        lim->max_part_bytes);
      break;
    }
    g_byte_array_append(buf, tmp, (guint)n);
    if (buf->len > RATIO_MIN_BYTES && comp > 0 && buf->len / comp > lim->max_inflate_ratio) {
      rc = dx_error_set(err, DX_ELIMIT,
                        "%s inflates more than %.0f:1, over the ratio limit (zip bomb?)", name,
                        lim->max_inflate_ratio);
      break;
    }
  }
  zip_fclose(zf);
  if (rc != DX_OK) {
    g_byte_array_free(buf, TRUE);
    return rc;
  }
  *out_len = buf->len;
  *out = g_byte_array_free(buf, FALSE);
  return DX_OK;
}

/* A DOCTYPE can only stand in the prolog, before the root element. We
 * reject it outright: WordprocessingML never has one, and refusing it
 * removes entity expansion attacks whatever the parser's settings. */
static bool has_doctype(const uint8_t *xml, size_t len) {
  size_t i = 0;
  while (i < len) {
    const uint8_t *lt = memchr(xml + i, '<', len - i);
    if (!lt) return false;
    i = (size_t)(lt - xml);
    if (i + 1 >= len) return false;
    uint8_t c = xml[i + 1];
    if (c == '?') {
      const uint8_t *e = memchr(xml + i, '>', len - i);
      if (!e) return false;
      i = (size_t)(e - xml) + 1;
    } else if (c == '!') {
      if (len - i >= 4 && memcmp(xml + i, "<!--", 4) == 0) {
        const uint8_t *e =
            (const uint8_t *)g_strstr_len((const char *)xml + i, (gssize)(len - i), "-->");
        if (!e) return false;
        i = (size_t)(e - xml) + 3;
      } else {
        return true; /* <!DOCTYPE or other markup declaration */
      }
    } else {
      return false; /* root element */
    }
  }
  return false;
}

/* libxml2 prints some errors (encoding conversion, I/O) straight to
 * stderr whatever the parse options; declx reports every failure itself,
 * in one line, from xmlGetLastError(). */
static void xml_silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

static void xml_silent_structured(void *ctx, const xmlError *e) {
  (void)ctx;
  (void)e;
}

static size_t count_byte(const uint8_t *s, size_t len, uint8_t c) {
  size_t n = 0;
  const uint8_t *p = s, *end = s + len;
  while (p < end) {
    const uint8_t *q = memchr(p, c, (size_t)(end - p));
    if (!q) break;
    n++;
    p = q + 1;
  }
  return n;
}

/* Elements in the tree, counted without recursion, stopping past `cap`. */
static size_t count_elements(const xmlNode *root, size_t cap) {
  size_t n = 0;
  const xmlNode *node = root;
  while (node && n <= cap) {
    if (node->type == XML_ELEMENT_NODE) n++;
    if (node->children) {
      node = node->children;
      continue;
    }
    while (node && !node->next && node != root) node = node->parent;
    if (!node || node == root) break;
    node = node->next;
  }
  return n;
}

dx_code dx_docx_read_xml(dx_doc **out, const char *file, const uint8_t *xml, size_t xml_len,
                         const dx_limits *lim, dx_error *err) {
  *out = NULL;
  if (has_doctype(xml, xml_len))
    return dx_error_set(err, DX_EFORMAT, "word/document.xml has a DOCTYPE, which DOCX never has");
  if (xml_len > INT_MAX || xml_len > lim->max_part_bytes)
    return dx_error_set(err, DX_ELIMIT, "word/document.xml larger than the limit");
  xmlSetGenericErrorFunc(NULL, xml_silent);
  xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)xml_silent_structured);
  xmlResetLastError();
  /* No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD,
   * no XML_PARSE_HUGE (keeps libxml2's own depth and size caps).
   * XML_PARSE_COMPACT: short text stays inside its node (fewer mallocs);
   * the tree is only read. */
  xmlDoc *x =
      xmlReadMemory((const char *)xml, (int)xml_len, "document.xml", NULL,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
  if (!x) {
    const xmlError *e = xmlGetLastError();
    char msg[200] = "parse error";
    if (e && e->message) {
      snprintf(msg, sizeof msg, "%s", e->message);
      g_strstrip(msg);
    }
    return dx_error_set(err, DX_EFORMAT, "malformed word/document.xml (line %d): %s",
                        e ? e->line : 0, msg);
  }
  dx_code rc = DX_OK;
  dx_doc *doc = NULL;
  const xmlNode *root = xmlDocGetRootElement(x);
  /* Every element starts with '<': when the text has no more '<' than
   * the limit allows elements, the tree need not be walked to count. */
  if (root && count_byte(xml, xml_len, '<') > lim->max_xml_nodes &&
      count_elements(root, lim->max_xml_nodes) > lim->max_xml_nodes) {
    rc = dx_error_set(err, DX_ELIMIT, "word/document.xml has more than %zu elements",
                      lim->max_xml_nodes);
    goto cleanup;
  }
  const xmlNode *body = root && is_w(root, "document") ? child_w(root, "body") : NULL;
  if (!body) {
    rc = dx_error_set(err, DX_EFORMAT, "word/document.xml has no w:document/w:body");
    goto cleanup;
  }
  doc = dx_doc_new(file, lim);
  if (!doc) { /* the first allocations failed: the model's cap or malloc */
    rc = dx_error_set(err, DX_ELIMIT, "document model larger than the memory limit");
    goto cleanup;
  }
  doc->format = DX_FORMAT_DOCX;
  reader r = {.doc = doc, .lim = lim, .err = err, .rc = DX_OK};
  sink s = {.top = true, .nesting = 0};
  walk_blocks(&r, body, &s, 0);
  rc = r.rc;
  if (rc == DX_OK) {
    *out = doc;
    doc = NULL;
  }
cleanup:
  dx_doc_free(doc);
  xmlFreeDoc(x);
  return rc;
}

/* Most a package relationship part (_rels/.rels) may hold; real ones
 * are under 2 KB. */
enum { RELS_MAX_BYTES = 1 << 20 };

/* The main document part's name. Word always writes word/document.xml,
 * but OPC (ECMA-376 Part 2, 9.3) names it through the package
 * relationship of type officeDocument, and some producers use another
 * name: that relationship is followed when word/document.xml is absent.
 * *out is a new string on success. */
static dx_code main_part_name(char **out, zip_t *za, const dx_limits *lim, dx_error *err) {
  *out = NULL;
  if (zip_name_locate(za, "word/document.xml", 0) >= 0) {
    *out = g_strdup("word/document.xml");
    return DX_OK;
  }
  if (zip_name_locate(za, "_rels/.rels", 0) < 0)
    return dx_error_set(err, DX_EFORMAT, "not a DOCX: no word/document.xml in the archive");
  dx_limits small = *lim;
  if (small.max_part_bytes > RELS_MAX_BYTES) small.max_part_bytes = RELS_MAX_BYTES;
  uint8_t *rels = NULL;
  size_t rels_len = 0;
  dx_code rc = read_member(&rels, &rels_len, za, "_rels/.rels", &small, err);
  if (rc != DX_OK) return rc;
  char *name = NULL;
  bool outside = false;
  xmlDoc *x = NULL;
  if (!has_doctype(rels, rels_len) && rels_len <= INT_MAX)
    x = xmlReadMemory((const char *)rels, (int)rels_len, "rels.xml", NULL,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  const xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
  for (const xmlNode *c = root ? root->children : NULL; c && !name && !outside; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "Relationship") != 0) continue;
    const char *type = attr(c, "Type"), *target = attr(c, "Target");
    if (!type || !target || !g_str_has_suffix(type, "/officeDocument")) continue;
    while (*target == '/') target++;
    /* a package-relative name only: no "..", no scheme, no drive */
    if (!*target || strstr(target, "..") || strchr(target, ':') || strchr(target, '\\')) {
      rc = dx_error_set(err, DX_EFORMAT,
                        "not a DOCX: main part name \"%.80s\" is outside the package", target);
      outside = true;
    } else {
      name = g_strdup(target);
    }
  }
  if (!name && !outside)
    rc = dx_error_set(err, DX_EFORMAT,
                      "not a DOCX: no word/document.xml and no officeDocument part");
  if (x) xmlFreeDoc(x);
  g_free(rels);
  *out = name;
  return rc;
}

dx_code dx_docx_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                     const dx_limits *lim, dx_error *err) {
  *out = NULL;
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  if (!src) {
    dx_code rc = dx_error_set(err, DX_ELIBRARY, "libzip: %s", zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return rc;
  }
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!za) {
    dx_code rc =
        dx_error_set(err, DX_EFORMAT, "not a readable zip archive (truncated or corrupt): %s",
                     zip_error_strerror(&ze));
    zip_source_free(src);
    zip_error_fini(&ze);
    return rc;
  }
  zip_error_fini(&ze);
  uint8_t *xml = NULL;
  size_t xml_len = 0;
  dx_doc *doc = NULL;
  dx_code rc = DX_OK;
  zip_int64_t nentries = zip_get_num_entries(za, 0);
  if (nentries < 0 || (size_t)nentries > lim->max_zip_entries) {
    rc = dx_error_set(err, DX_ELIMIT, "archive has more than %zu entries", lim->max_zip_entries);
    goto cleanup;
  }
  char *part = NULL;
  rc = main_part_name(&part, za, lim, err);
  if (rc == DX_OK && !part) rc = DX_EFORMAT;
  if (rc != DX_OK) goto cleanup;
  rc = read_member(&xml, &xml_len, za, part, lim, err);
  g_free(part);
  if (rc != DX_OK) goto cleanup;
  rc = dx_docx_read_xml(&doc, file, xml, xml_len, lim, err);
  if (rc == DX_OK) {
    char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
    g_strlcpy(doc->sha256, sum ? sum : "", sizeof doc->sha256);
    g_free(sum);
    *out = doc;
    doc = NULL;
  }
cleanup:
  dx_doc_free(doc);
  g_free(xml);
  zip_discard(za);
  return rc;
}
