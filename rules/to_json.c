/* to_json.c — the contract's JSON: the top-level object (schema_version,
 * source, declarations, warnings) around the declarations found, and its
 * deterministic serialisation. */
#include "map_int.h"

/* The contract's top-level object for doc: schema_version, source, the
 * declarations found (their objects taken, the array freed) and the
 * document's warnings (no_declaration when none was found). */
json_t *map_doc_json(const dx_doc *doc, GPtrArray *found) {
  json_t *root = json_object();
  json_object_set_new(root, "schema_version", json_string(DX_SCHEMA_VERSION));
  json_t *src = json_object();
  char *base = g_path_get_basename(doc->file);
  char *name = g_utf8_make_valid(base, -1); /* a path need not be UTF-8; JSON must */
  json_object_set_new(src, "file", json_string(name));
  g_free(name);
  g_free(base);
  json_object_set_new(src, "format", json_string(dx_format_name(doc->format)));
  json_object_set_new(src, "sha256", json_string(doc->sha256));
  json_object_set_new(src, "pages", doc->pages ? json_integer(doc->pages) : json_null());
  if (doc->converted_by) json_object_set_new(src, "converted_by", json_string(doc->converted_by));
  json_object_set_new(root, "source", src);
  json_t *decls = json_array();
  for (guint i = 0; i < found->len; i++) json_array_append_new(decls, g_ptr_array_index(found, i));
  g_ptr_array_free(found, TRUE);
  json_object_set_new(root, "declarations", decls);
  json_t *warnings = json_array();
  for (guint i = 0; i < doc->warnings->len; i++) {
    const dx_warning *w = g_ptr_array_index(doc->warnings, i);
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(w->code));
    json_object_set_new(o, "message", json_string(w->message));
    json_object_set_new(o, "page", w->page ? json_integer(w->page) : json_null());
    json_array_append_new(warnings, o);
  }
  if (json_array_size(decls) == 0) {
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string("no_declaration"));
    json_object_set_new(o, "message", json_string("no declaration form found in this file"));
    json_object_set_new(o, "page", json_null());
    json_array_append_new(warnings, o);
  }
  json_object_set_new(root, "warnings", warnings);
  return root;
}

char *dx_json_dump(const json_t *j, bool pretty) {
  size_t flags =
      JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
  char *s = json_dumps(j, flags);
  char *out = g_strdup(s ? s : "null");
  free(s);
  return out;
}
