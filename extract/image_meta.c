/* image_meta.c — what an image file's bytes say before any pixel is
 * decoded: its kind from its first bytes (PNG, JPEG, TIFF), a JPEG's
 * EXIF orientation (Leptonica decodes a JPEG as stored, and a phone
 * stores a portrait photo lying on its side with orientation 6), and a
 * TIFF's pages with their sizes, counted by walking its chain of image
 * directories with a bound, so that a file claiming 100 000 pages is
 * refused at once rather than decoded. Every read is checked against
 * the buffer's end: the bytes are untrusted.
 */
#include "extract_int.h"

#include <string.h>

const char *dx_image_kind(const uint8_t *data, size_t len) {
  if (!data) return NULL;
  if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1A\n", 8) == 0) return "png";
  if (len >= 3 && memcmp(data, "\xFF\xD8\xFF", 3) == 0) return "jpeg";
  if (len >= 4 && (memcmp(data, "II*\0", 4) == 0 || memcmp(data, "MM\0*", 4) == 0 ||
                   memcmp(data, "II+\0", 4) == 0 || memcmp(data, "MM\0+", 4) == 0))
    return "tiff";
  return NULL;
}

/* Unsigned integers of n bytes at off, big-endian when `be`; false past
 * the end. */
static bool get_uint(const uint8_t *d, size_t len, uint64_t off, int n, bool be, uint64_t *v) {
  if (off > len || (uint64_t)n > len - off) return false;
  uint64_t x = 0;
  for (int i = 0; i < n; i++) {
    int k = be ? i : n - 1 - i;
    x = (x << 8) | d[off + (uint64_t)k];
  }
  *v = x;
  return true;
}

/* The orientation (1-8) in the TIFF structure of an EXIF block (t, n
 * bytes: "II*\0" or "MM\0*", then IFD0), or 1. */
static int exif_orientation(const uint8_t *t, size_t n) {
  if (n < 8 || (memcmp(t, "II*\0", 4) != 0 && memcmp(t, "MM\0*", 4) != 0)) return 1;
  bool be = t[0] == 'M';
  uint64_t ifd = 0, count = 0;
  if (!get_uint(t, n, 4, 4, be, &ifd) || !get_uint(t, n, ifd, 2, be, &count)) return 1;
  for (uint64_t i = 0; i < count; i++) {
    uint64_t e = ifd + 2 + 12 * i, tag = 0, type = 0, v = 0;
    if (!get_uint(t, n, e, 2, be, &tag) || !get_uint(t, n, e + 2, 2, be, &type)) return 1;
    if (tag != 0x0112) continue;
    if (type != 3 || !get_uint(t, n, e + 8, 2, be, &v)) return 1; /* a SHORT, inline */
    return v >= 1 && v <= 8 ? (int)v : 1;
  }
  return 1;
}

int dx_jpeg_orientation(const uint8_t *data, size_t len) {
  if (!data || len < 4 || data[0] != 0xFF || data[1] != 0xD8) return 1;
  size_t p = 2;
  while (p + 4 <= len) {
    if (data[p] != 0xFF) return 1; /* not a marker: damaged */
    uint8_t m = data[p + 1];
    if (m == 0xFF) { /* fill byte */
      p++;
      continue;
    }
    if (m == 0xD9 || m == 0xDA) return 1;        /* the image data: no EXIF before it */
    if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { /* markers without a length */
      p += 2;
      continue;
    }
    size_t seg = (size_t)data[p + 2] << 8 | data[p + 3];
    if (seg < 2 || seg > len - p - 2) return 1;
    const uint8_t *body = data + p + 4;
    size_t n = seg - 2;
    if (m == 0xE1 && n >= 6 && memcmp(body, "Exif\0\0", 6) == 0)
      return exif_orientation(body + 6, n - 6);
    p += 2 + seg;
  }
  return 1;
}

bool dx_jpeg_complete(const uint8_t *data, size_t len) {
  /* encoders may pad after the end-of-image marker */
  while (len > 2 && (data[len - 1] == 0 || data[len - 1] == '\n' || data[len - 1] == '\r')) len--;
  return len >= 4 && data[len - 2] == 0xFF && data[len - 1] == 0xD9;
}

/* One directory entry's value when it is a single SHORT or LONG (or
 * LONG8 in a BigTIFF) held inline; 0 otherwise. */
static uint64_t entry_value(const uint8_t *d, size_t len, uint64_t e, bool be, bool big) {
  uint64_t type = 0, count = 0, v = 0;
  int cn = big ? 8 : 4;
  if (!get_uint(d, len, e + 2, 2, be, &type) || !get_uint(d, len, e + 4, cn, be, &count) ||
      count != 1)
    return 0;
  int vn = type == 3 ? 2 : type == 4 ? 4 : type == 16 && big ? 8 : 0;
  if (!vn || !get_uint(d, len, e + 4 + (uint64_t)cn, vn, be, &v)) return 0;
  return v;
}

/* The TIFF's layout: byte order, BigTIFF or not. */
typedef struct tiff_form {
  bool be, big;
} tiff_form;

/* Reads the directory at off into pg and *next (the next directory's
 * offset, 0 after the last); false when it is not all in the file. */
static bool read_ifd(const uint8_t *d, size_t len, tiff_form f, uint64_t off, dx_tiff_page *pg,
                     uint64_t *next) {
  int cn = f.big ? 8 : 2, en = f.big ? 20 : 12, on = f.big ? 8 : 4;
  uint64_t count = 0;
  if (!get_uint(d, len, off, cn, f.be, &count) || count == 0 || count > len / (uint64_t)en)
    return false;
  uint64_t end = off + (uint64_t)cn + count * (uint64_t)en;
  for (uint64_t i = 0; i < count; i++) {
    uint64_t e = off + (uint64_t)cn + i * (uint64_t)en, tag = 0;
    if (!get_uint(d, len, e, 2, f.be, &tag)) return false;
    if (tag == 256) pg->width = entry_value(d, len, e, f.be, f.big);
    if (tag == 257) pg->height = entry_value(d, len, e, f.be, f.big);
  }
  return get_uint(d, len, end, on, f.be, next);
}

long dx_tiff_pages(const uint8_t *data, size_t len, long max, dx_tiff_page *pages) {
  if (!data || len < 8 || max < 0) return -1;
  tiff_form f = {.be = data[0] == 'M'};
  uint64_t version = 0, off = 0;
  if (!get_uint(data, len, 2, 2, f.be, &version) || (version != 42 && version != 43)) return -1;
  f.big = version == 43;
  if (!get_uint(data, len, f.big ? 8 : 4, f.big ? 8 : 4, f.be, &off)) return -1;
  /* a chain that comes back to a directory would never end */
  GHashTable *seen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  long n = 0;
  while (off != 0 && n <= max) {
    dx_tiff_page pg = {0};
    gint64 *key = g_new(gint64, 1);
    *key = (gint64)off;
    if (g_hash_table_contains(seen, key) || !read_ifd(data, len, f, off, &pg, &off)) {
      g_free(key);
      n = -1;
      break;
    }
    g_hash_table_add(seen, key);
    if (pages && n < max) pages[n] = pg;
    n++;
  }
  g_hash_table_destroy(seen);
  return n == 0 ? -1 : n;
}
