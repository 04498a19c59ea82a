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
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "archive_in.h"
#include "csv_out.h"
#include "dx_extract.h"
#include "dx_rules.h"
#include "pg_out.h"
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
/* Files one archive may hold (each is an input of its own). */
#define MAX_ARCHIVE_MEMBERS 1000000
/* A worker whose resident memory passed this after an input leaves and
 * is replaced: one large input must not keep a worker large for good
 * (one that has read a scan holds tesseract's model, ~70 MB). DOCX and
 * PDF workers stay near 40 MB. */
#define WORKER_RECYCLE_RSS ((size_t)96 << 20)

typedef struct job {
  char *name;          /* as the record names it: the path, or ARCHIVE!/MEMBER */
  const char *archive; /* the archive a member is read from (shared), NULL for a file */
  unsigned entry;      /* a member's header ordinal in its archive */
  char *pre_code;      /* an error known before reading (the archive's listing) */
  char *pre_msg;
  bool done;
  bool skipped;  /* --resume: the output has its record already */
  char *record;  /* the finished record (one line), until written */
  uint8_t *data; /* an archive member's bytes while a worker reads them */
  size_t len;
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

static void add_job(GArray *jobs, char *name, const char *archive, unsigned entry) {
  job j = {0};
  j.name = name;
  j.archive = archive;
  j.entry = entry;
  g_array_append_val(jobs, j);
}

static void add_failed(GArray *jobs, const char *name, const char *code, const char *msg) {
  add_job(jobs, g_strdup(name), NULL, 0);
  job *j = &g_array_index(jobs, job, jobs->len - 1);
  j->pre_code = g_strdup(code);
  j->pre_msg = g_strdup(msg);
}

/* The inputs found so far. */
typedef struct inputs {
  GArray *jobs;        /* job */
  GPtrArray *archives; /* the archives' paths, shared by their members' jobs */
  GHashTable *seen;    /* directories walked, by device and inode */
} inputs;

typedef struct listing {
  GArray *jobs;
  char *archive;
} listing;

static void add_member(void *ctx, const char *name, unsigned entry) {
  listing *l = ctx;
  add_job(l->jobs, g_strdup_printf("%s!/%s", l->archive, name), l->archive, entry);
}

/* A file: one input, or one per file in it when it is an archive (a
 * listing that fails part way is one more input, failed). */
static void add_file(inputs *in, const char *p) {
  GArray *jobs = in->jobs;
  if (!dx_arc_is_archive(p)) {
    add_job(jobs, g_strdup(p), NULL, 0);
    return;
  }
  guint before = jobs->len;
  listing l = {jobs, g_strdup(p)};
  g_ptr_array_add(in->archives, l.archive);
  char err[512];
  const char *test_max = getenv("DX_BATCH_TEST_MAX_MEMBERS"); /* test hook */
  size_t max = test_max ? (size_t)g_ascii_strtoull(test_max, NULL, 10) : MAX_ARCHIVE_MEMBERS;
  int rc = dx_arc_list(p, max, add_member, &l, err, sizeof err);
  if (rc != 0)
    add_failed(jobs, p, rc == -2 ? "limit" : "format", err);
  else if (jobs->len == before)
    add_failed(jobs, p, "format", "the archive holds no files");
}

/* Adds the files under dir (sorted, recursively); a directory met again
 * (a symlink loop) is reported once as an input that fails. */
static void walk(inputs *in, const char *dir) {
  GArray *jobs = in->jobs;
  struct stat st;
  if (stat(dir, &st) != 0) {
    add_job(jobs, g_strdup(dir), NULL, 0);
    return;
  }
  char *key = g_strdup_printf("%lu:%lu", (unsigned long)st.st_dev, (unsigned long)st.st_ino);
  if (g_hash_table_contains(in->seen, key)) {
    g_free(key);
    add_job(jobs, g_strdup_printf("%s/", dir), NULL, 0); /* fails: a directory loop */
    return;
  }
  g_hash_table_add(in->seen, key);
  GDir *d = g_dir_open(dir, 0, NULL);
  if (!d) {
    add_job(jobs, g_strdup(dir), NULL, 0);
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
      walk(in, p);
    else
      add_file(in, p);
  }
  g_ptr_array_free(names, TRUE);
}

static void add_input(inputs *in, const char *p) {
  if (g_file_test(p, G_FILE_TEST_IS_DIR))
    walk(in, p);
  else
    add_file(in, p);
}

/* Paths from stdin, one per line or NUL-separated. */
static void read_list(inputs *in, bool nul) {
  GString *cur = g_string_new(NULL);
  int ch;
  while ((ch = getchar()) != EOF) {
    if (ch == (nul ? '\0' : '\n')) {
      if (!nul && cur->len && cur->str[cur->len - 1] == '\r') g_string_truncate(cur, cur->len - 1);
      if (cur->len) add_input(in, cur->str);
      g_string_truncate(cur, 0);
    } else {
      g_string_append_c(cur, (char)ch);
    }
  }
  if (cur->len) add_input(in, cur->str);
  g_string_free(cur, TRUE);
}

/* ---- records -------------------------------------------------------------- */

/* name is a path: not necessarily UTF-8, which JSON strings must be. */
static char *error_record(const char *name, const char *sha256, const char *code, const char *msg) {
  char *file = g_utf8_make_valid(name, -1);
  json_t *j = json_pack("{s:{s:s},s:{s:s,s:s}}", "source", "file", file, "error", "code", code,
                        "message", msg);
  g_free(file);
  if (sha256) json_object_set_new(json_object_get(j, "source"), "sha256", json_string(sha256));
  char *s = dx_json_dump(j, false);
  json_decref(j);
  return s;
}

/* ---- the worker's side of the pipes ---------------------------------------- */

enum { REQ_FILE = 0, REQ_BYTES = 1 };
/* RESP_AGAIN: the input needs OCR and this worker has read others
 * before: a new worker is to read it (see worker_main). */
enum { RESP_RECORD = 0, RESP_ERROR = 1, RESP_SKIPPED = 3, RESP_AGAIN = 4 };

typedef struct req_hdr {
  uint32_t kind;     /* REQ_FILE: read the file `name`; REQ_BYTES: data follows */
  uint32_t name_len; /* then the name */
  uint64_t data_len;
} req_hdr;

typedef struct resp_hdr {
  int32_t status;  /* RESP_* */
  int32_t leaving; /* the worker leaves after this response (grown large) */
  int32_t low_conf;
  char format[16];
  char code[24];
  uint64_t len; /* then the record */
} resp_hdr;

static bool read_full(int fd, void *buf, size_t n) {
  size_t off = 0;
  while (off < n) {
    ssize_t r = read(fd, (char *)buf + off, n - off);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    off += (size_t)r;
  }
  return true;
}

static bool write_full(int fd, const void *buf, size_t n) {
  size_t off = 0;
  while (off < n) {
    ssize_t w = write(fd, (const char *)buf + off, n - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    off += (size_t)w;
  }
  return true;
}

static size_t resident_bytes(void) {
  long pages = 0, res = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (!f) return 0;
  if (fscanf(f, "%ld %ld", &pages, &res) != 2) res = 0;
  fclose(f);
  return (size_t)res * (size_t)sysconf(_SC_PAGESIZE);
}

/* One input in the worker: the record and its header. */
static char *work_one(const char *name, uint8_t *data, size_t len, bool have_data, dx_ruleset *rs,
                      const dx_limits *lim, GHashTable *done, resp_hdr *h) {
  const char *crash = getenv("DX_BATCH_TEST_CRASH"), *hang = getenv("DX_BATCH_TEST_HANG");
  if (crash && *crash && strstr(name, crash)) raise(SIGSEGV);
  if (hang && *hang && strstr(name, hang))
    for (;;) pause();
  dx_error err = {0};
  dx_doc *doc = NULL;
  char *sum = NULL;
  bool read = have_data || dx_read_file(&data, &len, name, lim, &err) == DX_OK;
  if (read) {
    /* the content's sha256: the readers give it with the document; it is
     * worked out here only to skip an input (--resume) or for an error */
    if (done) {
      sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
      if (g_hash_table_contains(done, sum)) {
        g_free(sum);
        if (!have_data) g_free(data);
        h->status = RESP_SKIPPED;
        return g_strdup("");
      }
    }
    dx_read_bytes(&doc, name, data, len, lim, &err);
    if (!doc && !sum) sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
    if (!have_data) g_free(data);
  }
  char *s;
  if (doc) {
    json_t *j = dx_doc_to_json(rs, doc);
    /* a batch names each input as it was given (the path, or the member
     * in its archive), not by its base name alone as `extract` does */
    char *file = g_utf8_make_valid(name, -1);
    json_object_set_new(json_object_get(j, "source"), "file", json_string(file));
    g_free(file);
    s = dx_json_dump(j, false);
    const char *fmt = json_string_value(json_object_get(json_object_get(j, "source"), "format"));
    g_strlcpy(h->format, fmt ? fmt : "", sizeof h->format);
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(j, "declarations"), i, d) {
      const json_t *c = json_object_get(d, "confidence");
      if (c && json_number_value(c) < 0.5) h->low_conf++;
    }
    json_decref(j);
    dx_doc_free(doc);
    h->status = RESP_RECORD;
  } else if (err.code == DX_EOCR_ELSEWHERE) {
    s = g_strdup("");
    h->status = RESP_AGAIN;
  } else {
    s = error_record(name, sum, dx_code_name(err.code), err.message);
    g_strlcpy(h->code, dx_code_name(err.code), sizeof h->code);
    h->status = RESP_ERROR;
  }
  g_free(sum);
  return s;
}

/* The worker: requests in, responses out, until its requests end (or it
 * has grown large). Never returns. */
static void worker_main(int req, int resp, dx_ruleset *rs, const dx_limits *lim, GHashTable *done) {
  /* test hook: leave after every input */
  size_t recycle = getenv("DX_BATCH_TEST_RECYCLE") ? 0 : WORKER_RECYCLE_RSS;
  /* OCR is the largest thing a worker does (tesseract's working memory
   * is ~100 MB): on top of what earlier inputs left in the process (font
   * caches, a spread heap) it passes the per-worker bound, so a worker
   * that has read an input before hands a scan back (RESP_AGAIN) and
   * leaves, and a new worker reads it. */
  dx_limits mine = *lim;
  for (unsigned served = 0;; served++) {
    mine.ocr_elsewhere = served > 0;
    req_hdr q;
    if (!read_full(req, &q, sizeof q) || q.name_len == 0 || q.name_len > 1u << 20 ||
        q.data_len > lim->max_input_bytes)
      _exit(0);
    char *name = g_malloc(q.name_len + 1);
    uint8_t *data = q.kind == REQ_BYTES ? g_malloc(q.data_len ? q.data_len : 1) : NULL;
    if (!read_full(req, name, q.name_len) || (data && !read_full(req, data, q.data_len))) _exit(0);
    name[q.name_len] = '\0';
    resp_hdr h = {0};
    char *rec = work_one(name, data, q.data_len, data != NULL, rs, &mine, done, &h);
    g_free(data);
    g_free(name);
    h.len = strlen(rec);
    /* said in the response, so that no request is sent to a worker that
     * is leaving */
    h.leaving = h.status == RESP_AGAIN || resident_bytes() > recycle;
    if (!write_full(resp, &h, sizeof h) || !write_full(resp, rec, h.len)) _exit(2);
    g_free(rec);
    if (h.leaving) _exit(0);
  }
}

/* ---- the parent's side ------------------------------------------------------ */

typedef struct worker {
  pid_t pid;       /* 0: none running */
  int req, resp;   /* the parent's ends */
  GString *buf;    /* response bytes so far */
  gssize job;      /* the input it reads, -1 idle */
  gssize next;     /* an input sent ahead, read when `job` is done; -1 none */
  double deadline; /* monotonic seconds, 0: none */
} worker;

/* Inputs to be handed out again before the next new one: a worker that
 * died, timed out or left had one sent ahead to it. */
static GArray *requeue;

/* w's input sent ahead goes back to be handed out again. */
static void requeue_next(worker *w) {
  if (w->next >= 0) g_array_append_val(requeue, w->next);
  w->next = -1;
}

static void worker_close(worker *w) {
  if (w->req >= 0) close(w->req);
  if (w->resp >= 0) close(w->resp);
  w->req = w->resp = -1;
  w->pid = 0;
  w->job = -1;
  requeue_next(w);
  g_string_truncate(w->buf, 0);
}

static bool worker_spawn(worker *ws, int nw, int k, const batch_opts *o, dx_ruleset *rs,
                         const dx_limits *lim, GHashTable *done, FILE *out) {
  worker *w = &ws[k];
  int q[2], r[2];
  if (pipe(q) != 0) return false;
  if (pipe(r) != 0) {
    close(q[0]);
    close(q[1]);
    return false;
  }
  fflush(out);
  fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) {
    /* the other workers' pipes: their ends must close when the parent's do */
    for (int i = 0; i < nw; i++)
      if (i != k && ws[i].pid) {
        close(ws[i].req);
        close(ws[i].resp);
      }
    close(q[1]);
    close(r[0]);
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) { /* libraries that print must not reach the records */
      dup2(devnull, STDIN_FILENO);
      dup2(devnull, STDOUT_FILENO);
      close(devnull);
    }
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
#ifndef DX_NO_AS_CAP
    if (o->max_mem_mb > 0) {
      struct rlimit rl = {(rlim_t)o->max_mem_mb << 20, (rlim_t)o->max_mem_mb << 20};
      setrlimit(RLIMIT_AS, &rl);
    }
#else
    (void)o;
#endif
    worker_main(q[0], r[1], rs, lim, done);
  }
  close(q[0]);
  close(r[1]);
  if (pid < 0) {
    close(q[1]);
    close(r[0]);
    return false;
  }
  w->pid = pid;
  w->req = q[1];
  w->resp = r[0];
  w->job = -1;
  g_string_truncate(w->buf, 0);
  return true;
}

/* The worker died (or was killed): reap it. Returns its wait status. */
static int worker_reap(worker *w) {
  int ws = 0;
  while (waitpid(w->pid, &ws, 0) < 0 && errno == EINTR) {
  }
  worker_close(w);
  return ws;
}

static void job_fail(job *jb, const char *sha256, const char *code, const char *msg) {
  g_free(jb->data);
  jb->data = NULL;
  jb->record = error_record(jb->name, sha256, code, msg);
  g_strlcpy(jb->err_code, code, sizeof jb->err_code);
  jb->done = true;
}

/* The input's worker died with wait status ws before its record. */
static void job_died(job *jb, int ws) {
  if (WIFSIGNALED(ws)) {
    int sig = WTERMSIG(ws);
    char msg[160];
    /* libraries (poppler, cairo) do not all survive a failed allocation */
    g_snprintf(msg, sizeof msg, "the worker died of signal %d (%s)%s", sig, strsignal(sig),
               sig == SIGABRT || sig == SIGKILL || sig == SIGSEGV || sig == SIGBUS
                   ? "; out of memory under --max-mem?"
                   : "");
    job_fail(jb, NULL, "crash", msg);
  } else {
    job_fail(jb, NULL, "crash", "the worker ended without a record");
  }
}

/* A whole response in w's buffer: its input is done, or (*again) is to
 * be read by a new worker. */
static bool take_response(worker *w, job *jobs, double timeout, bool *again) {
  resp_hdr h;
  if (w->buf->len < sizeof h) return false;
  memcpy(&h, w->buf->str, sizeof h);
  if (w->buf->len < sizeof h + h.len) return false;
  job *jb = &jobs[w->job];
  *again = h.status == RESP_AGAIN;
  if (!*again) {
    jb->done = true;
    g_free(jb->data);
    jb->data = NULL;
  }
  if (*again) {
  } else if (h.status == RESP_SKIPPED) {
    jb->skipped = true;
  } else {
    jb->record = g_strndup(w->buf->str + sizeof h, h.len);
    jb->ok = h.status == RESP_RECORD;
    jb->low_conf = h.low_conf;
    g_strlcpy(jb->format, h.format, sizeof jb->format);
    g_strlcpy(jb->err_code, h.status == RESP_RECORD ? "" : h.code, sizeof jb->err_code);
  }
  g_string_erase(w->buf, 0, (gssize)(sizeof h + h.len));
  /* the input sent ahead is now being read */
  w->job = h.leaving ? -1 : w->next;
  w->next = h.leaving ? w->next : -1;
  w->deadline = w->job >= 0 && timeout > 0 ? now() + timeout : 0;
  if (h.leaving) worker_reap(w); /* it has written all and exits; what was sent ahead returns */
  return true;
}

/* The parent's archive reader: members are read forward, in input order. */
static dx_arc_reader *reader;

/* An archive member's bytes for its request; false: the input failed. */
static bool member_bytes(job *jb, const dx_limits *lim, uint8_t **data, size_t *len) {
  char err[512];
  if (reader &&
      (strcmp(dx_arc_path(reader), jb->archive) != 0 || dx_arc_next(reader) > jb->entry)) {
    dx_arc_close(reader);
    reader = NULL;
  }
  if (!reader && !(reader = dx_arc_open(jb->archive, err, sizeof err))) {
    job_fail(jb, NULL, "io", err);
    return false;
  }
  int rc = dx_arc_read(reader, jb->entry, lim->max_input_bytes, data, len, err, sizeof err);
  if (rc == 1) {
    g_snprintf(err, sizeof err, "the member is larger than the input limit (%zu bytes)",
               lim->max_input_bytes);
    job_fail(jb, NULL, "limit", err);
    return false;
  }
  if (rc == -2) {
    job_fail(jb, NULL, "unsupported", err);
    return false;
  }
  if (rc < 0) {
    job_fail(jb, NULL, "format", err);
    dx_arc_close(reader); /* its state after a failure is not to be trusted */
    reader = NULL;
    return false;
  }
  return true;
}

/* Hands input jb to worker w (spawned first if none runs). False when
 * the input is already done (it failed before reaching a worker). */
static bool job_start(worker *ws, int nw, int k, job *jobs, gssize ji, const batch_opts *o,
                      dx_ruleset *rs, const dx_limits *lim, GHashTable *done, FILE *out) {
  job *jb = &jobs[ji];
  if (jb->pre_code) {
    job_fail(jb, NULL, jb->pre_code, jb->pre_msg);
    return false;
  }
  /* a member's bytes stay with the input until its record: a worker may
   * hand it back (RESP_AGAIN) */
  uint8_t *data = jb->data;
  size_t len = jb->len;
  if (jb->archive && !data && !member_bytes(jb, lim, &data, &len)) return false;
  jb->data = data;
  jb->len = len;
  req_hdr q = {jb->archive ? REQ_BYTES : REQ_FILE, (uint32_t)strlen(jb->name), len};
  worker *w = &ws[k];
  for (int attempt = 0; attempt < 2; attempt++) {
    if (!w->pid && !worker_spawn(ws, nw, k, o, rs, lim, done, out)) break;
    if (write_full(w->req, &q, sizeof q) && write_full(w->req, jb->name, q.name_len) &&
        (!data || write_full(w->req, data, len))) {
      w->job = ji;
      w->deadline = o->timeout > 0 ? now() + o->timeout : 0;
      return true;
    }
    kill(w->pid, SIGKILL); /* it left (or broke its pipe): a new one */
    worker_reap(w);
  }
  job_fail(jb, NULL, "crash", "no worker process could be started");
  return false;
}

/* Most bytes of a name sent ahead: the request must fit in the pipe's
 * buffer at once (POSIX's PIPE_BUF), so that sending never waits. */
#define AHEAD_MAX_NAME 3000

/* A file input that can be sent ahead to a busy worker. */
static bool can_send_ahead(const job *jb) {
  return !jb->archive && !jb->pre_code && strlen(jb->name) <= AHEAD_MAX_NAME;
}

/* Sends file input ji ahead to busy worker w: it reads it as soon as it
 * is done with its input, without waiting for the parent. False when w
 * is gone (ji is then handed out again). */
static bool job_ahead(worker *w, job *jobs, gssize ji) {
  job *jb = &jobs[ji];
  req_hdr q = {REQ_FILE, (uint32_t)strlen(jb->name), 0};
  char msg[sizeof q + AHEAD_MAX_NAME];
  memcpy(msg, &q, sizeof q);
  memcpy(msg + sizeof q, jb->name, q.name_len);
  if (!write_full(w->req, msg, sizeof q + q.name_len)) {
    g_array_append_val(requeue, ji);
    return false;
  }
  w->next = ji;
  return true;
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
  fprintf(stderr, "\r\033[Kdeclx batch: %u/%u files, %.1f files/s, %d errors, ETA %.0f s", done,
          total, rate, failed, eta);
}

/* Writes finished records in input order; false when the output failed. */
/* Where records go: JSON Lines (out), or one of the writers. */
typedef struct sinks {
  FILE *out;
  dx_sqlite *db;
  dx_pg *pg;
  dx_csv *csv;
} sinks;

static bool write_done(const batch_opts *o, job *jobs, guint n, guint *next_write, const sinks *k,
                       tally *t, double t0) {
  while (*next_write < n && jobs[*next_write].done) {
    job *jb = &jobs[*next_write];
    if (jb->skipped) {
      t->skipped++;
      (*next_write)++;
      continue;
    }
    char e[256] = "";
    bool failed = false;
    if (k->csv)
      failed = dx_csv_record(k->csv, jb->record, e, sizeof e) != 0;
    else if (k->db)
      failed = dx_sqlite_record(k->db, jb->record, e, sizeof e) != 0;
    else if (k->pg)
      failed = dx_pg_record(k->pg, jb->record, e, sizeof e) != 0;
    else if (fputs(jb->record, k->out) < 0 || fputc('\n', k->out) < 0 || fflush(k->out) != 0)
      failed = g_strlcpy(e, strerror(errno), sizeof e) > 0;
    if (failed) {
      fprintf(stderr, "declx: %s: cannot write the record of %s: %s\n",
              k->pg    ? "PostgreSQL"
              : o->out ? o->out
                       : "standard output",
              jb->name, e);
      return false;
    }
    char key[48];
    if (jb->ok) {
      t->ok++;
      g_snprintf(key, sizeof key, "read %s", jb->format);
      t->low_conf += jb->low_conf;
    } else {
      t->failed++;
      g_snprintf(key, sizeof key, "failed %s", jb->err_code);
      if (!o->quiet) {
        json_t *j = json_loads(jb->record, 0, NULL);
        const char *m = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
        fprintf(stderr, "%sdeclx: %s: %s\n", isatty(STDERR_FILENO) ? "\r\033[K" : "", jb->name,
                m ? m : "failed");
        json_decref(j);
      }
    }
    count(t, key);
    g_free(jb->record);
    jb->record = NULL;
    (*next_write)++;
    progress(o, *next_write, n, t->failed, t0);
  }
  return true;
}

int dx_batch_run(const batch_opts *o, char **paths, int npaths, dx_ruleset *rs,
                 const dx_limits *lim) {
  inputs in = {g_array_new(FALSE, TRUE, sizeof(job)), g_ptr_array_new_with_free_func(g_free),
               g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
  bool from_stdin = npaths == 0;
  for (int i = 0; i < npaths; i++) {
    if (strcmp(paths[i], "-") == 0)
      from_stdin = true;
    else
      add_input(&in, paths[i]);
  }
  if (from_stdin) read_list(&in, o->nul);
  g_hash_table_destroy(in.seen);
  GArray *inputs = in.jobs;

  sinks snk = {stdout, NULL, NULL, NULL};
  GHashTable *done = NULL;
  int rc = 0;
  char e[256];
  if (o->out && g_str_has_suffix(o->out, ".csv")) {
    if (!(snk.csv = dx_csv_open(o->out, o->bom, e, sizeof e))) {
      fprintf(stderr, "declx: cannot write: %s\n", e);
      rc = 1;
    }
  } else if (is_sqlite(o->out)) {
    if (!(snk.db = dx_sqlite_open(o->out, e, sizeof e))) {
      fprintf(stderr, "declx: %s: cannot open the database: %s\n", o->out, e);
      rc = 1;
    } else if (o->resume) {
      done = dx_sqlite_done(snk.db);
    }
  } else if (dx_pg_is_uri(o->out)) {
    /* the URI may hold a password: the message names the database only */
    if (!(snk.pg = dx_pg_open(o->out, e, sizeof e))) {
      fprintf(stderr, "declx: PostgreSQL: cannot open the database: %s\n", e);
      rc = 1;
    } else if (o->resume) {
      done = dx_pg_done(snk.pg);
    }
  } else if (o->resume) {
    done = resume_set(o->out);
  }
  if (!rc && !snk.db && !snk.csv && !snk.pg && o->out && strcmp(o->out, "-") != 0 &&
      !(snk.out = fopen(o->out, o->resume ? "a" : "w"))) {
    fprintf(stderr, "declx: %s: cannot write: %s\n", o->out, strerror(errno));
    rc = 1;
  }
  if (rc) {
    for (guint i = 0; i < inputs->len; i++) {
      job *jb = &g_array_index(inputs, job, i);
      g_free(jb->name);
      g_free(jb->pre_code);
      g_free(jb->pre_msg);
    }
    g_array_free(inputs, TRUE);
    g_ptr_array_free(in.archives, TRUE);
    if (done) g_hash_table_destroy(done);
    return rc;
  }
  struct sigaction sa = {0};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN); /* a worker gone: write() says so */

  guint n = inputs->len;
  job *jobs = (job *)(void *)inputs->data;
  int nw = o->jobs > 0 ? o->jobs : 1;
  guint window = (guint)nw * WINDOW_PER_WORKER;
  requeue = g_array_new(FALSE, FALSE, sizeof(gssize));
  worker *ws = g_new0(worker, nw);
  for (int k = 0; k < nw; k++) {
    ws[k].req = ws[k].resp = -1;
    ws[k].job = ws[k].next = -1;
    ws[k].buf = g_string_new(NULL);
  }
  tally t = {g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), 0, 0, 0, 0};
  guint next_start = 0, next_write = 0;
  bool out_failed = false;
  double t0 = now();
  struct pollfd *pf = g_new(struct pollfd, nw);
  int *who = g_new(int, nw);
  while (next_write < n && !stop_requested && !out_failed) {
    /* idle workers take the next inputs, within the window (inputs
     * handed back first); a busy worker is sent one file ahead */
    for (int w = 0; w < nw && !stop_requested; w++) {
      while (ws[w].job < 0) {
        gssize ji;
        if (requeue->len) {
          ji = g_array_index(requeue, gssize, requeue->len - 1);
          g_array_set_size(requeue, requeue->len - 1);
        } else if (next_start < n && next_start < next_write + window) {
          ji = (gssize)next_start++;
        } else {
          break;
        }
        if (job_start(ws, nw, w, jobs, ji, o, rs, lim, done, snk.out)) break;
      }
      if (ws[w].job >= 0 && ws[w].next < 0 && ws[w].pid && !requeue->len && next_start < n &&
          next_start < next_write + window && can_send_ahead(&jobs[next_start]))
        job_ahead(&ws[w], jobs, (gssize)next_start++);
    }
    /* wait for responses, ends and deadlines */
    int np = 0;
    double soonest = 0;
    for (int k = 0; k < nw; k++) {
      if (!ws[k].pid) continue;
      pf[np] = (struct pollfd){.fd = ws[k].resp, .events = POLLIN};
      who[np++] = k;
      if (ws[k].job >= 0 && ws[k].deadline && (!soonest || ws[k].deadline < soonest))
        soonest = ws[k].deadline;
    }
    int wait_ms = soonest ? (int)MAX(0, (soonest - now()) * 1000) + 1 : 200;
    int r = np ? poll(pf, (nfds_t)np, MIN(wait_ms, 200)) : 0;
    if (!np && next_write < n && !jobs[next_write].done) g_usleep(1000);
    for (int i = 0; r > 0 && i < np; i++) {
      if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      worker *w = &ws[who[i]];
      char buf[65536];
      ssize_t got = read(w->resp, buf, sizeof buf);
      if (got < 0 && errno == EINTR) continue;
      if (got > 0) {
        g_string_append_len(w->buf, buf, got);
        /* every whole response: the worker may have read the input sent
         * ahead too */
        for (gssize ji = w->job; ji >= 0; ji = w->job) {
          bool again = false;
          if (!take_response(w, jobs, o->timeout, &again)) break;
          if (again) { /* w has left: a new one reads it */
            job_start(ws, nw, who[i], jobs, ji, o, rs, lim, done, snk.out);
            break;
          }
        }
        continue;
      }
      /* its end: a worker that left after its record, or one that died */
      gssize ji = w->job;
      int wstatus = worker_reap(w);
      if (ji >= 0) job_died(&jobs[ji], wstatus);
    }
    double tn = now();
    for (int k = 0; k < nw; k++) {
      worker *w = &ws[k];
      if (w->pid && w->job >= 0 && w->deadline && tn > w->deadline) {
        gssize ji = w->job;
        kill(w->pid, SIGKILL);
        worker_reap(w);
        job_fail(&jobs[ji], NULL, "timeout", "the worker ran past --timeout and was killed");
      }
    }
    out_failed = !write_done(o, jobs, n, &next_write, &snk, &t, t0);
  }
  /* the workers' requests end: they leave; killed when interrupted */
  for (int k = 0; k < nw; k++) {
    if (ws[k].pid && (stop_requested || out_failed || ws[k].job >= 0)) kill(ws[k].pid, SIGKILL);
    if (ws[k].pid) {
      close(ws[k].req);
      ws[k].req = -1;
      worker_reap(&ws[k]);
    }
    g_string_free(ws[k].buf, TRUE);
  }
  g_free(ws);
  g_free(pf);
  g_free(who);
  dx_arc_close(reader);
  reader = NULL;
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
  if (snk.out != stdout && fclose(snk.out) != 0) out_failed = true;
  if (snk.db && dx_sqlite_close(snk.db) != 0) out_failed = true;
  if (snk.pg && dx_pg_close(snk.pg) != 0) out_failed = true;
  if (snk.csv && dx_csv_close(snk.csv) != 0) out_failed = true;
  if (done) g_hash_table_destroy(done);
  g_hash_table_destroy(t.by);
  for (guint i = 0; i < n; i++) {
    g_free(jobs[i].name);
    g_free(jobs[i].pre_code);
    g_free(jobs[i].pre_msg);
    g_free(jobs[i].record);
    g_free(jobs[i].data);
  }
  g_array_free(inputs, TRUE);
  g_array_free(requeue, TRUE);
  requeue = NULL;
  g_ptr_array_free(in.archives, TRUE);
  if (out_failed) return 1;
  if (stop_requested) return 130;
  return t.failed ? 1 : 0;
}
