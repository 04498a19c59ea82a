/* apply_cmd.c — `declx apply CORRECTIONS.json [INPUT.jsonl]`: the
 * records of INPUT (standard input when none or "-") with the
 * corrections applied, to standard output as JSON Lines or with -o to
 * any output `declx batch -o` writes (JSON Lines, CSV, SQLite,
 * PostgreSQL). A record no correction changed is written as it came. */
#include "apply.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_int.h"
#include "proc.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_RULES = 3 };

static void report(GPtrArray *conflicts, guint *shown, bool quiet) {
  for (; *shown < conflicts->len; (*shown)++)
    if (!quiet) fprintf(stderr, "declx: apply: %s\n", (char *)conflicts->pdata[*shown]);
}

/* Every record of in through the corrections to k. False when the output
 * failed. */
static bool run(FILE *in, dx_apply *a, const dx_lexicon *lx, const sinks *k, GPtrArray *conflicts,
                bool quiet, int *changed) {
  char *line = NULL, e[256] = "";
  size_t cap = 0;
  ssize_t n;
  guint shown = 0;
  bool ok = true;
  for (long no = 1; ok && (n = getline(&line, &cap, in)) > 0; no++) {
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    if (n == 0) continue;
    json_error_t je;
    json_t *rec = json_loads(line, 0, &je);
    char *out = NULL;
    if (!rec)
      g_ptr_array_add(
          conflicts,
          g_strdup_printf("input line %ld: not JSON (%s); written as it came", no, je.text));
    else if (dx_apply_record(a, rec, lx, conflicts) > 0) {
      out = dx_json_dump(rec, false);
      (*changed)++;
    }
    report(conflicts, &shown, quiet);
    /* a record as it came is read by the writers as parsed here; a
     * changed one from its text, as it is written */
    dx_rec *r = !out && rec && dx_batch_out_reads(k) ? dx_rec_of(line, rec) : NULL;
    ok = dx_batch_out_record(k, out ? out : line, r, e, sizeof e);
    dx_rec_free(r);
    if (!ok) fprintf(stderr, "declx: apply: cannot write a record: %s\n", e);
    g_free(out);
    json_decref(rec);
  }
  free(line);
  dx_apply_finish(a, conflicts);
  report(conflicts, &shown, quiet);
  return ok;
}

int dx_apply_main(int argc, char **argv) {
  char *out = NULL, *rules_dir = NULL;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {{"out", 'o', 0, G_OPTION_ARG_FILENAME, &out, NULL, NULL},
                            {"rules", 'r', 0, G_OPTION_ARG_FILENAME, &rules_dir, NULL, NULL},
                            {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, NULL, NULL},
                            {NULL, 0, 0, 0, NULL, NULL, NULL}};
  GError *ge = NULL;
  bool parsed = dx_proc_options(entries, &argc, &argv, &ge);
  int status = EXIT_USAGE;
  dx_ruleset *rs = NULL;
  dx_apply *a = NULL;
  json_t *arr = NULL;
  FILE *in = NULL;
  sinks k = {0};
  GPtrArray *conflicts = g_ptr_array_new_with_free_func(g_free);
  /* argv[1] is "apply" */
  if (!parsed || argc < 3 || argc > 4) {
    fprintf(stderr, "declx: %s\nTry 'declx --help'.\n",
            ge ? ge->message : "expected 'apply CORRECTIONS.json [INPUT.jsonl]'");
    goto cleanup;
  }
  json_error_t je;
  if (!(arr = json_load_file(argv[2], 0, &je)) || !(a = dx_apply_new(arr, conflicts))) {
    fprintf(stderr, "declx: %s: %s\n", argv[2], arr ? "not a JSON array" : je.text);
    goto cleanup;
  }
  const char *inpath = argc == 4 ? argv[3] : "-";
  if (!(in = strcmp(inpath, "-") == 0 ? stdin : fopen(inpath, "r"))) {
    fprintf(stderr, "declx: %s: %s\n", inpath, strerror(errno));
    status = EXIT_FAILED;
    goto cleanup;
  }
  dx_error err = {0};
  if (!(rs = dx_rules_load(rules_dir, &err))) {
    fprintf(stderr, "declx: %s\n", err.message);
    status = EXIT_RULES;
    goto cleanup;
  }
  batch_opts bo = {.out = out};
  GHashTable *done = NULL;
  if (dx_batch_out_open(&k, &done, &bo) != 0) {
    status = EXIT_FAILED;
    goto cleanup;
  }
  int changed = 0;
  bool ok = run(in, a, dx_rules_lexicon(rs), &k, conflicts, quiet, &changed);
  ok &= dx_batch_out_close(&k);
  if (!quiet)
    fprintf(stderr, "declx apply: %d records changed, %u problems\n", changed, conflicts->len);
  status = ok && conflicts->len == 0 ? EXIT_OK : EXIT_FAILED;
cleanup:
  if (ge) g_error_free(ge);
  if (in && in != stdin) fclose(in);
  g_ptr_array_free(conflicts, TRUE);
  dx_apply_free(a);
  json_decref(arr);
  dx_rules_free(rs);
  g_free(out);
  g_free(rules_dir);
  return status;
}
