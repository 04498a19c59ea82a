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

static void decl_rows(dx_csv *c, GString *row, const dx_rec *r, const dx_rec_decl *d) {
  jcell(row, r->file);
  jcell(row, r->sha256);
  jcell(row, r->format);
  icell(row, d->seq);
  jcell(row, d->form);
  jcell(row, d->title);
  jcell(row, d->fiscal_year);
  jcell(row, d->unit);
  jcell(row, d->project_name);
  jcell(row, d->department);
  jcell(row, d->confidence);
  jcell(row, d->page_start);
  jcell(row, d->page_end);
  jcell(row, d->flags);
  cell(row, NULL);
  cell(row, NULL);
  put(c->decl, row);
  for (guint i = 0; i < d->indicators->len; i++) {
    const dx_rec_ind *in = &g_array_index(d->indicators, dx_rec_ind, i);
    jcell(row, r->file);
    jcell(row, r->sha256);
    icell(row, d->seq);
    icell(row, in->seq);
    const json_t *cols[] = {in->horizon,  in->level1,     in->level2, in->level3, in->raw,
                            in->kind,     in->op,         in->number, in->upper,  in->unit,
                            in->standard, in->confidence, in->flags};
    for (size_t k = 0; k < G_N_ELEMENTS(cols); k++) jcell(row, cols[k]);
    put(c->ind, row);
  }
  for (guint i = 0; i < d->funds->len; i++) {
    const dx_rec_fund *f = &g_array_index(d->funds, dx_rec_fund, i);
    jcell(row, r->file);
    jcell(row, r->sha256);
    icell(row, d->seq);
    cell(row, f->source);
    cell(row, f->label);
    cell(row, f->horizon);
    jcell(row, f->f.value);
    jcell(row, f->f.raw);
    jcell(row, f->f.confidence);
    jcell(row, f->f.flags);
    put(c->funds, row);
  }
}

int dx_csv_record(dx_csv *c, const dx_rec *r) {
  GString *row = g_string_new(NULL);
  if (r->failed) {
    jcell(row, r->file);
    jcell(row, r->sha256);
    for (int k = 0; k < 12; k++) cell(row, NULL);
    jcell(row, r->error_code);
    jcell(row, r->error_message);
    put(c->decl, row);
  }
  for (guint i = 0; i < r->decls->len; i++)
    decl_rows(c, row, r, &g_array_index(r->decls, dx_rec_decl, i));
  g_string_free(row, TRUE);
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
