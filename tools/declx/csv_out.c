/* csv_out.c — `declx batch -o NAME.csv`: records as three CSV files,
 * NAME.declarations.csv, NAME.indicators.csv and NAME.funds.csv (RFC
 * 4180: fields with a comma, quote or line break are quoted, quotes
 * doubled), UTF-8, with a byte-order mark on request (--bom: Excel reads
 * UTF-8 only with one). A failed input is a declarations row with its
 * error and no declaration columns.
 */
#include "csv_out.h"

#include "records.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

struct dx_csv {
  FILE *decl, *ind, *funds;
};

static void cell(GString *row, const char *s) {
  if (row->len) g_string_append_c(row, ',');
  if (!s) return;
  if (!strpbrk(s, ",\"\r\n")) {
    g_string_append(row, s);
    return;
  }
  g_string_append_c(row, '"');
  for (const char *p = s; *p; p++) {
    if (*p == '"') g_string_append_c(row, '"');
    g_string_append_c(row, *p);
  }
  g_string_append_c(row, '"');
}

/* A JSON value as a CSV cell: strings as they are, null empty, numbers
 * as JSON writes them, anything else as compact JSON. */
static void jcell(GString *row, const json_t *v) {
  if (!v || json_is_null(v)) {
    cell(row, NULL);
  } else if (json_is_string(v)) {
    cell(row, json_string_value(v));
  } else {
    char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_PRESERVE_ORDER |
                                JSON_REAL_PRECISION(15));
    cell(row, t);
    free(t);
  }
}

static void icell(GString *row, long long n) {
  char b[24];
  g_snprintf(b, sizeof b, "%lld", n);
  cell(row, b);
}

static void put(FILE *f, GString *row) {
  g_string_append(row, "\r\n"); /* RFC 4180 line ends */
  fwrite(row->str, 1, row->len, f);
  g_string_truncate(row, 0);
}

static FILE *open_one(const char *stem, const char *kind, bool bom, const char *header, char *err,
                      size_t errlen) {
  char *path = g_strdup_printf("%s.%s.csv", stem, kind);
  FILE *f = fopen(path, "w");
  if (!f) {
    g_snprintf(err, errlen, "%s: %s", path, strerror(errno));
  } else {
    if (bom) fputs("\xEF\xBB\xBF", f);
    fputs(header, f);
  }
  g_free(path);
  return f;
}

dx_csv *dx_csv_open(const char *path, bool bom, char *err, size_t errlen) {
  char *stem = g_str_has_suffix(path, ".csv") ? g_strndup(path, strlen(path) - 4) : g_strdup(path);
  dx_csv *c = g_new0(dx_csv, 1);
  c->decl = open_one(stem, "declarations", bom,
                     "file,sha256,format,declaration,form,title,fiscal_year,unit,project_name,"
                     "department,confidence,page_start,page_end,flags,error_code,error_message\r\n",
                     err, errlen);
  c->ind = c->decl ? open_one(stem, "indicators", bom,
                              "file,sha256,declaration,indicator,horizon,level1,level2,level3,"
                              "value_raw,value_kind,op,number,upper,unit,standard,confidence,"
                              "flags\r\n",
                              err, errlen)
                   : NULL;
  c->funds = c->ind ? open_one(stem, "funds", bom,
                               "file,sha256,declaration,source,label,horizon,value,raw,"
                               "confidence,flags\r\n",
                               err, errlen)
                    : NULL;
  g_free(stem);
  if (!c->funds) {
    dx_csv_close(c);
    return NULL;
  }
  return c;
}

typedef struct fund_ctx {
  dx_csv *c;
  GString *row;
  const json_t *src;
  long long decl;
} fund_ctx;

static int fund_row(void *ctx, const char *source, const char *label, const char *horizon,
                    const json_t *f) {
  fund_ctx *fc = ctx;
  GString *row = fc->row;
  jcell(row, json_object_get(fc->src, "file"));
  jcell(row, json_object_get(fc->src, "sha256"));
  icell(row, fc->decl);
  cell(row, source);
  cell(row, label);
  cell(row, horizon);
  jcell(row, json_object_get(f, "value"));
  jcell(row, json_object_get(f, "raw"));
  jcell(row, json_object_get(f, "confidence"));
  jcell(row, json_object_get(f, "flags"));
  put(fc->c->funds, row);
  return 0;
}

int dx_csv_record(dx_csv *c, const char *record, char *err, size_t errlen) {
  json_error_t je;
  json_t *j = json_loads(record, 0, &je);
  if (!j) {
    g_snprintf(err, errlen, "not a JSON record: %s", je.text);
    return -1;
  }
  const json_t *src = json_object_get(j, "source"), *e = json_object_get(j, "error");
  GString *row = g_string_new(NULL);
  if (e) {
    jcell(row, json_object_get(src, "file"));
    jcell(row, json_object_get(src, "sha256"));
    for (int k = 0; k < 12; k++) cell(row, NULL);
    jcell(row, json_object_get(e, "code"));
    jcell(row, json_object_get(e, "message"));
    put(c->decl, row);
  }
  size_t di;
  const json_t *d;
  json_array_foreach(json_object_get(j, "declarations"), di, d) {
    const json_t *fields = json_object_get(d, "fields"), *origin = json_object_get(d, "origin");
    const json_t *unit = dx_rec_unit(d);
    jcell(row, json_object_get(src, "file"));
    jcell(row, json_object_get(src, "sha256"));
    jcell(row, json_object_get(src, "format"));
    icell(row, (long long)di);
    jcell(row, json_object_get(d, "form"));
    jcell(row, json_object_get(d, "title"));
    jcell(row, json_object_get(d, "fiscal_year"));
    jcell(row, unit);
    jcell(row, json_object_get(json_object_get(fields, "project_name"), "value"));
    jcell(row, json_object_get(json_object_get(fields, "department"), "value"));
    jcell(row, json_object_get(d, "confidence"));
    jcell(row, json_object_get(origin, "page_start"));
    jcell(row, json_object_get(origin, "page_end"));
    jcell(row, json_object_get(d, "flags"));
    cell(row, NULL);
    cell(row, NULL);
    put(c->decl, row);
    size_t ii;
    const json_t *in;
    json_array_foreach(json_object_get(d, "indicators"), ii, in) {
      const json_t *v = json_object_get(in, "value");
      jcell(row, json_object_get(src, "file"));
      jcell(row, json_object_get(src, "sha256"));
      icell(row, (long long)di);
      icell(row, (long long)ii);
      static const char *const keys[] = {"horizon", "level1", "level2", "level3"};
      for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) jcell(row, json_object_get(in, keys[k]));
      static const char *const vkeys[] = {"raw", "kind", "op", "number", "upper", "unit"};
      for (size_t k = 0; k < G_N_ELEMENTS(vkeys); k++) jcell(row, json_object_get(v, vkeys[k]));
      jcell(row, json_object_get(in, "standard"));
      jcell(row, json_object_get(in, "confidence"));
      jcell(row, json_object_get(in, "flags"));
      put(c->ind, row);
    }
    fund_ctx fc = {c, row, src, (long long)di};
    dx_rec_funds(d, fund_row, &fc);
  }
  g_string_free(row, TRUE);
  json_decref(j);
  fflush(c->decl);
  fflush(c->ind);
  fflush(c->funds);
  return ferror(c->decl) || ferror(c->ind) || ferror(c->funds) ? -1 : 0;
}

int dx_csv_close(dx_csv *c) {
  if (!c) return 0;
  int rc = 0;
  if (c->decl) rc |= fclose(c->decl);
  if (c->ind) rc |= fclose(c->ind);
  if (c->funds) rc |= fclose(c->funds);
  g_free(c);
  return rc ? -1 : 0;
}
