/* dx_common.h — what every stage of declx and every library user share,
 * without GLib: error codes and the error type, the safety limits and
 * reading options, and the document as a handle (its fields are in
 * dx_extract.h, for the stages) with its free, dumps and the file reader.
 * rules/declx.h, the library's public face, builds on it.
 */
#ifndef DX_COMMON_H
#define DX_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

const char *dx_code_name(dx_code code);

/* ---- limits ---------------------------------------------------------- */

/* Words the layout must know that belong to the rules stage's
 * vocabulary (rules/labels.rules), which normalize/ may not call: set
 * from a ruleset by dx_rules_layout_words (declx.h). Unset (NULL), the
 * layout goes by geometry alone: no table is joined to the next page's
 * on a 续表 line, and no line starts an item by its number. */
typedef struct dx_words {
  /* text says its table goes on from the page before (title_continued) */
  bool (*continued)(void *ctx, const char *text);
  /* text starts with an item's number (numbering) */
  bool (*numbered)(void *ctx, const char *text);
  /* code point b follows a in one of the vocabulary's words (OCR picks
   * among its next readings by these: ocr_words.c) */
  bool (*pair)(void *ctx, uint32_t a, uint32_t b);
  /* how likely (natural log) Han character b is after a in Chinese text
   * (a 0: anywhere), and whether the two are side by side in a word
   * (*seen): OCR weighs its readings by their neighbours with it
   * (ocr_words.c); NULL: by the vocabulary's pairs alone */
  double (*follows)(void *ctx, uint32_t a, uint32_t b, bool *seen);
  /* the characters OCR may have read `read` for at low resolution
   * (ocr_confusable: 意 read 总): how many, *written pointing at them;
   * NULL: none known */
  size_t (*misread_of)(void *ctx, uint32_t read, const uint32_t **written);
  /* code point c starts a word values may put right after a number (a
   * unit or measure word, a magnitude, 余, 以上, a date's 年: the value
   * lexicon's words but the comparisons before one); NULL: unknown, and
   * OCR takes every digit for a number */
  bool (*after_number)(void *ctx, uint32_t c);
  void *ctx;
} dx_words;

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
  /* LibreOffice's conversion of a legacy file (.doc, .xls, .rtf ...); 0:
   * no timeout; below 0: such files are not converted (DX_EUNSUPPORTED) */
  int convert_timeout_ms;
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
  /* Called (when not NULL) with page_raster_ctx for each page read by
   * OCR, when its reading is done: the grey page image as OCR saw it
   * (cleaned, straightened, turned upright, seals masked; w x h pixels,
   * w bytes a row, 0 black .. 255 white), scale pixels per point of the
   * page's boxes (at.box). declx review cuts its crops of image files and
   * scanned OFD pages from it. Never set by dx_limits_default. */
  void (*page_raster)(void *ctx, int pageno, const uint8_t *grey, int w, int h, double scale);
  void *page_raster_ctx;
  /* The vocabulary the layout needs (above). Not a limit of the input:
   * never set by dx_limits_default. */
  dx_words words;
} dx_limits;

enum { DX_OCR_AUTO, DX_OCR_PPOCR, DX_OCR_TESSERACT };

/* The engine named by s ("auto", "ppocr", "tesseract"), or -1. */
int dx_ocr_engine_parse(const char *s);

void dx_limits_default(dx_limits *out);

/* ---- the document ---------------------------------------------------- */

/* A document read from one input: the model the rules read (blocks of
 * paragraphs and tables, warnings). Made by the readers, freed with
 * dx_doc_free (NULL accepted). */
typedef struct dx_doc dx_doc;

void dx_doc_free(dx_doc *doc);

/* Human-readable dump of the model: one block per line, tables as grids
 * with spans and provenance. Returns a newly allocated string (g_free;
 * dx_free in declx.h). */
char *dx_doc_dump_text(const dx_doc *doc);
/* The same as JSON: {"file","format","sha256","pages","blocks":[...],
 * "warnings":[...]}, tables with their cells, spans and provenance, nested
 * tables under their cell. Returns a newly allocated string (as above). */
char *dx_doc_dump_json(const dx_doc *doc);

/* Reads a whole file ("-" is stdin) into memory, within lim->max_input_bytes.
 * *out_data is freed with g_free (dx_free in declx.h). */
dx_code dx_read_file(uint8_t **out_data, size_t *out_len, const char *path, const dx_limits *lim,
                     dx_error *err);

#endif
