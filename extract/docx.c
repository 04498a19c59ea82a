/* docx.c — DOCX (ECMA-376 WordprocessingML) into the document model.
 *
 * The archive is read in memory with libzip; word/document.xml is
 * inflated under a byte cap and a ratio cap enforced while reading, and
 * streamed through libxml2's SAX2 parser (no tree is built) with the
 * network off, no entity substitution, no DTD loading, and any DOCTYPE
 * rejected before parsing.
 */
#include "dx_extract.h"

#include <string.h>
#include <zip.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
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
/* Most bytes inflated between two checks of the limits. */
enum { READ_STEP = 1 << 20 };

/* Deepest element nesting the reader follows (libxml2 itself stops at
 * 256 without XML_PARSE_HUGE). */
enum { FRAMES_MAX = 512 };

/* How an element's children are read. The reader never builds a tree:
 * libxml2's SAX2 callbacks drive a stack of frames, one per open
 * element that matters; a subtree that does not matter (formatting,
 * drawings without text boxes, deleted text) is only counted. */
typedef enum mode {
  M_SKIP,   /* not read */
  M_ROOT,   /* before the root element */
  M_DOC,    /* w:document's children */
  M_BLOCK,  /* paragraphs and tables: w:body, w:tc and wrappers */
  M_INLINE, /* a paragraph's runs and their wrappers */
  M_RUN,    /* w:r's children */
  M_TEXT,   /* inside w:t: characters are text */
  M_RPR,    /* a run's w:rPr: its fonts */
  M_SDT,    /* w:sdt's children: sdtPr, then content read as `inner` */
  M_SDTPR,  /* an inline w:sdtPr: a w14:checkbox? */
  M_W14CB,  /* w14:checkbox's children */
  M_ALT,    /* mc:AlternateContent: one branch, read as `inner` */
  M_FLD,    /* w:fldChar begin: a form checkbox? */
  M_FFDATA, /* w:ffData's children */
  M_FFCB,   /* w:checkBox's children */
  M_BOX,    /* a drawing, picture or object: text boxes anywhere in it */
  M_TXBX,   /* w:txbxContent: its paragraphs */
  M_TABLE,  /* w:tbl's children and table-level wrappers */
  M_GRID,   /* w:tblGrid */
  M_ROW,    /* w:tr's children and row-level wrappers */
  M_TRPR,   /* w:trPr */
  M_TCPR,   /* w:tcPr */
} mode;

/* What an element's end does. */
typedef enum end_act { E_NONE, E_PARA, E_TEXT, E_TABLE, E_ROW, E_CELL, E_FLD, E_SDT } end_act;

/* Where block-level content goes: the document body or one cell. */
typedef struct sink {
  bool top;
  GString *text;     /* cell text (cells only) */
  GPtrArray *tables; /* nested tables (cells only) */
  int nesting;       /* table nesting level of tables found here */
} sink;

typedef struct tcspec {
  int col, span;
  int vmerge; /* 0 none, 1 restart, 2 continue */
  dx_cell *cell;
} tcspec;

/* A table being read. */
typedef struct tbuild {
  sink *dest;      /* where the table goes when it ends */
  int nesting;     /* its table nesting level */
  int grid_cols;   /* w:gridCol in its w:tblGrid */
  bool grid_seen;  /* the first w:tblGrid only */
  size_t ntr;      /* rows met, deleted ones too (the row limit) */
  int width;       /* grid columns the rows reach, w:gridAfter included */
  GPtrArray *rows; /* GArray of tcspec per row read */
  /* the row being read */
  GArray *row; /* tcspec; NULL while no row is open */
  int col, after;
  bool deleted, trpr_seen;
} tbuild;

/* A cell being read. */
typedef struct cbuild {
  sink s;
  int span, vmerge;
  bool tcpr_seen, span_seen, vm_seen, hm_seen;
  bool hmerge_cont; /* a legacy horizontal merge: joins the cell before */
} cbuild;

typedef struct frame {
  uint8_t mode;  /* how the element's children are read */
  uint8_t inner; /* M_SDT, M_ALT: how their content is read */
  uint8_t end;   /* what the element's end does */
  bool seen1;    /* a first child of some kind was met (per mode) */
  bool seen2;
  int8_t checked;     /* M_SDT, M_FLD: -1 no checkbox, else its state */
  int8_t dflt;        /* M_FLD: the checkbox's default, -1 none */
  unsigned owner;     /* M_SDTPR, M_W14CB, M_RPR, M_FFDATA, M_FFCB: the frame they report to */
  const char *family; /* M_RUN, M_TEXT: the run's symbol font */
  sink *s;            /* block modes: where blocks go */
  tbuild *t;          /* table and row modes: the table */
  cbuild *c;          /* a cell's own frame */
} frame;

typedef struct reader {
  dx_doc *doc;
  const dx_limits *lim;
  dx_error *err;
  xmlParserCtxt *ctxt;
  size_t ncells;
  size_t nelements;
  dx_code rc; /* first error; reading stops once set */
  frame *frames;
  unsigned nframes, max_frames;
  unsigned skip;        /* open elements inside a subtree not read */
  const xmlChar *w_uri; /* the WordprocessingML namespace as libxml2 spells it here */
  bool root_ok, body_seen;
  sink top;
  GString *para; /* the paragraph being read */
  GString *text; /* the w:t being read */
} reader;

static dx_code fail(reader *r, dx_code code, const char *msg) {
  if (r->rc == DX_OK) {
    r->rc = dx_error_set(r->err, code, "%s", msg);
    xmlStopParser(r->ctxt);
  }
  return r->rc;
}

static dx_code fail_memory(reader *r) {
  return fail(r, DX_ELIMIT, "document model larger than the memory limit");
}

/* ---- small helpers ---------------------------------------------------- */

static bool eq(const xmlChar *a, const char *b) {
  return strcmp((const char *)a, b) == 0;
}

static bool is_w_uri(reader *r, const xmlChar *uri) {
  if (!uri) return false;
  if (uri == r->w_uri) return true; /* names live in the parser's dictionary */
  if (eq(uri, NS_W) || eq(uri, NS_W_STRICT)) {
    r->w_uri = uri;
    return true;
  }
  return false;
}

/* An attribute's value by local name, whatever its namespace (w:val,
 * w14:val), as a new string, or NULL. SAX2 attributes come as five
 * pointers: local name, prefix, URI, value, end of value. Without
 * entity substitution libxml2 leaves "&" as "&#38;" in attribute values. */
static char *attr(int nattr, const xmlChar **at, const char *local) {
  for (int i = 0; i < nattr; i++, at += 5) {
    /* a prefix without a namespace: libxml2's tree would name it
     * "prefix:local", which no local name matches */
    if (!eq(at[0], local) || (at[1] && !at[2])) continue;
    char *v = g_strndup((const char *)at[3], (gsize)(at[4] - at[3]));
    for (char *amp; (amp = strstr(v, "&#38;"));) memmove(amp + 1, amp + 5, strlen(amp + 5) + 1);
    return v;
  }
  return NULL;
}

static int attr_int(int nattr, const xmlChar **at, const char *local, int dflt) {
  char *v = attr(nattr, at, local);
  if (!v) return dflt;
  char *end;
  long x = strtol(v, &end, 10);
  int res = (end == v || x < 0 || x > 100000) ? dflt : (int)x;
  g_free(v);
  return res;
}

static bool attr_is(int nattr, const xmlChar **at, const char *local, const char *want) {
  char *v = attr(nattr, at, local);
  bool yes = v && strcmp(v, want) == 0;
  g_free(v);
  return yes;
}

/* ST_OnOff (17.17.4): absent val means on. */
static bool on_off(int nattr, const xmlChar **at) {
  char *v = attr(nattr, at, "val");
  bool on = !v || strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0;
  g_free(v);
  return on;
}

/* ---- checkboxes ------------------------------------------------------ */

/* The unified checkbox glyph for a symbol-font code, or NULL. */
static const char *sym_glyph(const char *family, unsigned code) {
  uint32_t c = dx_symbol_checkbox(family, code);
  return c == 0x2611 ? GLYPH_ON : c == 0x2610 ? GLYPH_OFF : NULL;
}

static void append_sym(GString *out, int nattr, const xmlChar **at) {
  char *ch = attr(nattr, at, "char");
  if (!ch) return;
  char *font = attr(nattr, at, "font");
  const char *g = sym_glyph(dx_symbol_family(font), (unsigned)strtoul(ch, NULL, 16));
  if (g) g_string_append(out, g);
  g_free(font);
  g_free(ch);
}

/* The symbol font a w:rFonts names, or NULL. */
static const char *fonts_family(int nattr, const xmlChar **at) {
  static const char *slots[] = {"ascii", "hAnsi", "eastAsia", "cs"};
  for (size_t i = 0; i < G_N_ELEMENTS(slots); i++) {
    char *v = attr(nattr, at, slots[i]);
    const char *f = dx_symbol_family(v);
    g_free(v);
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

/* ---- tables ------------------------------------------------------------ */

static void tbuild_free(tbuild *t) {
  if (!t) return;
  g_ptr_array_free(t->rows, TRUE);
  if (t->row) g_array_unref(t->row);
  g_free(t);
}

static void cbuild_free(cbuild *c) {
  if (!c) return;
  g_string_free(c->s.text, TRUE);
  g_ptr_array_free(c->s.tables, TRUE);
  g_free(c);
}

static void table_start(reader *r, frame *nf, sink *dest) {
  if (dest->nesting > r->lim->max_table_nesting) {
    fail(r, DX_ELIMIT, "tables nested deeper than the limit");
    return;
  }
  tbuild *t = g_new0(tbuild, 1);
  t->dest = dest;
  t->nesting = dest->nesting;
  t->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  nf->mode = M_TABLE;
  nf->end = E_TABLE;
  nf->t = t;
}

static void row_start(reader *r, frame *nf, tbuild *t) {
  if (++t->ntr > r->lim->max_table_rows) {
    char msg[128];
    snprintf(msg, sizeof msg, "a table has more than %zu rows, the limit", r->lim->max_table_rows);
    fail(r, DX_ELIMIT, msg);
    return;
  }
  if (t->row) g_array_unref(t->row); /* a row inside a row: the outer one is dropped */
  t->row = g_array_new(FALSE, TRUE, sizeof(tcspec));
  t->col = t->after = 0;
  t->deleted = t->trpr_seen = false;
  nf->mode = M_ROW;
  nf->end = E_ROW;
  nf->t = t;
}

static void row_end(tbuild *t) {
  if (!t->row) return;
  if (t->deleted) { /* a deleted row, read as accepted */
    g_array_unref(t->row);
  } else {
    if (t->col + t->after > t->width) t->width = t->col + t->after;
    g_ptr_array_add(t->rows, t->row);
  }
  t->row = NULL;
}

static void cell_start(frame *nf, tbuild *t) {
  cbuild *c = g_new0(cbuild, 1);
  c->s = (sink){.top = false,
                .text = g_string_new(NULL),
                .tables = g_ptr_array_new(),
                .nesting = t->nesting + 1};
  c->span = 1;
  nf->mode = M_BLOCK;
  nf->end = E_CELL;
  nf->c = c;
  nf->s = &c->s;
  nf->t = t;
}

static dx_cell *make_cell(reader *r, cbuild *cb) {
  dx_cell *cell = dx_arena_alloc(r->doc->arena, sizeof *cell);
  if (!cell) {
    fail_memory(r);
    return NULL;
  }
  GString *text = cb->s.text;
  while (text->len && (text->str[text->len - 1] == '\n')) g_string_truncate(text, text->len - 1);
  cell->text = dx_arena_strndup(r->doc->arena, text->str, text->len);
  GPtrArray *kids = cb->s.tables;
  if (kids->len) {
    cell->children = dx_arena_alloc(r->doc->arena, kids->len * sizeof(dx_table *));
    if (cell->children) {
      memcpy(cell->children, kids->pdata, kids->len * sizeof(dx_table *));
      cell->nchildren = kids->len;
    }
  }
  cell->origin = DX_ORIGIN_DOCX;
  cell->confidence = 1.0;
  cell->rowspan = cell->colspan = 1;
  if (!cell->text) fail_memory(r);
  return cell;
}

/* A w:tc ends: its grid columns (17.4.17 gridSpan, 17.4.85 vMerge, the
 * legacy hMerge) and its content become a cell of the row. */
static void cell_end(reader *r, tbuild *t, cbuild *c) {
  if (!t->row) return;
  if (c->hmerge_cont) {
    g_array_index(t->row, tcspec, t->row->len - 1).span += c->span;
    t->col += c->span;
    return;
  }
  if (++r->ncells > r->lim->max_cells) {
    fail(r, DX_ELIMIT, "document has more cells than the limit");
    return;
  }
  tcspec sp = {.col = t->col, .span = c->span, .vmerge = c->vmerge, .cell = make_cell(r, c)};
  if (r->rc != DX_OK) return;
  g_array_append_val(t->row, sp);
  t->col += c->span;
  if ((size_t)t->col > r->lim->max_table_cols)
    fail(r, DX_ELIMIT, "a table row is wider than the column limit");
}

/* A w:tbl ends: its rows' cells placed on the grid; a vMerge continue
 * extends the anchor above. */
static void table_end(reader *r, tbuild *tb) {
  GPtrArray *rows = tb->rows;
  int ncols = MAX(tb->grid_cols, tb->width);
  if (tb->grid_cols == 0 && rows->len)
    dx_doc_warn(r->doc, "docx_no_tblgrid", 0, "a table without w:tblGrid: grid synthesised");
  dx_table *t = dx_arena_alloc(r->doc->arena, sizeof *t);
  size_t nslots = (size_t)rows->len * (size_t)(ncols ? ncols : 1);
  dx_cell **slots = t ? dx_arena_alloc(r->doc->arena, nslots * sizeof(dx_cell *)) : NULL;
  dx_cell **anchors = t ? dx_arena_alloc(r->doc->arena, (r->ncells + 1) * sizeof(dx_cell *)) : NULL;
  if (!t || !slots || !anchors) {
    fail_memory(r);
    return;
  }
  t->index = -1;
  t->nrows = (int)rows->len;
  t->ncols = ncols;
  t->slots = slots;
  t->cells = anchors;
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
  sink *dest = tb->dest;
  if (dest->top) {
    dx_block *b = dx_arena_alloc(r->doc->arena, sizeof *b);
    if (!b) {
      fail_memory(r);
      return;
    }
    b->kind = DX_BLOCK_TABLE;
    b->table = t;
    t->index = b->index = r->doc->ntables++;
    g_ptr_array_add(r->doc->blocks, b);
  } else {
    g_ptr_array_add(dest->tables, t);
  }
}

static bool blank(const char *s) {
  for (; *s; s++)
    if (!g_ascii_isspace(*s)) return false;
  return true;
}

/* A body paragraph ends: a block; a cell's: a line of the cell. */
static void para_end(reader *r, sink *s) {
  GString *p = r->para;
  if (!s->top) {
    if (s->text->len) g_string_append_c(s->text, '\n');
    g_string_append_len(s->text, p->str, (gssize)p->len);
    return;
  }
  if (blank(p->str)) return;
  dx_block *b = dx_arena_alloc(r->doc->arena, sizeof *b);
  if (!b || !(b->text = dx_arena_strndup(r->doc->arena, p->str, p->len))) {
    fail_memory(r);
    return;
  }
  b->kind = DX_BLOCK_PARAGRAPH;
  b->index = r->doc->nparagraphs++;
  g_ptr_array_add(r->doc->blocks, b);
}

/* ---- the SAX2 callbacks ------------------------------------------------- */

/* Wrappers that content is read through as if they were not there:
 * tracked insertions and moves are read as accepted (17.13.5.18), w:del
 * and w:moveFrom as accepted too, i.e. dropped. */
static bool block_wrapper(const xmlChar *n) {
  return eq(n, "customXml") || eq(n, "ins") || eq(n, "moveTo");
}

static bool inline_wrapper(const xmlChar *n) {
  return eq(n, "ins") || eq(n, "moveTo") || eq(n, "hyperlink") || eq(n, "smartTag") ||
         eq(n, "customXml") || eq(n, "fldSimple") || eq(n, "dir") || eq(n, "bdo");
}

static bool is_mc(const xmlChar *uri) {
  return uri && eq(uri, NS_MC);
}

/* Rows, cells and blocks are read through w:sdt (its content),
 * w:customXml, tracked insertions and moves, and mc:AlternateContent
 * (one branch): the wrapper's frame reads its content as `m`. */
static void wrapper(frame *nf, mode m, const xmlChar *n, const xmlChar *uri, bool w) {
  if (w && eq(n, "sdt")) {
    nf->mode = M_SDT;
    nf->checked = -1;
    nf->inner = m;
  } else if (w && block_wrapper(n)) {
    nf->mode = m;
  } else if (is_mc(uri) && eq(n, "AlternateContent")) {
    nf->mode = M_ALT;
    nf->inner = m;
  }
}

/* The frame for a child element `n` of an element read as `f`; nf->mode
 * stays M_SKIP for a subtree not read. nattr/at: the child's attributes. */
static void child_frame(reader *r, frame *f, unsigned fi, frame *nf, const xmlChar *n,
                        const xmlChar *uri, int nattr, const xmlChar **at) {
  bool w = is_w_uri(r, uri);
  nf->s = f->s;
  nf->t = f->t;
  nf->family = f->family;
  switch ((mode)f->mode) {
  case M_ROOT:
    if (w && eq(n, "document")) {
      nf->mode = M_DOC;
      r->root_ok = true;
    }
    break;
  case M_DOC:
    if (w && eq(n, "body") && !r->body_seen) {
      r->body_seen = true;
      nf->mode = M_BLOCK;
      nf->s = &r->top;
    }
    break;
  case M_BLOCK:
    if (f->end == E_CELL && (f->c->hmerge_cont || !f->t->row)) break; /* merged away, deleted */
    if (w && eq(n, "p")) {
      g_string_truncate(r->para, 0);
      nf->mode = M_INLINE;
      nf->end = E_PARA;
    } else if (w && eq(n, "tbl")) {
      table_start(r, nf, f->s);
    } else if (w && eq(n, "tcPr") && f->end == E_CELL && !f->c->tcpr_seen) {
      f->c->tcpr_seen = true;
      nf->mode = M_TCPR;
      nf->c = f->c;
    } else {
      wrapper(nf, M_BLOCK, n, uri, w);
    }
    break;
  case M_INLINE:
    if (w && eq(n, "r")) {
      nf->mode = M_RUN;
      nf->family = NULL;
    } else if (w && eq(n, "sdt")) {
      nf->mode = M_SDT;
      nf->checked = -1;
      nf->inner = M_INLINE;
      nf->end = E_SDT;
    } else if (w && inline_wrapper(n)) {
      nf->mode = M_INLINE;
    } else if (is_mc(uri) && eq(n, "AlternateContent")) {
      nf->mode = M_ALT;
      nf->inner = M_INLINE;
    }
    break;
  case M_RUN:
    if (!w) {
      if (is_mc(uri) && eq(n, "AlternateContent")) {
        nf->mode = M_ALT;
        nf->inner = M_BOX;
      }
    } else if (eq(n, "t")) {
      g_string_truncate(r->text, 0);
      nf->mode = M_TEXT;
      nf->end = E_TEXT;
    } else if (eq(n, "rPr")) {
      if (!f->seen1) {
        f->seen1 = true;
        nf->mode = M_RPR;
        nf->owner = fi;
      }
    } else if (eq(n, "tab") || eq(n, "ptab")) {
      g_string_append_c(r->para, '\t');
    } else if (eq(n, "br") || eq(n, "cr")) {
      g_string_append_c(r->para, '\n');
    } else if (eq(n, "noBreakHyphen")) {
      g_string_append_c(r->para, '-');
    } else if (eq(n, "sym")) {
      append_sym(r->para, nattr, at);
    } else if (eq(n, "fldChar")) {
      if (attr_is(nattr, at, "fldCharType", "begin")) {
        nf->mode = M_FLD;
        nf->end = E_FLD;
        nf->checked = nf->dflt = -1;
      }
    } else if (eq(n, "drawing") || eq(n, "pict") || eq(n, "object")) {
      nf->mode = M_BOX;
    }
    /* w:instrText, w:delText and the rest carry no visible text */
    break;
  case M_TEXT:
    nf->mode = M_TEXT; /* its characters are the w:t's text too */
    break;
  case M_RPR:
    if (w && eq(n, "rFonts") && !f->seen1) {
      f->seen1 = true;
      r->frames[f->owner].family = fonts_family(nattr, at);
    }
    break;
  case M_SDT:
    if (w && eq(n, "sdtPr") && !f->seen1) {
      f->seen1 = true;
      if (f->inner == M_INLINE) {
        nf->mode = M_SDTPR;
        nf->owner = fi;
      }
    } else if (w && eq(n, "sdtContent") && !f->seen2) {
      f->seen2 = true;
      if (f->checked < 0) nf->mode = f->inner; /* a checkbox's content is its picture */
    }
    break;
  case M_SDTPR: /* Word 2010 content-control check box */
    if (uri && eq(uri, NS_W14) && eq(n, "checkbox") && !f->seen1) {
      f->seen1 = true;
      r->frames[f->owner].checked = 0;
      nf->mode = M_W14CB;
      nf->owner = f->owner;
    }
    break;
  case M_W14CB:
    if (uri && eq(uri, NS_W14) && eq(n, "checked") && !f->seen1) {
      f->seen1 = true;
      char *v = attr(nattr, at, "val");
      r->frames[f->owner].checked = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
      g_free(v);
    }
    break;
  case M_ALT:
    /* mc:AlternateContent (ECMA-376 Part 3, 10.2): one branch is read,
     * the first mc:Choice, else mc:Fallback. Every Choice we meet in
     * forms carries the same text as its Fallback. */
    if (is_mc(uri) && (eq(n, "Choice") || eq(n, "Fallback")) && !f->seen1) {
      f->seen1 = true;
      nf->mode = f->inner;
    }
    break;
  case M_FLD:
    if (w && eq(n, "ffData") && !f->seen1) {
      f->seen1 = true;
      nf->mode = M_FFDATA;
      nf->owner = fi;
    }
    break;
  case M_FFDATA:
    if (w && eq(n, "checkBox") && !f->seen1) {
      f->seen1 = true;
      r->frames[f->owner].seen2 = true; /* the field is a checkbox */
      nf->mode = M_FFCB;
      nf->owner = f->owner;
    }
    break;
  case M_FFCB:
    if (w && eq(n, "checked") && !f->seen1) {
      f->seen1 = true;
      r->frames[f->owner].checked = on_off(nattr, at);
    } else if (w && eq(n, "default") && !f->seen2) {
      f->seen2 = true;
      r->frames[f->owner].dflt = on_off(nattr, at);
    }
    break;
  case M_BOX: /* text boxes (w:txbxContent), one paragraph per line */
    nf->mode = w && eq(n, "txbxContent") ? M_TXBX : M_BOX;
    break;
  case M_TXBX:
    if (w && eq(n, "p")) {
      GString *out = r->para;
      if (out->len && out->str[out->len - 1] != '\n') g_string_append_c(out, '\n');
      nf->mode = M_INLINE;
    }
    break;
  case M_TABLE:
    if (w && eq(n, "tr")) {
      row_start(r, nf, f->t);
    } else if (w && eq(n, "tblGrid") && f->end == E_TABLE && !f->t->grid_seen) {
      f->t->grid_seen = true;
      nf->mode = M_GRID;
    } else {
      wrapper(nf, M_TABLE, n, uri, w);
    }
    break;
  case M_GRID:
    if (w && eq(n, "gridCol")) f->t->grid_cols++;
    break;
  case M_ROW:
    if (w && eq(n, "tc")) {
      if (f->t->row && !f->t->deleted) cell_start(nf, f->t);
    } else if (w && eq(n, "trPr") && f->end == E_ROW && !f->t->trpr_seen) {
      f->t->trpr_seen = true;
      nf->mode = M_TRPR;
    } else {
      wrapper(nf, M_ROW, n, uri, w);
    }
    break;
  case M_TRPR: /* 17.4.14 gridBefore; a deleted row is read as accepted */
    if (!w) break;
    if (eq(n, "del")) {
      f->t->deleted = true;
    } else if (eq(n, "gridBefore") && !f->seen1) {
      f->seen1 = true;
      f->t->col = attr_int(nattr, at, "val", 0);
    } else if (eq(n, "gridAfter") && !f->seen2) {
      f->seen2 = true;
      f->t->after = attr_int(nattr, at, "val", 0);
    }
    break;
  case M_TCPR:
    if (!w) break;
    if (eq(n, "gridSpan") && !f->c->span_seen) {
      f->c->span_seen = true;
      f->c->span = MAX(1, attr_int(nattr, at, "val", 1));
    } else if (eq(n, "vMerge") && !f->c->vm_seen) {
      f->c->vm_seen = true;
      f->c->vmerge = attr_is(nattr, at, "val", "restart") ? 1 : 2;
    } else if (eq(n, "hMerge") && !f->c->hm_seen) {
      f->c->hm_seen = true;
      if (f->t->row && f->t->row->len && !attr_is(nattr, at, "val", "restart"))
        f->c->hmerge_cont = true;
    }
    break;
  case M_SKIP:
    break;
  }
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattr, int ndefaulted,
                     const xmlChar **attrs) {
  (void)prefix;
  (void)nns;
  (void)ns;
  (void)ndefaulted;
  reader *r = ctx;
  if (r->rc != DX_OK) return;
  if (++r->nelements > r->lim->max_xml_nodes) {
    char msg[96];
    snprintf(msg, sizeof msg, "word/document.xml has more than %zu elements",
             r->lim->max_xml_nodes);
    fail(r, DX_ELIMIT, msg);
    return;
  }
  /* open elements, the root frame aside */
  if ((size_t)(r->nframes - 1) + r->skip >= r->max_frames - 1) {
    fail(r, DX_ELIMIT, "XML nested deeper than the limit");
    return;
  }
  if (r->skip) {
    r->skip++;
    return;
  }
  unsigned fi = r->nframes - 1;
  frame nf = {.mode = M_SKIP};
  child_frame(r, &r->frames[fi], fi, &nf, local, uri, nattr, attrs);
  if (r->rc != DX_OK) { /* the new frame's builders, if any */
    tbuild_free(nf.end == E_TABLE ? nf.t : NULL);
    cbuild_free(nf.end == E_CELL ? nf.c : NULL);
    return;
  }
  if (nf.mode == M_SKIP) {
    r->skip = 1;
    return;
  }
  r->frames[r->nframes++] = nf;
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
  (void)local;
  (void)prefix;
  (void)uri;
  reader *r = ctx;
  if (r->rc != DX_OK) return;
  if (r->skip) {
    r->skip--;
    return;
  }
  if (r->nframes <= 1) return;
  frame *f = &r->frames[r->nframes - 1];
  switch ((end_act)f->end) {
  case E_PARA:
    para_end(r, f->s);
    break;
  case E_TEXT:
    append_run_text(r->para, r->text->str, f->family);
    break;
  case E_TABLE:
    table_end(r, f->t);
    tbuild_free(f->t);
    break;
  case E_ROW:
    row_end(f->t);
    break;
  case E_CELL:
    cell_end(r, f->t, f->c);
    cbuild_free(f->c);
    break;
  case E_FLD:
    if (f->seen2) {
      bool on = f->checked >= 0 ? f->checked : f->dflt >= 0 ? f->dflt : false;
      g_string_append(r->para, on ? GLYPH_ON : GLYPH_OFF);
    }
    break;
  case E_SDT:
    if (f->checked >= 0) g_string_append(r->para, f->checked ? GLYPH_ON : GLYPH_OFF);
    break;
  case E_NONE:
    break;
  }
  f->end = E_NONE; /* its builders are gone */
  r->nframes--;
}

static void on_chars(void *ctx, const xmlChar *ch, int len) {
  reader *r = ctx;
  if (r->rc == DX_OK && !r->skip && r->frames[r->nframes - 1].mode == M_TEXT)
    g_string_append_len(r->text, (const char *)ch, len);
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
  /* read in place: the declared size is a first guess at the room
   * needed (a header can lie; the limits hold whatever it says), and at
   * most READ_STEP bytes are inflated between two checks */
  size_t hard = lim->max_part_bytes + 1;
  size_t cap = MIN(MAX((st.valid & ZIP_STAT_SIZE) ? (size_t)st.size + 1 : 0, (size_t)4096), hard);
  uint8_t *buf = g_malloc(cap);
  size_t used = 0;
  dx_code rc = DX_OK;
  for (;;) {
    if (used == cap) {
      cap = MIN(cap * 2, hard);
      buf = g_realloc(buf, cap);
    }
    zip_int64_t n = zip_fread(zf, buf + used, MIN(cap - used, (size_t)READ_STEP));
    if (n < 0) {
      rc = dx_error_set(err, DX_EFORMAT, "corrupt or truncated archive member %s: %s", name,
                        zip_error_strerror(zip_file_get_error(zf)));
      break;
    }
    if (n == 0) break;
    used += (size_t)n;
    if (used > lim->max_part_bytes) {
      rc = dx_error_set(err, DX_ELIMIT, "%s inflates past the %zu-byte limit (zip bomb?)", name,
                        lim->max_part_bytes);
      break;
    }
    if (used > RATIO_MIN_BYTES && comp > 0 && used / comp > lim->max_inflate_ratio) {
      rc = dx_error_set(err, DX_ELIMIT,
                        "%s inflates more than %.0f:1, over the ratio limit (zip bomb?)", name,
                        lim->max_inflate_ratio);
      break;
    }
  }
  zip_fclose(zf);
  if (rc != DX_OK) {
    g_free(buf);
    return rc;
  }
  *out_len = used;
  *out = buf;
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
  xmlParserCtxt *ctxt = xmlCreateMemoryParserCtxt((const char *)xml, (int)xml_len);
  if (!ctxt) return dx_error_set(err, DX_ENOMEM, "cannot create an XML parser");
  /* No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD,
   * no XML_PARSE_HUGE (keeps libxml2's own depth and size caps). */
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  /* only these callbacks: no tree is built */
  xmlSAXHandler *sax = ctxt->sax;
  memset(sax, 0, sizeof *sax);
  sax->initialized = XML_SAX2_MAGIC;
  sax->startElementNs = on_start;
  sax->endElementNs = on_end;
  sax->characters = on_chars;
  sax->cdataBlock = on_chars;
  dx_doc *doc = dx_doc_new(file, lim);
  if (!doc) { /* the first allocations failed: the model's cap or malloc */
    xmlFreeParserCtxt(ctxt);
    return dx_error_set(err, DX_ELIMIT, "document model larger than the memory limit");
  }
  doc->format = DX_FORMAT_DOCX;
  reader r = {.doc = doc, .lim = lim, .err = err, .ctxt = ctxt, .rc = DX_OK};
  r.max_frames = (unsigned)MIN((size_t)FRAMES_MAX, (size_t)MAX(lim->max_xml_depth, 0) + 2);
  r.frames = g_new0(frame, r.max_frames);
  r.frames[0].mode = M_ROOT;
  r.nframes = 1;
  r.top = (sink){.top = true, .nesting = 0};
  r.para = g_string_new(NULL);
  r.text = g_string_new(NULL);
  ctxt->userData = &r;
  xmlParseDocument(ctxt);
  dx_code rc = r.rc;
  if (rc == DX_OK && !ctxt->wellFormed) {
    const xmlError *e = &ctxt->lastError;
    char msg[200] = "parse error";
    if (e->message) {
      snprintf(msg, sizeof msg, "%s", e->message);
      g_strstrip(msg);
    }
    rc = dx_error_set(err, DX_EFORMAT, "malformed word/document.xml (line %d): %s", e->line, msg);
  } else if (rc == DX_OK && (!r.root_ok || !r.body_seen)) {
    rc = dx_error_set(err, DX_EFORMAT, "word/document.xml has no w:document/w:body");
  }
  /* a stopped parse leaves frames open: their builders */
  for (unsigned i = 0; i < r.nframes; i++) {
    if (r.frames[i].end == E_TABLE) tbuild_free(r.frames[i].t);
    if (r.frames[i].end == E_CELL) cbuild_free(r.frames[i].c);
  }
  g_free(r.frames);
  g_string_free(r.para, TRUE);
  g_string_free(r.text, TRUE);
  xmlFreeParserCtxt(ctxt);
  if (rc != DX_OK) {
    dx_doc_free(doc);
    return rc;
  }
  *out = doc;
  return DX_OK;
}

/* An attribute of a parsed element by local name, or NULL. */
static const char *dom_attr(const xmlNode *n, const char *local) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (strcmp((const char *)a->name, local) == 0 && a->children && a->children->content)
      return (const char *)a->children->content;
  return NULL;
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
    const char *type = dom_attr(c, "Type"), *target = dom_attr(c, "Target");
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
    *out = doc;
    doc = NULL;
  }
cleanup:
  dx_doc_free(doc);
  g_free(xml);
  zip_discard(za);
  return rc;
}
