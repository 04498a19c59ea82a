/* batch_worker.c — a batch's worker process: it reads many inputs, one
 * at a time, each from a request on one pipe (the input's name and, for
 * an archive member, its bytes), and answers each on another (a small
 * header and the record). It leaves when its requests end, or after a
 * record once it has grown large.
 */
#include "batch_int.h"
#include "proc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A worker whose resident memory passed this after an input leaves and
 * is replaced: one large input must not keep a worker large for good
 * (one that has read a scan holds tesseract's model, ~70 MB). DOCX and
 * PDF workers stay near 40 MB. */
#define WORKER_RECYCLE_RSS ((size_t)96 << 20)
/* A worker that holds an OCR engine keeps it for the next scans (loading
 * PP-OCRv4's models into ONNX Runtime costs ~0.45 s of CPU): it leaves
 * only past this (after a 200 dpi A4 scan it holds ~270 MB). */
#define WORKER_RECYCLE_OCR_RSS ((size_t)512 << 20)

/* name is a path: not necessarily UTF-8, which JSON strings must be. */
char *dx_batch_error_record(const char *name, const char *sha256, const char *code,
                            const char *msg) {
  char *file = g_utf8_make_valid(name, -1);
  json_t *j = json_pack("{s:{s:s},s:{s:s,s:s}}", "source", "file", file, "error", "code", code,
                        "message", msg);
  g_free(file);
  if (sha256) json_object_set_new(json_object_get(j, "source"), "sha256", json_string(sha256));
  char *s = dx_json_dump(j, false);
  json_decref(j);
  return s;
}

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

bool dx_batch_write_full(int fd, const void *buf, size_t n) {
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

/* A document's record: the contract's object, named as the batch was
 * given the input; its format and low-confidence count go to h. */
static char *doc_record(const char *name, dx_doc *doc, dx_ruleset *rs, resp_hdr *h) {
  json_t *j = dx_doc_to_json(rs, doc);
  /* a batch names each input as it was given (the path, or the member
   * in its archive), not by its base name alone as `extract` does */
  char *file = g_utf8_make_valid(name, -1);
  json_object_set_new(json_object_get(j, "source"), "file", json_string(file));
  g_free(file);
  char *s = dx_json_dump(j, false);
  const char *fmt = json_string_value(json_object_get(json_object_get(j, "source"), "format"));
  g_strlcpy(h->format, fmt ? fmt : "", sizeof h->format);
  size_t i;
  json_t *d;
  json_array_foreach(json_object_get(j, "declarations"), i, d) {
    const json_t *c = json_object_get(d, "confidence");
    if (c && json_number_value(c) < 0.5) h->low_conf++;
  }
  json_decref(j);
  return s;
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
    int saved = dx_proc_mute_stderr();
    dx_read_bytes(&doc, name, data, len, lim, &err);
    dx_proc_unmute_stderr(saved);
    if (!doc && !sum) sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
    if (!have_data) g_free(data);
  }
  char *s;
  if (doc) {
    s = doc_record(name, doc, rs, h);
    dx_doc_free(doc);
    h->status = RESP_RECORD;
  } else if (err.code == DX_EOCR_ELSEWHERE) {
    s = g_strdup("");
    h->status = RESP_AGAIN;
  } else {
    s = dx_batch_error_record(name, sum, dx_code_name(err.code), err.message);
    g_strlcpy(h->code, dx_code_name(err.code), sizeof h->code);
    h->status = RESP_ERROR;
  }
  g_free(sum);
  return s;
}

void dx_batch_worker_main(int req, int resp, dx_ruleset *rs, const dx_limits *lim,
                          GHashTable *done) {
  /* test hook: leave after every input */
  bool test_recycle = getenv("DX_BATCH_TEST_RECYCLE") != NULL;
  /* OCR is the largest thing a worker does (tesseract's working memory
   * is ~100 MB): on top of what earlier inputs left in the process (font
   * caches, a spread heap) it passes the per-worker bound, so a worker
   * that has read an input before, and holds no OCR engine yet, hands a
   * scan back (RESP_AGAIN) and leaves, and a new worker reads it. One
   * that holds an engine reads the scans it is given. */
  dx_limits mine = *lim;
  for (unsigned served = 0;; served++) {
    mine.ocr_elsewhere = served > 0 && !dx_ocr_loaded();
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
    /* what the input freed goes back to the system before the worker's
     * size is judged below */
    dx_proc_trim_heap(NULL);
    h.len = strlen(rec);
    /* said in the response, so that no request is sent to a worker that
     * is leaving */
    size_t recycle = test_recycle      ? 0
                     : dx_ocr_loaded() ? WORKER_RECYCLE_OCR_RSS
                                       : WORKER_RECYCLE_RSS;
    h.leaving = h.status == RESP_AGAIN || resident_bytes() > recycle;
    if (!dx_batch_write_full(resp, &h, sizeof h) || !dx_batch_write_full(resp, rec, h.len))
      _exit(2);
    g_free(rec);
    if (h.leaving) _exit(0);
  }
}
