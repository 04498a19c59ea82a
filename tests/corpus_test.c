/* corpus_test — runs declx on every corpus document with an expected
 * JSON and compares them fact by fact.
 *
 * A fact is one leaf of the expected JSON (path = value), plus the length
 * of every array. `confidence` leaves are declx's own estimate and are not
 * facts. The test fails when a file's declaration count differs, or when
 * fewer than DX_MIN_FACT_RATE of all facts are exactly right; it prints
 * every wrong fact as a readable diff line and the overall figure.
 *
 * With --baseline FILE, every file listed there ("NAME<TAB>FACTS_RIGHT")
 * must have at least that many facts right: accuracy never slips
 * silently. --write-baseline FILE writes the figures of this run (to
 * raise the baseline after an improvement; never lower it by hand).
 * Facts and calibration are also printed per producer (the file name's
 * prefix: chrome-tight-seed000.pdf is chrome-tight's). For text PDFs at
 * least DX_MIN_RIGHT_AT_90_PDF of the values given 0.9 or more must be
 * right.
 *
 * Usage: corpus_test CORPUS_DIR [FORMAT_SUBDIR] [--baseline FILE]
 *                    [--write-baseline FILE] [--shard K/N]
 *        corpus_test --compare FORMAT_SUBDIR EXPECTED.json ACTUAL.json
 *   (FORMAT_SUBDIR: "docx", "xlsx", "pdf", "scan", "ofd", "image":
 *   NAME.jpg, .png or .tif for expected/NAME.json, or "legacy": NAME.doc,
 *   .xls, .wps, .et, .rtf, .odt or .ods, read through LibreOffice; "pdf",
 *   "scan" and "ofd" are compared as PDFs are: where things are aside;
 *   "xlsx" and "legacy" as DOCX files are). --shard K/N tests the K-th of every N files
 *   (in name order), so that N processes share a slow corpus.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "dx_extract.h"
#include "dx_rules.h"

#define DX_MIN_FACT_RATE 0.99
/* PDFs of every producer in the corpus need the same (issue 11) */
/* ... and for scans (corpus/scan/: those PDFs printed and scanned, read
 * by OCR), and image files (corpus/image/: scans and photographs as
 * JPEG, PNG and TIFF). */
#define DX_MIN_FACT_RATE_SCAN 0.65
/* Of the values a text PDF gives 0.9 or more, this share must be right
 * (issue 11): a confidence is a probability. */
#define DX_MIN_RIGHT_AT_90_PDF 0.99

typedef struct tally {
  long facts, right;
} tally;

/* Calibration: every expected object that declx gives a confidence
 * (FIELDs, indicators, list entries) is one value; it is right when all
 * of its facts are, where it is (`at`) aside. Buckets by declx's
 * confidence. */
enum { NBUCKETS = 3 };
static const double BUCKET_MIN[NBUCKETS] = {0.9, 0.5, 0.0};

/* Facts and calibration of a group of files: all of them, or one
 * producer's (the file name's prefix). */
typedef struct group {
  char *name;
  int files, bad_counts;
  tally facts;
  long calib_n[NBUCKETS], calib_right[NBUCKETS];
} group;

static group all_files;
static group *cur_group; /* the producer of the file being compared */

static const char *cur_path, *cur_file; /* the value being calibrated, for DX_CALIB_WRONG */

static void calibrate(const json_t *act, bool all_right) {
  const json_t *c = json_is_object(act) ? json_object_get(act, "confidence") : NULL;
  if (!c || !json_is_number(c)) return;
  double v = json_number_value(c);
  /* DX_CALIB_WRONG=0.9 lists the wrong values at that confidence or more */
  const char *list = getenv("DX_CALIB_WRONG");
  if (list && !all_right && v >= atof(list) && cur_path) {
    const json_t *raw = json_object_get(act, "raw");
    printf("  WRONG AT %.3f %s %s raw=%s\n", v, cur_file, cur_path,
           json_is_string(raw) ? json_string_value(raw) : "?");
  }
  /* DX_CALIB_RIGHT=0.5 lists the right values below that confidence */
  const char *low = getenv("DX_CALIB_RIGHT");
  if (low && all_right && v < atof(low) && cur_path) {
    const json_t *raw = json_object_get(act, "raw");
    const json_t *fl = json_object_get(act, "flags");
    char *flags = fl ? json_dumps(fl, JSON_COMPACT) : NULL;
    printf("  RIGHT AT %.3f %s %s raw=%s flags=%s\n", v, cur_file, cur_path,
           json_is_string(raw) ? json_string_value(raw) : "?", flags ? flags : "[]");
    free(flags);
  }
  for (int b = 0; b < NBUCKETS; b++)
    if (v >= BUCKET_MIN[b]) {
      all_files.calib_n[b]++;
      all_files.calib_right[b] += all_right;
      if (cur_group) {
        cur_group->calib_n[b]++;
        cur_group->calib_right[b] += all_right;
      }
      return;
    }
}

/* The producer of a corpus file, from its name's prefix ("chrome-tight-
 * seed000.pdf": chrome-tight); files without one (seed*, variant*) are
 * LibreOffice's, lo-NAME too (LibreOffice re-saved the DOCX); lo-hair-NAME
 * is lo-hair's (a table style printed by LibreOffice). */
static char *producer_of(const char *name) {
  const char *v = strstr(name, "variant-"), *s = strstr(name, "seed0");
  const char *form = v && (!s || v < s) ? v : s;
  if (!form || form == name || (form == name + 3 && g_str_has_prefix(name, "lo-")))
    return g_strdup("libreoffice");
  return g_strndup(name, (size_t)(form - name - 1));
}

static group *group_of(GPtrArray *groups, const char *docname) {
  char *p = producer_of(docname);
  for (guint i = 0; i < groups->len; i++) {
    group *g = groups->pdata[i];
    if (strcmp(g->name, p) == 0) {
      g_free(p);
      return g;
    }
  }
  group *g = g_new0(group, 1);
  g->name = p;
  g_ptr_array_add(groups, g);
  return g;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void group_free(void *p) {
  group *g = p;
  g_free(g->name);
  g_free(g);
}

static void print_calibration(const group *g, const char *indent) {
  for (int b = 0; b < NBUCKETS; b++)
    printf("%sconfidence >= %.1f%s: %ld values, %.1f%% right\n", indent, BUCKET_MIN[b],
           b ? (b == 1 ? " and < 0.9" : " and < 0.5") : "", g->calib_n[b],
           g->calib_n[b] ? 100.0 * g->calib_right[b] / g->calib_n[b] : 0.0);
}

/* Declarations found by files whose count is known to be short: a third
 * baseline column, "FILE<TAB>FACTS_RIGHT<TAB>DECLARATIONS_FOUND", written
 * only for such a file. Finding fewer fails; finding as many is
 * reported, not failed (the count may only go up, like the facts). */
static GHashTable *short_counts;

/* The per-file baseline: "FILE<TAB>FACTS_RIGHT" lines. A file may only
 * go up; one below its line fails the test. */
static GHashTable *load_baseline(const char *path) {
  GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  FILE *f = path ? fopen(path, "r") : NULL;
  if (!f) return h;
  char line[1024];
  while (fgets(line, sizeof line, f)) {
    char *tab = strchr(line, '\t');
    if (line[0] == '#' || !tab) continue;
    *tab = 0;
    char *end = NULL;
    g_hash_table_insert(h, g_strdup(line), GSIZE_TO_POINTER((gsize)strtol(tab + 1, &end, 10) + 1));
    if (end && *end == '\t')
      g_hash_table_insert(short_counts, g_strdup(line),
                          GSIZE_TO_POINTER((gsize)strtol(end + 1, NULL, 10) + 1));
  }
  fclose(f);
  return h;
}

static char *show(const json_t *v) {
  if (!v) return g_strdup("(missing)");
  char *s =
      json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
  char *out = g_strdup(s);
  free(s);
  if (g_utf8_strlen(out, -1) > 90) {
    char *cut = g_utf8_substring(out, 0, 87);
    g_free(out);
    out = g_strconcat(cut, "...", NULL);
    g_free(cut);
  }
  return out;
}

/* Scans: text is compared as a reader sees it on paper, who cannot tell
 * full-width from half-width forms (NFKC folds them), ≧ from ≥, ≦ from
 * ≤, or one dash from another, and cannot see whether a gap next to a
 * Han character or a punctuation mark was typed as a space (实施
 * 2022年, "2. 各项", "2023. 01"): whitespace counts only where it
 * separates two Latin letters or digits (two words, two numbers), as
 * one space. */
static bool scan_mode;

static bool ascii_alnum(gunichar c) {
  return c < 128 && g_ascii_isalnum((char)c);
}

static char *paper_form(const char *s) {
  char *k = g_utf8_normalize(s, -1, G_NORMALIZE_ALL_COMPOSE);
  GString *out = g_string_new(NULL);
  gunichar prev = 0;
  bool gap = false;
  for (const char *p = k ? k : s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_isspace(c)) {
      gap = true;
      continue;
    }
    if (c == 0x2267) c = 0x2265; /* ≧ ≥ */
    if (c == 0x2266) c = 0x2264; /* ≦ ≤ */
    if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x30FC) c = '-';
    if (gap && ascii_alnum(prev) && ascii_alnum(c)) g_string_append_c(out, ' ');
    gap = false;
    g_string_append_unichar(out, c);
    prev = c;
  }
  g_free(k);
  return g_string_free(out, FALSE);
}

static bool same(const json_t *a, const json_t *b) {
  if (!a || !b) return false;
  if (json_is_number(a) && json_is_number(b))
    return fabs(json_number_value(a) - json_number_value(b)) < 1e-9;
  if (scan_mode && json_is_string(a) && json_is_string(b)) {
    char *x = paper_form(json_string_value(a)), *y = paper_form(json_string_value(b));
    bool eq = strcmp(x, y) == 0;
    g_free(x);
    g_free(y);
    return eq;
  }
  return json_equal((json_t *)a, (json_t *)b);
}

/* A PDF made from a corpus DOCX has the DOCX's expected JSON: the same
 * facts except where they are (pages, boxes, origin), the source's name
 * and format, and the flags that say how the layout was read. */
static bool pdf_mode;

static bool skipped(const char *k) {
  if (strcmp(k, "confidence") == 0) return true;
  return pdf_mode && (strcmp(k, "source") == 0 || strcmp(k, "origin") == 0 ||
                      strcmp(k, "flags") == 0 || strcmp(k, "page") == 0 || strcmp(k, "box") == 0);
}

static void compare(const char *file, const char *path, const json_t *exp, const json_t *act,
                    tally *t) {
  if (json_is_object(exp)) {
    const char *k;
    json_t *v;
    tally inner = {0}, where = {0};
    json_object_foreach((json_t *)exp, k, v) {
      if (skipped(k)) continue;
      char *p = g_strdup_printf("%s.%s", path, k);
      /* where a value is (at) counts as facts, not for calibration: a
       * confidence is about the value */
      compare(file, p, v, json_is_object(act) ? json_object_get(act, k) : NULL,
              strcmp(k, "at") == 0 ? &where : &inner);
      g_free(p);
    }
    /* declarations are judged by their parts, not as one value */
    if (!json_object_get(exp, "declarations") && !json_object_get(exp, "indicators")) {
      cur_path = path;
      cur_file = file;
      calibrate(act, inner.right == inner.facts);
    }
    inner.facts += where.facts;
    inner.right += where.right;
    t->facts += inner.facts;
    t->right += inner.right;
    return;
  }
  if (json_is_array(exp)) {
    size_t n = json_array_size(exp);
    size_t m = json_is_array(act) ? json_array_size(act) : 0;
    t->facts++;
    if (json_is_array(act) && n == m) {
      t->right++;
    } else {
      printf("  %s: %s.length: expected %zu, got %zu\n", file, path, n, m);
    }
    for (size_t i = 0; i < n; i++) {
      char *p = g_strdup_printf("%s[%zu]", path, i);
      compare(file, p, json_array_get(exp, i), json_is_array(act) ? json_array_get(act, i) : NULL,
              t);
      g_free(p);
    }
    return;
  }
  t->facts++;
  if (same(exp, act)) {
    t->right++;
    return;
  }
  char *e = show(exp), *a = show(act);
  printf("  %s: %s: expected %s, got %s\n", file, path, e, a);
  g_free(e);
  g_free(a);
}

/* --compare FORMAT_SUBDIR EXPECTED.json ACTUAL.json: one record (as
 * declx writes it: the first line of JSON Lines will do) against its
 * expected JSON, compared as the corpus is; exit 0 when every fact is
 * right and the declaration counts agree. */
static int compare_one(const char *sub, const char *jpath, const char *apath) {
  pdf_mode = strcmp(sub, "pdf") == 0 || strcmp(sub, "scan") == 0 || strcmp(sub, "ofd") == 0;
  scan_mode = strcmp(sub, "scan") == 0 || strcmp(sub, "image") == 0;
  json_error_t je;
  json_t *exp = json_load_file(jpath, 0, &je);
  if (!exp) {
    fprintf(stderr, "%s: %s\n", jpath, je.text);
    return 2;
  }
  json_t *act = json_load_file(apath, JSON_DISABLE_EOF_CHECK, &je);
  if (!act) {
    fprintf(stderr, "%s: %s\n", apath, je.text);
    json_decref(exp);
    return 2;
  }
  const char *name = strrchr(apath, '/') ? strrchr(apath, '/') + 1 : apath;
  tally t = {0};
  compare(name, "", exp, act, &t);
  size_t ne = json_array_size(json_object_get(exp, "declarations"));
  size_t na = json_array_size(json_object_get(act, "declarations"));
  printf("%s %s: %zu/%zu declarations, %ld/%ld facts right (%.2f%%)\n",
         ne == na && t.right == t.facts ? "ok  " : "DIFF", name, na, ne, t.right, t.facts,
         t.facts ? 100.0 * t.right / t.facts : 100.0);
  json_decref(exp);
  json_decref(act);
  return ne == na && t.right == t.facts ? 0 : 1;
}

int main(int argc, char **argv) {
  const char *sub = "docx", *base_path = NULL, *write_path = NULL, *dir = NULL;
  int shard = 1, nshards = 1;
  if (argc == 5 && strcmp(argv[1], "--compare") == 0) return compare_one(argv[2], argv[3], argv[4]);
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--shard") == 0 && i + 1 < argc) {
      if (sscanf(argv[++i], "%d/%d", &shard, &nshards) != 2 || nshards < 1 || shard < 1 ||
          shard > nshards) {
        fprintf(stderr, "--shard wants K/N, 1 <= K <= N: %s\n", argv[i]);
        return 2;
      }
    } else if (strcmp(argv[i], "--baseline") == 0 && i + 1 < argc)
      base_path = argv[++i];
    else if (strcmp(argv[i], "--write-baseline") == 0 && i + 1 < argc)
      write_path = argv[++i];
    else if (!dir)
      dir = argv[i];
    else
      sub = argv[i];
  }
  if (!dir) {
    fprintf(stderr, "usage: corpus_test CORPUS_DIR [FORMAT_SUBDIR] [--baseline FILE] "
                    "[--write-baseline FILE] [--shard K/N]\n");
    return 2;
  }
  const char *ext = strcmp(sub, "docx") == 0   ? ".docx"
                    : strcmp(sub, "xlsx") == 0 ? ".xlsx"
                    : strcmp(sub, "ofd") == 0  ? ".ofd"
                                               : ".pdf";
  /* image files and legacy office files (read through LibreOffice):
   * whichever of these extensions the stem has */
  bool legacy = strcmp(sub, "legacy") == 0;
  bool images = strcmp(sub, "image") == 0 || legacy;
  static const char *const image_exts[] = {".jpg", ".png", ".tif"};
  static const char *const legacy_exts[] = {".doc", ".xls", ".wps", ".et", ".rtf", ".odt", ".ods"};
  const char *const *exts = legacy ? legacy_exts : image_exts;
  size_t nexts = legacy ? G_N_ELEMENTS(legacy_exts) : G_N_ELEMENTS(image_exts);
  /* an OFD is made from a corpus PDF, and is compared as one */
  pdf_mode = !legacy && (strcmp(ext, ".pdf") == 0 || strcmp(ext, ".ofd") == 0);
  scan_mode = strcmp(sub, "scan") == 0 || (images && !legacy);
  if (legacy && !g_getenv("DECLX_SOFFICE")) {
    char *soffice = g_find_program_in_path("soffice");
    g_free(soffice);
    if (!soffice) {
      printf("corpus legacy: skipped, LibreOffice (soffice) is not installed\n");
      return 77; /* ctest's SKIP_RETURN_CODE */
    }
  }
  short_counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *baseline = load_baseline(base_path);
  if (base_path && g_hash_table_size(baseline) == 0) {
    fprintf(stderr, "cannot read the baseline %s\n", base_path);
    return 1;
  }
  GString *written = g_string_new("# corpus_test --write-baseline: FILE<TAB>facts right\n");
  GPtrArray *groups = g_ptr_array_new_with_free_func(group_free);
  int below = 0;
  xmlInitParser();
  dx_error err = {0};
  dx_ruleset *rs = dx_rules_load(NULL, &err);
  if (!rs) {
    fprintf(stderr, "rules: %s\n", err.message);
    return 1;
  }
  dx_limits lim;
  dx_limits_default(&lim);
  dx_rules_layout_words(rs, &lim);
  /* no OCR deadline: a page read under the sanitizers on a busy machine
   * can take past declx's 60 s, and what it read would depend on the
   * machine's load */
  lim.ocr_deadline_ms = 0;
  /* DX_OCR_ENGINE=tesseract measures the fallback */
  int engine = dx_ocr_engine_parse(getenv("DX_OCR_ENGINE"));
  if (engine >= 0) lim.ocr_engine = engine;
  char *edir = g_build_filename(dir, "expected", NULL);
  GDir *d = g_dir_open(edir, 0, NULL);
  if (!d) {
    fprintf(stderr, "cannot open %s\n", edir);
    return 1;
  }
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *n;
  while ((n = g_dir_read_name(d)))
    if (g_str_has_suffix(n, ".json")) g_ptr_array_add(names, g_strdup(n));
  g_dir_close(d);
  g_ptr_array_sort(names, by_name);
  int failed = 0;
  guint nfound = 0;
  for (guint i = 0; i < names->len; i++) {
    const char *jname = *(char **)&names->pdata[i];
    char *stem = g_strndup(jname, strlen(jname) - 5);
    char *docname = g_strconcat(stem, ext, NULL);
    char *docpath = g_build_filename(dir, sub, docname, NULL);
    for (size_t k = 0; images && k < nexts; k++) {
      g_free(docname);
      g_free(docpath);
      docname = g_strconcat(stem, exts[k], NULL);
      docpath = g_build_filename(dir, sub, docname, NULL);
      if (g_file_test(docpath, G_FILE_TEST_EXISTS)) break;
    }
    char *jpath = g_build_filename(edir, jname, NULL);
    if (!g_file_test(docpath, G_FILE_TEST_EXISTS)) goto next;
    if ((int)(nfound++ % (guint)nshards) != shard - 1) { /* another shard's */
      g_hash_table_remove(baseline, docname);
      goto next;
    }
    cur_group = group_of(groups, docname);
    all_files.files++;
    cur_group->files++;
    json_error_t je;
    json_t *exp = json_load_file(jpath, 0, &je);
    uint8_t *data = NULL;
    size_t len = 0;
    dx_doc *doc = NULL;
    if (!exp) {
      printf("FAIL %s: cannot read expected JSON: %s\n", jname, je.text);
      failed++;
      goto next;
    }
    if (dx_read_file(&data, &len, docpath, &lim, &err) != DX_OK ||
        dx_read_bytes(&doc, docpath, data, len, &lim, &err) != DX_OK) {
      printf("FAIL %s: declx could not read it: %s\n", docname, err.message);
      failed++;
      g_free(data);
      json_decref(exp);
      goto next;
    }
    json_t *act = dx_doc_to_json(rs, doc);
    size_t ne = json_array_size(json_object_get(exp, "declarations"));
    size_t na = json_array_size(json_object_get(act, "declarations"));
    tally t = {0};
    compare(docname, "", exp, act, &t);
    gsize known = GPOINTER_TO_SIZE(g_hash_table_lookup(short_counts, docname));
    if (ne != na && !(known && na >= known - 1 && na < ne)) {
      all_files.bad_counts++;
      cur_group->bad_counts++;
    } else if (ne != na) {
      printf("KNOWN SHORT %s: %zu of %zu declarations, as the baseline records\n", docname, na, ne);
    }
    printf("%s %s: %zu/%zu declarations, %ld/%ld facts right (%.2f%%)\n",
           ne == na && t.right == t.facts ? "ok  " : "DIFF", docname, na, ne, t.right, t.facts,
           t.facts ? 100.0 * t.right / t.facts : 100.0);
    gsize was = GPOINTER_TO_SIZE(g_hash_table_lookup(baseline, docname));
    if (was && (long)was - 1 > t.right) {
      printf("BELOW BASELINE %s: %ld facts right, the baseline is %ld\n", docname, t.right,
             (long)was - 1);
      below++;
    }
    g_hash_table_remove(baseline, docname);
    if (na < ne)
      g_string_append_printf(written, "%s\t%ld\t%zu\n", docname, t.right, na);
    else
      g_string_append_printf(written, "%s\t%ld\n", docname, t.right);
    all_files.facts.facts += t.facts;
    all_files.facts.right += t.right;
    cur_group->facts.facts += t.facts;
    cur_group->facts.right += t.right;
    json_decref(act);
    json_decref(exp);
    dx_doc_free(doc);
    g_free(data);
  next:
    g_free(stem);
    g_free(docname);
    g_free(docpath);
    g_free(jpath);
  }
  /* a file of the baseline that is gone is a file no longer tested */
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, baseline);
  while (g_hash_table_iter_next(&it, &key, NULL)) {
    printf("BELOW BASELINE %s: in the baseline, not in the corpus\n", (const char *)key);
    below++;
  }
  const tally *total = &all_files.facts;
  double rate = total->facts ? (double)total->right / (double)total->facts : 0;
  double need = scan_mode ? DX_MIN_FACT_RATE_SCAN : DX_MIN_FACT_RATE;
  if (groups->len > 1) {
    printf("per producer (facts right; calibration):\n");
    for (guint i = 0; i < groups->len; i++) {
      const group *g = groups->pdata[i];
      printf("  %-16s %3d files, %ld/%ld facts right = %.2f%%, %d with a wrong declaration "
             "count\n",
             g->name, g->files, g->facts.right, g->facts.facts,
             g->facts.facts ? 100.0 * g->facts.right / g->facts.facts : 100.0, g->bad_counts);
      print_calibration(g, "      ");
    }
  }
  printf("corpus %s: %d files, %ld/%ld facts right = %.2f%% (need %.0f%%), "
         "%d files with a wrong declaration count, %d unreadable, %d below the baseline\n",
         sub, all_files.files, total->right, total->facts, 100 * rate, 100 * need,
         all_files.bad_counts, failed, below);
  printf("calibration (values with a confidence; right = every fact of the value right, "
         "where it is aside):\n");
  print_calibration(&all_files, "  ");
  bool calibrated = true;
  if (pdf_mode && !scan_mode && all_files.calib_n[0] > 0) {
    double at90 = (double)all_files.calib_right[0] / (double)all_files.calib_n[0];
    calibrated = at90 >= DX_MIN_RIGHT_AT_90_PDF;
    printf("values at confidence >= 0.9 right: %.2f%% (need %.0f%%)\n", 100 * at90,
           100 * DX_MIN_RIGHT_AT_90_PDF);
  }
  if (write_path && !g_file_set_contents(write_path, written->str, (gssize)written->len, NULL)) {
    fprintf(stderr, "cannot write %s\n", write_path);
    failed++;
  }
  g_string_free(written, TRUE);
  g_hash_table_destroy(baseline);
  g_hash_table_destroy(short_counts);
  g_ptr_array_free(groups, TRUE);
  g_ptr_array_free(names, TRUE);
  g_free(edir);
  dx_rules_free(rs);
  xmlCleanupParser();
  return (all_files.files > 0 && rate >= need && all_files.bad_counts == 0 && failed == 0 &&
          below == 0 && calibrated)
             ? 0
             : 1;
}
