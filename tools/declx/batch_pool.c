/* batch_pool.c — the parent's side of a batch's worker processes.
 *
 * Each of -j workers is forked with a pair of pipes and reads inputs one
 * at a time (batch_worker.c); a busy worker is sent one file ahead, which
 * it reads as soon as it is done, without waiting for the parent. A
 * worker runs under an address-space cap (--max-mem) and is killed at a
 * per-input deadline (--timeout); a worker that crashes, hangs or runs
 * out of memory turns its input into an error record and a new worker
 * takes its place, as one does for a worker that left after a record
 * because it had grown large. Inputs are handed out in input order, at
 * most a window ahead of the first one whose record is not written.
 */
#include "batch_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "archive_in.h"

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

/* Most bytes of a name sent ahead: the request must fit in the pipe's
 * buffer at once (POSIX's PIPE_BUF), so that sending never waits. */
#define AHEAD_MAX_NAME 3000

typedef struct worker {
  pid_t pid;       /* 0: none running */
  int req, resp;   /* the parent's ends */
  GString *buf;    /* response bytes so far */
  gssize job;      /* the input it reads, -1 idle */
  gssize next;     /* an input sent ahead, read when `job` is done; -1 none */
  double deadline; /* monotonic seconds, 0: none */
} worker;

struct pool {
  worker *ws;
  int nw;
  job *jobs;
  guint n;
  guint window;     /* inputs handed out past the first not written, at most */
  guint next_start; /* the next input not yet handed out */
  /* Inputs to be handed out again before the next new one: a worker that
   * died, timed out or left had one sent ahead to it. */
  GArray *requeue;
  dx_arc_reader *reader; /* archive members are read forward, in input order */
  struct pollfd *pf;     /* poll()'s set, and the worker of each entry */
  int *who;
  const batch_opts *o;
  dx_ruleset *rs;
  const dx_limits *lim;
  GHashTable *done;
  FILE *out;
};

pool *dx_batch_pool_new(const batch_opts *o, job *jobs, guint n, dx_ruleset *rs,
                        const dx_limits *lim, GHashTable *done, FILE *out) {
  pool *p = g_new(pool, 1);
  *p = (pool){.jobs = jobs, .n = n, .o = o, .rs = rs, .lim = lim, .done = done, .out = out};
  p->nw = o->jobs > 0 ? o->jobs : 1;
  p->window = (guint)p->nw * WINDOW_PER_WORKER;
  p->requeue = g_array_new(FALSE, FALSE, sizeof(gssize));
  p->ws = g_new0(worker, p->nw);
  for (int k = 0; k < p->nw; k++) {
    p->ws[k].req = p->ws[k].resp = -1;
    p->ws[k].job = p->ws[k].next = -1;
    p->ws[k].buf = g_string_new(NULL);
  }
  p->pf = g_new(struct pollfd, p->nw);
  p->who = g_new(int, p->nw);
  return p;
}

/* ---- workers ---------------------------------------------------------------- */

/* w's input sent ahead goes back to be handed out again. */
static void requeue_next(pool *p, worker *w) {
  if (w->next >= 0) g_array_append_val(p->requeue, w->next);
  w->next = -1;
}

static void worker_close(pool *p, worker *w) {
  if (w->req >= 0) close(w->req);
  if (w->resp >= 0) close(w->resp);
  w->req = w->resp = -1;
  w->pid = 0;
  w->job = -1;
  requeue_next(p, w);
  g_string_truncate(w->buf, 0);
}

/* In the new worker process (pipes q for requests, r for responses): the
 * other workers' pipes closed, stdio on /dev/null, default signals, the
 * address-space cap; then the worker, which never returns. */
_Noreturn static void worker_child(pool *p, int k, const int q[2], const int r[2]) {
  /* the other workers' pipes: their ends must close when the parent's do */
  for (int i = 0; i < p->nw; i++)
    if (i != k && p->ws[i].pid) {
      close(p->ws[i].req);
      close(p->ws[i].resp);
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
  if (p->o->max_mem_mb > 0) {
    struct rlimit rl = {(rlim_t)p->o->max_mem_mb << 20, (rlim_t)p->o->max_mem_mb << 20};
    setrlimit(RLIMIT_AS, &rl);
  }
#endif
  dx_batch_worker_main(q[0], r[1], p->rs, p->lim, p->done);
}

static bool worker_spawn(pool *p, int k) {
  worker *w = &p->ws[k];
  int q[2], r[2];
  if (pipe(q) != 0) return false;
  if (pipe(r) != 0) {
    close(q[0]);
    close(q[1]);
    return false;
  }
  fflush(p->out);
  fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) worker_child(p, k, q, r);
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
static int worker_reap(pool *p, worker *w) {
  int ws = 0;
  while (waitpid(w->pid, &ws, 0) < 0 && errno == EINTR) {
  }
  worker_close(p, w);
  return ws;
}

/* ---- inputs' ends ------------------------------------------------------------ */

static void job_fail(job *jb, const char *sha256, const char *code, const char *msg) {
  g_free(jb->data);
  jb->data = NULL;
  jb->record = dx_batch_error_record(jb->name, sha256, code, msg);
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
static bool take_response(pool *p, worker *w, bool *again) {
  resp_hdr h;
  if (w->buf->len < sizeof h) return false;
  memcpy(&h, w->buf->str, sizeof h);
  if (w->buf->len < sizeof h + h.len) return false;
  job *jb = &p->jobs[w->job];
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
  w->deadline = w->job >= 0 && p->o->timeout > 0 ? dx_batch_now() + p->o->timeout : 0;
  if (h.leaving) worker_reap(p, w); /* it has written all and exits; what was sent ahead returns */
  return true;
}

/* ---- handing inputs out ---------------------------------------------------- */

/* Hands input ji to worker k (spawned first if none runs). False when
 * the input is already done (it failed before reaching a worker). */
static bool job_start(pool *p, int k, gssize ji) {
  job *jb = &p->jobs[ji];
  if (jb->pre_code) {
    job_fail(jb, NULL, jb->pre_code, jb->pre_msg);
    return false;
  }
  /* a member's bytes stay with the input until its record: a worker may
   * hand it back (RESP_AGAIN) */
  uint8_t *data = jb->data;
  size_t len = jb->len;
  if (jb->archive && !data) {
    char err[512];
    const char *code =
        dx_batch_member_read(&p->reader, jb, p->lim->max_input_bytes, &data, &len, err, sizeof err);
    if (code) {
      job_fail(jb, NULL, code, err);
      return false;
    }
  }
  jb->data = data;
  jb->len = len;
  req_hdr q = {jb->archive ? REQ_BYTES : REQ_FILE, (uint32_t)strlen(jb->name), len};
  worker *w = &p->ws[k];
  for (int attempt = 0; attempt < 2; attempt++) {
    if (!w->pid && !worker_spawn(p, k)) break;
    if (dx_batch_write_full(w->req, &q, sizeof q) &&
        dx_batch_write_full(w->req, jb->name, q.name_len) &&
        (!data || dx_batch_write_full(w->req, data, len))) {
      w->job = ji;
      w->deadline = p->o->timeout > 0 ? dx_batch_now() + p->o->timeout : 0;
      return true;
    }
    kill(w->pid, SIGKILL); /* it left (or broke its pipe): a new one */
    worker_reap(p, w);
  }
  job_fail(jb, NULL, "crash", "no worker process could be started");
  return false;
}

/* A file input that can be sent ahead to a busy worker. */
static bool can_send_ahead(const job *jb) {
  return !jb->archive && !jb->pre_code && strlen(jb->name) <= AHEAD_MAX_NAME;
}

/* Sends file input ji ahead to busy worker w: it reads it as soon as it
 * is done with its input, without waiting for the parent. False when w
 * is gone (ji is then handed out again). */
static bool job_ahead(pool *p, worker *w, gssize ji) {
  job *jb = &p->jobs[ji];
  req_hdr q = {REQ_FILE, (uint32_t)strlen(jb->name), 0};
  char msg[sizeof q + AHEAD_MAX_NAME];
  memcpy(msg, &q, sizeof q);
  memcpy(msg + sizeof q, jb->name, q.name_len);
  if (!dx_batch_write_full(w->req, msg, sizeof q + q.name_len)) {
    g_array_append_val(p->requeue, ji);
    return false;
  }
  w->next = ji;
  return true;
}

/* Idle workers take the next inputs, within the window (inputs handed
 * back first); a busy worker is sent one file ahead. */
static void hand_out(pool *p, guint next_write) {
  guint limit = next_write + p->window;
  for (int k = 0; k < p->nw && !dx_batch_stop; k++) {
    worker *w = &p->ws[k];
    while (w->job < 0) {
      gssize ji;
      if (p->requeue->len) {
        ji = g_array_index(p->requeue, gssize, p->requeue->len - 1);
        g_array_set_size(p->requeue, p->requeue->len - 1);
      } else if (p->next_start < p->n && p->next_start < limit) {
        ji = (gssize)p->next_start++;
      } else {
        break;
      }
      if (job_start(p, k, ji)) break;
    }
    if (w->job >= 0 && w->next < 0 && w->pid && !p->requeue->len && p->next_start < p->n &&
        p->next_start < limit && can_send_ahead(&p->jobs[p->next_start]))
      job_ahead(p, w, (gssize)p->next_start++);
  }
}

/* ---- responses, ends and deadlines ------------------------------------------- */

/* Every whole response in worker k's buffer: it may have read the input
 * sent ahead too. */
static void take_responses(pool *p, int k) {
  worker *w = &p->ws[k];
  for (gssize ji = w->job; ji >= 0; ji = w->job) {
    bool again = false;
    if (!take_response(p, w, &again)) break;
    if (again) { /* w has left: a new one reads it */
      job_start(p, k, ji);
      break;
    }
  }
}

/* Waits for responses, ends and deadlines, and takes what came. */
static void wait_workers(pool *p, guint next_write) {
  int np = 0;
  double soonest = 0;
  for (int k = 0; k < p->nw; k++) {
    worker *w = &p->ws[k];
    if (!w->pid) continue;
    p->pf[np] = (struct pollfd){.fd = w->resp, .events = POLLIN};
    p->who[np++] = k;
    if (w->job >= 0 && w->deadline && (!soonest || w->deadline < soonest)) soonest = w->deadline;
  }
  int wait_ms = soonest ? (int)MAX(0, (soonest - dx_batch_now()) * 1000) + 1 : 200;
  int r = np ? poll(p->pf, (nfds_t)np, MIN(wait_ms, 200)) : 0;
  if (!np && next_write < p->n && !p->jobs[next_write].done) g_usleep(1000);
  for (int i = 0; r > 0 && i < np; i++) {
    if (!(p->pf[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    worker *w = &p->ws[p->who[i]];
    char buf[65536];
    ssize_t got = read(w->resp, buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got > 0) {
      g_string_append_len(w->buf, buf, got);
      take_responses(p, p->who[i]);
      continue;
    }
    /* its end: a worker that left after its record, or one that died */
    gssize ji = w->job;
    int wstatus = worker_reap(p, w);
    if (ji >= 0) job_died(&p->jobs[ji], wstatus);
  }
}

/* Workers past their input's deadline are killed: the input fails. */
static void kill_late(pool *p) {
  double tn = dx_batch_now();
  for (int k = 0; k < p->nw; k++) {
    worker *w = &p->ws[k];
    if (w->pid && w->job >= 0 && w->deadline && tn > w->deadline) {
      gssize ji = w->job;
      kill(w->pid, SIGKILL);
      worker_reap(p, w);
      job_fail(&p->jobs[ji], NULL, "timeout", "the worker ran past --timeout and was killed");
    }
  }
}

void dx_batch_pool_step(pool *p, guint next_write) {
  hand_out(p, next_write);
  wait_workers(p, next_write);
  kill_late(p);
}

void dx_batch_pool_free(pool *p, bool kill_all) {
  for (int k = 0; k < p->nw; k++) {
    worker *w = &p->ws[k];
    if (w->pid && (dx_batch_stop || kill_all || w->job >= 0)) kill(w->pid, SIGKILL);
    if (w->pid) {
      close(w->req);
      w->req = -1;
      worker_reap(p, w);
    }
    g_string_free(w->buf, TRUE);
  }
  g_free(p->ws);
  g_free(p->pf);
  g_free(p->who);
  dx_arc_close(p->reader);
  g_array_free(p->requeue, TRUE);
  g_free(p);
}
