/* Unit tests for legacy office files read through LibreOffice
 * (extract/legacy.c): each kind told by content (OLE2 files written here
 * with libgsf, with the streams of Word, Excel and Kingsoft WPS; RTF;
 * OpenDocument), damaged and unknown OLE2 files, no soffice, a
 * conversion that runs past its timeout (its process group killed),
 * LibreOffice's own error in one line, concurrent conversions each with
 * a profile of its own, and the temporary directory removed every time.
 * A real conversion when LibreOffice is installed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-utils.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dx_normalize.h"
#include "testutil.h"

/* TMPDIR of this test (set before GLib first reads it): empty again
 * after every conversion, but for the stand-ins' own fake-* directories. */
static char tmp_root[] = "/tmp/test-legacy-XXXXXX";

static bool tmp_empty(void) {
  GDir *d = g_dir_open(tmp_root, 0, NULL);
  if (!d) return false;
  const char *n;
  while ((n = g_dir_read_name(d)) && g_str_has_prefix(n, "fake-")) {
  }
  if (n) fprintf(stderr, "left behind: %s/%s\n", tmp_root, n);
  g_dir_close(d);
  return n == NULL;
}

/* An OLE2 compound file with empty-ish streams of these names. */
static GBytes *ole2(const char *const *streams) {
  gsf_init();
  GsfOutput *mem = gsf_output_memory_new();
  GsfOutfile *ole = gsf_outfile_msole_new(mem);
  for (const char *const *s = streams; *s; s++) {
    GsfOutput *child = gsf_outfile_new_child(ole, *s, FALSE);
    static const guint8 junk[600] = {1, 2, 3};
    gsf_output_write(child, sizeof junk, junk);
    gsf_output_close(child);
    g_object_unref(child);
  }
  gsf_output_close(GSF_OUTPUT(ole));
  g_object_unref(ole);
  GBytes *b =
      g_bytes_new(gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(mem)), (gsize)gsf_output_size(mem));
  g_object_unref(mem);
  return b;
}

static dx_code kind_of(dx_format *f, GBytes *b, dx_error *err) {
  gsize n = 0;
  const uint8_t *p = g_bytes_get_data(b, &n);
  return dx_legacy_kind(f, p, n, err);
}

static void expect_kind(const char *const *streams, dx_format want) {
  GBytes *b = ole2(streams);
  dx_format f = DX_FORMAT_DOCX;
  dx_error err = {0};
  assert_int_equal(kind_of(&f, b, &err), DX_OK);
  assert_int_equal(f, want);
  g_bytes_unref(b);
}

static void test_ole2_kinds(void **state) {
  (void)state;
  expect_kind((const char *const[]){"WordDocument", "1Table", NULL}, DX_FORMAT_DOC);
  expect_kind((const char *const[]){"Workbook", NULL}, DX_FORMAT_XLS);
  expect_kind((const char *const[]){"Book", NULL}, DX_FORMAT_XLS); /* Excel 5/95 */
  expect_kind((const char *const[]){"WordDocument", "WpsCustomData", NULL}, DX_FORMAT_WPS);
  expect_kind((const char *const[]){"Workbook", "WpsCustomData", NULL}, DX_FORMAT_ET);
  /* PowerPoint's: a clear unsupported error, no LibreOffice run */
  GBytes *b = ole2((const char *const[]){"PowerPoint Document", "Current User", NULL});
  dx_format f;
  dx_error err = {0};
  assert_int_equal(kind_of(&f, b, &err), DX_EUNSUPPORTED);
  assert_non_null(strstr(err.message, "neither a WordDocument nor a Workbook stream"));
  /* through the front door too */
  dx_limits lim;
  dx_limits_default(&lim);
  dx_doc *doc = NULL;
  gsize n = 0;
  const uint8_t *p = g_bytes_get_data(b, &n);
  assert_int_equal(dx_read_bytes(&doc, "x.doc", p, n, &lim, &err), DX_EUNSUPPORTED);
  assert_null(doc);
  g_bytes_unref(b);
  /* an OLE2 header over junk: its directory cannot be read */
  uint8_t bad[2048];
  memset(bad, 0xAB, sizeof bad);
  static const uint8_t magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  memcpy(bad, magic, sizeof magic);
  assert_int_equal(dx_legacy_kind(&f, bad, sizeof bad, &err), DX_EFORMAT);
  assert_non_null(strstr(err.message, "damaged OLE2"));
  assert_int_equal(dx_read_bytes(&doc, "x.doc", bad, sizeof bad, &lim, &err), DX_EFORMAT);
  assert_null(strchr(err.message, '\n'));
}

static GBytes *corpus_file(const char *name) {
  char *path = g_build_filename(DX_SOURCE_DIR, "corpus", "legacy", name, NULL);
  gchar *data = NULL;
  gsize n = 0;
  assert_true(g_file_get_contents(path, &data, &n, NULL));
  g_free(path);
  return g_bytes_new_take(data, n);
}

static void test_other_kinds(void **state) {
  (void)state;
  static const struct {
    const char *file;
    dx_format f;
  } cases[] = {{"doc-seed000-xiangyin.doc", DX_FORMAT_DOC},
               {"xls-seed000-xiangyin.xls", DX_FORMAT_XLS},
               {"rtf-seed000-xiangyin.rtf", DX_FORMAT_RTF},
               {"odt-seed004-yongning.odt", DX_FORMAT_ODT},
               {"ods-seed000-xiangyin.ods", DX_FORMAT_ODS}};
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    GBytes *b = corpus_file(cases[i].file);
    dx_format f = DX_FORMAT_DOCX;
    dx_error err = {0};
    assert_int_equal(kind_of(&f, b, &err), DX_OK);
    assert_int_equal(f, cases[i].f);
    g_bytes_unref(b);
  }
  /* an RTF cut short: no closing brace */
  static const char cut[] = "{\\rtf1\\ansi {\\fonttbl{\\f0 Arial;}}\\f0 hello";
  dx_format f;
  dx_error err = {0};
  assert_int_equal(dx_legacy_kind(&f, (const uint8_t *)cut, strlen(cut), &err), DX_EFORMAT);
  assert_non_null(strstr(err.message, "truncated RTF"));
  static const char whole[] = "{\\rtf1\\ansi hello}\r\n";
  assert_int_equal(dx_legacy_kind(&f, (const uint8_t *)whole, strlen(whole), &err), DX_OK);
  assert_int_equal(f, DX_FORMAT_RTF);
  /* names of formats */
  assert_string_equal(dx_format_name(DX_FORMAT_WPS), "wps");
  assert_string_equal(dx_format_name(DX_FORMAT_ET), "et");
  assert_true(dx_format_converted(DX_FORMAT_ODS));
  assert_false(dx_format_converted(DX_FORMAT_XLSX));
}

/* A stand-in for soffice in dir (a shell script with body), named by
 * $DECLX_SOFFICE. */
static char *fake_soffice(const char *dir, const char *body) {
  char *path = g_build_filename(dir, "fake-soffice", NULL);
  char *text = g_strconcat("#!/bin/sh\n", body, "\n", NULL);
  assert_true(g_file_set_contents(path, text, -1, NULL));
  chmod(path, 0755);
  g_free(text);
  g_setenv("DECLX_SOFFICE", path, TRUE);
  return path;
}

static const char RTF[] = "{\\rtf1\\ansi hello}";

static dx_code convert(dx_format f, const char *data, int timeout_ms, dx_error *err) {
  dx_limits lim;
  dx_limits_default(&lim);
  lim.convert_timeout_ms = timeout_ms;
  uint8_t *out = NULL;
  size_t n = 0;
  dx_code rc = dx_legacy_convert(&out, &n, f, (const uint8_t *)data, strlen(data), &lim, err);
  g_free(out);
  return rc;
}

static void test_no_soffice(void **state) {
  (void)state;
  /* DECLX_SOFFICE unset, and a PATH without soffice */
  char *path = g_strdup(g_getenv("PATH"));
  g_unsetenv("DECLX_SOFFICE");
  g_setenv("PATH", "/nonexistent", TRUE);
  dx_error err = {0};
  assert_int_equal(convert(DX_FORMAT_RTF, RTF, 5000, &err), DX_EUNSUPPORTED);
  assert_non_null(strstr(err.message, "not installed"));
  assert_non_null(strstr(err.message, "apt-get install libreoffice-writer-nogui"));
  assert_null(strchr(err.message, '\n'));
  dx_limits lim;
  dx_limits_default(&lim);
  dx_doc *doc = NULL;
  assert_int_equal(dx_read_bytes(&doc, "a.rtf", (const uint8_t *)RTF, strlen(RTF), &lim, &err),
                   DX_EUNSUPPORTED);
  g_setenv("PATH", path, TRUE);
  g_free(path);
  assert_true(tmp_empty());
}

static bool alive(pid_t pid) {
  char *p = g_strdup_printf("/proc/%d/stat", (int)pid);
  gchar *s = NULL;
  bool yes = g_file_get_contents(p, &s, NULL, NULL);
  const char *close = s ? strrchr(s, ')') : NULL;
  if (close && close[1] && close[2] == 'Z') yes = false; /* a zombie is dead */
  g_free(s);
  g_free(p);
  return yes;
}

static void test_timeout(void **state) {
  (void)state;
  char *dir = g_dir_make_tmp("fake-XXXXXX", NULL);
  char *pidfile = g_build_filename(dir, "child.pid", NULL);
  /* it starts a child of its own (as soffice starts soffice.bin) and
   * waits */
  char *body = g_strdup_printf("sleep 60 & echo $! > %s\necho starting >&2\nwait", pidfile);
  char *fake = fake_soffice(dir, body);
  dx_error err = {0};
  gint64 t0 = g_get_monotonic_time();
  assert_int_equal(convert(DX_FORMAT_RTF, RTF, 500, &err), DX_ELIMIT);
  double took = (g_get_monotonic_time() - t0) / 1e6;
  assert_true(took < 5);
  assert_non_null(strstr(err.message, "ran past 0.5 s and was killed"));
  gchar *pid = NULL;
  assert_true(g_file_get_contents(pidfile, &pid, NULL, NULL));
  /* its child went with it: the process group was killed */
  for (int i = 0; i < 50 && alive(atoi(pid)); i++) g_usleep(20000);
  assert_false(alive(atoi(pid)));
  g_free(pid);
  assert_true(tmp_empty());
  unlink(fake);
  unlink(pidfile);
  rmdir(dir);
  g_free(fake);
  g_free(body);
  g_free(pidfile);
  g_free(dir);
}

static void test_libreoffice_error(void **state) {
  (void)state;
  char *dir = g_dir_make_tmp("fake-XXXXXX", NULL);
  char *fake = fake_soffice(dir, "echo 'Warning: failed to launch javaldx - java may not function "
                                 "correctly' >&2\necho 'Error: source file could not be loaded'\n"
                                 "exit 1");
  dx_error err = {0};
  assert_int_equal(convert(DX_FORMAT_RTF, RTF, 10000, &err), DX_EFORMAT);
  assert_string_equal(err.message,
                      "LibreOffice could not convert it (Error: source file could not be loaded)");
  assert_true(tmp_empty());
  unlink(fake);
  rmdir(dir);
  g_free(fake);
  g_free(dir);
}

typedef struct profile_run {
  dx_code rc;
  dx_error err;
} profile_run;

static gpointer convert_thread(gpointer p) {
  profile_run *r = p;
  r->rc = convert(DX_FORMAT_DOC, RTF, 10000, &r->err);
  return NULL;
}

/* Two conversions at once: each its own directory and profile. */
static void test_own_profiles(void **state) {
  (void)state;
  char *dir = g_dir_make_tmp("fake-XXXXXX", NULL);
  char *log = g_build_filename(dir, "profiles", NULL);
  char *body = g_strdup_printf("echo \"$1\" >> %s\nsleep 0.3", log);
  char *fake = fake_soffice(dir, body);
  profile_run r[2] = {0};
  GThread *t1 = g_thread_new("a", convert_thread, &r[0]);
  GThread *t2 = g_thread_new("b", convert_thread, &r[1]);
  g_thread_join(t1);
  g_thread_join(t2);
  assert_int_equal(r[0].rc, DX_EFORMAT); /* the stand-in writes nothing */
  assert_int_equal(r[1].rc, DX_EFORMAT);
  gchar *text = NULL;
  assert_true(g_file_get_contents(log, &text, NULL, NULL));
  gchar **lines = g_strsplit(g_strstrip(text), "\n", -1);
  assert_int_equal(g_strv_length(lines), 2);
  assert_true(g_str_has_prefix(lines[0], "-env:UserInstallation=file:///"));
  assert_string_not_equal(lines[0], lines[1]);
  g_strfreev(lines);
  g_free(text);
  assert_true(tmp_empty());
  unlink(fake);
  unlink(log);
  rmdir(dir);
  g_free(fake);
  g_free(body);
  g_free(log);
  g_free(dir);
}

/* A real conversion, when LibreOffice is installed. */
static void test_real(void **state) {
  (void)state;
  g_unsetenv("DECLX_SOFFICE");
  char *soffice = g_find_program_in_path("soffice");
  if (!soffice) {
    fprintf(stderr, "soffice is not installed: the real conversion is not tested\n");
    skip();
  }
  g_free(soffice);
  GBytes *b = corpus_file("doc-seed003-shifeng.doc");
  gsize n = 0;
  const uint8_t *p = g_bytes_get_data(b, &n);
  dx_limits lim;
  dx_limits_default(&lim);
  dx_doc *doc = NULL;
  dx_error err = {0};
  assert_int_equal(dx_read_bytes(&doc, "x.doc", p, n, &lim, &err), DX_OK);
  assert_int_equal(doc->format, DX_FORMAT_DOC);
  assert_non_null(doc->converted_by);
  assert_true(g_str_has_prefix(doc->converted_by, "libreoffice 7") ||
              g_str_has_prefix(doc->converted_by, "libreoffice "));
  assert_true(doc->ntables > 0);
  dx_doc_free(doc);
  g_bytes_unref(b);
  assert_true(tmp_empty());
}

int main(void) {
  assert_non_null(g_mkdtemp(tmp_root));
  g_setenv("TMPDIR", tmp_root, TRUE);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ole2_kinds),
      cmocka_unit_test(test_other_kinds),
      cmocka_unit_test(test_no_soffice),
      cmocka_unit_test(test_timeout),
      cmocka_unit_test(test_libreoffice_error),
      cmocka_unit_test(test_own_profiles),
      cmocka_unit_test(test_real),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  rmdir(tmp_root);
  return rc;
}
