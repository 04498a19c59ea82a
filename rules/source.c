/* source.c — a record's top level besides its declarations: the
 * contract's version, the source (file, format, sha256, pages, what
 * converted it) and the document's warnings. */
#include "map_int.h"

static void add_warning(dx_record *r, const char *code, const char *message, int page) {
  dx_warning_out *w = dx_record_alloc(r, sizeof *w);
  w->code = dx_record_strdup(r, code);
  w->message = dx_record_strdup(r, message);
  w->page = page;
  DX_LIST_PUSH(r, r->warnings, w);
}

/* The record's source and warnings from doc (no_declaration when the
 * record has no declaration). */
void map_record_source(dx_record *r, const dx_doc *doc) {
  r->schema_version = DX_SCHEMA_VERSION;
  char *base = g_path_get_basename(doc->file);
  char *name = g_utf8_make_valid(base, -1); /* a path need not be UTF-8; JSON must */
  r->file = dx_record_strdup(r, name);
  g_free(name);
  g_free(base);
  r->format = dx_record_strdup(r, dx_format_name(doc->format));
  r->sha256 = dx_record_strdup(r, doc->sha256);
  r->pages = doc->pages;
  r->converted_by = dx_record_strdup(r, doc->converted_by);
  for (guint i = 0; i < doc->warnings->len; i++) {
    const dx_warning *w = g_ptr_array_index(doc->warnings, i);
    add_warning(r, w->code, w->message, w->page);
  }
  if (r->decls.n == 0)
    add_warning(r, "no_declaration", "no declaration form found in this file", 0);
}
