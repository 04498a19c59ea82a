/* extract_int.h — stage one's internals: what the files of extract/
 * share and nothing above it calls (the arena's life, the rasters of
 * scanned and rendered pages, seals, text lines, the OCR engines, symbol
 * fonts, document.xml alone). Only extract/ and its tests include it;
 * dx_extract.h is the stage's face.
 */
#ifndef DX_EXTRACT_INT_H
#define DX_EXTRACT_INT_H

#include "dx_extract.h"

#include <libxml/parser.h>

/* ---- arena ----------------------------------------------------------- */

/* An arena that refuses to grow past `cap` bytes (0: no cap). */
dx_arena *dx_arena_new(size_t cap);
void dx_arena_free(dx_arena *a);
size_t dx_arena_used(const dx_arena *a);

/* ---- readers --------------------------------------------------------- */

/* Reads word/document.xml bytes alone (no archive) into a model. */
dx_code dx_docx_read_xml(dx_doc **out, const char *file, const uint8_t *xml, size_t len,
                         const dx_limits *lim, dx_error *err);

/* Whether XML bytes have a DOCTYPE (or other markup declaration) in
 * their prolog: Office Open XML parts never have one, and a part that
 * does is refused before parsing (no entity expansion at all). */
bool dx_xml_has_doctype(const uint8_t *xml, size_t len);

/* A libxml2 SAX parser over len bytes (len <= INT_MAX) that
 * builds no tree: no network, no entity substitution, no DTD loading,
 * libxml2's own depth and size caps, and only these callbacks (chars
 * for text and CDATA). NULL when it cannot be made. Free it with
 * xmlFreeParserCtxt. */
xmlParserCtxt *dx_sax_parser(const uint8_t *xml, size_t len, startElementNsSAX2Func start,
                             endElementNsSAX2Func end, charactersSAXFunc chars);

/* ---- zip packages (zip_part.c) --------------------------------------- */

struct zip; /* libzip's zip_t */

/* A zip held in data (borrowed while it is open) opened only to look at
 * its parts' names and a small part (which package it is), or NULL when
 * data is no zip libzip opens; close it with zip_discard. Reading a
 * package opens it with dx_zip_open. */
struct zip *dx_zip_sniff(const uint8_t *data, size_t len);
/* Opens a zip held in data (borrowed while it is open) within
 * lim->max_zip_entries; close it with zip_discard. */
dx_code dx_zip_open(struct zip **out, const uint8_t *data, size_t len, const dx_limits *lim,
                    dx_error *err);
/* Inflates the member `name` into *out (g_free) within
 * lim->max_part_bytes and lim->max_inflate_ratio, checked while
 * inflating; `what` names the format, with its article, in the error
 * when it is missing ("not a DOCX: no word/document.xml in the
 * archive"). */
dx_code dx_zip_read_part(uint8_t **out, size_t *out_len, struct zip *za, const char *name,
                         const char *what, const dx_limits *lim, dx_error *err);
/* Inflates member idx of za (`name` in messages) into *out (g_free)
 * within max bytes (declared, then counted while inflating) and
 * max_ratio past the first MiB; when total is not NULL, the bytes
 * inflated are added to *total, which may not pass budget (all the
 * parts of one package together). The DOCX, XLSX and OFD readers'
 * one way to read a part. */
dx_code dx_zip_inflate(uint8_t **out, size_t *out_len, struct zip *za, int64_t idx,
                       const char *name, size_t max, double max_ratio, size_t *total, size_t budget,
                       dx_error *err);
/* The package's main part: dflt when it is there, else the target of
 * the package relationship of type officeDocument (a package-relative
 * name; one outside the package is an error). *out: g_free. */
dx_code dx_zip_main_part(char **out, struct zip *za, const char *dflt, const char *what,
                         const dx_limits *lim, dx_error *err);
/* Whether the package is a workbook (SpreadsheetML): xl/workbook.xml
 * without word/document.xml, or a workbook's content type in
 * [Content_Types].xml. Anything else is read as a DOCX. */
bool dx_zip_is_workbook(struct zip *za, const dx_limits *lim);
/* The readers of an open package. */
dx_code dx_docx_read_zip(dx_doc **out, const char *file, struct zip *za, const dx_limits *lim,
                         dx_error *err);
dx_code dx_xlsx_read_zip(dx_doc **out, const char *file, struct zip *za, const dx_limits *lim,
                         dx_error *err);

/* ---- rasters (lines.c, scan.c, seal.c) ------------------------------ */

/* Finds ruling lines in a grey raster (0 black .. 255 white; w x h pixels,
 * `stride` bytes per row; `scale` pixels per point): long thin dark runs,
 * horizontal and vertical, in points. Appends dx_rule to out. The raster
 * is not changed. */
void dx_find_rules(GArray *out, const uint8_t *grey, int w, int h, int stride, double scale);

/* Finds ruling lines in a scanned page's grey raster (scan.c, with
 * Leptonica; same arguments and output as dx_find_rules): dark lines at
 * least 13 pt long, by their shape against the paper around them rather
 * than a fixed darkness, so faint, blurred, broken (gaps up to 0.8 pt
 * bridged, 1.2 pt on a coarse scan: a fax), 1-bit and slightly bent
 * lines are found; cell shading, noise and text are not. */
void dx_scan_rules(GArray *out, const uint8_t *grey, int w, int h, int stride, double scale,
                   bool coarse);

/* Drops from a scanned page's rules (dx_find_rules' and dx_scan_rules')
 * the characters' strokes among them: those inside a glyph of gl (give
 * or take 2 pt) and those shorter than 13 pt, but for short pieces in
 * line of a vertical rule a fax's lost rows cut (scan_page.c). */
void dx_drop_stroke_rules(GArray *rules, const GArray *gl);

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
 * inside) or U+2610 appended to glyphs. On a `coarse` scan (each of
 * its rows two of the image's or more: a fax) one of the top and bottom
 * sides may be missing (a fax loses or thins away a row): such a glyph
 * has an ocr_conf below 1, the others 0; and a row it lost across a
 * box (blank rows through its sides) is closed over. */
void dx_find_box_marks(GArray *glyphs, const uint8_t *grey, int w, int h, int stride, double scale,
                       bool coarse);
/* Paper of uneven light (scan.c: a copy's toner fog, a lid's shadow
 * along an edge) brought to one level, in place, when the paper's grey
 * varies over the page by *spread levels or more; *spread gets what it
 * varies by. False: the page was left as it was. */
bool dx_level_paper(uint8_t *grey, int w, int h, int stride, int *spread);
/* The print of a sheet's back showing through thin paper (scan.c):
 * pixels far lighter than the page's own ink (a small share of its ink
 * level below the paper) and not at the edge of darker ink are painted
 * as paper, in place, when they make up enough of the page to be a back
 * page's print. *paper and *ink get the paper's grey and the ink's
 * darkness below it, *area the square points of such light ink found
 * in strokes (print): flat light areas (a scanner's grey lid around a
 * turned sheet, shaded paper edges) are painted too but are no print.
 * Returns how many pixels were painted (0: the page was left as it was). */
long dx_drop_show_through(uint8_t *grey, int w, int h, int stride, double scale, int *paper,
                          int *ink, double *area);

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
 * enough of them, else all dark pixels, in rows `pitch` raster rows
 * high (1; more where each row of the scan it was made from is that
 * many raster rows: a 98 dpi fax on a 250 dpi raster, 2). */
double dx_skew_angle(const uint8_t *grey, int w, int h, int stride, double max_deg, int min_run,
                     double pitch);

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

/* ---- page images read by OCR (scan_page.c) ------------------------- */

/* OCR's resolution, pixels per point (250 dpi; an A4 page is 6 Mpx). On
 * the 200 dpi scans of the corpus it read 68.0 % of the facts right, 300
 * dpi 67.7 % in 1.5x the time, 200 dpi 64.6 %. A scanned PDF page is
 * rendered at it, an image file resampled to it (fewer pixels past
 * max_ocr_pixels). */
#define DX_OCR_SCALE (250.0 / 72.0)

/* Red ink: red this much above both green and blue (0-255). A seal's red
 * stays far above, black text over it is dark in every channel. */
#define DX_RED_INK 70

/* A grey page image: pixel (0,0) is the page's top-left, w pixels a row
 * (no padding). */
typedef struct dx_raster {
  uint8_t *grey;
  int w, h;
  double scale;  /* pixels per point */
  bool drop_red; /* made so: red ink (a seal) counts as paper */
  size_t red_px; /* pixels of red ink dropped */
} dx_raster;

/* A glyph box inset by (ix, iy) points, in pixels clamped to the raster. */
void dx_raster_box(int out[4], const dx_raster *r, const float *box, double ix, double iy);

/* src (w x h grey pixels, `stride` bytes a row) resampled into dst (dw
 * x dh, stride dw) as cairo draws a scan onto a page (resample.c):
 * bilinear between pixel centres when enlarging, the average of the
 * pixels covered when shrinking, edges padded. */
void dx_resample_grey(const uint8_t *src, int w, int h, int stride, uint8_t *dst, int dw, int dh);

/* Reads a page image by OCR (a scanned PDF page rendered, an image
 * file's page decoded): red ink dropped is warned; the paper is cleaned
 * (a photographed sheet flattened, page_flattened; dark edges cleared;
 * uneven light evened; the skew taken out), round seals masked, the
 * page turned when upside down, its text read (PP-OCRv4 or tesseract,
 * as lim says) into gl and its ruling lines and checkboxes into rules,
 * in points. dpi is the scan's resolution (0: unknown): below 150 the
 * characters' confidences are lowered (low_resolution). r->grey may be
 * replaced; the caller frees it. */
dx_code dx_scan_read(GArray *gl, GArray *rules, dx_raster *r, double dpi, const dx_limits *lim,
                     int pageno, dx_doc *doc, dx_error *err);

/* ---- OCR's next readings (ocr_words.c) ------------------------------ */

/* What OCR nearly read for one character: its next readings, most
 * probable first, with their probabilities (cp 0: none). */
#define DX_OCR_ALTS 8
typedef struct dx_ocr_alts {
  uint32_t cp[DX_OCR_ALTS];
  float p[DX_OCR_ALTS];
} dx_ocr_alts;

/* Replaces each character of the line gl[first..] (alts[i - first] its
 * next readings) by a next reading that makes more word pairs
 * (w->pair) with its neighbours than it does; lowers such a character's
 * confidence. Returns how many were replaced; none when w has no pair
 * function. */
guint dx_ocr_words(GArray *gl, guint first, const dx_ocr_alts *alts, const dx_words *w);

/* Other readings of the line gl[first..] (others[k]: dx_glyph, the same
 * ink read another way), each aligned with it by the fewest edits: a
 * character another reading has in a character's place becomes one of
 * its next readings (alts[i - first], first among them), and replaces
 * it when more of the other readings have it than have the line's own
 * (which counts itself), neither being a digit, and becomes one of
 * its replacement's next readings; a replaced character's confidence is
 * lowered. Returns how many were replaced. */
guint dx_ocr_readings(GArray *gl, guint first, dx_ocr_alts *alts, GArray *const *others,
                      int nothers);

/* ---- image files (image_meta.c) ------------------------------------ */

/* A JPEG's EXIF orientation (1-8: how its stored pixels are turned or
 * mirrored from the upright picture; 6: stored lying on its left side,
 * turned 90 degrees clockwise to show), 1 when it has none. */
int dx_jpeg_orientation(const uint8_t *data, size_t len);
/* Whether a JPEG ends with its end-of-image marker (else it was cut
 * short: Leptonica refuses it). */
bool dx_jpeg_complete(const uint8_t *data, size_t len);

/* One page of a TIFF as its directory states it (0: not stated). */
typedef struct dx_tiff_page {
  uint64_t width, height;
} dx_tiff_page;

/* The pages of a TIFF (or BigTIFF), counted along its chain of image
 * directories without decoding any: their number, max + 1 as soon as
 * there are more than max (the walk stops there), -1 when the chain
 * leaves the file, loops or has no page. pages (when not NULL, room for
 * max) gets each page's size. */
long dx_tiff_pages(const uint8_t *data, size_t len, long max, dx_tiff_page *pages);

/* ---- OCR (ocr.c, ppocr.c, textlines.c) ----------------------------- */

/* PP-OCRv4 (ppocr.c): whether ONNX Runtime and the models load (err
 * says why not). */
bool dx_ppocr_available(dx_error *err);
/* Whether this process holds PP-OCRv4's models (loaded by a scan). */
bool dx_ppocr_loaded(void);

/* A page image being read by PP-OCRv4: its text lines are found once, by
 * dx_ppocr_open, for both the orientation test and the reading. */
typedef struct dx_ppocr_page dx_ppocr_page;

/* A text line PP-OCR's detector found, page pixels. */
typedef struct dx_ppocr_line {
  float x0, y0, x1, y1; /* grown box, for reading */
  float cy0, cy1;       /* the region's own rows (before growing) */
  bool lower;           /* the lower line of a region cut in two (dx_ppocr_split_top) */
} dx_ppocr_line;

/* A fax's header line printed over the form's first row (the table going
 * on from the page before): the detector finds the two as one region two
 * lines high, read as one garbled line. Each region of lines
 * (dx_ppocr_line, reading order) in the top strip of a page h pixels high
 * whose own rows are FAX_SPLIT_HIGH times the page's median line's or
 * more is cut in two lines of that median height, the upper one's crop
 * ending where its own rows end and the lower one's beginning there.
 * Returns how many were cut; lines are sorted again. */
guint dx_ppocr_split_top(GArray *lines, int h);

/* Glyphs[first, len) read on lines[at] when it is the lower line of a cut
 * region: those whose middle (x * scale, pixels) lies inside another line
 * found on its row are removed (that line reads them on its own; the cut
 * region's box takes them in). Returns how many were removed. */
guint dx_ppocr_read_elsewhere(GArray *glyphs, guint first, const GArray *lines, guint at,
                              double scale);

/* Finds the text lines of a grey page image (w x h, stride); close it
 * with dx_ppocr_close. grey is borrowed: it must stay as it is until
 * then. low_dpi: a scan of fewer than 150 dpi either way (a fax), whose
 * header line may be printed over the form (dx_ppocr_split_top; on any
 * other page a title in the top strip is no header). NULL with err set
 * when PP-OCRv4 cannot run (DX_EUNSUPPORTED). */
dx_ppocr_page *dx_ppocr_open(const uint8_t *grey, int w, int h, int stride, bool low_dpi,
                             dx_error *err);
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
 * read once: call it once per page. A character is chosen among the
 * network's readings by the vocabulary's word pairs (words; ocr_words.c). */
dx_code dx_ppocr_read(GArray *glyphs, dx_ppocr_page *p, double scale, int deadline_ms,
                      const dx_words *words, bool *timed_out, dx_error *err);
/* Whites out the ruling lines a text line's crop takes in (c: w x h
 * grey levels, paper white; its text in rows [text_y0, text_y1)): runs
 * of ink along a row outside the text, longer than a character's
 * strokes. */
void dx_ppocr_clear_rules(uint8_t *c, int w, int h, int text_y0, int text_y1);

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

/* A line PP-OCR read as one character (glyph g, its ink line t): when
 * the network doubted it (under 0.5) or read a 2 (a chevron over a bar
 * to it: a fax's ⩾ read as 2 at 0.84), and the ink is all one sign
 * (dx_text_line_sign; for a 2, one with bars: ≥ ≤ ≧ ≦), g becomes that
 * sign at 0.9. Returns whether it did. */
bool dx_ppocr_lone_sign(dx_glyph *g, const dx_text_line *t);

/* Two lines PP-OCR read on one row that overlap: glyphs[before, first)
 * the earlier's, glyphs[first, len) the later's. When the earlier's last
 * glyph and the later's first overlap by half the narrower or more (one
 * character, read by both), the less sure is removed: returns -1 when
 * it was the earlier's, 1 the later's, 0 when none was. */
int dx_ppocr_read_twice(GArray *glyphs, guint before, guint first);

/* A line PP-OCR read from a comparison sign on and then digits (≥95%),
 * its sign misread (2 for ≥ on a fax, < for ≤): when line t's ink
 * begins with a sign (dx_text_line_sign) that ends before the second
 * character's middle, the first character (glyphs[first]; boxes in
 * points, `scale` page pixels a point) becomes that sign. Returns
 * whether it did. */
bool dx_ppocr_leading_sign(GArray *glyphs, guint first, const dx_text_line *t, double scale);

/* OCR (ocr.c, libtesseract with chi_sim): reads the text of a grey
 * image (w x h pixels, `stride` bytes a row, `scale` pixels per point)
 * one text line at a time (dx_text_lines, with the page's ruling lines
 * `rules` in points) and appends its characters to glyphs (dx_glyph) in
 * reading order, with boxes in points, each spanning its text line's
 * height, and a confidence; a character may be one of tesseract's next
 * readings of it, chosen by `words` (dx_ocr_words). Stops at
 * deadline_ms (0: none) with
 * *timed_out set and what was read so far. DX_EUNSUPPORTED when
 * tesseract or its chi_sim data is missing. */
dx_code dx_ocr_image(GArray *glyphs, const uint8_t *grey, int w, int h, int stride, double scale,
                     const dx_rule *rules, size_t nrules, const dx_words *words, int deadline_ms,
                     bool *timed_out, dx_error *err);
/* 180 when tesseract reads the page image (arguments as dx_ocr_image's)
 * better turned upside down (its widest text lines are read both ways),
 * else 0; -1 with err set when tesseract cannot run. */
int dx_ocr_upright(const uint8_t *grey, int w, int h, int stride, double scale,
                   const dx_rule *rules, size_t nrules, dx_error *err);

/* Draws a page on a cairo context (a cairo_t *, in points, on white):
 * poppler's rendering of a PDF page, or an OFD page's images. */
typedef void (*dx_draw_fn)(void *page, void *cairo);

/* Reads a page without a text layer by OCR (pdf.c), as a scanned PDF
 * page is read: `draw` renders the w x h pt page at OCR's resolution
 * (red ink dropped), then the photo, light, edge, skew, seal and
 * orientation work, OCR (PP-OCRv4, else tesseract) and the ruling lines
 * of the same image. dpi is the page image's resolution (0: unknown;
 * below 150 OCR's confidences are lowered). gl and rules get glyphs and
 * rules in points; warnings go to doc. */
dx_code dx_ocr_drawing(GArray *gl, GArray *rules, dx_draw_fn draw, void *page, double w, double h,
                       double dpi, const dx_limits *lim, int pageno, dx_doc *doc, dx_error *err);

/* Symbol fonts: the family ("Wingdings 2", "Wingdings") a font name
 * belongs to, or NULL; and the unified checkbox (U+2611 / U+2610) a code
 * of that family draws, or 0. Codes may carry the U+F000 offset. */
const char *dx_symbol_family(const char *font);
uint32_t dx_symbol_checkbox(const char *family, uint32_t code);
/* Text s of a run in symbol font `family` (or NULL) to out: checkboxes
 * typed as characters of a symbol font (Word's "þ" in Wingdings,
 * LibreOffice's U+F0A8) become U+2611 / U+2610; other private-use
 * symbol codes, which show as nothing readable, are dropped. */
void dx_symbol_text_append(GString *out, const char *s, const char *family);

#endif
