/* batch_inputs.c — a batch's inputs: files, directories walked
 * (sorted, recursively), lists of paths on stdin, and the members of
 * archives (libarchive, through archive_in.c), each an input of its own;
 * and, in the parent, an archive member's bytes for its worker (nothing
 * is unpacked to disk).
 */
#include "batch_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "archive_in.h"

/* Files one archive may hold (each is an input of its own). */
#define MAX_ARCHIVE_MEMBERS 1000000

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
 * (a symlink loop; seen: the directories walked, by device and inode) is
 * reported once as an input that fails. */
static void walk(inputs *in, GHashTable *seen, const char *dir) {
  GArray *jobs = in->jobs;
  struct stat st;
  if (stat(dir, &st) != 0) {
    add_job(jobs, g_strdup(dir), NULL, 0);
    return;
  }
  char *key = g_strdup_printf("%lu:%lu", (unsigned long)st.st_dev, (unsigned long)st.st_ino);
  if (g_hash_table_contains(seen, key)) {
    g_free(key);
    add_job(jobs, g_strdup_printf("%s/", dir), NULL, 0); /* fails: a directory loop */
    return;
  }
  g_hash_table_add(seen, key);
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
      walk(in, seen, p);
    else
      add_file(in, p);
  }
  g_ptr_array_free(names, TRUE);
}

static void add_input(inputs *in, GHashTable *seen, const char *p) {
  if (g_file_test(p, G_FILE_TEST_IS_DIR))
    walk(in, seen, p);
  else
    add_file(in, p);
}

/* Paths from stdin, one per line or NUL-separated. */
static void read_list(inputs *in, GHashTable *seen, bool nul) {
  GString *cur = g_string_new(NULL);
  int ch;
  while ((ch = getchar()) != EOF) {
    if (ch == (nul ? '\0' : '\n')) {
      if (!nul && cur->len && cur->str[cur->len - 1] == '\r') g_string_truncate(cur, cur->len - 1);
      if (cur->len) add_input(in, seen, cur->str);
      g_string_truncate(cur, 0);
    } else {
      g_string_append_c(cur, (char)ch);
    }
  }
  if (cur->len) add_input(in, seen, cur->str);
  g_string_free(cur, TRUE);
}

void dx_batch_inputs_find(inputs *in, char **paths, int npaths, bool nul) {
  *in = (inputs){g_array_new(FALSE, TRUE, sizeof(job)), g_ptr_array_new_with_free_func(g_free)};
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  bool from_stdin = npaths == 0;
  for (int i = 0; i < npaths; i++) {
    if (strcmp(paths[i], "-") == 0)
      from_stdin = true;
    else
      add_input(in, seen, paths[i]);
  }
  if (from_stdin) read_list(in, seen, nul);
  g_hash_table_destroy(seen);
}

void dx_batch_inputs_free(inputs *in) {
  for (guint i = 0; i < in->jobs->len; i++) {
    job *jb = &g_array_index(in->jobs, job, i);
    g_free(jb->name);
    g_free(jb->pre_code);
    g_free(jb->pre_msg);
    g_free(jb->record);
    g_free(jb->data);
  }
  g_array_free(in->jobs, TRUE);
  g_ptr_array_free(in->archives, TRUE);
}

/* ---- archive members, in the parent --------------------------------------- */

/* Members are read forward, in input order: the reader is opened again
 * only for another archive or a member behind it. */
const char *dx_batch_member_read(struct dx_arc_reader **reader, const job *jb, size_t max,
                                 uint8_t **data, size_t *len, char *msg, size_t msg_size) {
  if (*reader &&
      (strcmp(dx_arc_path(*reader), jb->archive) != 0 || dx_arc_next(*reader) > jb->entry)) {
    dx_arc_close(*reader);
    *reader = NULL;
  }
  if (!*reader && !(*reader = dx_arc_open(jb->archive, msg, msg_size))) return "io";
  int rc = dx_arc_read(*reader, jb->entry, max, data, len, msg, msg_size);
  if (rc == 1) {
    g_snprintf(msg, msg_size, "the member is larger than the input limit (%zu bytes)", max);
    return "limit";
  }
  if (rc == -2) return "unsupported";
  if (rc < 0) {
    dx_arc_close(*reader); /* its state after a failure is not to be trusted */
    *reader = NULL;
    return "format";
  }
  return NULL;
}
