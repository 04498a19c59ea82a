/* core.c — errors, limits, the arena and the document model. */
#include "extract_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

dx_code dx_error_set(dx_error *err, dx_code code, const char *fmt, ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    err->code = code;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    /* an error is one line, whatever a library put in its message */
    for (char *p = err->message; *p; p++)
      if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
  }
  return code;
}

const char *dx_code_name(dx_code code) {
  switch (code) {
  case DX_OK:
    return "ok";
  case DX_EARG:
    return "argument";
  case DX_EIO:
    return "io";
  case DX_EFORMAT:
    return "format";
  case DX_EUNSUPPORTED:
    return "unsupported";
  case DX_ELIMIT:
    return "limit";
  case DX_ELIBRARY:
    return "library";
  case DX_ENOMEM:
    return "no-memory";
  case DX_EOCR_ELSEWHERE:
    return "ocr-elsewhere";
  }
  return "unknown";
}

void dx_limits_default(dx_limits *out) {
  /* Real declaration files are well under 20 MB; 256 MiB leaves room for
   * scanned PDFs while bounding what one input can make us hold. */
  out->max_input_bytes = (size_t)256 << 20;
  /* document.xml of a 200-page form file is a few MB. */
  out->max_part_bytes = (size_t)32 << 20;
  /* Deflate of repetitive XML reaches ~100:1; bombs go far past 1000:1. */
  out->max_inflate_ratio = 1000.0;
  out->max_zip_entries = 10000;
  /* libxml2 itself stops at 256 without XML_PARSE_HUGE; we stop earlier. */
  out->max_xml_depth = 256;
  /* A 200-page form file has well under a million elements. */
  out->max_xml_nodes = 4000000;
  out->max_table_rows = 200000;
  out->max_table_cols = 1000;
  out->max_cells = 2000000;
  out->max_table_nesting = 16;
  out->max_arena_bytes = (size_t)512 << 20;
  /* A county's whole budget book is a few hundred pages. */
  out->max_pages = 5000;
  /* A dense A4 page of 6 pt text holds ~12 000 characters (poppler's
   * text layer itself stops near 50 000). */
  out->max_page_glyphs = 40000;
  /* 16 Mpx: A3 at 1.5 px/pt is 4.5 Mpx, A0 18 Mpx; larger pages are
   * rendered coarser. */
  out->max_page_pixels = (size_t)16 << 20;
  out->max_ocr_pixels = (size_t)36 << 20; /* A3 at 300 dpi; A4 is 8.7 Mpx */
  out->ocr_deadline_ms = 60000;
  /* LibreOffice converts a form file in 7 s of CPU, most of it starting;
   * on a loaded machine that took up to 50 s of wall time */
  out->convert_timeout_ms = 120000;
  out->max_image_pixels = (size_t)100 << 20; /* A3 at 600 dpi is 70 Mpx */
  out->ocr_elsewhere = false;
  out->ocr_engine = DX_OCR_AUTO;
  out->after_ocr_page = NULL;
  out->after_ocr_page_ctx = NULL;
  out->page_raster = NULL;
  out->page_raster_ctx = NULL;
}

int dx_ocr_engine_parse(const char *s) {
  static const char *names[] = {
      [DX_OCR_AUTO] = "auto", [DX_OCR_PPOCR] = "ppocr", [DX_OCR_TESSERACT] = "tesseract"};
  for (int i = 0; s && i < (int)G_N_ELEMENTS(names); i++)
    if (strcmp(s, names[i]) == 0) return i;
  return -1;
}

/* ---- symbol fonts ---------------------------------------------------- */

typedef struct sym_map {
  const char *font_prefix; /* font family */
  unsigned code;
  bool checked;
} sym_map;

/* Symbol-font glyphs used as checkboxes (DOCX w:sym, 17.3.3.30, symbol
 * runs, and PDF text in those fonts). Codes may be written with
 * the F000 private-use offset or without it. */
static const sym_map SYMS[] = {
    {"Wingdings 2", 0x52, true},  /* box with check */
    {"Wingdings 2", 0x53, true},  /* box with x */
    {"Wingdings 2", 0x54, true},  /* box with x, bold */
    {"Wingdings 2", 0x50, true},  /* check mark */
    {"Wingdings 2", 0xA3, false}, /* empty box */
    {"Wingdings 2", 0x2A, false}, /* empty box */
    {"Wingdings 2", 0xA2, false}, /* empty box, thin */
    {"Wingdings", 0xFE, true},    /* box with check */
    {"Wingdings", 0xFD, true},    /* box with x */
    {"Wingdings", 0x78, true},    /* box with x */
    {"Wingdings", 0xFC, true},    /* check mark */
    {"Wingdings", 0x6E, true},    /* filled square */
    {"Wingdings", 0xA8, false},   /* empty box */
    {"Wingdings", 0x6F, false},   /* empty square */
    {"Wingdings", 0x71, false},   /* empty square, shadowed */
};

const char *dx_symbol_family(const char *font) {
  if (!font) return NULL;
  return g_ascii_strncasecmp(font, "Wingdings 2", 11) == 0 ? "Wingdings 2"
         : g_ascii_strncasecmp(font, "Wingdings", 9) == 0  ? "Wingdings"
                                                           : NULL;
}

uint32_t dx_symbol_checkbox(const char *family, uint32_t code) {
  if (code >= 0xF000 && code <= 0xF0FF) code -= 0xF000;
  for (size_t i = 0; family && i < G_N_ELEMENTS(SYMS); i++)
    if (strcmp(SYMS[i].font_prefix, family) == 0 && SYMS[i].code == code)
      return SYMS[i].checked ? DX_CHECK_ON_CP : DX_CHECK_OFF_CP;
  return 0;
}

void dx_symbol_text_append(GString *out, const char *s, const char *family) {
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    bool pua = c >= 0xF000 && c <= 0xF0FF;
    if (pua || family) {
      uint32_t g = dx_symbol_checkbox(family ? family : "Wingdings", c);
      if (g) {
        g_string_append_unichar(out, g);
        continue;
      }
      if (pua) continue;
    }
    g_string_append_unichar(out, c);
  }
}

/* Radicals and the ideographs they stand for, sorted by radical. */
static const struct {
  uint32_t radical, ideograph;
} RADICALS[] = {
#include "radicals.inc"
};

uint32_t dx_unify_han(uint32_t c) {
  if (c >= 0x2E80 && c <= 0x2FDF) { /* CJK Radicals Supplement, Kangxi Radicals */
    size_t lo = 0, hi = G_N_ELEMENTS(RADICALS);
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (RADICALS[mid].radical < c)
        lo = mid + 1;
      else
        hi = mid;
    }
    return lo < G_N_ELEMENTS(RADICALS) && RADICALS[lo].radical == c ? RADICALS[lo].ideograph : c;
  }
  if ((c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F)) {
    /* compatibility ideographs: their canonical decomposition */
    gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
    gsize n = g_unichar_fully_decompose(c, FALSE, d, G_N_ELEMENTS(d));
    return n == 1 ? d[0] : c;
  }
  return c;
}

/* ---- arena ----------------------------------------------------------- */

enum { ARENA_CHUNK = 64 * 1024 };

typedef struct chunk {
  struct chunk *next;
  size_t size, used;
  max_align_t data[];
} chunk;

struct dx_arena {
  chunk *head;
  size_t cap, total;
};

dx_arena *dx_arena_new(size_t cap) {
  dx_arena *a = calloc(1, sizeof *a);
  if (a) a->cap = cap;
  return a;
}

void dx_arena_free(dx_arena *a) {
  if (!a) return;
  for (chunk *c = a->head, *n; c; c = n) {
    n = c->next;
    free(c);
  }
  free(a);
}

void *dx_arena_alloc(dx_arena *a, size_t size) {
  const size_t align = sizeof(max_align_t);
  size = (size + align - 1) / align * align;
  if (size == 0) size = align;
  chunk *c = a->head;
  if (!c || c->size - c->used < size) {
    size_t want = size > ARENA_CHUNK ? size : ARENA_CHUNK;
    if (a->cap && a->total + want > a->cap) return NULL;
    c = malloc(sizeof *c + want);
    if (!c) return NULL;
    c->size = want;
    c->used = 0;
    c->next = a->head;
    a->head = c;
    a->total += want;
  }
  void *p = (char *)c->data + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

char *dx_arena_strndup(dx_arena *a, const char *s, size_t n) {
  char *p = dx_arena_alloc(a, n + 1);
  if (!p) return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *dx_arena_strdup(dx_arena *a, const char *s) {
  return dx_arena_strndup(a, s, strlen(s));
}

size_t dx_arena_used(const dx_arena *a) {
  return a->total;
}

/* ---- document -------------------------------------------------------- */

dx_doc *dx_doc_new(const char *file, const dx_limits *lim) {
  dx_doc *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  d->arena = dx_arena_new(lim ? lim->max_arena_bytes : 0);
  d->blocks = g_ptr_array_new();
  d->warnings = g_ptr_array_new();
  if (!d->arena) {
    dx_doc_free(d);
    return NULL;
  }
  d->file = dx_arena_strdup(d->arena, file ? file : "-");
  if (!d->file) {
    dx_doc_free(d);
    return NULL;
  }
  return d;
}

void dx_doc_free(dx_doc *doc) {
  if (!doc) return;
  if (doc->blocks) g_ptr_array_free(doc->blocks, TRUE);
  if (doc->warnings) g_ptr_array_free(doc->warnings, TRUE);
  dx_arena_free(doc->arena);
  free(doc);
}

void dx_doc_warn(dx_doc *doc, const char *code, int page, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  for (guint i = 0; i < doc->warnings->len; i++) {
    dx_warning *w = g_ptr_array_index(doc->warnings, i);
    if (strcmp(w->code, code) == 0 && strcmp(w->message, msg) == 0 && w->page == page) {
      w->count++;
      return;
    }
  }
  dx_warning *w = dx_arena_alloc(doc->arena, sizeof *w);
  if (!w) return;
  w->code = dx_arena_strdup(doc->arena, code);
  w->message = dx_arena_strdup(doc->arena, msg);
  w->page = page;
  w->count = 1;
  if (w->code && w->message) g_ptr_array_add(doc->warnings, w);
}

dx_cell *dx_table_at(const dx_table *t, int row, int col) {
  if (!t || row < 0 || col < 0 || row >= t->nrows || col >= t->ncols) return NULL;
  return t->slots[(size_t)row * (size_t)t->ncols + (size_t)col];
}

bool dx_format_scanned(dx_format f) {
  return f == DX_FORMAT_PDF_SCANNED || f == DX_FORMAT_OFD_SCANNED || f == DX_FORMAT_JPEG ||
         f == DX_FORMAT_PNG || f == DX_FORMAT_TIFF;
}

const char *dx_format_name(dx_format f) {
  switch (f) {
  case DX_FORMAT_DOCX:
    return "docx";
  case DX_FORMAT_PDF:
    return "pdf";
  case DX_FORMAT_PDF_SCANNED:
    return "pdf-scanned";
  case DX_FORMAT_JPEG:
    return "jpeg";
  case DX_FORMAT_PNG:
    return "png";
  case DX_FORMAT_TIFF:
    return "tiff";
  case DX_FORMAT_OFD:
    return "ofd";
  case DX_FORMAT_OFD_SCANNED:
    return "ofd-scanned";
  case DX_FORMAT_XLSX:
    return "xlsx";
  case DX_FORMAT_DOC:
    return "doc";
  case DX_FORMAT_XLS:
    return "xls";
  case DX_FORMAT_WPS:
    return "wps";
  case DX_FORMAT_ET:
    return "et";
  case DX_FORMAT_RTF:
    return "rtf";
  case DX_FORMAT_ODT:
    return "odt";
  case DX_FORMAT_ODS:
    return "ods";
  }
  return "unknown";
}

/* ---- dump ------------------------------------------------------------ */

static void dump_escaped(GString *out, const char *s) {
  for (; *s; s++) {
    if (*s == '\n')
      g_string_append(out, "\\n");
    else if (*s == '\t')
      g_string_append(out, "\\t");
    else
      g_string_append_c(out, *s);
  }
}

static void dump_table(GString *out, const dx_table *t, int indent) {
  g_string_append_printf(out, "%*sTABLE %d: %d rows x %d cols", indent, "", t->index, t->nrows,
                         t->ncols);
  if (t->page_start) g_string_append_printf(out, ", pages %d-%d", t->page_start, t->page_end);
  g_string_append_c(out, '\n');
  for (size_t i = 0; i < t->ncells; i++) {
    const dx_cell *c = t->cells[i];
    g_string_append_printf(out, "%*s  [%d,%d", indent, "", c->row, c->col);
    if (c->rowspan > 1 || c->colspan > 1)
      g_string_append_printf(out, " span %dx%d", c->rowspan, c->colspan);
    g_string_append(out, "]");
    if (c->page) g_string_append_printf(out, " p%d", c->page);
    if (c->has_box)
      g_string_append_printf(out, " box(%.1f,%.1f,%.1f,%.1f)", c->box[0], c->box[1], c->box[2],
                             c->box[3]);
    if (c->origin == DX_ORIGIN_OCR) g_string_append_printf(out, " ocr(%.2f)", c->confidence);
    if (c->flags & DX_CELL_CROSS_PAGE) g_string_append(out, " cross_page");
    g_string_append(out, " \"");
    dump_escaped(out, c->text ? c->text : "");
    g_string_append(out, "\"\n");
    for (size_t k = 0; k < c->nchildren; k++) dump_table(out, c->children[k], indent + 4);
  }
}

char *dx_doc_dump_text(const dx_doc *doc) {
  GString *out = g_string_new(NULL);
  g_string_append_printf(out, "FILE %s format=%s sha256=%s", doc->file, dx_format_name(doc->format),
                         doc->sha256);
  if (doc->pages) g_string_append_printf(out, " pages=%d", doc->pages);
  g_string_append_c(out, '\n');
  for (guint i = 0; i < doc->blocks->len; i++) {
    const dx_block *b = g_ptr_array_index(doc->blocks, i);
    if (b->kind == DX_BLOCK_PARAGRAPH) {
      g_string_append_printf(out, "PARA %d", b->index);
      if (b->page) g_string_append_printf(out, " p%d", b->page);
      g_string_append(out, ": \"");
      dump_escaped(out, b->text);
      g_string_append(out, "\"\n");
    } else {
      dump_table(out, b->table, 0);
    }
  }
  for (guint i = 0; i < doc->warnings->len; i++) {
    const dx_warning *w = g_ptr_array_index(doc->warnings, i);
    g_string_append_printf(out, "WARNING %s: %s", w->code, w->message);
    if (w->count > 1) g_string_append_printf(out, " (x%d)", w->count);
    g_string_append_c(out, '\n');
  }
  return g_string_free(out, FALSE);
}

static json_t *table_json(const dx_table *t) {
  json_t *o = json_object();
  json_object_set_new(o, "index", t->index >= 0 ? json_integer(t->index) : json_null());
  json_object_set_new(o, "rows", json_integer(t->nrows));
  json_object_set_new(o, "cols", json_integer(t->ncols));
  json_t *cells = json_array();
  for (size_t i = 0; i < t->ncells; i++) {
    const dx_cell *c = t->cells[i];
    json_t *j = json_pack("{s:i,s:i,s:i,s:i,s:s}", "row", c->row, "col", c->col, "rowspan",
                          c->rowspan, "colspan", c->colspan, "text", c->text ? c->text : "");
    json_object_set_new(j, "page", c->page ? json_integer(c->page) : json_null());
    json_object_set_new(
        j, "box",
        c->has_box ? json_pack("[f,f,f,f]", round(c->box[0] * 10) / 10, round(c->box[1] * 10) / 10,
                               round(c->box[2] * 10) / 10, round(c->box[3] * 10) / 10)
                   : json_null());
    static const char *origins[] = {"docx", "pdf", "ocr", "ofd", "xlsx"};
    json_object_set_new(j, "origin", json_string(origins[c->origin]));
    json_object_set_new(j, "confidence", json_real(c->confidence));
    if (c->flags & DX_CELL_CROSS_PAGE) json_object_set_new(j, "cross_page", json_true());
    if (c->nchildren) {
      json_t *kids = json_array();
      for (size_t k = 0; k < c->nchildren; k++)
        json_array_append_new(kids, table_json(c->children[k]));
      json_object_set_new(j, "tables", kids);
    }
    json_array_append_new(cells, j);
  }
  json_object_set_new(o, "cells", cells);
  return o;
}

char *dx_doc_dump_json(const dx_doc *doc) {
  json_t *root = json_object();
  json_object_set_new(root, "file", json_string(doc->file));
  json_object_set_new(root, "format", json_string(dx_format_name(doc->format)));
  json_object_set_new(root, "sha256", json_string(doc->sha256));
  json_object_set_new(root, "pages", doc->pages ? json_integer(doc->pages) : json_null());
  json_t *blocks = json_array();
  for (guint i = 0; i < doc->blocks->len; i++) {
    const dx_block *b = g_ptr_array_index(doc->blocks, i);
    json_t *o;
    if (b->kind == DX_BLOCK_PARAGRAPH) {
      o = json_pack("{s:s,s:i,s:s}", "kind", "paragraph", "index", b->index, "text", b->text);
    } else {
      o = json_pack("{s:s}", "kind", "table");
      json_t *t = table_json(b->table);
      json_object_update(o, t);
      json_decref(t);
    }
    json_object_set_new(o, "page", b->page ? json_integer(b->page) : json_null());
    json_array_append_new(blocks, o);
  }
  json_object_set_new(root, "blocks", blocks);
  json_t *warnings = json_array();
  for (guint i = 0; i < doc->warnings->len; i++) {
    const dx_warning *w = g_ptr_array_index(doc->warnings, i);
    json_array_append_new(warnings, json_pack("{s:s,s:s,s:i}", "code", w->code, "message",
                                              w->message, "count", w->count));
  }
  json_object_set_new(root, "warnings", warnings);
  char *s = json_dumps(root, JSON_PRESERVE_ORDER | JSON_INDENT(1) | JSON_REAL_PRECISION(15));
  json_decref(root);
  char *out = g_strdup(s ? s : "{}");
  free(s);
  return out;
}

/* ---- input ----------------------------------------------------------- */

dx_code dx_read_file(uint8_t **out_data, size_t *out_len, const char *path, const dx_limits *lim,
                     dx_error *err) {
  *out_data = NULL;
  *out_len = 0;
  bool is_stdin = strcmp(path, "-") == 0;
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f) return dx_error_set(err, DX_EIO, "cannot open: %s", strerror(errno));
  GByteArray *buf = g_byte_array_new();
  uint8_t tmp[65536];
  dx_code rc = DX_OK;
  for (;;) {
    size_t n = fread(tmp, 1, sizeof tmp, f);
    if (n > 0) {
      if (buf->len + n > lim->max_input_bytes) {
        rc = dx_error_set(err, DX_ELIMIT, "input larger than the %zu-byte limit",
                          lim->max_input_bytes);
        break;
      }
      g_byte_array_append(buf, tmp, (guint)n);
    }
    if (n < sizeof tmp) {
      if (ferror(f)) rc = dx_error_set(err, DX_EIO, "read error: %s", strerror(errno));
      break;
    }
  }
  if (!is_stdin) fclose(f);
  if (rc != DX_OK) {
    g_byte_array_free(buf, TRUE);
    return rc;
  }
  *out_len = buf->len;
  *out_data = g_byte_array_free(buf, FALSE);
  return DX_OK;
}

const char *dx_archive_kind(const uint8_t *data, size_t len) {
  static const struct {
    size_t off, n;
    const char *magic, *what;
  } kinds[] = {
      {257, 5, "ustar", "a tar archive"},
      {0, 2, "\x1F\x8B", "a gzip-compressed file (a .tar.gz?)"},
      {0, 3, "BZh", "a bzip2-compressed file"},
      {0, 6,
       "\xFD"
       "7zXZ\x00",
       "an xz-compressed file"},
      {0, 4, "\x28\xB5\x2F\xFD", "a zstd-compressed file"},
      {0, 6, "7z\xBC\xAF\x27\x1C", "a 7z archive"},
      {0, 6, "Rar!\x1A\x07", "a RAR archive"},
  };
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (len >= kinds[i].off + kinds[i].n &&
        memcmp(data + kinds[i].off, kinds[i].magic, kinds[i].n) == 0)
      return kinds[i].what;
  return NULL;
}
