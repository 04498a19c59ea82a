/* batch_int.h — what the files of `declx batch` share (batch.h is its
 * public face).
 *
 * batch.c runs a batch: batch_inputs.c finds the inputs (paths,
 * directories, lists on stdin, archives' members) and reads archive
 * members in the parent; batch_pool.c keeps the worker processes (fork,
 * limits, deadlines, recycling) and hands them inputs; batch_worker.c is
 * a worker, the other end of the pipes; batch_output.c writes the records
 * in input order and says how the batch goes (failures, progress,
 * summary). */
#ifndef DX_BATCH_INT_H
#define DX_BATCH_INT_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "batch.h"
#include "dx_extract.h"
#include "dx_rules.h"
#include "records.h"

/* Set by SIGINT or SIGTERM: the batch stops after writing the records
 * that are complete. */
extern volatile sig_atomic_t dx_batch_stop;

/* Monotonic seconds. */
double dx_batch_now(void);

/* One input and, once it is done, its record. */
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

/* ---- batch_inputs.c ------------------------------------------------------- */

/* The inputs of a batch, in input order. */
typedef struct inputs {
  GArray *jobs;        /* job */
  GPtrArray *archives; /* the archives' paths, shared by their members' jobs */
} inputs;

/* Finds the inputs under paths (files and directories, recursively; an
 * archive is one input per file in it); with none, or "-" among them, a
 * list of paths on stdin, one per line or NUL-separated (nul). */
void dx_batch_inputs_find(inputs *in, char **paths, int npaths, bool nul);
void dx_batch_inputs_free(inputs *in);

struct dx_arc_reader;
/* Archive member jb's bytes (*data: g_free it), at most max, read forward
 * with *reader (opened or opened again as needed; NULL: none open). NULL
 * when read; else the input's error code, with the message in
 * msg[msg_size]. */
const char *dx_batch_member_read(struct dx_arc_reader **reader, const job *jb, size_t max,
                                 uint8_t **data, size_t *len, char *msg, size_t msg_size);

/* ---- batch_worker.c: the worker and the protocol -------------------------- */

/* A request is a req_hdr, the input's name, and for REQ_BYTES its bytes;
 * a response is a resp_hdr and the record. */
enum { REQ_FILE = 0, REQ_BYTES = 1 };
/* RESP_AGAIN: the input needs OCR and this worker has read others
 * before: a new worker is to read it (see dx_batch_worker_main). */
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

/* Writes all n bytes, through EINTR; false when the pipe broke. */
bool dx_batch_write_full(int fd, const void *buf, size_t n);

/* The record of an input that failed (a new string): name, its sha256
 * if known (or NULL), the error's code and message. */
char *dx_batch_error_record(const char *name, const char *sha256, const char *code,
                            const char *msg);

/* The worker: requests in on fd req, responses out on fd resp, until its
 * requests end (or it has grown large). done: --resume's sha256 set, or
 * NULL. Never returns. */
_Noreturn void dx_batch_worker_main(int req, int resp, dx_ruleset *rs, const dx_limits *lim,
                                    GHashTable *done);

/* ---- batch_pool.c: the parent's workers ------------------------------------ */

typedef struct pool pool;

/* o->jobs workers (none started yet) for the n inputs jobs. done:
 * --resume's sha256 set, or NULL; out: flushed before each fork. */
pool *dx_batch_pool_new(const batch_opts *o, job *jobs, guint n, dx_ruleset *rs,
                        const dx_limits *lim, GHashTable *done, FILE *out);

/* One round: idle workers take inputs (those before next_write + the
 * window), responses, ends and deadlines are waited for (200 ms at most)
 * and taken; inputs whose worker died or ran late get error records. */
void dx_batch_pool_step(pool *p, guint next_write);

/* The workers' requests end and they leave; killed when the batch was
 * stopped (dx_batch_stop, or kill_all: the output failed), or while they
 * read an input. */
void dx_batch_pool_free(pool *p, bool kill_all);

/* ---- batch_output.c: records out, and the batch's progress --------------- */

/* Where records go: JSON Lines (out), or one of the writers. */
typedef struct sinks {
  FILE *out;
  struct dx_sqlite *db;
  struct dx_pg *pg;
  struct dx_csv *csv;
} sinks;

typedef struct tally {
  GHashTable *by; /* "ok docx", "error timeout" ... -> count */
  int ok, failed, low_conf, skipped;
} tally;

/* Opens o->out by its name (FILE.csv, FILE.sqlite/.sqlite3/.db,
 * postgresql://…, else JSON Lines; stdout when none or "-"); with
 * o->resume, *done is the set of sha256 the output has records of.
 * Returns 0, or 1 with a message on stderr. */
int dx_batch_out_open(sinks *k, GHashTable **done, const batch_opts *o);

/* Writes finished records in input order from *next_write on, counting
 * them in t; false when the output failed. */
bool dx_batch_out_write(const batch_opts *o, job *jobs, guint n, guint *next_write, const sinks *k,
                        tally *t, double t0);

/* One record (one line of JSON) to where records go; false (with the
 * message in e) when that failed. `declx apply` writes through it too.
 * r: the record already read (records.h), or NULL: the writers read it
 * from record. */
bool dx_batch_out_record(const sinks *k, const char *record, const dx_rec *r, char *e,
                         size_t e_size);
/* Whether records go to a writer that reads them (CSV, SQLite,
 * PostgreSQL), not to JSON Lines. */
bool dx_batch_out_reads(const sinks *k);
/* Closes what dx_batch_out_open opened; false when that failed. */
bool dx_batch_out_close(sinks *k);

/* The summary on stderr (unless o->quiet). */
void dx_batch_summary(const batch_opts *o, const tally *t, guint n, double t0, bool interrupted);

#endif
