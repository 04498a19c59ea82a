/* batch.h — `declx batch`: inputs in worker processes, JSON Lines out. */
#ifndef DX_BATCH_H
#define DX_BATCH_H

#include <stdbool.h>

#include "declx.h"

typedef struct batch_opts {
  int jobs;        /* worker processes at once (>= 1) */
  double timeout;  /* seconds per input, 0: none */
  long max_mem_mb; /* address space per worker, 0: none */
  bool nul;        /* the list on stdin is NUL-separated */
  bool quiet;      /* no progress, failures or summary on stderr */
  const char *out; /* output file, NULL or "-": stdout */
  bool bom;        /* CSV output: a UTF-8 byte-order mark first (Excel) */
  bool resume;     /* skip inputs whose sha256 has a record in `out` (appended to) */
} batch_opts;

/* Runs the batch over paths (files and directories, recursively; none or
 * "-": a list on stdin). Writes one record per input in input order.
 * Returns the exit status: 0 all read, 1 some failed, 130 interrupted. */
int dx_batch_run(const batch_opts *o, char **paths, int npaths, dx_ruleset *rs,
                 const dx_limits *lim);

#endif
