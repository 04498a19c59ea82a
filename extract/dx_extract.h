/* dx_extract.h — stage one of declx as the stages above it see it:
 * arenas, the document model, pages of glyphs and ruling lines, and the
 * readers that fill them (DOCX, PDF, OFD, scans by OCR), on top of
 * dx_common.h (errors, limits, the document's handle). What only
 * extract/'s own files share is in extract_int.h; library users outside
 * declx's stages start from rules/declx.h.
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

#include "dx_common.h"
#include "dx_glyphs.h"

/* ---- errors ---------------------------------------------------------- */

/* Sets err (when not NULL) and returns code, so callers can
 * `return dx_error_set(err, DX_EFORMAT, "...")`. */
dx_code dx_error_set(dx_error *err, dx_code code, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* ---- arena ----------------------------------------------------------- */

typedef struct dx_arena dx_arena;

/* Zeroed memory, or NULL when the cap is reached or malloc fails. */
void *dx_arena_alloc(dx_arena *a, size_t size);
char *dx_arena_strndup(dx_arena *a, const char *s, size_t n);
char *dx_arena_strdup(dx_arena *a, const char *s);

/* ---- document model -------------------------------------------------- */

typedef enum {
  DX_ORIGIN_DOCX,
  DX_ORIGIN_PDF,
  DX_ORIGIN_OCR,
  DX_ORIGIN_OFD,
  DX_ORIGIN_XLSX
} dx_origin;

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
  /* a spreadsheet formula whose result the file does not hold (the
   * workbook was never calculated): read as empty */
  DX_CELL_FORMULA_UNCACHED = 1u << 5,
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

typedef enum {
  DX_FORMAT_DOCX,
  DX_FORMAT_PDF,
  DX_FORMAT_PDF_SCANNED,
  DX_FORMAT_JPEG, /* image files, read by OCR */
  DX_FORMAT_PNG,
  DX_FORMAT_TIFF,
  DX_FORMAT_OFD,
  DX_FORMAT_OFD_SCANNED, /* an OFD with a page read by OCR */
  DX_FORMAT_XLSX,
  /* read through LibreOffice (legacy.c), converted to DOCX or XLSX */
  DX_FORMAT_DOC,
  DX_FORMAT_XLS,
  DX_FORMAT_WPS, /* Kingsoft WPS Writer */
  DX_FORMAT_ET,  /* Kingsoft WPS Spreadsheets */
  DX_FORMAT_RTF,
  DX_FORMAT_ODT,
  DX_FORMAT_ODS
} dx_format;

struct dx_doc {
  dx_arena *arena;
  dx_format format;
  char *file; /* name as given by the caller */
  char sha256[65];
  int pages;           /* 0 for DOCX and XLSX */
  GPtrArray *blocks;   /* dx_block*, reading order */
  GPtrArray *warnings; /* dx_warning* */
  int ntables, nparagraphs;
  /* what converted the file before it was read ("libreoffice 7.4.7.2"),
   * NULL when it was read as it is */
  char *converted_by;
};

dx_doc *dx_doc_new(const char *file, const dx_limits *lim);
/* Adds a warning; a repeat of the same code and message bumps its count. */
void dx_doc_warn(dx_doc *doc, const char *code, int page, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
/* The anchor covering (row, col), or NULL outside the grid or in a gap. */
dx_cell *dx_table_at(const dx_table *t, int row, int col);
const char *dx_format_name(dx_format f);
/* Whether a document of format f was read from page images by OCR (a
 * scanned PDF, an image file): the mapping then repairs OCR misreads. */
bool dx_format_scanned(dx_format f);

/* ---- pages (PDF and scans) ------------------------------------------ */

/* One character on a page, as the file's text layer (or OCR) gives it.
 * Boxes are in PDF points from the upright page's top-left corner. */
typedef struct dx_glyph {
  uint32_t cp;       /* Unicode code point; checkboxes as U+2611 / U+2610 */
  float box[4];      /* x0 y0 x1 y1 */
  float size;        /* font size in points */
  bool space_before; /* the text layer put whitespace before it */
  bool under_seal;   /* a seal was stamped over it (OCR) */
  bool ocr_tail;     /* read on the end of a line alone, past what the line's
                      * own reading gave (OCR: a guess at ink it passed over) */
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

/* What kind of image file data is, from its first bytes: "png",
 * "jpeg", "tiff" (BigTIFF too), or NULL. */
const char *dx_image_kind(const uint8_t *data, size_t len);

/* Stage one for image files (image.c): decodes the JPEG, PNG or TIFF
 * (every page of a multi-page TIFF; 1-bit G4 faxes too) in data
 * (borrowed), sets doc->format and doc->pages, and calls fn for every
 * page as read by OCR, as a scanned PDF page is (a JPEG turned upright
 * by its EXIF orientation first). Errors: DX_EFORMAT (not an image it
 * decodes), DX_ELIMIT (pages past max_pages, a page past
 * max_image_pixels), DX_EOCR_ELSEWHERE, or what fn returns. */
dx_code dx_image_pages(dx_doc *doc, const uint8_t *data, size_t len, const dx_limits *lim,
                       dx_page_fn fn, void *ctx, dx_error *err);

/* Stage one for OFD (GB/T 33190; extract/ofd*.c): opens the package in
 * data (borrowed for the call), sets doc->format and doc->pages, and
 * calls fn for every page with its glyphs and ruling lines, in points
 * from the page's top-left, as dx_pdf_pages does. A page with images
 * and no text is read by OCR (DX_FORMAT_OFD_SCANNED). Errors:
 * DX_EFORMAT (not an OFD, damaged), DX_ELIMIT (pages, characters, zip
 * and XML limits), or what fn returns. */
dx_code dx_ofd_pages(dx_doc *doc, const uint8_t *data, size_t len, const dx_limits *lim,
                     dx_page_fn fn, void *ctx, dx_error *err);

/* Whether data is a zip whose root holds OFD.xml: an OFD, not a DOCX. */
bool dx_ofd_detect(const uint8_t *data, size_t len);

/* Whether this process holds an OCR engine, PP-OCRv4 or tesseract (a
 * batch worker that does keeps it for the next scans). */
bool dx_ocr_loaded(void);

/* The unified ideograph a radical or compatibility ideograph stands for
 * (U+2F6C ⽬ -> 目, U+2E9F ⺟ -> 母, U+F9B2 -> 零), or c itself. Some PDF
 * producers (Qt's, wkhtmltopdf) map CJK glyphs to the Kangxi radicals in
 * their ToUnicode tables, and text copied from such PDFs keeps them. */
uint32_t dx_unify_han(uint32_t c);

/* ---- readers --------------------------------------------------------- */

/* Reads a DOCX from memory. On success returns DX_OK and sets *out. */
dx_code dx_docx_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                     const dx_limits *lim, dx_error *err);
/* Reads an XLSX workbook from memory: each visible sheet's cells become
 * tables (bordered runs of rows, or rows with several cells) and
 * paragraphs (rows of text outside them), in sheet order. */
dx_code dx_xlsx_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                     const dx_limits *lim, dx_error *err);
/* Reads any Office Open XML zip package: a workbook (xl/workbook.xml,
 * or a workbook's content type) as XLSX, anything else as DOCX, told
 * apart by the package's parts. */
dx_code dx_ooxml_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                      const dx_limits *lim, dx_error *err);

/* ---- legacy formats, through LibreOffice (legacy.c) ------------------ */

/* Whether the format is one read through LibreOffice (doc, xls, wps, et,
 * rtf, odt, ods). */
bool dx_format_converted(dx_format f);
/* Whether data starts as an OLE2 compound file or an RTF file does. */
bool dx_legacy_detect(const uint8_t *data, size_t len);
/* Whether data is a zip package with an OpenDocument mimetype part. */
bool dx_odf_detect(const uint8_t *data, size_t len);
/* Which legacy format data is, by content: an OLE2 compound file by its
 * streams (WordDocument: doc, Workbook or Book: xls; either with
 * WpsCustomData: wps, et), RTF by "{\rtf", OpenDocument by its mimetype
 * part (odt, ods). Errors: DX_EFORMAT (a damaged OLE2 directory, none of
 * these), DX_EUNSUPPORTED (an OLE2 file with no Word or Excel stream, an
 * OpenDocument file of another kind). */
dx_code dx_legacy_kind(dx_format *fmt, const uint8_t *data, size_t len, dx_error *err);
/* Converts data (of legacy format fmt) to a DOCX (doc, wps, rtf, odt) or
 * an XLSX (xls, et, ods) in *out (g_free) with LibreOffice: soffice
 * ($DECLX_SOFFICE, else on the PATH) run headless in a new temporary
 * directory with a profile of its own there, killed with its process
 * group past lim->convert_timeout_ms; the directory is removed whatever
 * happens. Errors: DX_EUNSUPPORTED (no soffice: the message says how to
 * install it), DX_ELIMIT (the timeout, a result past max_input_bytes),
 * DX_EFORMAT (LibreOffice wrote nothing: its own one-line reason),
 * DX_ELIBRARY, DX_EIO. */
dx_code dx_legacy_convert(uint8_t **out, size_t *out_len, dx_format fmt, const uint8_t *data,
                          size_t len, const dx_limits *lim, dx_error *err);
/* Reads a legacy file: its kind (dx_legacy_kind), the conversion, and the
 * package read as DOCX or XLSX; the document's format is the legacy one
 * and converted_by names LibreOffice and its version. */
dx_code dx_legacy_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                       const dx_limits *lim, dx_error *err);

/* What an archive or compressed file is, from its first bytes (tar,
 * gzip, bzip2, xz, zstd, 7z, RAR), or NULL. A zip is not among them: a
 * DOCX and an XLSX are ones. */
const char *dx_archive_kind(const uint8_t *data, size_t len);

#endif
