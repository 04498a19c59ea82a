/* archive_in.c — archives as batch inputs, read with libarchive. */
#include "archive_in.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "dx_extract.h"

/* Whether member i (named name) is an OpenDocument package's mimetype
 * part (an ODT or an ODS, read through LibreOffice, is a form). */
static bool odf_mimetype(zip_t *z, zip_int64_t i, const char *name) {
  if (strcmp(name, "mimetype") != 0) return false;
  static const char want[] = "application/vnd.oasis.opendocument.";
  char buf[sizeof want] = {0};
  zip_file_t *zf = zip_fopen_index(z, (zip_uint64_t)i, 0);
  if (!zf) return false;
  zip_int64_t n = zip_fread(zf, buf, sizeof buf - 1);
  zip_fclose(zf);
  return n == (zip_int64_t)sizeof want - 1 && memcmp(buf, want, sizeof want - 1) == 0;
}

bool dx_arc_is_archive(const char *path) {
  uint8_t m[512] = {0};
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  size_t n = fread(m, 1, sizeof m, f);
  fclose(f);
  if (dx_archive_kind(m, n)) return true;
  if (n < 4 || memcmp(m, "PK\x03\x04", 4) != 0) return false;
  /* A zip: a DOCX or an XLSX (any OOXML package, or what is left of
   * one) has [Content_Types].xml or parts under word/, xl/, _rels/ or
   * docProps/; an OFD has OFD.xml at its root; an OpenDocument file a
   * mimetype part naming its kind. A zip libzip cannot open
   * goes the DOCX way too, which says what is wrong. */
  int e = 0;
  zip_t *z = zip_open(path, ZIP_RDONLY, &e);
  if (!z) return false;
  bool form = false;
  zip_int64_t count = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < count && !form; i++) {
    const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
    if (!name) continue;
    while (*name == '/' || *name == '\\') name++;
    form = g_ascii_strcasecmp(name, "[Content_Types].xml") == 0 ||
           g_ascii_strncasecmp(name, "word/", 5) == 0 || g_ascii_strncasecmp(name, "xl/", 3) == 0 ||
           g_ascii_strncasecmp(name, "_rels/", 6) == 0 ||
           g_ascii_strncasecmp(name, "docProps/", 9) == 0 ||
           g_ascii_strcasecmp(name, "OFD.xml") == 0 || odf_mimetype(z, i, name);
  }
  zip_discard(z);
  return !form;
}

struct dx_arc_reader {
  struct archive *a;
  char *path;
  unsigned next; /* ordinal of the next header */
};

static struct archive *arc_new(const char *path, char *err, size_t errlen) {
  struct archive *a = archive_read_new();
  archive_read_support_filter_all(a);
  archive_read_support_format_zip(a);
  archive_read_support_format_tar(a);
  archive_read_support_format_gnutar(a);
  archive_read_support_format_7zip(a);
  archive_read_support_format_rar(a);
  archive_read_support_format_rar5(a);
  if (archive_read_open_filename(a, path, 1 << 16) != ARCHIVE_OK) {
    g_snprintf(err, errlen, "cannot read the archive: %s",
               archive_error_string(a) ? archive_error_string(a) : "unknown format");
    archive_read_free(a);
    return NULL;
  }
  return a;
}

/* A member's name as UTF-8: as stored when it is UTF-8, else from
 * GB18030 (Chinese Windows zips), else with invalid bytes replaced. */
static char *member_name(struct archive_entry *e) {
  const char *raw = archive_entry_pathname(e);
  if (!raw) raw = "";
  if (g_utf8_validate(raw, -1, NULL)) return g_strdup(raw);
  char *u = g_convert(raw, -1, "UTF-8", "GB18030", NULL, NULL, NULL);
  return u ? u : g_utf8_make_valid(raw, -1);
}

/* The next header, skipping encrypted-archive warnings' noise: 1 got one,
 * 0 at the end, -1 damaged. */
static int next_header(struct archive *a, struct archive_entry **e) {
  int r = archive_read_next_header(a, e);
  if (r == ARCHIVE_OK || r == ARCHIVE_WARN) return 1;
  if (r == ARCHIVE_EOF) return 0;
  return -1;
}

int dx_arc_list(const char *path, size_t max_members,
                void (*add)(void *ctx, const char *name, unsigned entry), void *ctx, char *err,
                size_t errlen) {
  struct archive *a = arc_new(path, err, errlen);
  if (!a) return -1;
  struct archive_entry *e;
  unsigned entry = 0;
  size_t files = 0;
  int r, rc = 0;
  while ((r = next_header(a, &e)) == 1) {
    if (archive_entry_filetype(e) == AE_IFREG) {
      if (++files > max_members) {
        g_snprintf(err, errlen, "the archive holds more than %zu files (the limit)", max_members);
        rc = -2;
        break;
      }
      char *name = member_name(e);
      add(ctx, name, entry);
      g_free(name);
    }
    entry++;
  }
  if (r < 0) {
    g_snprintf(err, errlen, "the archive is damaged after %zu files: %s", files,
               archive_error_string(a) ? archive_error_string(a) : "unreadable header");
    rc = -1;
  }
  archive_read_free(a);
  return rc;
}

dx_arc_reader *dx_arc_open(const char *path, char *err, size_t errlen) {
  struct archive *a = arc_new(path, err, errlen);
  if (!a) return NULL;
  dx_arc_reader *r = g_new0(dx_arc_reader, 1);
  r->a = a;
  r->path = g_strdup(path);
  return r;
}

const char *dx_arc_path(const dx_arc_reader *r) {
  return r->path;
}

unsigned dx_arc_next(const dx_arc_reader *r) {
  return r->next;
}

int dx_arc_read(dx_arc_reader *r, unsigned entry, size_t max, uint8_t **data, size_t *len,
                char *err, size_t errlen) {
  *data = NULL;
  *len = 0;
  struct archive_entry *e = NULL;
  for (;;) {
    if (r->next > entry) {
      g_snprintf(err, errlen, "member %u is behind the reader", entry);
      return -1;
    }
    int h = next_header(r->a, &e);
    if (h <= 0) {
      g_snprintf(err, errlen, "cannot reach the member: %s",
                 h < 0 && archive_error_string(r->a) ? archive_error_string(r->a)
                                                     : "the archive ended");
      return -1;
    }
    if (r->next++ == entry) break;
  }
  if (archive_entry_is_encrypted(e)) {
    g_snprintf(err, errlen, "the member is encrypted in the archive");
    return -2;
  }
  if (archive_entry_size_is_set(e) && (uint64_t)archive_entry_size(e) > max) return 1;
  GByteArray *buf = g_byte_array_new();
  uint8_t chunk[1 << 16];
  for (;;) {
    la_ssize_t got = archive_read_data(r->a, chunk, sizeof chunk);
    if (got == 0) break;
    if (got < 0) {
      g_snprintf(err, errlen, "cannot read the member: %s",
                 archive_error_string(r->a) ? archive_error_string(r->a) : "damaged");
      g_byte_array_free(buf, TRUE);
      return -1;
    }
    if (buf->len + (size_t)got > max) { /* the size was not declared, or lied */
      g_byte_array_free(buf, TRUE);
      return 1;
    }
    g_byte_array_append(buf, chunk, (guint)got);
  }
  *len = buf->len;
  *data = g_byte_array_free(buf, FALSE);
  return 0;
}

void dx_arc_close(dx_arc_reader *r) {
  if (!r) return;
  archive_read_free(r->a);
  g_free(r->path);
  g_free(r);
}
