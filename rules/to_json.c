/* to_json.c — the contract's JSON written out: deterministic serialisation. */
#include "map_int.h"

char *dx_json_dump(const json_t *j, bool pretty) {
  size_t flags =
      JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
  char *s = json_dumps(j, flags);
  char *out = g_strdup(s ? s : "null");
  free(s);
  return out;
}
