/* layout_int.h — the layout stage's own header (normalize/ only; the
 * stage's contract is dx_layout_* in normalize_int.h).
 *
 * The stage's files, in the order a page goes through them:
 *   layout.c      the driver: a page's rules, tables, glyphs and blocks
 *   ruling.c      ruling lines snapped, joined and grouped into tables
 *   grid.c        a group of rules as a grid of cells (ptable)
 *   split_rows.c  cells cut where a missing border merged rows
 *   cells.c       cells' text; rows and edges that hold nothing go
 *   paragraphs.c  text outside tables as paragraphs
 *   borderless.c  tables drawn without ruling lines, by alignment
 *   lines_text.c  glyphs as text lines, spaces, wraps (used by all)
 *   join_pages.c  tables continued across a page break joined
 * Symbols one file shares with another are prefixed lay_; the rest stay
 * static in their file.
 */
#ifndef DX_LAYOUT_INT_H
#define DX_LAYOUT_INT_H

#include "normalize_int.h"

/* ---- tuning shared by several files --------------------------------- */

/* A line ends in a wrap when what is left before the cell's right border
 * is less than the next line's first word plus this (cell padding is
 * 5.4 pt in Word and LibreOffice; over the corpus, wrapped lines leave
 * at most ~6 pt more than the next word). */
#define WRAP_SLACK_PT 6.5
/* Column edges of two tables closer than this (points) line up. */
#define COL_ALIGN_PT 4.0
/* A grid row lower than this (points) holds no line of text: at the top
 * of a page it is the end of cells cut by the break. */
#define SLIVER_PT 8.0
/* A cell cut from a group of grid slots that is no rectangle is this
 * sure of its extent (a border is missing or extra; the cut is a guess). */
#define LAYOUT_UNCERTAIN_CONF 0.85
/* A line continues a paragraph when it starts within this many ems of
 * the left margin (a wrap), or is centred within this many ems under a
 * centred line before it (a wrapped title). */
#define PARA_INDENT_EM 1.5
#define PARA_CENTRE_EM 1.0

/* ---- types ---------------------------------------------------------- */

/* A line of text: glyphs left to right (a view into an array of glyph
 * pointers sorted by lay_text_lines). */
typedef struct tline {
  dx_glyph **g;
  size_t n;
  float x0, x1, y0, y1, size;
  float han_gap; /* the usual gap between two Han characters on the line */
} tline;

/* How a cell's text ends, for joining a row a page break cut in two. */
typedef struct text_ends {
  float room;      /* space left after the last line, before `right` */
  float head_word; /* width of the first line's first word */
  float ocr_slack; /* the first line's size when OCR read it, else 0: OCR's
                    * boxes are ink, narrower than the characters' advance */
  bool cjk_tail, cjk_head;
} text_ends;

/* A ruling line of one direction. */
typedef struct seg {
  float pos, a, b; /* y and x0..x1 for horizontals, x and y0..y1 for verticals */
  int comp;
  float dash; /* the gap of the dash pattern it was joined from, or 0 */
} seg;

/* A table of one page while it is built, and kept after it for joining
 * across pages. */
typedef struct ptable {
  dx_table *t;
  float *xs, *ys; /* ncols+1 and nrows+1 edges */
  float box[4];
  GPtrArray **cell_glyphs; /* per anchor (index in t->cells) */
  GHashTable *ends;        /* dx_cell* -> text_ends*, for joining pages */
  GHashTable *anchors;     /* dx_cell* -> its index in t->cells, while glyphs are placed */
  int page;
  /* the part of the document it was laid out in (its first and last):
   * a page, or a half of a sheet holding two pages (layout.c) */
  int part, part_end;
  dx_cell *holder;         /* the cell of another table it sits in, or NULL */
  bool open_top, open_bot; /* first / last row has no border on the page's side */
  float room_below;        /* the page's height below the table's bottom */
} ptable;

typedef struct dx_layout {
  dx_doc *doc;
  const dx_limits *lim;
  GPtrArray *ptables;     /* ptable* of the whole document, for joining */
  int parts;              /* parts laid out so far: pages, and halves of two-up sheets */
  GHashTable *block_part; /* dx_block* -> its part + 1, for joining */
} layout;

/* A block of a page and where it starts, for reading order. */
typedef struct pblock {
  float top;
  dx_block *b;
} pblock;

/* ---- small helpers: inline, they run per glyph and in sorts ---------- */

static inline bool lay_is_han(uint32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}

/* Han, CJK punctuation and full-width forms: text set without spaces. */
static inline bool lay_is_cjk(uint32_t c) {
  return lay_is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

/* The em of a glyph, in points. A Han character is one em wide, whatever
 * the font reports (Type 3 fonts report sizes and ascents that have
 * little to do with the drawing); other glyphs use the font size when it
 * agrees with the box. */
static inline float lay_glyph_size(const dx_glyph *g) {
  float w = g->box[2] - g->box[0], h = g->box[3] - g->box[1];
  if (lay_is_cjk(g->cp) && w > 1) return w;
  if (g->size > 0 && (h <= 0 || g->size <= 1.5f * h)) return g->size;
  return h > 0 ? h * 0.77f : 10.0f; /* ascent to descent is ~1.3 em */
}

static inline float lay_cy(const dx_glyph *g) {
  return (g->box[1] + g->box[3]) / 2;
}

static inline float lay_cx(const dx_glyph *g) {
  return (g->box[0] + g->box[2]) / 2;
}

/* qsort order of floats. */
static inline int lay_float_cmp(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  return x < y ? -1 : x > y;
}

/* ---- layout.c: what every part uses ---------------------------------- */

/* The error for a full arena. */
dx_code lay_nomem(dx_error *err);
/* Fills t as a top-level table of one page (its index is set when the
 * document's tables are numbered). */
void lay_table_init(dx_table *t, int nrows, int ncols, dx_cell **cells, size_t ncells,
                    dx_cell **slots, int page);
/* Adds a table block at `top` of its page to the page's blocks (pblock). */
dx_code lay_add_table_block(GArray *blocks, dx_arena *A, dx_table *t, int page, float top,
                            dx_error *err);

/* ---- lines_text.c ----------------------------------------------------- */

/* Groups glyphs (sorted in place) into text lines, top to bottom, each
 * left to right. Returns the number of lines; *out is g_free'd. */
size_t lay_text_lines(tline **out, dx_glyph **g, size_t n);
/* The median gap between neighbouring Han characters of a line. */
float lay_han_gap(const tline *l);
/* Appends a line's text, with the spaces its gaps stand for. */
void lay_line_text(GString *out, const tline *l);
/* Text of glyphs (reordered in place) laid out within [left, right],
 * paragraphs apart by '\n'; *ends (when given) says how it ends. g_free. */
char *lay_glyph_text(const dx_words *w, dx_glyph **g, size_t n, float right, text_ends *ends);
/* The product of OCR's confidences in glyphs g[0..n) (0 when none was
 * read by OCR), with DX_CELL_OCR_LOW and DX_CELL_SEAL_OVERLAP in *flags. */
double lay_ocr_product(dx_glyph *const *g, size_t n, unsigned *flags);
/* Whether the page leaves in doubt if the text has a space between a Han
 * character and a Latin letter or digit (text layers only). */
bool lay_spacing_doubt(dx_glyph *const *g, size_t n);
/* Punctuation that may not start a line (kinsoku). */
bool lay_no_line_start(uint32_t c);
/* Width of the first unbreakable piece of glyphs g[0..n). */
float lay_piece_width(dx_glyph *const *g, size_t n);
bool lay_bracket_note(dx_glyph *const *g, size_t n);
/* Width of a line's first unbreakable piece. */
float lay_first_word(const tline *l);
/* Whether a line starts a numbered item ("2、", "(3)", "②", "三、") by
 * w's numbering words (never when w has none). */
bool lay_starts_item(const dx_words *w, const tline *l);
/* Whether a wrap from line p into line l stood at a space. */
bool lay_wrap_spaced(const tline *p, const tline *l);
/* Whether s opens a bracket it does not close. */
bool lay_unclosed(const char *s);

/* ---- ruling.c --------------------------------------------------------- */

/* The page's ruling lines as horizontal (*hs) and vertical (*vs) rules,
 * snapped, joined and grouped: seg.comp is the component of touching
 * rules, its root the index in *hs of its first horizontal rule. Both
 * arrays are g_free'd. Warns when the page has too many rules. */
void lay_page_rules(seg **hs, size_t *nh, seg **vs, size_t *nv, dx_doc *doc, const dx_page *pg);
/* Drops rules of component comp that run from no edge to another. */
void lay_prune(seg *hs, size_t nh, seg *vs, size_t nv, int comp);
/* Adds horizontal rules add[0..nadd) to *hs and vertical ones
 * vadd[0..nvadd) to *vs (both reallocated), runs on the verticals a
 * scan lost the ends of through rows where the page's text stands apart
 * at them, and groups all rules into components again, as
 * lay_page_rules does. */
void lay_add_rules(seg **hs, size_t *nh, seg **vs, size_t *nv, const seg *add, size_t nadd,
                   const seg *vadd, size_t nvadd, const dx_page *pg);
/* Distinct positions (clusters within SNAP_PT) of a component's rules,
 * s sorted by position; returns their number. */
size_t lay_edges(float *out, const seg *s, size_t n, int comp);
/* Whether a rule of the component at `pos` covers the point `mid`. */
bool lay_drawn(const seg *s, size_t n, int comp, float pos, float mid);
/* Union-find over 0..n-1 (every p[i] starts as i). */
int lay_uf_find(int *p, int i);
void lay_uf_union(int *p, int a, int b);

/* ---- grid.c ----------------------------------------------------------- */

/* The ruled tables of a page, one per component of rules (pruned here),
 * appended to tables. Errors: DX_ELIMIT, DX_ENOMEM. */
dx_code lay_grid_tables(GPtrArray *tables, layout *L, seg *hs, size_t nh, seg *vs, size_t nv,
                        const dx_page *pg, dx_error *err);
void lay_ptable_free(ptable *p);
/* Index i with e[i] <= v < e[i+1], clamped to 0..n-1. */
int lay_upper_edge(const float *e, int n, float v);
/* The index in t->cells of the anchor c (p->anchors maps them). */
size_t lay_anchor_index(const ptable *p, const dx_cell *c);

/* ---- split_rows.c ----------------------------------------------------- */

/* Cuts the cells of p that hold several rows, before their text is made;
 * holders of the nested tables in `tables` stay whole. */
dx_code lay_split_rows(ptable *p, layout *L, const GPtrArray *tables, dx_error *err);
/* The row borders a scan lost inside p (an OCR table whose rows of one
 * line with their borders drawn give the row pitch), in rows where a
 * vertical of vs[0..nv) ends: pieces of horizontal rule where lines of
 * two cells or more stand a row apart, over the cells whose lines
 * stand on both sides; and through the middle of a row two pitches
 * high whose lines all stand in its upper half (a blank row under it,
 * the border lost in every column), over the cells within the row.
 * *out (g_free'd, or NULL) gets them. Returns their number. */
size_t lay_text_borders(const ptable *p, const seg *vs, size_t nv, seg **out);
/* The column rules a scan lost inside p's cells that span columns (in a
 * table where lay_text_borders would look for rows: a column's rule
 * ends inside a row), from the text: a piece of vertical rule at an
 * interior column edge over each line of the cell that starts again
 * just after the edge (a cell's padding), with nothing of it left of
 * the edge or a gap before it; *out (g_free'd, or NULL) gets them.
 * Returns their number. */
size_t lay_text_columns(const ptable *p, const seg *vs, size_t nv, seg **out);

/* ---- cells.c ---------------------------------------------------------- */

/* Gives p's cells their text and confidence; the glyph lists go. */
dx_code lay_fill_cells(ptable *p, layout *L, dx_error *err);
/* Drops rows lower than a line of text that hold nothing of their own. */
void lay_drop_slivers(ptable *p);
/* Drops row edges that only empty cells use. */
void lay_drop_empty_edges(ptable *p);
/* Removes grid row r of p (its cells empty or spanning on). */
void lay_drop_row(ptable *p, int r);
/* Whether no text would be lost by dropping row r. */
bool lay_row_droppable(const dx_table *t, int r);

/* ---- paragraphs.c, borderless.c --------------------------------------- */

/* Paragraphs (and tables without ruling lines) from glyphs outside
 * tables; appends pblocks. */
dx_code lay_paragraphs(GArray *blocks, layout *L, dx_glyph **g, size_t n, const dx_page *pg,
                       dx_error *err);
/* A fax machine's header printed along the page's top edge (the date,
 * the numbers, the page: its first line of OCR text, within the top
 * strip, with six digits or more, Latin letters, and fewer Han
 * characters than others), over the form's first row where the form
 * runs to the edge: sets drop[k] for each of pg's glyphs that is the
 * header's (the line's characters but the form's Han ones and
 * checkboxes: OCR read the two as one line). Returns how many. */
size_t lay_fax_header(bool *drop, const dx_page *pg);
/* Tables the page draws without ruling lines among lines ls[0..nl);
 * appends pblocks and marks the lines used. */
dx_code lay_aligned_tables(GArray *blocks, layout *L, const tline *ls, size_t nl, bool *used,
                           const dx_page *pg, dx_error *err);

/* ---- join_pages.c ----------------------------------------------------- */

/* Joins tables that continue across a page break, then numbers tables
 * and paragraphs in reading order. */
dx_code lay_join_pages(layout *L, dx_error *err);

#endif
