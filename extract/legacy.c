/* legacy.c — office formats read through LibreOffice: Word and Excel
 * 97-2003 binaries (.doc, .xls), Kingsoft WPS's (.wps, .et), RTF and
 * OpenDocument (.odt, .ods).
 *
 * Their kind is told by content, never by name: an OLE2 compound file by
 * the streams in its directory (libgsf reads it: WordDocument is Word's,
 * Workbook or Book Excel's, and either with Kingsoft's WpsCustomData
 * stream is WPS's), RTF by "{\rtf", an OpenDocument package by its
 * mimetype part. The file is converted by `soffice --headless
 * --convert-to docx|xlsx` in a temporary directory of its own, with its
 * own LibreOffice profile there (concurrent conversions share nothing),
 * under a deadline (the process group killed past it), and the directory
 * is removed whatever happened. The converted package is read as DOCX or
 * XLSX; the document keeps the legacy format and LibreOffice's version.
 */
#include "extract_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-utils.h>

/* What LibreOffice says on stdout and stderr that is kept (for the one
 * line of an error): its first bytes. */
enum { SAY_MAX = 8192 };

static const char INSTALL_HINT[] =
    "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui), or save it as DOCX or XLSX";

bool dx_format_converted(dx_format f) {
  return f == DX_FORMAT_DOC || f == DX_FORMAT_XLS || f == DX_FORMAT_WPS || f == DX_FORMAT_ET ||
         f == DX_FORMAT_RTF || f == DX_FORMAT_ODT || f == DX_FORMAT_ODS;
}

static bool is_ole2(const uint8_t *data, size_t len) {
  return len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

static bool is_rtf(const uint8_t *data, size_t len) {
  return len >= 5 && memcmp(data, "{\\rtf", 5) == 0;
}

bool dx_legacy_detect(const uint8_t *data, size_t len) {
  return is_ole2(data, len) || is_rtf(data, len);
}

/* ---- OpenDocument packages ------------------------------------------------ */

/* The package's mimetype part (at most 255 bytes, NUL-ended) into buf;
 * false when the zip has none. */
static bool odf_mimetype(const uint8_t *data, size_t len, char *buf, size_t size) {
  zip_t *za = dx_zip_sniff(data, len);
  bool found = false;
  zip_file_t *zf = za ? zip_fopen(za, "mimetype", 0) : NULL;
  if (zf) {
    zip_int64_t n = zip_fread(zf, buf, size - 1);
    found = n > 0;
    buf[n > 0 ? n : 0] = 0;
    zip_fclose(zf);
  }
  if (za) zip_discard(za);
  return found;
}

bool dx_odf_detect(const uint8_t *data, size_t len) {
  char mt[256];
  return odf_mimetype(data, len, mt, sizeof mt) &&
         g_str_has_prefix(mt, "application/vnd.oasis.opendocument.");
}

/* ---- OLE2 compound files -------------------------------------------------- */

static void gsf_once(void) {
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    gsf_init();
    g_once_init_leave(&done, 1);
  }
}

/* Word, Excel or WPS by the streams in the root storage. */
static dx_code ole2_kind(dx_format *fmt, const uint8_t *data, size_t len, dx_error *err) {
  gsf_once();
  GsfInput *in = gsf_input_memory_new(data, (gsf_off_t)len, FALSE);
  GError *ge = NULL;
  GsfInfile *ole = in ? gsf_infile_msole_new(in, &ge) : NULL;
  if (!ole) {
    dx_code rc = dx_error_set(err, DX_EFORMAT, "a damaged OLE2 compound file (.doc, .xls): %s",
                              ge && ge->message ? ge->message : "its directory cannot be read");
    g_clear_error(&ge);
    if (in) g_object_unref(in);
    return rc;
  }
  bool word = false, excel = false, wps = false;
  int n = gsf_infile_num_children(ole);
  for (int i = 0; i < n; i++) {
    const char *name = gsf_infile_name_by_index(ole, i);
    if (!name) continue;
    if (strcmp(name, "WordDocument") == 0) word = true;
    if (strcmp(name, "Workbook") == 0 || strcmp(name, "Book") == 0) excel = true;
    if (strcmp(name, "WpsCustomData") == 0) wps = true;
  }
  g_object_unref(ole);
  g_object_unref(in);
  if (word) {
    *fmt = wps ? DX_FORMAT_WPS : DX_FORMAT_DOC;
    return DX_OK;
  }
  if (excel) {
    *fmt = wps ? DX_FORMAT_ET : DX_FORMAT_XLS;
    return DX_OK;
  }
  return dx_error_set(err, DX_EUNSUPPORTED,
                      "an OLE2 compound file with neither a WordDocument nor a Workbook stream "
                      "(not a Word, Excel or WPS file: PowerPoint, Visio, an installer ...)");
}

dx_code dx_legacy_kind(dx_format *fmt, const uint8_t *data, size_t len, dx_error *err) {
  if (is_ole2(data, len)) return ole2_kind(fmt, data, len, err);
  if (is_rtf(data, len)) {
    /* an RTF file is one group: a file cut short misses its last brace
     * (LibreOffice would read what is there as if it were whole) */
    size_t end = len;
    while (end > 0 && (data[end - 1] == '\0' || g_ascii_isspace(data[end - 1]))) end--;
    if (data[end - 1] != '}')
      return dx_error_set(err, DX_EFORMAT,
                          "a truncated RTF file (it does not end with its closing brace)");
    *fmt = DX_FORMAT_RTF;
    return DX_OK;
  }
  char mt[256];
  if (odf_mimetype(data, len, mt, sizeof mt)) {
    g_strchomp(mt);
    if (strcmp(mt, "application/vnd.oasis.opendocument.text") == 0) {
      *fmt = DX_FORMAT_ODT;
      return DX_OK;
    }
    if (strcmp(mt, "application/vnd.oasis.opendocument.spreadsheet") == 0) {
      *fmt = DX_FORMAT_ODS;
      return DX_OK;
    }
    if (g_str_has_prefix(mt, "application/vnd.oasis.opendocument."))
      return dx_error_set(err, DX_EUNSUPPORTED,
                          "an OpenDocument file of another kind (%.80s), not a text or a "
                          "spreadsheet",
                          mt);
  }
  return dx_error_set(err, DX_EFORMAT, "not a .doc, .xls, .wps, .et, .rtf, .odt or .ods file");
}

/* ---- the conversion ------------------------------------------------------- */

/* Removes dir and everything in it, symbolic links not followed
 * (LibreOffice's profile is a few levels deep; depth is bounded). */
static void rm_tree(const char *dir, int depth) {
  GDir *d = depth < 32 ? g_dir_open(dir, 0, NULL) : NULL;
  const char *n;
  while (d && (n = g_dir_read_name(d))) {
    char *p = g_build_filename(dir, n, NULL);
    struct stat st;
    if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
      rm_tree(p, depth + 1);
    else
      unlink(p);
    g_free(p);
  }
  if (d) g_dir_close(d);
  rmdir(dir);
}

/* In the child before exec: a process group of its own (so that its
 * children are killed with it), and killed when its parent dies. */
static void child_setup(gpointer unused) {
  (void)unused;
  setpgid(0, 0);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The one line that says why LibreOffice failed: its last line that says
 * "Error", else its last line but the javaldx warning, else "". */
static void summarise(char *out, size_t size, const char *said) {
  out[0] = 0;
  gchar **lines = g_strsplit(said, "\n", -1);
  const char *pick = NULL, *last = NULL;
  for (gchar **l = lines; *l; l++) {
    g_strstrip(*l);
    if (!**l || strstr(*l, "javaldx")) continue;
    last = *l;
    if (g_str_has_prefix(*l, "Error") || strstr(*l, "error")) pick = *l;
  }
  if (!pick) pick = last;
  if (pick) g_strlcpy(out, pick, size);
  g_strfreev(lines);
}

/* Runs argv, its stdout and stderr kept in say (at most SAY_MAX bytes),
 * until it ends or timeout_ms passes (0: none), when its process group
 * is killed. *timed_out tells which. Returns false when it could not be
 * started (err set). */
static bool run(char **argv, int timeout_ms, GString *say, bool *timed_out, int *wstatus,
                GError **ge) {
  *timed_out = false;
  *wstatus = 0;
  GPid pid;
  int fds[2] = {-1, -1};
  if (!g_spawn_async_with_pipes(NULL, argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
                                child_setup, NULL, &pid, NULL, &fds[0], &fds[1], ge))
    return false;
  double deadline = timeout_ms > 0 ? now_s() + timeout_ms / 1000.0 : 0;
  bool exited = false;
  for (;;) {
    struct pollfd pf[2];
    nfds_t np = 0;
    for (int i = 0; i < 2; i++)
      if (fds[i] >= 0) pf[np++] = (struct pollfd){.fd = fds[i], .events = POLLIN};
    if (np)
      poll(pf, np, 100);
    else
      g_usleep(50000);
    for (nfds_t i = 0; i < np; i++) {
      if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[4096];
      ssize_t r = read(pf[i].fd, buf, sizeof buf);
      if (r > 0) {
        if (say->len < SAY_MAX) g_string_append_len(say, buf, MIN((gsize)r, SAY_MAX - say->len));
        continue;
      }
      if (r < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      for (int k = 0; k < 2; k++)
        if (fds[k] == pf[i].fd) {
          close(fds[k]);
          fds[k] = -1;
        }
    }
    if (!exited) {
      pid_t w = waitpid(pid, wstatus, WNOHANG);
      if (w == pid || (w < 0 && errno != EINTR)) exited = true;
    }
    /* done once it has ended and its output is read, or a moment after it
     * ended when something it left holds the pipes open */
    if (exited && fds[0] < 0 && fds[1] < 0) break;
    if (deadline && now_s() > deadline) {
      *timed_out = !exited;
      break;
    }
    if (exited && !deadline) deadline = now_s() + 2;
  }
  /* whatever it left behind goes with it */
  kill(-pid, SIGKILL);
  if (!exited) {
    kill(pid, SIGKILL);
    while (waitpid(pid, wstatus, 0) < 0 && errno == EINTR) {
    }
  }
  for (int k = 0; k < 2; k++)
    if (fds[k] >= 0) close(fds[k]);
  g_spawn_close_pid(pid);
  return true;
}

/* "libreoffice 7.4.7.2" from the converted package's docProps/app.xml
 * (<Application>LibreOffice/7.4.7.2$Linux...), else "libreoffice". */
static void producer_of(char *out, size_t size, struct zip *za, const dx_limits *lim) {
  g_strlcpy(out, "libreoffice", size);
  uint8_t *app = NULL;
  size_t n = 0;
  if (dx_zip_read_part(&app, &n, za, "docProps/app.xml", "a package", lim, NULL) != DX_OK) return;
  const char *p = g_strstr_len((const char *)app, (gssize)n, "<Application>LibreOffice/");
  if (p) {
    p += strlen("<Application>LibreOffice/");
    size_t k = 0;
    while (p + k < (const char *)app + n && k < 32 && (g_ascii_isdigit(p[k]) || p[k] == '.')) k++;
    if (k) g_snprintf(out, size, "libreoffice %.*s", (int)k, p);
  }
  g_free(app);
}

/* The soffice to run: $DECLX_SOFFICE, else soffice on the PATH; NULL
 * when there is none. */
static char *find_soffice(void) {
  const char *env = g_getenv("DECLX_SOFFICE");
  if (env && *env) return g_find_program_in_path(env);
  return g_find_program_in_path("soffice");
}

/* data converted into a package in *out (g_free), in dir. */
static dx_code convert_in(uint8_t **out, size_t *out_len, const char *dir, const char *soffice,
                          dx_format fmt, const uint8_t *data, size_t len, const dx_limits *lim,
                          dx_error *err) {
  bool sheet = fmt == DX_FORMAT_XLS || fmt == DX_FORMAT_ET || fmt == DX_FORMAT_ODS;
  /* Kingsoft's files are Microsoft's binary formats with extensions:
   * named so, LibreOffice reads them with its Word and Excel filters
   * (a .wps name would send it to Microsoft Works' filter) */
  const char *ext = fmt == DX_FORMAT_DOC || fmt == DX_FORMAT_WPS  ? "doc"
                    : fmt == DX_FORMAT_XLS || fmt == DX_FORMAT_ET ? "xls"
                                                                  : dx_format_name(fmt);
  char *name = g_strdup_printf("in.%s", ext);
  char *in = g_build_filename(dir, name, NULL);
  char *outdir = g_build_filename(dir, "out", NULL);
  char *profile = g_build_filename(dir, "profile", NULL);
  char *profile_uri = g_filename_to_uri(profile, NULL, NULL);
  char *env_arg = g_strconcat("-env:UserInstallation=", profile_uri ? profile_uri : "", NULL);
  char *result = g_build_filename(outdir, sheet ? "in.xlsx" : "in.docx", NULL);
  GString *say = g_string_new(NULL);
  GError *ge = NULL;
  dx_code rc = DX_OK;
  if (!g_file_set_contents(in, (const char *)data, (gssize)len, &ge)) {
    rc = dx_error_set(err, DX_EIO, "cannot write the file for LibreOffice: %s", ge->message);
    goto done;
  }
  char *argv[] = {(char *)soffice,
                  env_arg,
                  "--headless",
                  "--norestore",
                  "--nolockcheck",
                  "--convert-to",
                  sheet ? "xlsx:Calc MS Excel 2007 XML" : "docx:MS Word 2007 XML",
                  "--outdir",
                  outdir,
                  in,
                  NULL};
  bool timed_out = false;
  int ws = 0;
  if (!run(argv, lim->convert_timeout_ms, say, &timed_out, &ws, &ge)) {
    rc = dx_error_set(err, DX_ELIBRARY, "cannot run LibreOffice (%s): %s", soffice, ge->message);
    goto done;
  }
  if (timed_out) {
    rc = dx_error_set(err, DX_ELIMIT,
                      "LibreOffice's conversion ran past %.1f s and was killed (the "
                      "conversion timeout)",
                      lim->convert_timeout_ms / 1000.0);
    goto done;
  }
  struct stat st;
  if (stat(result, &st) != 0 || st.st_size == 0) {
    char why[200];
    summarise(why, sizeof why, say->str);
    if (WIFSIGNALED(ws))
      g_snprintf(why + strlen(why), sizeof why - strlen(why), "%skilled by signal %d",
                 *why ? "; " : "", WTERMSIG(ws));
    rc = dx_error_set(err, DX_EFORMAT, "LibreOffice could not convert it (%s)",
                      *why ? why : "no output");
    goto done;
  }
  if ((size_t)st.st_size > lim->max_input_bytes) {
    rc = dx_error_set(err, DX_ELIMIT, "converted by LibreOffice, it is larger than %zu bytes",
                      lim->max_input_bytes);
    goto done;
  }
  gchar *bytes = NULL;
  gsize n = 0;
  if (!g_file_get_contents(result, &bytes, &n, &ge)) {
    rc = dx_error_set(err, DX_EIO, "cannot read LibreOffice's conversion: %s", ge->message);
    goto done;
  }
  *out = (uint8_t *)bytes;
  *out_len = n;
done:
  g_clear_error(&ge);
  g_string_free(say, TRUE);
  g_free(result);
  g_free(env_arg);
  g_free(profile_uri);
  g_free(profile);
  g_free(outdir);
  g_free(in);
  g_free(name);
  return rc;
}

dx_code dx_legacy_convert(uint8_t **out, size_t *out_len, dx_format fmt, const uint8_t *data,
                          size_t len, const dx_limits *lim, dx_error *err) {
  *out = NULL;
  *out_len = 0;
  if (lim->convert_timeout_ms < 0)
    return dx_error_set(err, DX_EUNSUPPORTED,
                        "a .%s file, read through LibreOffice, and conversions are off here",
                        dx_format_name(fmt));
  char *soffice = find_soffice();
  if (!soffice)
    return dx_error_set(err, DX_EUNSUPPORTED,
                        "a .%s file, read through LibreOffice, which is not installed: %s",
                        dx_format_name(fmt), INSTALL_HINT);
  GError *ge = NULL;
  char *dir = g_dir_make_tmp("declx-lo-XXXXXX", &ge);
  if (!dir) {
    dx_code rc = dx_error_set(err, DX_EIO, "cannot make a temporary directory: %s", ge->message);
    g_clear_error(&ge);
    g_free(soffice);
    return rc;
  }
  dx_code rc = convert_in(out, out_len, dir, soffice, fmt, data, len, lim, err);
  rm_tree(dir, 0);
  g_free(dir);
  g_free(soffice);
  return rc;
}

dx_code dx_legacy_read(dx_doc **out, const char *file, const uint8_t *data, size_t len,
                       const dx_limits *lim, dx_error *err) {
  *out = NULL;
  dx_format fmt = DX_FORMAT_DOC;
  dx_code rc = dx_legacy_kind(&fmt, data, len, err);
  if (rc != DX_OK) return rc;
  uint8_t *pkg = NULL;
  size_t n = 0;
  rc = dx_legacy_convert(&pkg, &n, fmt, data, len, lim, err);
  if (rc != DX_OK) return rc;
  struct zip *za = NULL;
  rc = dx_zip_open(&za, pkg, n, lim, err);
  if (rc == DX_OK) {
    char by[64];
    producer_of(by, sizeof by, za, lim);
    bool sheet = fmt == DX_FORMAT_XLS || fmt == DX_FORMAT_ET || fmt == DX_FORMAT_ODS;
    rc = sheet ? dx_xlsx_read_zip(out, file, za, lim, err)
               : dx_docx_read_zip(out, file, za, lim, err);
    zip_discard(za);
    if (rc == DX_OK) {
      (*out)->format = fmt;
      (*out)->converted_by = dx_arena_strdup((*out)->arena, by);
    }
  }
  g_free(pkg);
  return rc;
}
