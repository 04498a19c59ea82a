/* xlsx_int.h — what the XLSX reader's files share (internal to stage
 * one, not part of dx_extract.h).
 *
 * xlsx_package.c reads the workbook (ECMA-376 Part 1, 18: SpreadsheetML)
 * part by part from its zip and drives the rest; xlsx_xml.c inflates a
 * part under the limits and xlsx_sax.c streams each (workbook,
 * relationships, styles, shared strings, worksheets) through libxml2's
 * SAX2 parser; no tree is built. xlsx_styles.c reads styles.xml (number formats, symbol fonts,
 * borders), xlsx_strings.c sharedStrings.xml and the rich text of a
 * string; xlsx_numfmt.c and xlsx_date.c print a value as its number
 * format shows it; xlsx_sheet.c reads a worksheet into cells, merges
 * and hidden rows and columns; xlsx_layout.c turns a sheet's cells into
 * the document model's tables and paragraphs.
 */
#ifndef DX_XLSX_INT_H
#define DX_XLSX_INT_H

#include "extract_int.h"

#include <libxml/parser.h>

/* A worksheet's size (18.3.1.4 and Excel's own bounds). */
enum { XL_MAX_ROWS = 1048576, XL_MAX_COLS = 16384 };

typedef struct xl_fmt xl_fmt; /* a compiled number format (xlsx_numfmt.c) */

/* One cell format (cellXfs/xf, 18.8.45). */
typedef struct xl_xf {
  int numfmt;         /* number format id */
  const char *family; /* the symbol font its font is ("Wingdings"), or NULL */
  bool border;        /* a border on some side */
} xl_xf;

typedef struct xl_styles {
  GArray *xfs;          /* xl_xf, cellXfs in order */
  GHashTable *codes;    /* numFmtId -> format code (custom formats, g_free) */
  GHashTable *compiled; /* numFmtId -> xl_fmt, compiled when first used */
} xl_styles;

/* The shared string table (18.4.9), its strings one after another. */
typedef struct xl_sst {
  GString *text; /* each string NUL-terminated */
  GArray *start; /* size_t: where each string starts in text */
} xl_sst;

/* The workbook being read. */
typedef struct xl_book {
  dx_doc *doc;
  const dx_limits *lim;
  dx_error *err;
  struct zip *za;
  dx_code rc;        /* first error; reading stops once set */
  bool date1904;     /* 18.2.28 workbookPr date1904 */
  size_t inflated;   /* bytes of all parts read so far */
  size_t nodes;      /* XML elements of all parts read so far */
  size_t ncells;     /* cells in the model so far */
  const char *sheet; /* the sheet being read (warnings, errors) */
  GString *scratch;  /* a cell's text being built */
  xl_styles st;
  xl_sst sst;
} xl_book;

/* Records the first error (its message formatted as dx_error_set's)
 * and returns it: dx_xl_fail(b, code, fmt, ...). */
dx_code dx_xl_failed(xl_book *b, dx_code code);
#define dx_xl_fail(b, code, ...)                                                                   \
  dx_xl_failed((b), dx_error_set((b)->rc == DX_OK ? (b)->err : NULL, (code), __VA_ARGS__))

/* ---- xlsx_xml.c: a part, references, escapes ------------------------------- */

/* Inflates `part` within the workbook's limits (each part, and all of
 * them together) into *data (g_free); a DOCTYPE is refused. A part that
 * is not there is DX_EFORMAT, or DX_OK with *data NULL when `optional`. */
dx_code dx_xl_inflate(xl_book *b, const char *part, bool optional, uint8_t **data, size_t *len);

/* ST_Xstring's escapes (_x000D_ and the like) decoded in place. */
void dx_xl_unescape(GString *s);
/* A cell reference ("B12", "$B$12") to 0-based row and column; false
 * when it is none or outside the sheet. */
bool dx_xl_ref(const char *ref, int *row, int *col);
/* The reference of 0-based row and column ("B12") into buf. */
void dx_xl_ref_name(char *buf, size_t size, int row, int col);
/* A range ("A1:C3", or one cell) to 0-based corners; false when bad. */
bool dx_xl_range(const char *ref, int *r0, int *c0, int *r1, int *c1);

/* ---- xlsx_sax.c: streaming a part through SAX2 ------------------------------- */

/* An element's attributes as SAX2 gives them: five pointers each (local
 * name, prefix, URI, value, end of value). */
typedef struct xl_attrs {
  int n;
  const xmlChar **at;
} xl_attrs;

/* The attribute `local` (whatever its namespace) copied into buf (cut
 * at size); false when absent. */
bool dx_xl_sax_attr(const xl_attrs *a, const char *local, char *buf, size_t size);
/* Attribute i (0-based) the same way; false when its prefix has no
 * namespace (no local name matches it). */
bool dx_xl_sax_attr_at(const xl_attrs *a, int i, char *buf, size_t size);
/* The attribute `local` as a new string (g_free), or NULL. */
char *dx_xl_sax_attr_dup(const xl_attrs *a, const char *local);
long dx_xl_sax_attr_long(const xl_attrs *a, const char *local, long dflt);
bool dx_xl_sax_attr_bool(const xl_attrs *a, const char *local, bool dflt);

/* What a part's reader does with it. */
typedef struct xl_sax {
  /* An element starts at depth (the root 0), in SpreadsheetML's
   * namespace or not (main); false: its subtree is not looked at. */
  bool (*start)(void *ctx, int depth, const char *name, bool main, const xl_attrs *a);
  /* An element whose start returned true ends. */
  void (*end)(void *ctx, int depth, const char *name);
  /* Characters inside the elements looked at. */
  void (*text)(void *ctx, const char *s, int len);
} xl_sax;

/* Inflates `part` (dx_xl_inflate) and streams it through libxml2's SAX2
 * parser into h's callbacks, counting its elements and their depth
 * against the limits; the first error (theirs too: b->rc) stops it. */
dx_code dx_xl_sax_parse(xl_book *b, const char *part, bool optional, const xl_sax *h, void *ctx);

/* ---- xlsx_styles.c, xlsx_strings.c --------------------------------------- */

/* Reads styles.xml (optional) into b->st. */
dx_code dx_xl_read_styles(xl_book *b, const char *part);
void dx_xl_styles_free(xl_styles *st);
/* The cell format xf (0 when out of range). */
const xl_xf *dx_xl_xf(const xl_book *b, long xf);
/* The compiled number format of an id (built-in or the workbook's). */
const xl_fmt *dx_xl_numfmt(xl_book *b, int id);

/* Reads sharedStrings.xml (optional) into b->sst. */
dx_code dx_xl_read_strings(xl_book *b, const char *part);
void dx_xl_sst_free(xl_sst *sst);
/* Shared string i, or NULL when out of range. */
const char *dx_xl_sst_get(const xl_book *b, size_t i);

/* s (len bytes, NUL-terminated) appended to out with its checkboxes
 * unified as dx_symbol_text_append does (family: the run's symbol
 * font, or NULL), copied as it is when it has none to unify. */
void dx_xl_symbol_append(GString *out, const char *s, size_t len, const char *family);

/* The text of a string item (si, is) being read: its t, or its runs'
 * t joined, phonetic runs (rPh) left out, ST_Xstring escapes decoded,
 * checkboxes of a run in a symbol font (rFont Wingdings) unified. Its
 * SAX callbacks take depths relative to the item (its children 1). */
typedef struct xl_rich {
  GString *out;       /* where the item's text goes */
  GString *t;         /* the t being read */
  const char *family; /* the run's symbol font, or NULL */
  bool in_t;
} xl_rich;
void dx_xl_rich_begin(xl_rich *r, GString *out);
bool dx_xl_rich_start(xl_rich *r, int rel, const char *name, bool main, const xl_attrs *a);
void dx_xl_rich_end(xl_rich *r, const char *name);
void dx_xl_rich_chars(xl_rich *r, const char *s, int len);
void dx_xl_rich_free(xl_rich *r);

/* ---- xlsx_numfmt.c, xlsx_date.c: values as the sheet shows them ----------- */

/* Format code of a built-in number format id (18.8.30, with the zh-CN
 * locale's date formats), or NULL (General). */
const char *dx_xl_builtin_format(int id);
/* A format code compiled; never NULL (what it cannot read is literal). */
xl_fmt *dx_xl_fmt_compile(const char *code);
void dx_xl_fmt_free(xl_fmt *f);
/* Whether numbers under f show as dates or times. */
bool dx_xl_fmt_is_date(const xl_fmt *f);
/* A number as f shows it (NULL: General), dates from the 1900 or the
 * 1904 epoch, appended to out. */
void dx_xl_format_number(GString *out, const xl_fmt *f, double v, bool date1904);
/* A string as f's text section shows it ("@" replaced), appended. */
void dx_xl_format_text(GString *out, const xl_fmt *f, const char *s);
/* A number in General format ("1520.67", "1E+20"), appended. */
void dx_xl_general(GString *out, double v);

/* The parts of a date serial (xlsx_date.c): false when it is no date
 * (negative, past 9999-12-31). 1900 system: serial 60 is the
 * 29 February 1900 that never was (Lotus 1-2-3's leap-year bug, kept
 * by Excel), serial 0 is 0 January 1900; 1904 system: 0 is 1 January
 * 1904. ms rounds the time to milliseconds, else to seconds. */
typedef struct xl_datetime {
  int year, month, day; /* month 1-12; day 0 for serial 0 */
  int hour, minute, second, msec;
  int weekday; /* 0 Sunday */
  double days; /* whole days and fraction, for elapsed times */
} xl_datetime;
bool dx_xl_serial_date(xl_datetime *out, double serial, bool date1904, bool ms);
/* The parts a date format shows. */
typedef enum {
  XD_YEAR,      /* n 1-2: yy; 3+: yyyy */
  XD_MONTH,     /* n 1: m, 2: mm, 3: Jan, 4: January, 5: J */
  XD_DAY,       /* n 1: d, 2: dd, 3: Mon, 4: Monday */
  XD_HOUR,      /* n 1: h, 2: hh */
  XD_MINUTE,    /* n 1: m, 2: mm */
  XD_SECOND,    /* n 1: s, 2: ss */
  XD_SUBSEC,    /* n digits of the second's fraction */
  XD_ELAPSED_H, /* [h]: hours since the epoch's start of the serial */
  XD_ELAPSED_M,
  XD_ELAPSED_S,
  XD_AMPM,       /* n 0: AM/PM, 1: A/P, 2: 上午/下午 */
  XD_WEEKDAY_CN, /* n 3: 一, 4: 星期一 */
} xl_datepart;
/* One part of dt as a date format shows it, appended to out; hour12:
 * the format has AM/PM. */
void dx_xl_date_part(GString *out, xl_datepart k, int n, const xl_datetime *dt, bool hour12);

/* ---- xlsx_sheet.c, xlsx_layout.c ----------------------------------------- */

/* A cell read from a worksheet (explicit cells only). */
typedef struct xl_cell {
  int row, col;     /* 0-based */
  bool border;      /* its format draws a border */
  const char *text; /* as shown; "" when empty (in the doc's arena) */
  unsigned flags;   /* DX_CELL_FORMULA_UNCACHED */
} xl_cell;

typedef struct xl_rect {
  int r0, c0, r1, c1; /* inclusive */
} xl_rect;

typedef struct xl_sheet {
  GArray *cells;        /* xl_cell, sorted by row, then column */
  GArray *merges;       /* xl_rect */
  GArray *hidden_rows;  /* int, ascending */
  uint8_t *hidden_cols; /* XL_MAX_COLS flags, or NULL when none is hidden */
  size_t uncached;      /* formulas without a cached value */
  char uncached_ref[16];
} xl_sheet;

/* Reads the worksheet part into s (free with dx_xl_sheet_free). */
dx_code dx_xl_read_sheet(xl_book *b, const char *part, xl_sheet *s);
void dx_xl_sheet_free(xl_sheet *s);
/* The sheet's cells as blocks of the document. */
dx_code dx_xl_layout(xl_book *b, const xl_sheet *s);

#endif
