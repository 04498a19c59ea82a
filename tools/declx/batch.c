/* batch.c — `declx batch`: many inputs, read by persistent worker processes.
 *
 * Every input gets exactly one JSON Lines record, in input order: the
 * contract's object, or {"source": {"file": …}, "error": {"code": …,
 * "message": …}}. Inputs are files, directories (recursively) and the
 * members of archives (libarchive; the parent reads a member into memory
 * and hands its bytes over, nothing is unpacked to disk).
 *
 * -j worker processes each read many inputs, one at a time, over a pair
 * of pipes (a request: the input's name and, for an archive member, its
 * bytes; a response: a small header and the record). A worker runs under
 * an address-space cap (--max-mem) and is killed at a per-input deadline
 * (--timeout); a worker that crashes, hangs or runs out of memory turns
 * its input into an error record and a new worker takes its place. A
 * worker that has grown large (a big input leaves its heap spread out)
 * leaves after its record and is replaced. Records are written whole, one
 * line each; SIGINT or SIGTERM stops the batch after writing the records
 * that are complete (exit 130), so the output never holds half a record.
 *
 * Test hooks (for tests/batch_test.sh): a worker whose input name
 * contains $DX_BATCH_TEST_CRASH dies of SIGSEGV, one whose name contains
 * $DX_BATCH_TEST_HANG sleeps until killed; with $DX_BATCH_TEST_RECYCLE
 * set, workers leave after every input; $DX_BATCH_TEST_MAX_MEMBERS
 * lowers the files one archive may hold.
 */
#include "batch_int.h"

#include <string.h>
#include <time.h>

volatile sig_atomic_t dx_batch_stop;

static void on_signal(int sig) {
  (void)sig;
  dx_batch_stop = 1;
}

double dx_batch_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int dx_batch_run(const batch_opts *o, char **paths, int npaths, dx_ruleset *rs,
                 const dx_limits *lim) {
  inputs in;
  dx_batch_inputs_find(&in, paths, npaths, o->nul);
  sinks snk;
  GHashTable *done = NULL;
  int rc = dx_batch_out_open(&snk, &done, o);
  if (rc) {
    dx_batch_inputs_free(&in);
    if (done) g_hash_table_destroy(done);
    return rc;
  }
  struct sigaction sa = {0};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN); /* a worker gone: write() says so */

  guint n = in.jobs->len;
  job *jobs = (job *)(void *)in.jobs->data;
  /* a LibreOffice conversion ends before the input's deadline, so that
   * the worker kills soffice and removes its directory itself rather than
   * being killed with them left behind */
  dx_limits mine = *lim;
  int conv_ms = (int)(o->timeout * 800);
  if (o->timeout > 0 && mine.convert_timeout_ms >= 0 &&
      (mine.convert_timeout_ms == 0 || conv_ms < mine.convert_timeout_ms))
    mine.convert_timeout_ms = MAX(conv_ms, 1);
  pool *p = dx_batch_pool_new(o, jobs, n, rs, &mine, done, snk.out);
  tally t = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), 0, 0, 0, 0};
  guint next_write = 0;
  bool out_failed = false;
  double t0 = dx_batch_now();
  while (next_write < n && !dx_batch_stop && !out_failed) {
    dx_batch_pool_step(p, next_write);
    out_failed = !dx_batch_out_write(o, jobs, n, &next_write, &snk, &t, t0);
  }
  dx_batch_pool_free(p, out_failed);
  dx_batch_summary(o, &t, n, t0, dx_batch_stop);
  if (!dx_batch_out_close(&snk)) out_failed = true;
  if (done) g_hash_table_destroy(done);
  g_hash_table_destroy(t.by);
  dx_batch_inputs_free(&in);
  if (out_failed) return 1;
  if (dx_batch_stop) return 130;
  return t.failed ? 1 : 0;
}
