/* batch.c — `declx batch`: many inputs, each in its own worker process.
 *
 * Every input gets exactly one JSON Lines record, in input order: the
 * contract's object, or {"source": {"file": …}, "error": {"code": …,
 * "message": …}}. A worker is forked per input with an address-space cap
 * (--max-mem) and killed at a deadline (--timeout); a worker that
 * crashes, hangs or runs out of memory becomes an error record and the
 * batch goes on. Records are written whole, one line each; SIGINT or
 * SIGTERM stops the batch after writing the records that are complete
 * (exit 130), so the output never holds half a record.
 *
 * Test hooks (for tests/batch_test.sh): a worker whose input path
 * contains $DX_BATCH_TEST_CRASH dies of SIGSEGV, one whose path contains
 * $DX_BATCH_TEST_HANG sleeps until killed.
 */
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "dx_extract.h"
#include "dx_rules.h"
#include "csv_out.h"
#include "sqlite_out.h"

/* AddressSanitizer reserves terabytes of address space: an address-space
 * cap would stop every worker of a sanitizer build, so there is none. */
#if defined(__SANITIZE_ADDRESS__)
#define DX_NO_AS_CAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DX_NO_AS_CAP 1
#endif
#endif

/* Inputs written ahead of the first unfinished one, at most: bounds the
 * results held in memory whatever the batch's size. */
#define WINDOW_PER_WORKER 4

typedef struct job {
  char *path;
  pid_t pid;
  int fd;          /* read end of the worker's pipe, -1 when closed */
  GString *out;    /* what the worker wrote */
  double deadline; /* monotonic seconds */
  bool timed_out;
  bool done;
  bool skipped; /* --resume: the output has its record already */
  char *record; /* the finished record (one line), until written */
  bool ok;
  char format[16]; /* docx, pdf, pdf-scanned, or "" for an error */
  char err_code[24];
  int low_conf; /* declarations with confidence below 0.5 */
} job;

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig) {
  (void)sig;
  stop_requested = 1;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* ---- inputs --------------------------------------------------------------- */

static int path_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the files under dir (sorted, recursively); a directory met again
 * (a symlink loop) is reported once as an input that fails. */
static void walk(GPtrArray *out, const char *dir, GHashTable *seen) {
  struct stat st;
  if (stat(dir, &st) != 0) {
    g_ptr_array_add(out, g_strdup(dir));
    return;
  }
  char *key = g_strdup_printf("%lu:%lu", (unsigned long)st.st_dev, (unsigned long)st.st_ino);
  if (g_hash_table_contains(seen, key)) {
    g_free(key);
    g_ptr_array_add(out, g_strdup_printf("%s/", dir)); /* fails: a directory loop */
    return;
  }
  g_hash_table_add(seen, key);
  GDir *d = g_dir_open(dir, 0, NULL);
  if (!d) {
    g_ptr_array_add(out, g_strdup(dir));
    return;
  }
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *n;
  while ((n = g_dir_read_name(d))) g_ptr_array_add(names, g_build_filename(dir, n, NULL));
  g_dir_close(d);
  g_ptr_array_sort(names, path_cmp);
  for (guint i = 0; i < names->len; i++) {
    const char *p = g_ptr_array_index(names, i);
    if (g_file_test(p, G_FILE_TEST_IS_DIR))
      walk(out, p, seen);
    else
      g_ptr_array_add(out, g_strdup(p));
  }
  g_ptr_array_free(names, TRUE);
}

static void add_input(GPtrArray *out, const char *p, GHashTable *seen) {
  if (g_file_test(p, G_FILE_TEST_IS_DIR))
    walk(out, p, seen);
  else
    g_ptr_array_add(out, g_strdup(p));
}

/* Paths from stdin, one per line or NUL-separated. */
static void read_list(GPtrArray *out, bool nul, GHashTable *seen) {
  GString *cur = g_string_new(NULL);
  int ch;
  while ((ch = getchar()) != EOF) {
    if (ch == (nul ? '\0' : '\n')) {
      if (!nul && cur->len && cur->str[cur->len - 1] == '\r') g_string_truncate(cur, cur->len - 1);
      if (cur->len) add_input(out, cur->str, seen);
      g_string_truncate(cur, 0);
    } else {
      g_string_append_c(cur, (char)ch);
    }
  }
  if (cur->len) add_input(out, cur->str, seen);
  g_string_free(cur, TRUE);
}

/* ---- records -------------------------------------------------------------- */

static char *error_record(const char *path, const char *sha256, const char *code, const char *msg) {
  json_t *j = json_pack("{s:{s:s},s:{s:s,s:s}}", "source", "file", path, "error", "code", code,
                        "message", msg);
  if (sha256) json_object_set_new(json_object_get(j, "source"), "sha256", json_string(sha256));
  char *s = dx_json_dump(j, false);
  json_decref(j);
  return s;
}

/* Worker exit status for an input whose record the output has already
 * (--resume): no record. */
#define EXIT_SKIPPED 3

/* In the worker: reads, extracts and writes one record to fd; exits. */
static void work(const char *path, int fd, dx_ruleset *rs, const dx_limits *lim, GHashTable *done) {
  const char *crash = getenv("DX_BATCH_TEST_CRASH"), *hang = getenv("DX_BATCH_TEST_HANG");
  if (crash && *crash && strstr(path, crash)) raise(SIGSEGV);
  if (hang && *hang && strstr(path, hang))
    for (;;) pause();
  dx_error err = {0};
  uint8_t *data = NULL;
  size_t len = 0;
  dx_doc *doc = NULL;
  char *sum = NULL;
  if (dx_read_file(&data, &len, path, lim, &err) == DX_OK) {
    sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
    if (done && g_hash_table_contains(done, sum)) _exit(EXIT_SKIPPED);
    dx_read_bytes(&doc, path, data, len, lim, &err);
  }
  g_free(data);
  char *s;
  int status = 0;
  if (doc) {
    json_t *j = dx_doc_to_json(rs, doc);
    s = dx_json_dump(j, false);
    json_decref(j);
    dx_doc_free(doc);
  } else {
    s = error_record(path, sum, dx_code_name(err.code), err.message);
    status = 1;
  }
  g_free(sum);
  size_t n = strlen(s), off = 0;
  while (off < n) {
    ssize_t w = write(fd, s + off, n - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) _exit(2);
    off += (size_t)w;
  }
  _exit(status);
}

static void finish(job *jb, int wstatus) {
  jb->done = true;
  if (jb->timed_out) {
    jb->record =
        error_record(jb->path, NULL, "timeout", "the worker ran past --timeout and was killed");
    g_strlcpy(jb->err_code, "timeout", sizeof jb->err_code);
    return;
  }
  if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == EXIT_SKIPPED) {
    jb->skipped = true;
    return;
  }
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    char msg[160];
    /* libraries (poppler, cairo) do not all survive a failed allocation */
    g_snprintf(msg, sizeof msg, "the worker died of signal %d (%s)%s", sig, strsignal(sig),
               sig == SIGABRT || sig == SIGKILL || sig == SIGSEGV || sig == SIGBUS
                   ? "; out of memory under --max-mem?"
                   : "");
    jb->record = error_record(jb->path, NULL, "crash", msg);
    g_strlcpy(jb->err_code, "crash", sizeof jb->err_code);
    return;
  }
  json_error_t je;
  json_t *j = jb->out->len ? json_loads(jb->out->str, 0, &je) : NULL;
  if (!j) {
    jb->record = error_record(jb->path, NULL, "crash", "the worker ended without a record");
    g_strlcpy(jb->err_code, "crash", sizeof jb->err_code);
    return;
  }
  const json_t *e = json_object_get(j, "error");
  if (e) {
    const char *code = json_string_value(json_object_get(e, "code"));
    g_strlcpy(jb->err_code, code ? code : "error", sizeof jb->err_code);
  } else {
    jb->ok = true;
    const char *fmt = json_string_value(json_object_get(json_object_get(j, "source"), "format"));
    g_strlcpy(jb->format, fmt ? fmt : "", sizeof jb->format);
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(j, "declarations"), i, d) {
      const json_t *c = json_object_get(d, "confidence");
      if (c && json_number_value(c) < 0.5) jb->low_conf++;
    }
  }
  json_decref(j);
  jb->record = g_string_free(jb->out, FALSE);
  jb->out = NULL;
}

/* An output file whose name says SQLite (.sqlite, .sqlite3, .db). */
static bool is_sqlite(const char *path) {
  return path && (g_str_has_suffix(path, ".sqlite") || g_str_has_suffix(path, ".sqlite3") ||
                  g_str_has_suffix(path, ".db"));
}

/* --resume: the sha256 of every record already in the output file. */
static GHashTable *resume_set(const char *path) {
  GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  FILE *f = path && strcmp(path, "-") != 0 ? fopen(path, "r") : NULL;
  if (!f) return set;
  char *line = NULL;
  size_t cap = 0;
  while (getline(&line, &cap, f) > 0) {
    json_t *j = json_loads(line, 0, NULL);
    const char *sum = json_string_value(json_object_get(json_object_get(j, "source"), "sha256"));
    if (sum) g_hash_table_add(set, g_strdup(sum));
    json_decref(j);
  }
  free(line);
  fclose(f);
  return set;
}

/* ---- the batch ------------------------------------------------------------- */

typedef struct tally {
  GHashTable *by; /* "ok docx", "error timeout" ... -> count */
  int ok, failed, low_conf, skipped;
} tally;

static void count(tally *t, const char *key) {
  gpointer v = g_hash_table_lookup(t->by, key);
  g_hash_table_insert(t->by, g_strdup(key), GINT_TO_POINTER(GPOINTER_TO_INT(v) + 1));
}

static void progress(const batch_opts *o, guint done, guint total, int failed, double t0) {
  if (o->quiet || !isatty(STDERR_FILENO)) return;
  double el = now() - t0, rate = el > 0 ? done / el : 0;
  double eta = rate > 0 ? (total - done) / rate : 0;
  fprintf(stderr, "\rdeclx batch: %u/%u files, %.1f files/s, %d errors, ETA %.0f s   ", done, total,
          rate, failed, eta);
}

int dx_batch_run(const batch_opts *o, char **paths, int npaths, dx_ruleset *rs,
                 const dx_limits *lim) {
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *inputs = g_ptr_array_new_with_free_func(g_free);
  bool from_stdin = npaths == 0;
  for (int i = 0; i < npaths; i++) {
    if (strcmp(paths[i], "-") == 0)
      from_stdin = true;
    else
      add_input(inputs, paths[i], seen);
  }
  if (from_stdin) read_list(inputs, o->nul, seen);
  g_hash_table_destroy(seen);

  FILE *out = stdout;
  dx_sqlite *db = NULL;
  dx_csv *csv = NULL;
  GHashTable *done = NULL;
  if (o->out && g_str_has_suffix(o->out, ".csv")) {
    char e[256];
    csv = dx_csv_open(o->out, o->bom, e, sizeof e);
    if (!csv) {
      fprintf(stderr, "declx: cannot write: %s\n", e);
      g_ptr_array_free(inputs, TRUE);
      return 1;
    }
  } else if (is_sqlite(o->out)) {
    char e[256];
    db = dx_sqlite_open(o->out, e, sizeof e);
    if (!db) {
      fprintf(stderr, "declx: %s: cannot open the database: %s\n", o->out, e);
      g_ptr_array_free(inputs, TRUE);
      return 1;
    }
    if (o->resume) done = dx_sqlite_done(db);
  } else if (o->resume) {
    done = resume_set(o->out);
  }
  if (!db && !csv && o->out && strcmp(o->out, "-") != 0) {
    out = fopen(o->out, o->resume ? "a" : "w");
    if (!out) {
      fprintf(stderr, "declx: %s: cannot write: %s\n", o->out, strerror(errno));
      g_ptr_array_free(inputs, TRUE);
      return 1;
    }
  }
  struct sigaction sa = {0};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);

  guint n = inputs->len;
  int workers = o->jobs > 0 ? o->jobs : 1;
  guint window = (guint)workers * WINDOW_PER_WORKER;
  job *jobs = g_new0(job, n ? n : 1);
  tally t = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), 0, 0, 0, 0};
  guint next_start = 0, next_write = 0;
  bool db_failed = false;
  int running = 0;
  double t0 = now();
  fflush(out);
  fflush(stderr);
  while (next_write < n && !stop_requested) {
    /* start workers: up to -j at once, within the window */
    while (running < workers && next_start < n && next_start < next_write + window &&
           !stop_requested) {
      job *jb = &jobs[next_start];
      jb->path = g_ptr_array_index(inputs, next_start);
      int fds[2];
      if (pipe(fds) != 0) break;
      pid_t pid = fork();
      if (pid == 0) {
        close(fds[0]);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
#ifndef DX_NO_AS_CAP
        if (o->max_mem_mb > 0) {
          struct rlimit rl = {(rlim_t)o->max_mem_mb << 20, (rlim_t)o->max_mem_mb << 20};
          setrlimit(RLIMIT_AS, &rl);
        }
#endif
        work(jb->path, fds[1], rs, lim, done);
      }
      close(fds[1]);
      if (pid < 0) {
        close(fds[0]);
        break;
      }
      jb->pid = pid;
      jb->fd = fds[0];
      jb->out = g_string_new(NULL);
      jb->deadline = o->timeout > 0 ? now() + o->timeout : 0;
      running++;
      next_start++;
    }
    /* wait for output, an end or a deadline */
    struct pollfd *pf = g_new(struct pollfd, running ? running : 1);
    guint *idx = g_new(guint, running ? running : 1);
    int np = 0;
    double soonest = 0;
    for (guint i = next_write; i < next_start; i++)
      if (jobs[i].pid && !jobs[i].done) {
        if (jobs[i].fd >= 0) {
          pf[np] = (struct pollfd){.fd = jobs[i].fd, .events = POLLIN};
          idx[np++] = i;
        }
        if (jobs[i].deadline && (!soonest || jobs[i].deadline < soonest))
          soonest = jobs[i].deadline;
      }
    int wait_ms = soonest ? (int)MAX(0, (soonest - now()) * 1000) + 1 : 200;
    int r = np ? poll(pf, (nfds_t)np, MIN(wait_ms, 200)) : 0;
    if (!np) g_usleep(2000);
    for (int k = 0; r > 0 && k < np; k++) {
      if (!(pf[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      job *jb = &jobs[idx[k]];
      char buf[65536];
      ssize_t got = read(jb->fd, buf, sizeof buf);
      if (got > 0) {
        g_string_append_len(jb->out, buf, got);
      } else if (got == 0 || errno != EINTR) {
        close(jb->fd);
        jb->fd = -1;
      }
    }
    g_free(pf);
    g_free(idx);
    /* deadlines, and workers that ended */
    double tn = now();
    for (guint i = next_write; i < next_start; i++) {
      job *jb = &jobs[i];
      if (!jb->pid || jb->done) continue;
      if (jb->deadline && tn > jb->deadline && !jb->timed_out) {
        jb->timed_out = true;
        kill(jb->pid, SIGKILL);
      }
      int ws;
      if (jb->fd < 0 || jb->timed_out) {
        pid_t w = waitpid(jb->pid, &ws, jb->timed_out ? 0 : WNOHANG);
        if (w == jb->pid) {
          if (jb->fd >= 0) close(jb->fd);
          jb->fd = -1;
          finish(jb, ws);
          running--;
        }
      }
    }
    /* write finished records in input order */
    while (next_write < next_start && jobs[next_write].done) {
      job *jb = &jobs[next_write];
      if (jb->skipped) {
        t.skipped++;
        next_write++;
        continue;
      }
      if (csv) {
        char e[256];
        if (dx_csv_record(csv, jb->record, e, sizeof e) != 0) {
          fprintf(stderr, "declx: %s: cannot write the record of %s: %s\n", o->out, jb->path, e);
          db_failed = true;
          stop_requested = 1;
        }
      } else if (db) {
        char e[256];
        if (dx_sqlite_record(db, jb->record, e, sizeof e) != 0) {
          fprintf(stderr, "declx: %s: cannot store the record of %s: %s\n", o->out, jb->path, e);
          db_failed = true;
          stop_requested = 1;
        }
      } else {
        fputs(jb->record, out);
        fputc('\n', out);
        fflush(out);
      }
      if (jb->ok) {
        t.ok++;
        char key[48];
        g_snprintf(key, sizeof key, "read %s", jb->format);
        count(&t, key);
        t.low_conf += jb->low_conf;
      } else {
        t.failed++;
        char key[48];
        g_snprintf(key, sizeof key, "failed %s", jb->err_code);
        count(&t, key);
        if (!o->quiet) {
          json_t *j = json_loads(jb->record, 0, NULL);
          const char *m =
              json_string_value(json_object_get(json_object_get(j, "error"), "message"));
          fprintf(stderr, "%sdeclx: %s: %s\n", isatty(STDERR_FILENO) ? "\r" : "", jb->path,
                  m ? m : "failed");
          json_decref(j);
        }
      }
      g_free(jb->record);
      jb->record = NULL;
      next_write++;
      progress(o, next_write, n, t.failed, t0);
    }
  }
  /* interrupted: stop the workers; what is written is whole */
  for (guint i = next_write; i < next_start; i++) {
    job *jb = &jobs[i];
    if (jb->pid && !jb->done) {
      kill(jb->pid, SIGKILL);
      waitpid(jb->pid, NULL, 0);
      if (jb->fd >= 0) close(jb->fd);
      if (jb->out) g_string_free(jb->out, TRUE);
    }
    g_free(jb->record);
  }
  if (!o->quiet) {
    if (isatty(STDERR_FILENO)) fputc('\n', stderr);
    GString *s = g_string_new(NULL);
    GList *keys = g_list_sort(g_hash_table_get_keys(t.by), (GCompareFunc)strcmp);
    for (GList *l = keys; l; l = l->next)
      g_string_append_printf(s, "%s%s %d", s->len ? ", " : "", (char *)l->data,
                             GPOINTER_TO_INT(g_hash_table_lookup(t.by, l->data)));
    g_list_free(keys);
    fprintf(stderr,
            "declx batch: %u inputs, %d read, %d failed (%s), %d skipped (already in the "
            "output); %d declarations below 0.5 confidence; %.1f s%s\n",
            n, t.ok, t.failed, s->len ? s->str : "none", t.skipped, t.low_conf, now() - t0,
            stop_requested ? "; interrupted, the rest not read" : "");
    g_string_free(s, TRUE);
  }
  if (out != stdout) fclose(out);
  if (db && dx_sqlite_close(db) != 0) db_failed = true;
  if (csv && dx_csv_close(csv) != 0) db_failed = true;
  if (done) g_hash_table_destroy(done);
  g_hash_table_destroy(t.by);
  g_free(jobs);
  g_ptr_array_free(inputs, TRUE);
  if (db_failed) return 1;
  if (stop_requested) return 130;
  return t.failed ? 1 : 0;
}
