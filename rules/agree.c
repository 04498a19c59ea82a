/* agree.c — on a scan, the fields one filer writes alike in all its
 * declarations (labels.rules: doc_field; the unit, its head, its
 * contact) read alike: a text most declarations agree on stands for one
 * that is nearly it, as a careful typist who has typed a unit's name
 * eight times does not type a ninth variant of it. */
#include "map_int.h"

#include <math.h>
#include <string.h>

/* A repaired value is no surer than this: OCR did not read it there. */
#define CONF_AGREED 0.85
/* A reading this sure is likely right (the corpus test's calibration). */
#define CONF_SURE 0.8
/* Copies of a text that make it the document's: at least two, more than
 * the text it replaces. */
enum { MIN_COPIES = 2 };
/* Characters more or fewer than the copies' a misreading may have. */
enum { MAX_LENGTH_DIFF = 1 };

/* How many of the fields f[0..n) read raw exactly; *least and *most,
 * their lowest and highest confidence. */
static int copies(dx_field *const *f, size_t n, const char *raw, double *least, double *most) {
  int c = 0;
  *least = 1.0;
  *most = 0.0;
  for (size_t i = 0; i < n; i++)
    if (strcmp(f[i]->raw, raw) == 0) {
      c++;
      *least = MIN(*least, f[i]->confidence);
      *most = MAX(*most, f[i]->confidence);
    }
  return c;
}

/* The field of f[0..n) whose text stands for target's, or NULL: read
 * exactly by at least MIN_COPIES fields and by more than target's own
 * text, at most one edit per four characters from it (one at least) and
 * at most MAX_LENGTH_DIFF characters longer or shorter,
 * unless target is a sure reading (CONF_SURE) surer than every copy
 * (outvoted by unsure ones, it stays). The most copies win, then the
 * nearest, then the first. *least: the lowest confidence of its copies. */
static dx_field *agreed(ctx *x, dx_field *const *f, size_t n, const dx_field *target,
                        double *least) {
  double most;
  int own = copies(f, n, target->raw, least, &most);
  dx_field *best = NULL;
  int best_copies = 0, best_d = 0;
  for (size_t i = 0; i < n; i++) {
    const char *raw = f[i]->raw;
    if (strcmp(raw, target->raw) == 0) continue;
    bool seen = false; /* counted at its first copy */
    for (size_t k = 0; k < i && !seen; k++) seen = strcmp(f[k]->raw, raw) == 0;
    if (seen) continue;
    double low, high;
    int c = copies(f, n, raw, &low, &high);
    if (c < MIN_COPIES || c <= own || c < best_copies) continue;
    if (target->confidence >= CONF_SURE && target->confidence > high) continue;
    int chars = (int)g_utf8_strlen(raw, -1);
    /* OCR loses a character, or reads a speck as one; words more or
     * fewer are another text (永宁县政府办公室 is no misreading of
     * 永宁县人民政府办公室, a unit's other name) */
    if (abs(chars - (int)g_utf8_strlen(target->raw, -1)) > MAX_LENGTH_DIFF) continue;
    int max = DX_RULES_EDIT_THIRDS * MAX(1, chars / 4);
    int d = dx_rules_distance_thirds(x->rs, target->raw, raw, max);
    if (d > max) continue;
    if (best && c == best_copies && d >= best_d) continue;
    best = f[i];
    best_copies = c;
    best_d = d;
    *least = low;
  }
  return best;
}

static void agree_field(ctx *x, int fi) {
  dx_record *r = x->rec;
  dx_field **f = g_new(dx_field *, r->decls.n);
  size_t n = 0;
  for (size_t i = 0; i < r->decls.n; i++) {
    dx_field *v = r->decls.v[i]->fields[fi];
    if (v && v->kind == DX_FV_STRING && v->raw && *v->raw) f[n++] = v;
  }
  /* every field's text found before any is replaced */
  dx_field **to = g_new0(dx_field *, n + 1);
  double *conf = g_new(double, n + 1);
  for (size_t i = 0; i < n; i++) to[i] = agreed(x, f, n, f[i], &conf[i]);
  for (size_t i = 0; i < n; i++) {
    if (!to[i]) continue;
    f[i]->raw = to[i]->raw;
    f[i]->s = to[i]->s;
    f[i]->confidence = round(MIN(CONF_AGREED, conf[i]) * 1000) / 1000;
  }
  g_free(to);
  g_free(conf);
  g_free(f);
}

void map_agree_fields(ctx *x) {
  if (!x->scanned || x->rec->decls.n < MIN_COPIES + 1) return;
  bool any = false;
  for (int fi = 0; fi < DX_NFIELDS; fi++) {
    if (!dx_rules_match(x->rs, DX_CAT_DOC_FIELD, dx_field_keys[fi])) continue;
    agree_field(x, fi);
    any = true;
  }
  if (!any) return;
  for (size_t i = 0; i < x->rec->decls.n; i++)
    x->rec->decls.v[i]->confidence = map_decl_conf(x->rec->decls.v[i]);
}
