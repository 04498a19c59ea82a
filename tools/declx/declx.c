/* declx — performance-target declaration forms into canonical JSON.
 *
 *   declx extract [options] FILE...   one JSON object (one file) or JSON Lines
 *   declx dump [options] FILE         the document model, for debugging
 *
 * Exit status: 0 every input read; 1 at least one input failed (each
 * failure reported as "declx: FILE: reason" on stderr); 2 usage error;
 * 3 the rules could not be loaded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <libxml/parser.h>

#include "apply.h"
#include "batch.h"
#include "declx.h"
#include "proc.h"
#include "review.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_RULES = 3 };

static const char *USAGE =
    "Usage: declx extract [OPTION...] FILE...\n"
    "       declx dump [--json] FILE...\n"
    "       declx batch [-j N] [--timeout S] [--max-mem MB] [-0] [-o FILE|URI [--resume]] "
    "[PATH...]\n"
    "       declx apply [-o FILE|URI] CORRECTIONS.json [INPUT.jsonl]\n"
    "       declx review [-o DIR] INPUT.jsonl|FILE...\n"
    "\n"
    "Reads performance-target declaration forms (DOCX, XLSX, PDF, scanned PDF, OFD)\n"
    "and writes their canonical JSON (contract version " DX_SCHEMA_VERSION ").\n"
    "\n"
    "Commands:\n"
    "  extract   one JSON object for one FILE, JSON Lines for several;\n"
    "            '-' reads standard input\n"
    "  batch     every file under PATHs (directories recursively; archives'\n"
    "            members, named ARCHIVE!/MEMBER; none or '-': a list of paths\n"
    "            on stdin, one per line, NUL-separated with -0), read by\n"
    "            worker processes; one JSON Lines record per input, in input\n"
    "            order: the declaration JSON or\n"
    "            {\"source\":{\"file\":…},\"error\":{\"code\",\"message\"}};\n"
    "            a summary on stderr. Options: -j N workers (default: cores),\n"
    "            --timeout S per file (default 120), --max-mem MB per worker\n"
    "            (default 2048), -o FILE output (JSON Lines; FILE.sqlite:\n"
    "            SQLite; postgresql://…: PostgreSQL; FILE.csv:\n"
    "            FILE.declarations/indicators/funds.csv, --bom for Excel),\n"
    "            --resume (with -o: skip inputs whose sha256 the output has,\n"
    "            append the rest). Exit 130 when interrupted.\n"
    "  apply     the records of INPUT (JSON Lines from extract or batch;\n"
    "            stdin when none) with a review's corrections applied: each\n"
    "            where its old value is still there; confidence 1 and the\n"
    "            flag 'reviewed'; every correction not applied named on\n"
    "            stderr (exit 1). -o as for batch\n"
    "  review    a static site in DIR (default: review) to check and correct\n"
    "            the values: DIR/index.html lists the declarations; one page\n"
    "            per document shows each value beside a crop of its source\n"
    "            (PDF) or its table (DOCX), doubtful ones first; corrections\n"
    "            made there are exported for 'declx apply'\n"
    "  dump      print the document model (blocks, table grids with spans\n"
    "            and provenance) that stage three reads\n"
    "\n"
    "Options:\n"
    "  -c, --compact      one line per file even for a single FILE\n"
    "      --json         dump: the document model as JSON instead of text\n"
    "  -r, --rules DIR    read labels.rules and values.rules from DIR instead\n"
    "                     of the built-in copies\n"
    "  -q, --quiet        no diagnostics on stderr (exit status still tells)\n"
    "  -v, --verbose      say what is read, and warnings, on stderr\n"
    "  --ocr-engine E     OCR for pages without text (extract, dump, batch):\n"
    "                     auto (PP-OCRv4 when installed, else tesseract with\n"
    "                     a warning), ppocr, or tesseract\n"
    "  -h, --help         this text\n"
    "  -V, --version      version\n"
    "\n"
    "Exit status: 0 all inputs read; 1 some input failed; 2 usage error;\n"
    "3 rules could not be loaded.\n";

typedef struct opts {
  gboolean compact, quiet, verbose, version, json;
  char *rules_dir, *engine;
} opts;

/* --ocr-engine into lim; false (after a usage message) for a bad name. */
static bool set_engine(dx_limits *lim, const char *name) {
  int e = name ? dx_ocr_engine_parse(name) : DX_OCR_AUTO;
  if (e < 0) {
    fprintf(stderr,
            "declx: --ocr-engine: expected auto, ppocr or tesseract, not '%s'\nTry "
            "'declx --help'.\n",
            name);
    return false;
  }
  lim->ocr_engine = e;
  return true;
}

static int diag(const opts *o, const char *file, const char *msg) {
  if (!o->quiet) fprintf(stderr, "declx: %s: %s\n", file, msg);
  return EXIT_FAILED;
}

static dx_doc *load(const opts *o, const char *path, const dx_limits *lim) {
  dx_error err = {0};
  dx_doc *doc = NULL;
  int saved = dx_proc_mute_stderr();
  dx_read_path(&doc, path, lim, &err);
  dx_proc_unmute_stderr(saved);
  if (!doc) diag(o, path, err.message);
  return doc;
}

static int batch_main(int argc, char **argv) {
  int jobs = 0;
  double timeout = 120;
  gint max_mem = 2048;
  gboolean nul = FALSE, quiet = FALSE, resume = FALSE, bom = FALSE;
  char *out = NULL, *rules_dir = NULL, *engine = NULL;
  GOptionEntry entries[] = {{"jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, NULL, NULL},
                            {"ocr-engine", 0, 0, G_OPTION_ARG_STRING, &engine, NULL, NULL},
                            {"timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout, NULL, NULL},
                            {"max-mem", 0, 0, G_OPTION_ARG_INT, &max_mem, NULL, NULL},
                            {"null", '0', 0, G_OPTION_ARG_NONE, &nul, NULL, NULL},
                            {"out", 'o', 0, G_OPTION_ARG_FILENAME, &out, NULL, NULL},
                            {"rules", 'r', 0, G_OPTION_ARG_FILENAME, &rules_dir, NULL, NULL},
                            {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, NULL, NULL},
                            {"resume", 0, 0, G_OPTION_ARG_NONE, &resume, NULL, NULL},
                            {"bom", 0, 0, G_OPTION_ARG_NONE, &bom, NULL, NULL},
                            {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GError *ge = NULL;
  bool ok = dx_proc_options(entries, &argc, &argv, &ge);
  if (ok && resume && (!out || strcmp(out, "-") == 0 || g_str_has_suffix(out, ".csv"))) {
    fprintf(stderr, "declx: --resume needs -o FILE (JSON Lines or SQLite) or a PostgreSQL URI\nTry "
                    "'declx --help'.\n");
    g_free(out);
    g_free(rules_dir);
    return EXIT_USAGE;
  }
  if (!ok || jobs < 0 || timeout < 0 || max_mem < 0) {
    fprintf(stderr, "declx: %s\nTry 'declx --help'.\n", ge ? ge->message : "bad option value");
    if (ge) g_error_free(ge);
    return EXIT_USAGE;
  }
  dx_error err = {0};
  dx_ruleset *rs = dx_rules_load(rules_dir, &err);
  if (!rs) {
    fprintf(stderr, "declx: %s\n", err.message);
    return EXIT_RULES;
  }
  dx_limits lim;
  dx_limits_default(&lim);
  lim.after_ocr_page = dx_proc_trim_heap;
  dx_rules_layout_words(rs, &lim);
  bool engine_ok = set_engine(&lim, engine);
  g_free(engine);
  if (!engine_ok) {
    dx_rules_free(rs);
    g_free(out);
    g_free(rules_dir);
    return EXIT_USAGE;
  }
  batch_opts bo = {.jobs = jobs ? jobs : (int)sysconf(_SC_NPROCESSORS_ONLN),
                   .timeout = timeout,
                   .max_mem_mb = max_mem,
                   .nul = nul,
                   .quiet = quiet,
                   .out = out,
                   .resume = resume,
                   .bom = bom};
  /* argv[1] is "batch" */
  int status = dx_batch_run(&bo, argv + 2, argc - 2, rs, &lim);
  dx_rules_free(rs);
  g_free(out);
  g_free(rules_dir);
  return status;
}

int main(int argc, char **argv) {
  opts o = {0};
  GOptionEntry entries[] = {{"compact", 'c', 0, G_OPTION_ARG_NONE, &o.compact, NULL, NULL},
                            {"json", 0, 0, G_OPTION_ARG_NONE, &o.json, NULL, NULL},
                            {"rules", 'r', 0, G_OPTION_ARG_FILENAME, &o.rules_dir, NULL, NULL},
                            {"quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, NULL, NULL},
                            {"verbose", 'v', 0, G_OPTION_ARG_NONE, &o.verbose, NULL, NULL},
                            {"version", 'V', 0, G_OPTION_ARG_NONE, &o.version, NULL, NULL},
                            {"ocr-engine", 0, 0, G_OPTION_ARG_STRING, &o.engine, NULL, NULL},
                            {NULL, 0, 0, 0, NULL, NULL, NULL}};
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      fputs(USAGE, stdout);
      return EXIT_OK;
    }
  if (argc > 1 && strcmp(argv[1], "apply") == 0) return dx_apply_main(argc, argv);
  if (argc > 1 && strcmp(argv[1], "review") == 0) {
    xmlInitParser();
    int st = dx_review_main(argc, argv);
    xmlCleanupParser();
    return st;
  }
  if (argc > 1 && strcmp(argv[1], "batch") == 0) {
    xmlInitParser();
    int st = batch_main(argc, argv);
    xmlCleanupParser();
    return st;
  }
  GError *ge = NULL;
  if (!dx_proc_options(entries, &argc, &argv, &ge)) {
    fprintf(stderr, "declx: %s\n%s", ge->message, "Try 'declx --help'.\n");
    g_error_free(ge);
    return EXIT_USAGE;
  }
  if (o.version) {
    printf("declx %s (declaration JSON contract %s)\n", DX_VERSION, DX_SCHEMA_VERSION);
    return EXIT_OK;
  }
  if (argc < 3 || (strcmp(argv[1], "extract") != 0 && strcmp(argv[1], "dump") != 0)) {
    fputs("declx: expected 'extract FILE...' or 'dump FILE'\nTry 'declx --help'.\n", stderr);
    return EXIT_USAGE;
  }
  bool dump = strcmp(argv[1], "dump") == 0;
  dx_limits lim;
  dx_limits_default(&lim);
  lim.after_ocr_page = dx_proc_trim_heap;
  bool engine_ok = set_engine(&lim, o.engine);
  g_free(o.engine);
  if (!engine_ok) return EXIT_USAGE;
  /* the rules for dump too: the layout takes some of its words */
  dx_error err = {0};
  dx_ruleset *rs = dx_rules_load(o.rules_dir, &err);
  g_free(o.rules_dir);
  if (!rs) {
    fprintf(stderr, "declx: %s\n", err.message);
    return EXIT_RULES;
  }
  dx_rules_layout_words(rs, &lim);
  xmlInitParser();
  int status = EXIT_OK;
  if (dump) {
    for (int i = 2; i < argc; i++) {
      dx_doc *doc = load(&o, argv[i], &lim);
      if (!doc) {
        status = EXIT_FAILED;
        continue;
      }
      char *s = o.json ? dx_doc_dump_json(doc) : dx_doc_dump_text(doc);
      fputs(s, stdout);
      if (o.json) fputc('\n', stdout);
      dx_free(s);
      dx_doc_free(doc);
      dx_proc_trim_heap(NULL);
    }
  } else {
    bool lines = o.compact || argc > 3;
    for (int i = 2; i < argc; i++) {
      if (o.verbose && !o.quiet) fprintf(stderr, "declx: %s: reading\n", argv[i]);
      dx_doc *doc = load(&o, argv[i], &lim);
      if (!doc) {
        status = EXIT_FAILED;
        continue;
      }
      if (o.verbose && !o.quiet)
        for (size_t k = 0; k < dx_doc_warning_count(doc); k++)
          fprintf(stderr, "declx: %s: warning: %s\n", argv[i], dx_doc_warning(doc, k));
      if (dx_doc_write_json(stdout, rs, doc, !lines, &err) != DX_OK)
        status = diag(&o, argv[i], err.message);
      dx_doc_free(doc);
      dx_proc_trim_heap(NULL);
    }
  }
  dx_rules_free(rs);
  xmlCleanupParser();
  return status;
}
