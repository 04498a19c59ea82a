/* dx_extract.h — stage one of declx: errors, arenas, the document model,
 * and the readers that fill it (DOCX now; PDF and OCR later).
 *
 * Ownership: dx_doc_* functions that return a dx_doc transfer it to the
 * caller, who frees it with dx_doc_free(). Every string, cell and table
 * reachable from a dx_doc lives in the doc's arena and dies with it.
 */
#ifndef DX_EXTRACT_H
#define DX_EXTRACT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/* ---- errors ---------------------------------------------------------- */

typedef enum {
  DX_OK = 0,
  DX_EARG,         /* caller passed something invalid */
  DX_EIO,          /* file could not be read */
  DX_EFORMAT,      /* input is not what it claims or is malformed */
  DX_EUNSUPPORTED, /* valid input we do not handle */
  DX_ELIMIT,       /* a documented safety limit was hit */
  DX_ELIBRARY,     /* a third-party library failed */
  DX_ENOMEM,
  DX_EOCR_ELSEWHERE /* a page needs OCR and dx_limits.ocr_elsewhere is set */
} dx_code;

typedef struct dx_error {
  dx_code code;
  char message[512];
} dx_error;

/* Sets err (when not NULL) and returns code, so callers can
 * `return dx_error_set(err, DX_EFORMAT, "...")`. */
dx_code dx_error_set(dx_error *err, dx_code code, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
const char *dx_code_name(dx_code code);

/* ---- limits ---------------------------------------------------------- */

/* Safety limits applied before and while reading untrusted input. The
 * README's "Limits" section documents each one. */
typedef struct dx_limits {
  size_t max_input_bytes;   /* whole input file */
  size_t max_part_bytes;    /* one inflated zip member, enforced while reading */
  double max_inflate_ratio; /* inflated / compressed for one member */
  size_t max_zip_entries;   /* members in the archive */
  int max_xml_depth;        /* element nesting in document.xml */
  size_t max_xml_nodes;     /* elements in document.xml */
  size_t max_table_rows;    /* rows in one table */
  size_t max_table_cols;    /* grid columns in one table */
  size_t max_cells;         /* cells in the whole document */
  int max_table_nesting;    /* tables inside cells inside tables ... */
  size_t max_arena_bytes;   /* all model data of one document */
  int max_pages;            /* pages in one PDF */
  size_t max_page_glyphs;   /* characters on one PDF page */
  size_t max_page_pixels;   /* one rendered page raster */
  size_t max_ocr_pixels;    /* one page image given to OCR */
  size_t max_image_pixels;  /* one image in a PDF, decoded (pages are not rendered past it) */
  int ocr_deadline_ms;      /* OCR of one page, 0: none */
  /* The first page that needs OCR stops the read with DX_EOCR_ELSEWHERE
   * (a batch worker that has read other inputs hands a scan back, to be
   * read by a new worker: OCR on top of what earlier inputs left in a
   * process would pass the per-worker memory bound). Not a limit of the
   * input: never set by dx_limits_default. */
  bool ocr_elsewhere;
  /* Which OCR reads pages without text: DX_OCR_AUTO (PP-OCRv4 when ONNX
   * Runtime and its models are installed, else tesseract with a warning),
   * DX_OCR_PPOCR or DX_OCR_TESSERACT. */
  int ocr_engine;
  /* Called (when not NULL) with after_ocr_page_ctx after each page read
   * by OCR, once that page's rasters are freed: the caller's place to
   * act between pages. The library never trims the heap or touches other
   * process state itself; declx hands the freed memory back to the
   * system here (malloc_trim), so that a scanned page's rasters (tens of
   * megabytes at 250 dpi) do not add to the next page's peak. Never set
   * by dx_limits_default. */
  void (*after_ocr_page)(void *ctx);
  void *after_ocr_page_ctx;
} dx_limits;

enum { DX_OCR_AUTO, DX_OCR_PPOCR, DX_OCR_TESSERACT };

/* The engine named by s ("auto", "ppocr", "tesseract"), or -1. */
int dx_ocr_engine_parse(const char *s);

void dx_limits_default(dx_limits *out);

/* ---- arena ----------------------------------------------------------- */

typedef struct dx_arena dx_arena;

/* An arena that refuses to grow past `cap` bytes (0: no cap). */
dx_arena *dx_arena_new(size_t cap);
void dx_arena_free(dx_arena *a);
/* Zeroed memory, or NULL when the cap is reached or malloc fails. */
void *dx_arena_alloc(dx_arena *a, size_t size);
char *dx_arena_strndup(dx_arena *a, const char *s, size_t n);
char *dx_arena_strdup(dx_arena *a, const char *s);
size_t dx_arena_used(const dx_arena *a);

/* ---- document model -------------------------------------------------- */

typedef enum { DX_ORIGIN_DOCX, DX_ORIGIN_PDF, DX_ORIGIN_OCR } dx_origin;

typedef struct dx_table dx_table;

/* Cell flags, set by stage one or two. */
enum {
  DX_CELL_CROSS_PAGE = 1u << 0, /* joined across a page break */
  DX_CELL_OCR_LOW = 1u << 1,    /* OCR was unsure of some of its characters */
  /* its extent was guessed: cut from a group of grid slots that is no
   * rectangle (a border missing beside a spanning cell) */
  DX_CELL_LAYOUT_UNCERTAIN = 1u << 2,
  /* a gap between a Han character and a Latin letter or digit that may
   * be a typed space or the producer's own spacing (LibreOffice and
   * Word add ~0.2 em there: "28日" and "28 日" look the same) */
  DX_CELL_SPACING_DOUBT = 1u << 3,
  /* some of its characters were read through a seal stamped over them */
  DX_CELL_SEAL_OVERLAP = 1u << 4,
};

typedef struct dx_cell {
  int row, col;         /* top-left grid position */
  int rowspan, colspan; /* >= 1 */
  char *text;           /* text as read; paragraphs joined with '\n';
                           checkboxes as U+2611 / U+2610 */
  int page;             /* 1-based; 0 when unknown (DOCX) */
  bool has_box;
  double box[4]; /* x0 y0 x1 y1 in PDF points from top-left */
  dx_origin origin;
  double confidence; /* 1.0 for text in the file, OCR's otherwise */
  unsigned flags;
  dx_table **children; /* nested tables, in order */
  size_t nchildren;
} dx_cell;

struct dx_table {
  int index; /* document table index (top level), -1 if nested */
  int nrows, ncols;
  dx_cell **cells; /* anchors in row-major order */
  size_t ncells;
  dx_cell **slots;          /* nrows*ncols; the anchor covering each slot or NULL */
  int page_start, page_end; /* 0 for DOCX */
};

typedef enum { DX_BLOCK_PARAGRAPH, DX_BLOCK_TABLE } dx_block_kind;

typedef struct dx_block {
  dx_block_kind kind;
  int index;  /* paragraph index or table index */
  char *text; /* paragraphs only */
  dx_table *table;
  int page; /* 0 when unknown */
  /* paragraphs read by OCR: its confidence in their characters (their
   * product) and DX_CELL_OCR_LOW / DX_CELL_SEAL_OVERLAP; 0 otherwise */
  double ocr_conf;
  unsigned flags;
} dx_block;

typedef struct dx_warning {
  char *code;
  char *message;
  int page;  /* 0 when none */
  int count; /* repeats collapsed */
} dx_warning;

typedef enum { DX_FORMAT_DOCX, DX_FORMAT_PDF, DX_FORMAT_PDF_SCANNED } dx_format;

typedef struct dx_doc {
  dx_arena *arena;
  dx_format format;
  char *file; /* name as given by the caller */
  char sha256[65];
  int pages;           /* 0 for DOCX */
  GPtrArray *blocks;   /* dx_block*, reading order */
  GPtrArray *warnings; /* dx_warning* */
  int ntables, nparagraphs;
} dx_doc;

dx_doc *dx_doc_new(const char *file, const dx_limits *lim);
void dx_doc_free(dx_doc *doc);
/* Adds a warning; a repeat of the same code and message bumps its count. */
void dx_doc_warn(dx_doc *doc, const char *code, int page, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
/* The anchor covering (row, col), or NULL outside the grid or in a gap. */
dx_cell *dx_table_at(const dx_table *t, int row, int col);
const char *dx_format_name(dx_format f);

/* Human-readable dump of the model: one block per line, tables as grids
 * with spans and provenance. Returns a newly allocated string (g_free). */
char *dx_doc_dump_text(const dx_doc *doc);
/* The same as JSON: {"file","format","sha256","pages","blocks":[...],
 * "warnings":[...]}, tables with their cells, spans and provenance, nested
 * tables under their cell. Returns a newly allocated string (g_free). */
char *dx_doc_dump_json(const dx_doc *doc);

/* ---- pages (PDF and scans) ------------------------------------------ */

/* One character on a page, as the file's text layer (or OCR) gives it.
 * Boxes are in PDF points from the upright page's top-left corner. */
typedef struct dx_glyph {
  uint32_t cp;       /* Unicode code point; checkboxes as U+2611 / U+2610 */
  float box[4];      /* x0 y0 x1 y1 */
  float size;        /* font size in points */
  bool space_before; /* the text layer put whitespace before it */
  bool under_seal;   /* a seal was stamped over it (OCR) */
  float ocr_conf;    /* OCR's confidence (0..1] in it; 0: from a text layer */
} dx_glyph;

/* A ruling line: horizontal when y0 == y1, vertical when x0 == x1. */
typedef struct dx_rule {
  float x0, y0, x1, y1;
  float width; /* stroke thickness in points */
} dx_rule;

typedef struct dx_page {
  int number;           /* 1-based */
  double width, height; /* upright page size in points */
  int rotation;         /* degrees (0, 90, 180, 270) the page was turned to read upright */
  dx_origin origin;
  double confidence; /* of the text: 1.0 for a text layer */
  dx_glyph *glyphs;  /* in the text layer's order */
  size_t nglyphs;
  dx_rule *rules;
  size_t nrules;
} dx_page;

/* Receives each page in turn; the page is borrowed for the call. */
typedef dx_code (*dx_page_fn)(void *ctx, const dx_page *page, dx_error *err);

/* Stage one for PDF: opens the PDF in data (borrowed for the call), sets
 * doc->format and doc->pages, and calls fn for every page with its glyphs
 * and ruling lines. Pages without a text layer are passed with no glyphs
 * and get a page_without_text warning. Errors: DX_EFORMAT (not a PDF,
 * damaged beyond repair), DX_EUNSUPPORTED (encrypted with a password),
 * DX_ELIMIT (pages, glyphs, pixels), or what fn returns. */
dx_code dx_pdf_pages(dx_doc *doc, const uint8_t *data, size_t len, const dx_limits *lim,
                     dx_page_fn fn, void *ctx, dx_error *err);

/* Finds ruling lines in a grey raster (0 black .. 255 white; w x h pixels,
 * `stride` bytes per row; `scale` pixels per point): long thin dark runs,
 * horizontal and vertical, in points. Appends dx_rule to out. The raster
 * is not changed. */
void dx_find_rules(GArray *out, const uint8_t *grey, int w, int h, int stride, double scale);

/* Finds ruling lines in a scanned page's grey raster (scan.c, with
 * Leptonica; same arguments and output as dx_find_rules): dark lines at
 * least 13 pt long, by their shape against the paper around them rather
 * than a fixed darkness, so faint, blurred, broken (gaps up to ~1 pt
 * bridged), 1-bit and slightly bent lines are found; cell shading,
 * noise and text are not. */
void dx_scan_rules(GArray *out, const uint8_t *grey, int w, int h, int stride, double scale);

/* Whitens filled areas (cell shading): pixels between FILL_LO and the
 * rule threshold whose neighbours a few pixels away on all four sides
 * are about as grey. The borders drawn over a fill are darker and stay;
 * a thin grey line has light neighbours across it and stays. In place,
 * within [x0, x1) x [y0, y1). */
void dx_whiten_fills(uint8_t *grey, int w, int h, int stride, const int box[4]);

/* Finds checkboxes drawn as small squares among the rules (a form field,
 * a box on paper): each becomes a glyph U+2611 (ink inside) or U+2610
 * appended to glyphs (dx_glyph), and its four sides leave `rules`. */
void dx_find_boxes(GArray *rules, GArray *glyphs, const uint8_t *grey, int w, int h, int stride,
                   double scale);

/* A photographed sheet (scan.c): when the background shows around the
 * page on three sides or four and the sheet's outline is a quadrilateral
 * near a rectangle, the sheet is mapped onto the whole raster (its
 * perspective taken out, the background cut off), in place; corners
 * (when not NULL) gets the sheet's corners found, clockwise from the
 * top-left, x y in pixels. False: the page was left as it was. */
bool dx_flatten_photo(uint8_t *grey, int w, int h, int stride, double corners[8]);
/* Dark bands along a scan's edges (scan.c: a lid's shadow, a copier's
 * black border, a bed wider than the sheet): from each edge inward, the
 * lines (rows or columns) mostly darker than midway between ink and
 * paper, up to EDGE_BAND_PT, and their blurred fringe, are painted as
 * paper, in place. A dark band along the top would pass for a long
 * straight rule and hold the skew search at 0. widths (top, right,
 * bottom, left; pixels) gets what was cleared; returns how many edges
 * were. */
int dx_clear_dark_edges(uint8_t *grey, int w, int h, int stride, double scale, int widths[4]);
/* Checkboxes on a scanned page found as ink shapes (scan.c): a
 * connected run of dark pixels (darker than midway between ink and
 * paper) whose outline is a square of BOX_MARK_MIN_PT to BOX_MARK_MAX_PT
 * with dark sides all round. A box printed in small type (a 5 pt ☐ at
 * 200 dpi is 14 pixels, its sides one pixel of grey) is too short for
 * the rules dx_find_boxes pairs. Each becomes a glyph U+2611 (ink
 * inside) or U+2610 appended to glyphs. */
void dx_find_box_marks(GArray *glyphs, const uint8_t *grey, int w, int h, int stride, double scale);
/* Paper of uneven light (scan.c: a copy's toner fog, a lid's shadow
 * along an edge) brought to one level, in place, when the paper's grey
 * varies over the page by *spread levels or more; *spread gets what it
 * varies by. False: the page was left as it was. */
bool dx_level_paper(uint8_t *grey, int w, int h, int stride, int *spread);

/* A round seal found on a scanned page (seal.c): centre, inner and outer
 * radius of its ring in pixels of the raster, and its ink's grey. */
typedef struct dx_seal {
  float cx, cy, r_in, r_out;
  int ink;
} dx_seal;

/* Finds up to max round seals (rings 28-52 mm across) on a grey raster
 * (`scale` pixels per point); returns how many. */
size_t dx_find_seals(dx_seal *out, size_t max, const uint8_t *grey, int w, int h, int stride,
                     double scale);

/* Whitens the seal (`scale` pixels per point): its ring's pixels as
 * light as its ink or lighter, and inside the ring pixels of about its
 * ink's grey (its text and star); a character's darker ink stays, and
 * so does a lighter hairline under the seal. In place. */
void dx_mask_seal(uint8_t *grey, int w, int h, int stride, const dx_seal *s, double scale);

/* Whether the ink in box (pixels x0 y0 x1 y1) is the seal's own: its
 * darkest tenth no darker than the seal's ink (a character printed
 * under the seal is darker). */
bool dx_seal_ink(const dx_seal *s, const uint8_t *grey, int w, int h, int stride, const int box[4]);

/* The angle (radians, within +-max_deg degrees) by which a scanned page
 * is skewed: its rules and text lines run along y = y0 + x tan(angle).
 * Found as the shear under which dark pixels stack into the sharpest rows
 * (0.01 degree steps): the pixels of dark runs at least min_run pixels
 * long (the pieces a skewed rule leaves in each row) when there are
 * enough of them, else all dark pixels. */
double dx_skew_angle(const uint8_t *grey, int w, int h, int stride, double max_deg, int min_run);

/* A page's ink and paper grey levels, for stretching its levels so that
 * a faint scan (ink at 140, paper at 235) reads as a dark one does:
 * paper is the level 40% of the pixels are darker than (most of a form
 * is paper), ink the level 0.5% of them are darker than. Paper is kept
 * at least 32 levels above ink so that noise is never blown up into
 * ink. */
void dx_grey_levels(const uint8_t *grey, int w, int h, int stride, int *ink, int *paper);

/* The raster turned by angle about its centre (the skew dx_skew_angle
 * found is taken out), white where nothing was; w x h, stride w; g_free
 * it. */
uint8_t *dx_rotate_grey(const uint8_t *grey, int w, int h, int stride, double angle);

/* PP-OCRv4 (ppocr.c): whether ONNX Runtime and the models load (err
 * says why not). */
bool dx_ppocr_available(dx_error *err);
/* Whether this process holds PP-OCRv4's models (loaded by a scan). */
bool dx_ppocr_loaded(void);
/* Whether this process holds an OCR engine, PP-OCRv4 or tesseract (a
 * batch worker that does keeps it for the next scans). */
bool dx_ocr_loaded(void);

/* A page image being read by PP-OCRv4: its text lines are found once, by
 * dx_ppocr_open, for both the orientation test and the reading. */
typedef struct dx_ppocr_page dx_ppocr_page;

/* Finds the text lines of a grey page image (w x h, stride); close it
 * with dx_ppocr_close. grey is borrowed: it must stay as it is until
 * then. NULL with err set when PP-OCRv4 cannot run (DX_EUNSUPPORTED). */
dx_ppocr_page *dx_ppocr_open(const uint8_t *grey, int w, int h, int stride, dx_error *err);
void dx_ppocr_close(dx_ppocr_page *p);

/* 180 when the page reads better turned upside down (its widest text
 * lines are read both ways), else 0; -1 with err set when the model
 * fails. The straight readings are kept for dx_ppocr_read. A page found
 * upside down is closed, turned, and opened again. */
int dx_ppocr_upright(dx_ppocr_page *p, dx_error *err);

/* Reads the page's lines into glyphs (points: `scale` image pixels per
 * point), as dx_ocr_image does with tesseract; stops when detection
 * and reading have taken deadline_ms (when > 0; the orientation test is
 * not counted), with *timed_out set. Each line is
 * read once: call it once per page. */
dx_code dx_ppocr_read(GArray *glyphs, dx_ppocr_page *p, double scale, int deadline_ms,
                      bool *timed_out, dx_error *err);

/* Symbol fonts: the family ("Wingdings 2", "Wingdings") a font name
 * belongs to, or NULL; and the unified checkbox (U+2611 / U+2610) a code
 * of that family draws, or 0. Codes may carry the U+F000 offset. */
const char *dx_symbol_family(const char *font);
uint32_t dx_symbol_checkbox(const char *family, uint32_t code);

/* The unified ideograph a radical or compatibility ideograph stands for
 * (U+2F6C ⽬ -> 目, U+2E9F ⺟ -> 母, U+F9B2 -> 零), or c itself. Some PDF
 * producers (Qt's, wkhtmltopdf) map CJK glyphs to the Kangxi radicals in
 * their ToUnicode tables, and text copied from such PDFs keeps them. */
uint32_t dx_unify_han(uint32_t c);

/* ---- readers --------------------------------------------------------- */

/* Reads a DOCX from memory. On success returns DX_OK and sets *out. */
dx_code dx_docx_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                     const dx_limits *lim, dx_error *err);

/* Reads word/document.xml bytes alone (no archive) into a model. */
dx_code dx_docx_read_xml(dx_doc **out, const char *file, const uint8_t *xml, size_t len,
                         const dx_limits *lim, dx_error *err);

/* Reads a whole file ("-" is stdin) into memory, within lim->max_input_bytes.
 * *out_data is freed with g_free. */
/* What an archive or compressed file is, from its first bytes (tar,
 * gzip, bzip2, xz, zstd, 7z, RAR), or NULL. A zip is not among them: a
 * DOCX is one. */
const char *dx_archive_kind(const uint8_t *data, size_t len);

/* One text line of a page image (textlines.c): its ink's box in page
 * pixels ([box[0], box[2]) x [box[1], box[3])), and a crop of the page
 * (w x h, stride w, (ox, oy) the page pixel of its top-left corner)
 * holding that line's ink alone on white, with a white margin. */
typedef struct dx_text_line {
  int box[4];
  uint8_t *img;
  int w, h, ox, oy;
} dx_text_line;

/* The text lines of a grey page image (w x h pixels, `stride` bytes a
 * row, `scale` pixels per point) whose ruling lines (points) are
 * `rules`: no line crosses a vertical rule, the rules' ink is in no
 * line. Returns dx_text_line in reading order (rows top to bottom, left
 * to right); free with dx_text_lines_free (NULL accepted). */
GArray *dx_text_lines(const uint8_t *grey, int w, int h, int stride, double scale,
                      const dx_rule *rules, size_t nrules);
void dx_text_lines_free(GArray *lines);
/* Cuts line t into n characters read on it, left to right, of expected
 * widths `widths` (in ems: 1 for a Han character): x0[k], x1[k] is the
 * k-th character's ink in page pixels, found where the ink leaves gaps
 * near where the widths put the cuts. */
void dx_text_line_cut(int *x0, int *x1, const dx_text_line *t, const float *widths, int n);

/* The comparison sign line t begins with, told from its ink (a chevron
 * over none, one or two bars: > ≥ ≧, < ≤ ≦; two equal bars: =), or 0;
 * *end is the page pixel column after the sign's ink. */
gunichar dx_text_line_sign(const dx_text_line *t, int *end);

/* OCR (ocr.c, libtesseract with chi_sim): reads the text of a grey
 * image (w x h pixels, `stride` bytes a row, `scale` pixels per point)
 * one text line at a time (dx_text_lines, with the page's ruling lines
 * `rules` in points) and appends its characters to glyphs (dx_glyph) in
 * reading order, with boxes in points, each spanning its text line's
 * height, and a confidence. Stops at deadline_ms (0: none) with
 * *timed_out set and what was read so far. DX_EUNSUPPORTED when
 * tesseract or its chi_sim data is missing. */
dx_code dx_ocr_image(GArray *glyphs, const uint8_t *grey, int w, int h, int stride, double scale,
                     const dx_rule *rules, size_t nrules, int deadline_ms, bool *timed_out,
                     dx_error *err);
/* 180 when tesseract reads the page image (arguments as dx_ocr_image's)
 * better turned upside down (its widest text lines are read both ways),
 * else 0; -1 with err set when tesseract cannot run. */
int dx_ocr_upright(const uint8_t *grey, int w, int h, int stride, double scale,
                   const dx_rule *rules, size_t nrules, dx_error *err);

dx_code dx_read_file(uint8_t **out_data, size_t *out_len, const char *path, const dx_limits *lim,
                     dx_error *err);

#endif
