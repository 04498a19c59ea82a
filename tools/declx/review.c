/* review.c — `declx review [-o DIR] INPUT.jsonl|FILE...`: a static site
 * in DIR for checking and correcting what declx read (README, "Review
 * and corrections").
 *
 *   DIR/index.html, DIR/data/index.js   one row per document and declaration
 *   DIR/doc/ID.html, DIR/doc/ID.js      one page per document: its values
 *   DIR/crops/ID-N.png                  PDF crops around the values' boxes
 *   DIR/assets/review.js, review.css    the page's script and style
 *   DIR/assets/parse.js, data/lexicon.js  the value parser and its words,
 *                                       for the live preview of an edit
 *
 * ID is the document's sha256 (its first 16 digits): no name from a
 * document or an archive becomes a path. Everything from a document
 * reaches the pages as JSON in the data files, which the script inserts
 * as text; the HTML holds only the escaped file name in its title. The
 * pages' Content-Security-Policy allows the site's own files only.
 */
#include "review.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "archive_in.h"
#include "declx.h"
#include "dx_rules.h"
#include "proc.h"

extern const char dx_review_index_html[], dx_review_doc_html[], dx_review_js[], dx_review_css[],
    dx_review_parse_js[];

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_RULES = 3 };

/* Values below this confidence are doubtful (the index counts them). */
#define DOUBTFUL 0.9

typedef struct site {
  const char *dir;
  dx_ruleset *rs;
  dx_limits lim;
  json_t *index;    /* rows of data/index.js */
  GHashTable *seen; /* document ids written */
  int docs, crops, failed;
  bool quiet;
} site;

static bool write_file(const site *s, const char *rel, const char *text, size_t len) {
  char *path = g_build_filename(s->dir, rel, NULL);
  GError *ge = NULL;
  bool ok = g_file_set_contents(path, text, (gssize)len, &ge);
  if (!ok) {
    fprintf(stderr, "declx: %s: %s\n", path, ge->message);
    g_error_free(ge);
  }
  g_free(path);
  return ok;
}

/* JSON as a script that sets window[name]: ASCII only (no U+2028, no
 * "<" that could close anything). */
static bool write_data(const site *s, const char *rel, const char *name, const json_t *j) {
  char *t = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER |
                              JSON_REAL_PRECISION(15));
  GString *g = g_string_new(NULL);
  g_string_printf(g, "window.%s = ", name);
  for (const char *c = t; c && *c; c++) {
    if (*c == '<' || *c == '>' || *c == '&')
      g_string_append_printf(g, "\\u%04x", *c);
    else
      g_string_append_c(g, *c);
  }
  g_string_append(g, ";\n");
  bool ok = write_file(s, rel, g->str, g->len);
  g_string_free(g, TRUE);
  free(t);
  return ok;
}

/* An HTML template with @KEY@ replaced by values (already escaped). */
static char *fill(const char *tpl, const char *const *kv) {
  GString *g = g_string_new(tpl);
  for (; kv[0]; kv += 2) g_string_replace(g, kv[0], kv[1], 0);
  return g_string_free(g, FALSE);
}

/* The id of a document: its sha256's first 16 hex digits, or "input-N". */
static char *doc_id(const json_t *rec, int n) {
  const char *sha = json_string_value(json_object_get(json_object_get(rec, "source"), "sha256"));
  bool hex = sha && strlen(sha) == 64;
  for (int i = 0; hex && i < 64; i++) hex = g_ascii_isxdigit(sha[i]) && !g_ascii_isupper(sha[i]);
  return hex ? g_strndup(sha, 16) : g_strdup_printf("input-%d", n);
}

/* ---- crops and tables --------------------------------------------------- */

/* Crop requests for every item with a page and a box; each distinct box
 * once (its path shared by the items that have it). */
static GArray *plan_crops(const char *id, json_t *decls) {
  GArray *crops = g_array_new(FALSE, TRUE, sizeof(dx_crop));
  GHashTable *by_box = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  size_t d, i;
  json_t *decl, *it;
  json_array_foreach(decls, d, decl) {
    json_array_foreach(json_object_get(decl, "items"), i, it) {
      json_t *at = json_object_get(it, "at"), *box = json_object_get(at, "box");
      json_int_t page = json_integer_value(json_object_get(at, "page"));
      if (page < 1 || page > 1000000 || json_array_size(box) != 4) continue;
      dx_crop c = {.page = (int)page};
      for (int k = 0; k < 4; k++) c.box[k] = json_number_value(json_array_get(box, k));
      char *key =
          g_strdup_printf("%d:%.1f:%.1f:%.1f:%.1f", c.page, c.box[0], c.box[1], c.box[2], c.box[3]);
      gpointer n = g_hash_table_lookup(by_box, key);
      if (!n) {
        n = GUINT_TO_POINTER(crops->len + 1);
        c.path = g_strdup_printf("crops/%s-%u.png", id, crops->len + 1);
        g_array_append_val(crops, c);
        g_hash_table_insert(by_box, key, n);
      } else {
        g_free(key);
      }
      const dx_crop *cc = &g_array_index(crops, dx_crop, GPOINTER_TO_UINT(n) - 1);
      json_object_set_new(it, "crop", json_string(cc->path));
    }
  }
  g_hash_table_destroy(by_box);
  return crops;
}

/* Renders the planned crops from the source PDF; an item whose crop was
 * not written loses it. */
static void make_crops(site *s, const char *src, GBytes *bytes, bool raster, GArray *crops,
                       json_t *decls) {
  GPtrArray *full = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < crops->len; i++) {
    dx_crop *c = &g_array_index(crops, dx_crop, i);
    g_ptr_array_add(full, c->path); /* freed with full */
    c->path = g_build_filename(s->dir, c->path, NULL);
  }
  char err[256] = "";
  int saved = dx_proc_mute_stderr();
  dx_crop *cs = (dx_crop *)(void *)crops->data;
  s->crops += raster ? dx_review_raster_crops(src, bytes, cs, crops->len, &s->lim, err, sizeof err)
                     : dx_review_crops(bytes, cs, crops->len, &s->lim, err, sizeof err);
  dx_proc_unmute_stderr(saved);
  size_t d, i;
  json_t *decl, *it;
  json_array_foreach(decls, d, decl) {
    json_array_foreach(json_object_get(decl, "items"), i, it) {
      const char *rel = json_string_value(json_object_get(it, "crop"));
      char *path = rel ? g_build_filename(s->dir, rel, NULL) : NULL;
      if (path && !g_file_test(path, G_FILE_TEST_EXISTS)) json_object_del(it, "crop");
      g_free(path);
    }
  }
  if (*err && !s->quiet) fprintf(stderr, "declx: review: %s: crops: %s\n", src, err);
  for (guint i = 0; i < crops->len; i++) g_free(g_array_index(crops, dx_crop, i).path);
  g_ptr_array_free(full, TRUE);
}

/* ---- the source read again -------------------------------------------- */

typedef struct member_find {
  const char *name;
  unsigned entry;
  bool found;
} member_find;

static void find_member(void *ctx, const char *name, unsigned entry) {
  member_find *m = ctx;
  if (!m->found && strcmp(name, m->name) == 0) {
    m->entry = entry;
    m->found = true;
  }
}

/* Whether data is the document the record names (its sha256). */
static bool same_sha(const uint8_t *data, size_t len, const char *sha) {
  if (!sha) return false;
  char *h = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
  bool eq = g_ascii_strcasecmp(h, sha) == 0;
  g_free(h);
  return eq;
}

/* An archive member named as declx batch names it (ARCHIVE!/MEMBER),
 * read again into memory (never to disk) when the archive is still
 * there; NULL when it is not, or not the document of the record. */
static GBytes *member_bytes(const char *path, const char *sha, const dx_limits *lim) {
  for (const char *sep = strstr(path, "!/"); sep; sep = strstr(sep + 1, "!/")) {
    char *arc = g_strndup(path, (size_t)(sep - path));
    GBytes *out = NULL;
    if (g_file_test(arc, G_FILE_TEST_IS_REGULAR) && dx_arc_is_archive(arc)) {
      member_find m = {sep + 2, 0, false};
      char err[256];
      /* as many members as declx batch lists */
      if (dx_arc_list(arc, 1000000, find_member, &m, err, sizeof err) >= -1 && m.found) {
        dx_arc_reader *r = dx_arc_open(arc, err, sizeof err);
        uint8_t *data = NULL;
        size_t len = 0;
        size_t max = lim->max_input_bytes ? lim->max_input_bytes : G_MAXSIZE;
        if (r && dx_arc_read(r, m.entry, max, &data, &len, err, sizeof err) == 0 && data) {
          if (same_sha(data, len, sha))
            out = g_bytes_new_take(data, len);
          else
            g_free(data);
        }
        if (r) dx_arc_close(r);
      }
    }
    g_free(arc);
    if (out) return out;
  }
  return NULL;
}

/* The source's bytes: the file at path (within the input size limit),
 * else an archive member; NULL when neither is there. */
static GBytes *source_bytes(const char *path, const char *sha, const dx_limits *lim) {
  if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
    GMappedFile *mf = g_mapped_file_new(path, FALSE, NULL);
    if (!mf) return NULL;
    GBytes *b = NULL;
    if (!lim->max_input_bytes || g_mapped_file_get_length(mf) <= lim->max_input_bytes)
      b = g_mapped_file_get_bytes(mf);
    g_mapped_file_unref(mf);
    return b;
  }
  return member_bytes(path, sha, lim);
}

/* The document model's tables that items point at, as {index: {rows,
 * cols, cells: [[row, col, rowspan, colspan, text] ...]}} (DOCX: the
 * page shows the table, the source cell highlighted). */
static json_t *model_tables(const dx_doc *doc, json_t *decls) {
  GHashTable *want = g_hash_table_new(g_direct_hash, g_direct_equal);
  size_t d, i;
  json_t *decl, *it;
  json_array_foreach(decls, d, decl) {
    json_array_foreach(json_object_get(decl, "items"), i, it) {
      json_t *t = json_object_get(json_object_get(it, "at"), "table");
      if (json_is_integer(t)) g_hash_table_add(want, GINT_TO_POINTER(json_integer_value(t) + 1));
    }
  }
  char *dump = dx_doc_dump_json(doc);
  json_t *model = json_loads(dump, 0, NULL), *out = json_object(), *b;
  dx_free(dump);
  json_array_foreach(json_object_get(model, "blocks"), i, b) {
    json_t *ix = json_object_get(b, "index");
    if (g_strcmp0(json_string_value(json_object_get(b, "kind")), "table") != 0 ||
        !g_hash_table_contains(want, GINT_TO_POINTER(json_integer_value(ix) + 1)))
      continue;
    json_t *cells = json_array(), *c;
    size_t k;
    json_array_foreach(json_object_get(b, "cells"), k, c) {
      json_t *row = json_pack("[O?O?O?O?O?]", json_object_get(c, "row"), json_object_get(c, "col"),
                              json_object_get(c, "rowspan"), json_object_get(c, "colspan"),
                              json_object_get(c, "text"));
      json_array_append_new(cells, row);
    }
    char key[24];
    g_snprintf(key, sizeof key, "%" JSON_INTEGER_FORMAT, json_integer_value(ix));
    json_object_set_new(out, key,
                        json_pack("{sO?sO?so}", "rows", json_object_get(b, "rows"), "cols",
                                  json_object_get(b, "cols"), "cells", cells));
  }
  json_decref(model);
  g_hash_table_destroy(want);
  return out;
}

/* ---- one document ------------------------------------------------------- */

/* The unit a declaration was filed by: its filing_unit, else its
 * department (as the batch writers tell it). */
static const json_t *unit_of(const json_t *decl) {
  const json_t *f = json_object_get(decl, "fields");
  const json_t *u = json_object_get(json_object_get(f, "filing_unit"), "value");
  return json_is_string(u) ? u : json_object_get(json_object_get(f, "department"), "value");
}

/* Counts a declaration's doubtful values and flags into its index row. */
static json_t *index_row(const char *id, const json_t *rec, size_t k, const json_t *decl,
                         const json_t *items) {
  int low = 0, nflags = 0;
  json_t *flagset = json_object(), *it, *f;
  size_t i, j;
  json_array_foreach((json_t *)items, i, it) {
    if (json_number_value(json_object_get(it, "confidence")) < DOUBTFUL) low++;
    json_array_foreach(json_object_get(it, "flags"), j, f) {
      nflags++;
      json_object_set_new(flagset, json_string_value(f), json_true());
    }
  }
  json_array_foreach(json_object_get(decl, "flags"), j, f) {
    nflags++;
    json_object_set_new(flagset, json_string_value(f), json_true());
  }
  json_t *names = json_array();
  const char *key;
  json_t *v;
  json_object_foreach(flagset, key, v) {
    json_array_append_new(names, json_string(key));
  }
  json_decref(flagset);
  const json_t *src = json_object_get(rec, "source");
  const json_t *unit = unit_of(decl);
  return json_pack("{sssO?sIsO?sO?sO?sO?sisisosO?}", "id", id, "file", json_object_get(src, "file"),
                   "decl", (json_int_t)k, "form", json_object_get(decl, "form"), "unit",
                   unit ? (json_t *)unit : json_null(), "year",
                   json_object_get(decl, "fiscal_year"), "confidence",
                   json_object_get(decl, "confidence"), "low", low, "nflags", nflags, "flags",
                   names, "sha256", json_object_get(src, "sha256"));
}

/* Formats whose values are shown in their table drawn from the document
 * model (no page to crop): DOCX and XLSX, and the legacy formats read as
 * one of them through LibreOffice (converted again when re-read). */
static bool model_format(const char *format) {
  static const char *const names[] = {"docx", "xlsx", "doc", "xls", "wps",
                                      "et",   "rtf",  "odt", "ods"};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
    if (g_strcmp0(format, names[i]) == 0) return true;
  return false;
}

/* The page of one record (and the index rows of its declarations).
 * path: its source file or archive member, read again for PDF crops
 * (NULL: none); doc: its
 * document model when at hand (the DOCX tables come from it). */
static void write_document(site *s, json_t *rec, const char *path, const dx_doc *doc, int n) {
  char *id = doc_id(rec, n);
  if (g_hash_table_contains(s->seen, id)) { /* the same document again */
    g_free(id);
    return;
  }
  g_hash_table_add(s->seen, id);
  const json_t *src = json_object_get(rec, "source");
  const char *file = json_string_value(json_object_get(src, "file"));
  const char *format = json_string_value(json_object_get(src, "format"));
  json_t *decls = json_array(), *decl;
  size_t k;
  json_array_foreach(json_object_get(rec, "declarations"), k, decl) {
    json_t *items = dx_review_items(decl);
    json_array_append_new(s->index, index_row(id, rec, k, decl, items));
    json_t *d = json_deep_copy(decl);
    json_object_set_new(d, "items", items);
    json_array_append_new(decls, d);
  }
  if (json_object_get(rec, "error"))
    json_array_append_new(s->index,
                          json_pack("{sssO?snsO?}", "id", id, "file", json_object_get(src, "file"),
                                    "decl", "error", json_object_get(rec, "error")));
  /* crops: from the source when it is a PDF that is still there, a
   * file or an archive's member (ARCHIVE!/MEMBER, read again from the
   * archive when its sha256 is still the record's) */
  bool pdf = format && g_str_has_prefix(format, "pdf");
  /* image files and scanned OFD pages: cut from the page images as OCR
   * saw them (the document read again, OCR too); an OFD's text pages:
   * drawn from the glyphs and rules its reader saw */
  bool raster = g_strcmp0(format, "jpeg") == 0 || g_strcmp0(format, "png") == 0 ||
                g_strcmp0(format, "tiff") == 0 || g_strcmp0(format, "ofd-scanned") == 0 ||
                g_strcmp0(format, "ofd") == 0;
  const char *sha = json_string_value(json_object_get(src, "sha256"));
  GBytes *bytes = (pdf || raster) && path ? source_bytes(path, sha, &s->lim) : NULL;
  if (bytes) {
    GArray *crops = plan_crops(id, decls);
    make_crops(s, path, bytes, raster, crops, decls);
    g_array_free(crops, TRUE);
    g_bytes_unref(bytes);
  }
  json_t *page =
      json_pack("{sO?sO?sO?so}", "source", src, "warnings", json_object_get(rec, "warnings"),
                "error", json_object_get(rec, "error"), "declarations", decls);
  if (doc && model_format(format)) json_object_set_new(page, "tables", model_tables(doc, decls));
  char *rel = g_strdup_printf("doc/%s.js", id);
  write_data(s, rel, "DX_DOC", page);
  g_free(rel);
  json_decref(page);
  char *title = g_markup_escape_text(file ? file : "?", -1);
  const char *kv[] = {"@TITLE@", title, "@ID@", id, NULL};
  char *html = fill(dx_review_doc_html, kv);
  rel = g_strdup_printf("doc/%s.html", id);
  write_file(s, rel, html, strlen(html));
  g_free(rel);
  g_free(html);
  g_free(title);
  s->docs++;
}

/* ---- inputs --------------------------------------------------------------- */

/* The document model of a record's source file when it is a DOCX or an
 * XLSX still there (NULL otherwise). */
static dx_doc *reread_model(const site *s, const json_t *rec) {
  const json_t *src = json_object_get(rec, "source");
  const char *file = json_string_value(json_object_get(src, "file"));
  if (!model_format(json_string_value(json_object_get(src, "format"))) || !file ||
      strstr(file, "!/") || !g_file_test(file, G_FILE_TEST_IS_REGULAR))
    return NULL;
  dx_doc *doc = NULL;
  dx_error err = {0};
  dx_read_path(&doc, file, &s->lim, &err);
  return doc;
}

/* Every record of a JSON Lines file; false when it cannot be read. */
static bool read_jsonl(site *s, const char *path, int *n) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
  if (!f) {
    fprintf(stderr, "declx: %s: %s\n", path, strerror(errno));
    return false;
  }
  char *line = NULL;
  size_t cap = 0;
  for (long no = 1; getline(&line, &cap, f) > 0; no++) {
    json_error_t je;
    json_t *rec = json_loads(line, 0, &je);
    if (!json_is_object(rec)) {
      fprintf(stderr, "declx: %s:%ld: not a record: %s\n", path, no, je.text);
      s->failed++;
    } else {
      dx_doc *doc = reread_model(s, rec);
      const char *file = json_string_value(json_object_get(json_object_get(rec, "source"), "file"));
      write_document(s, rec, file, doc, ++*n);
      dx_doc_free(doc);
    }
    json_decref(rec);
  }
  free(line);
  if (f != stdin) fclose(f);
  return true;
}

/* One form file, read here. */
static void read_form(site *s, const char *path, int *n) {
  dx_doc *doc = NULL;
  dx_error err = {0};
  int saved = dx_proc_mute_stderr();
  dx_read_path(&doc, path, &s->lim, &err);
  dx_proc_unmute_stderr(saved);
  if (!doc) {
    fprintf(stderr, "declx: %s: %s\n", path, err.message);
    s->failed++;
    return;
  }
  json_t *rec = dx_doc_to_json(s->rs, doc);
  write_document(s, rec, path, doc, ++*n);
  json_decref(rec);
  dx_doc_free(doc);
  dx_proc_trim_heap(NULL);
}

static bool make_dirs(const char *dir) {
  static const char *const sub[] = {"doc", "crops", "assets", "data"};
  for (size_t i = 0; i < G_N_ELEMENTS(sub); i++) {
    char *p = g_build_filename(dir, sub[i], NULL);
    int rc = g_mkdir_with_parents(p, 0755);
    g_free(p);
    if (rc != 0) {
      fprintf(stderr, "declx: %s: %s\n", dir, strerror(errno));
      return false;
    }
  }
  return true;
}

static bool write_site_files(site *s) {
  bool ok = write_data(s, "data/index.js", "DX_INDEX", s->index);
  ok &= write_file(s, "index.html", dx_review_index_html, strlen(dx_review_index_html));
  ok &= write_file(s, "assets/review.js", dx_review_js, strlen(dx_review_js));
  ok &= write_file(s, "assets/parse.js", dx_review_parse_js, strlen(dx_review_parse_js));
  json_t *lx = dx_lexicon_json(dx_rules_lexicon(s->rs));
  ok &= write_data(s, "data/lexicon.js", "DX_LEXICON", lx);
  json_decref(lx);
  ok &= write_file(s, "assets/review.css", dx_review_css, strlen(dx_review_css));
  return ok;
}

int dx_review_main(int argc, char **argv) {
  char *dir = NULL, *rules_dir = NULL;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {{"out", 'o', 0, G_OPTION_ARG_FILENAME, &dir, NULL, NULL},
                            {"rules", 'r', 0, G_OPTION_ARG_FILENAME, &rules_dir, NULL, NULL},
                            {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, NULL, NULL},
                            {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GError *ge = NULL;
  bool parsed = dx_proc_options(entries, &argc, &argv, &ge);
  if (!parsed || argc < 3) {
    fprintf(stderr, "declx: %s\nTry 'declx --help'.\n",
            ge ? ge->message : "expected 'review [-o DIR] INPUT.jsonl|FILE...'");
    if (ge) g_error_free(ge);
    g_free(dir);
    g_free(rules_dir);
    return EXIT_USAGE;
  }
  site s = {.dir = dir ? dir : "review", .quiet = quiet};
  dx_limits_default(&s.lim);
  s.lim.after_ocr_page = dx_proc_trim_heap;
  dx_error err = {0};
  int status = EXIT_OK;
  if ((s.rs = dx_rules_load(rules_dir, &err))) dx_rules_layout_words(s.rs, &s.lim);
  if (!s.rs) {
    fprintf(stderr, "declx: %s\n", err.message);
    status = EXIT_RULES;
  } else if (!make_dirs(s.dir)) {
    status = EXIT_FAILED;
  } else {
    double t0 = g_get_monotonic_time() / 1e6;
    s.index = json_array();
    s.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int n = 0;
    for (int i = 2; i < argc; i++) {
      if (strcmp(argv[i], "-") == 0 || g_str_has_suffix(argv[i], ".jsonl")) {
        if (!read_jsonl(&s, argv[i], &n)) s.failed++;
      } else {
        read_form(&s, argv[i], &n);
      }
    }
    if (!write_site_files(&s)) s.failed++;
    status = s.failed ? EXIT_FAILED : EXIT_OK;
    if (!quiet)
      fprintf(stderr, "declx review: %s/index.html: %d documents, %zu rows, %d crops, %.1f s\n",
              s.dir, s.docs, json_array_size(s.index), s.crops, g_get_monotonic_time() / 1e6 - t0);
    json_decref(s.index);
    g_hash_table_destroy(s.seen);
  }
  dx_rules_free(s.rs);
  g_free(dir);
  g_free(rules_dir);
  return status;
}
