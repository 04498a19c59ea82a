/* ppocr.c — OCR of a page image with PP-OCRv4 (PaddleOCR's Chinese
 * detection and recognition models) run by ONNX Runtime (ort.c).
 *
 * Detection (a DB network) gives a probability that each pixel is text,
 * on the page scaled to DET_LONG_SIDE pixels; regions above DET_THRESH
 * whose mean probability reaches DET_BOX_THRESH are text lines, grown by
 * the "unclip" margin the model was trained to leave out. Each line is
 * cut from the full-resolution page, scaled to REC_HEIGHT pixels high
 * and read by the recognition network (CRNN with a CTC head): one class
 * per time step, a character where the best class changes and is not
 * the blank. A character's confidence is the probability of its class at
 * its best step; its x is where its steps are, its line's box gives y.
 *
 * Models, character list and runtime are found in DX_OCR_DIR (set at
 * build time, /usr/local/share/declx/ocr by default; tools/install-deps.sh
 * puts them there) or in the directory named by $DECLX_OCR_DIR.
 */
#include "dx_ort.h"
#include "extract_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef DX_OCR_DIR
#define DX_OCR_DIR "/usr/local/share/declx/ocr"
#endif
#define DET_MODEL "ch_PP-OCRv4_det_infer.onnx"
#define REC_MODEL "ch_PP-OCRv4_rec_infer.onnx"
#define REC_KEYS "ppocr_keys_v1.txt"
#define ORT_LIBRARY "libonnxruntime.so.1"

/* Detection input: the page's longer side in pixels (a multiple of 32).
 * 960 is PaddleOCR's default. The detection network is optimized without
 * ONNX Runtime's NCHWc layout: its tensors at full and half resolution,
 * few channels padded to blocks of 16, made a run's peak 60 MB higher
 * (a worker's peak RSS 255 -> 185-240 MB on scan-variant-summary-b) for
 * no time saved; the recognition network keeps it (24 -> 17 ms a
 * line). */
#define DET_LONG_SIDE 960
/* Text probability of a text pixel, and the mean a line must reach. */
#define DET_THRESH 0.3f
#define DET_BOX_THRESH 0.6f
/* How far a region is grown: its area times this over its perimeter. */
#define DET_UNCLIP 1.5f
/* Shortest side of a region kept, in detection pixels. */
#define DET_MIN_SIDE 3
/* Recognition input height, and the narrowest input: short crops padded
 * less than this read wrong (PaddleOCR pads to 320 as well). */
#define REC_HEIGHT 48
#define REC_MIN_WIDTH 320
/* The widest line read at once (in input pixels, 40 characters). */
#define REC_MAX_WIDTH (REC_HEIGHT * 40)

typedef struct engine {
  dx_ort_model *det, *rec;
  gunichar *classes; /* class k -> character; 0 (the blank) unused */
  int nclasses;
} engine;

static engine *the_engine;
static char engine_error[1200];

static const char *ocr_dir(void) {
  const char *d = getenv("DECLX_OCR_DIR");
  return d && *d ? d : DX_OCR_DIR;
}

/* The character list: one character per line; class k is line k (from
 * 1), and the class after the last line is a space. */
static bool load_keys(engine *e, const char *path, dx_error *err) {
  gchar *text = NULL;
  gsize len = 0;
  if (!g_file_get_contents(path, &text, &len, NULL) || !g_utf8_validate(text, (gssize)len, NULL)) {
    g_free(text);
    dx_error_set(err, DX_EUNSUPPORTED, "cannot read the OCR character list %s", path);
    return false;
  }
  gchar **lines = g_strsplit(text, "\n", -1);
  guint n = g_strv_length(lines);
  if (n > 0 && !*lines[n - 1]) n--; /* a final newline */
  e->classes = g_new0(gunichar, n + 2);
  for (guint i = 0; i < n; i++) {
    const char *l = lines[i];
    e->classes[i + 1] = *l ? g_utf8_get_char(l) : ' ';
  }
  e->classes[n + 1] = ' ';
  e->nclasses = (int)n + 2;
  g_strfreev(lines);
  g_free(text);
  return true;
}

static engine *get_engine(dx_error *err) {
  if (the_engine) return the_engine;
  if (engine_error[0]) {
    dx_error_set(err, DX_EUNSUPPORTED, "%s", engine_error);
    return NULL;
  }
  const char *dir = ocr_dir();
  char *lib = g_build_filename(dir, ORT_LIBRARY, NULL);
  char *det = g_build_filename(dir, DET_MODEL, NULL);
  char *rec = g_build_filename(dir, REC_MODEL, NULL);
  char *keys = g_build_filename(dir, REC_KEYS, NULL);
  engine *e = g_new0(engine, 1);
  bool good = dx_ort_load(lib, err) && load_keys(e, keys, err) &&
              (e->det = dx_ort_open(det, DX_ORT_OPT_EXTENDED, err)) &&
              (e->rec = dx_ort_open(rec, DX_ORT_OPT_ALL, err));
  if (good) {
    the_engine = e;
  } else {
    g_snprintf(engine_error, sizeof engine_error,
               "%s; PP-OCRv4 needs ONNX Runtime and its models in %s (tools/install-deps.sh "
               "installs them)",
               err->message, dir);
    dx_error_set(err, DX_EUNSUPPORTED, "%s", engine_error);
    dx_ort_close(e->det);
    dx_ort_close(e->rec);
    g_free(e->classes);
    g_free(e);
  }
  g_free(lib);
  g_free(det);
  g_free(rec);
  g_free(keys);
  return the_engine;
}

bool dx_ppocr_loaded(void) {
  return the_engine != NULL;
}

bool dx_ppocr_available(dx_error *err) {
  return get_engine(err) != NULL;
}

/* A page image as the networks see it: the caller's grey pixels through
 * the look-up table that stretches their levels (stretch_lut), applied
 * as they are read rather than to a copy of the page. */
typedef struct image {
  const uint8_t *px;
  int stride;
  uint8_t lut[256];
} image;

/* Area-average (shrinking) or bilinear (growing) resampling of the
 * image's rectangle (x0, y0, sw, sh) to dw x dh, as floats. */
static void resample(float *dst, int dw, int dh, const image *im, int x0, int y0, int sw, int sh) {
  const uint8_t *g = im->px, *lut = im->lut;
  size_t stride = (size_t)im->stride;
  double fx = (double)sw / dw, fy = (double)sh / dh;
  for (int y = 0; y < dh; y++) {
    for (int x = 0; x < dw; x++) {
      double v;
      if (fx > 1 || fy > 1) {
        int ax = (int)(x * fx), bx = MAX(ax + 1, (int)((x + 1) * fx));
        int ay = (int)(y * fy), by = MAX(ay + 1, (int)((y + 1) * fy));
        bx = MIN(bx, sw);
        by = MIN(by, sh);
        long sum = 0;
        for (int yy = ay; yy < by; yy++) {
          const uint8_t *row = g + (size_t)(y0 + yy) * stride + x0;
          for (int xx = ax; xx < bx; xx++) sum += lut[row[xx]];
        }
        v = (double)sum / ((bx - ax) * (by - ay));
      } else {
        double sx = (x + 0.5) * fx - 0.5, sy = (y + 0.5) * fy - 0.5;
        int ix = (int)floor(sx), iy = (int)floor(sy);
        double ax = sx - ix, ay = sy - iy;
        int ix1 = MIN(ix + 1, sw - 1), iy1 = MIN(iy + 1, sh - 1);
        ix = MAX(ix, 0);
        iy = MAX(iy, 0);
        const uint8_t *r0 = g + (size_t)(y0 + iy) * stride + x0;
        const uint8_t *r1 = g + (size_t)(y0 + iy1) * stride + x0;
        v = (1 - ay) * ((1 - ax) * lut[r0[ix]] + ax * lut[r0[ix1]]) +
            ay * ((1 - ax) * lut[r1[ix]] + ax * lut[r1[ix1]]);
      }
      dst[(size_t)y * (size_t)dw + (size_t)x] = (float)v;
    }
  }
}

typedef dx_ppocr_line line;

static int line_cmp(const void *a, const void *b) {
  const line *p = a, *q = b;
  float pc = (p->cy0 + p->cy1) / 2, qc = (q->cy0 + q->cy1) / 2;
  /* rows first (a line whose centre is inside the other's rows is on it) */
  if (pc < q->cy0 && qc > p->cy1) return -1;
  if (qc < p->cy0 && pc > q->cy1) return 1;
  if (pc < q->cy0 || pc > q->cy1) return pc < qc ? -1 : 1;
  return (p->x0 > q->x0) - (p->x0 < q->x0);
}

/* Text lines of the page (page pixels), reading order. */
static GArray *detect(engine *e, const image *im, int w, int h, dx_error *err) {
  double r = MIN(1.0, (double)DET_LONG_SIDE / MAX(w, h));
  int dw = MAX(32, (int)lround(w * r / 32) * 32), dh = MAX(32, (int)lround(h * r / 32) * 32);
  size_t plane = (size_t)dw * (size_t)dh;
  float *in = g_new0(float, plane * 3); /* resample sets it all; zeroed all the same */
  resample(in, dw, dh, im, 0, 0, w, h);
  static const float mean[3] = {0.485f, 0.456f, 0.406f}, sd[3] = {0.229f, 0.224f, 0.225f};
  for (size_t i = 0; i < plane; i++) {
    float v = in[i] / 255.0f;
    for (int c = 2; c >= 0; c--) in[(size_t)c * plane + i] = (v - mean[c]) / sd[c];
  }
  int64_t shape[4] = {1, 3, dh, dw}, oshape[DX_ORT_MAX_RANK];
  size_t orank = 0;
  float *prob = dx_ort_run(e->det, in, shape, 4, oshape, &orank, err);
  g_free(in);
  if (!prob) return NULL;
  GArray *lines = g_array_new(FALSE, FALSE, sizeof(line));
  if (orank != 4 || oshape[2] != dh || oshape[3] != dw) {
    g_free(prob);
    return lines; /* not the model expected: no text */
  }
  /* regions: 8-connected pixels above the threshold */
  uint8_t *seen = g_new0(uint8_t, plane);
  int *stack = g_new(int, plane);
  for (size_t start = 0; start < plane; start++) {
    if (seen[start] || prob[start] <= DET_THRESH) continue;
    int top = 0, x0 = dw, y0 = dh, x1 = -1, y1 = -1;
    double sum = 0;
    size_t count = 0;
    stack[top++] = (int)start;
    seen[start] = 1;
    while (top > 0) {
      int p = stack[--top], px = p % dw, py = p / dw;
      sum += prob[p];
      count++;
      x0 = MIN(x0, px);
      x1 = MAX(x1, px);
      y0 = MIN(y0, py);
      y1 = MAX(y1, py);
      for (int yy = MAX(py - 1, 0); yy <= MIN(py + 1, dh - 1); yy++)
        for (int xx = MAX(px - 1, 0); xx <= MIN(px + 1, dw - 1); xx++) {
          int q = yy * dw + xx;
          if (!seen[q] && prob[q] > DET_THRESH) {
            seen[q] = 1;
            stack[top++] = q;
          }
        }
    }
    float bw = (float)(x1 - x0 + 1), bh = (float)(y1 - y0 + 1);
    if (MIN(bw, bh) < DET_MIN_SIDE || sum / (double)count < DET_BOX_THRESH) continue;
    float d = bw * bh * DET_UNCLIP / (2 * (bw + bh));
    float sx = (float)w / (float)dw, sy = (float)h / (float)dh;
    line l = {.x0 = MAX(0.0f, (x0 - d) * sx),
              .y0 = MAX(0.0f, (y0 - d) * sy),
              .x1 = MIN((float)w, (x1 + 1 + d) * sx),
              .y1 = MIN((float)h, (y1 + 1 + d) * sy),
              .cy0 = y0 * sy,
              .cy1 = (y1 + 1) * sy};
    g_array_append_val(lines, l);
  }
  g_free(stack);
  g_free(seen);
  g_free(prob);
  g_array_sort(lines, line_cmp);
  return lines;
}

/* The top strip of a page, where a fax's header line is printed: this
 * share of the page's height (25 pt of A4; the header's line starts 6 pt
 * down). */
#define FAX_SPLIT_STRIP 0.03f
/* A region this many times the page's median line high holds two lines
 * (one line's own rows vary by a fifth on a fax). */
#define FAX_SPLIT_HIGH 1.7f

/* How far the detector grows a region w x h pixels (DB's unclip). */
static float grow_by(float w, float h) {
  return w * h * DET_UNCLIP / (2 * (w + h));
}

static int float_cmp(const void *a, const void *b) {
  float p = *(const float *)a, q = *(const float *)b;
  return (p > q) - (p < q);
}

guint dx_ppocr_split_top(GArray *lines, int h) {
  guint n = lines->len, cut = 0;
  if (n < 3) return 0;
  float *hs = g_new(float, n);
  for (guint i = 0; i < n; i++) {
    const line *l = &g_array_index(lines, line, i);
    hs[i] = l->cy1 - l->cy0;
  }
  qsort(hs, n, sizeof *hs, float_cmp);
  float usual = hs[n / 2];
  g_free(hs);
  for (guint i = 0; i < n; i++) {
    line *l = &g_array_index(lines, line, i);
    if (l->lower || l->cy0 > FAX_SPLIT_STRIP * (float)h || l->cy1 - l->cy0 < FAX_SPLIT_HIGH * usual)
      continue;
    /* the upper line's own rows end a median line's height down; the
     * lower line's ink begins about there (a fax's header is printed
     * over the row, the two inks touching) */
    float at = l->cy0 + usual, d = grow_by(l->x1 - l->x0, usual);
    line lower = *l;
    lower.y0 = at;
    lower.y1 = MIN((float)h, l->cy1 + d);
    lower.cy0 = MAX(at, l->cy1 - usual);
    lower.lower = true;
    l->y0 = MAX(0.0f, l->cy0 - d);
    l->cy1 = at;
    l->y1 = at;
    g_array_append_val(lines, lower); /* l is not used after: the append may move it */
    cut++;
  }
  if (cut) g_array_sort(lines, line_cmp);
  return cut;
}

guint dx_ppocr_read_elsewhere(GArray *glyphs, guint first, const GArray *lines, guint at,
                              double scale) {
  const line *l = &g_array_index(lines, line, at);
  guint gone = 0;
  if (!l->lower) return 0;
  for (guint q = first; q < glyphs->len;) {
    const dx_glyph *g = &g_array_index(glyphs, dx_glyph, q);
    float mid = (float)((g->box[0] + g->box[2]) / 2 * scale);
    bool other = false;
    for (guint j = 0; j < lines->len && !other; j++) {
      const line *o = &g_array_index(lines, line, j);
      float oc = (o->cy0 + o->cy1) / 2;
      other = j != at && !o->lower && oc >= l->cy0 && oc <= l->cy1 && mid >= o->x0 && mid <= o->x1;
    }
    if (other) {
      g_array_remove_index(glyphs, q);
      gone++;
    } else {
      q++;
    }
  }
  return gone;
}

/* What the recognition network read on a line: at each of its T time
 * steps, the most probable class and its probability, and the next
 * DX_OCR_ALTS classes (not the blank) and theirs (alt, altp: T x
 * DX_OCR_ALTS). rw is the crop's width at REC_HEIGHT, W the input's (the
 * crop padded). */
typedef struct reading {
  int T, rw, W;
  int *best;
  float *prob;
  int *alt;
  float *altp;
} reading;

static void reading_clear(reading *r) {
  g_free(r->best);
  g_free(r->prob);
  g_free(r->alt);
  g_free(r->altp);
  *r = (reading){0};
}

/* The DX_OCR_ALTS most probable classes of p (C of them) after k,
 * leaving out the blank, into alt and altp (0: none). */
static void next_classes(int *alt, float *altp, const float *p, int C, int k) {
  for (int c = 1; c < C; c++) {
    if (c == k || p[c] <= altp[DX_OCR_ALTS - 1]) continue;
    int j = DX_OCR_ALTS - 1;
    for (; j > 0 && p[c] > altp[j - 1]; j--) {
      alt[j] = alt[j - 1];
      altp[j] = altp[j - 1];
    }
    alt[j] = c;
    altp[j] = p[c];
  }
}

/* A ruling line a line's crop takes in (the region found is grown, and
 * a cell's rules close in on its text): a run of ink along a row above
 * or below the text (outside the region's own rows) this many times the
 * crop's height long; a character's stroke is shorter than the crop is
 * high. Rows inside the text are left as they are (where text touches a
 * rule, the rule's row is the characters' too), and so are rules down
 * the crop: cleared, what their blur left was read as ( or 1 beside a
 * number on the corpus's scans. */
#define RULE_ACROSS 2.5
/* Darker than this (stretched levels) is a rule's ink: a fax's rules
 * are black with grey edges. */
#define RULE_INK 200

void dx_ppocr_clear_rules(uint8_t *c, int w, int h, int text_y0, int text_y1) {
  int across = (int)ceil(RULE_ACROSS * h);
  for (int y = 0; y < h; y++) {
    if (y >= text_y0 && y < text_y1) continue;
    uint8_t *row = c + (size_t)y * (size_t)w;
    for (int x = 0; x < w;) {
      int e = x;
      while (e < w && row[e] < RULE_INK) e++;
      if (e - x >= across) memset(row + x, 255, (size_t)(e - x));
      x = e + 1;
    }
  }
}

/* Reads the line's crop, turned 180 degrees when `turned`, into *out:
 * the crop in the page's stretched levels, its rules cleared
 * (dx_ppocr_clear_rules), scaled to REC_HEIGHT. */
static dx_code rec_run(reading *out, engine *e, const line *l, const image *im, bool turned,
                       dx_error *err) {
  int x0 = (int)l->x0, y0 = (int)l->y0, x1 = (int)ceilf(l->x1), y1 = (int)ceilf(l->y1);
  int cw = x1 - x0, ch = y1 - y0;
  int rw = MAX(1, MIN(REC_MAX_WIDTH, (int)ceil((double)REC_HEIGHT * cw / ch)));
  int W = MAX(REC_MIN_WIDTH, rw);
  size_t plane = (size_t)REC_HEIGHT * (size_t)W;
  float *img = g_new(float, (size_t)REC_HEIGHT *(size_t)rw);
  uint8_t *c = g_malloc((size_t)cw * (size_t)ch);
  for (int y = 0; y < ch; y++)
    for (int x = 0; x < cw; x++)
      c[(size_t)y * (size_t)cw + (size_t)x] =
          im->lut[im->px[(size_t)(y0 + y) * (size_t)im->stride + (size_t)(x0 + x)]];
  dx_ppocr_clear_rules(c, cw, ch, (int)l->cy0 - y0, (int)ceilf(l->cy1) - y0);
  image crop = {.px = c, .stride = cw};
  for (int v = 0; v < 256; v++) crop.lut[v] = (uint8_t)v;
  resample(img, rw, REC_HEIGHT, &crop, 0, 0, cw, ch);
  g_free(c);
  float *in = g_new0(float, plane * 3); /* the padding is 0: mid grey */
  for (int y = 0; y < REC_HEIGHT; y++)
    for (int x = 0; x < rw; x++) {
      size_t from = turned ? (size_t)(REC_HEIGHT - 1 - y) * (size_t)rw + (size_t)(rw - 1 - x)
                           : (size_t)y * (size_t)rw + (size_t)x;
      float v = img[from] / 127.5f - 1.0f;
      for (int c = 0; c < 3; c++) in[(size_t)c * plane + (size_t)y * (size_t)W + (size_t)x] = v;
    }
  g_free(img);
  int64_t shape[4] = {1, 3, REC_HEIGHT, W}, oshape[DX_ORT_MAX_RANK];
  size_t orank = 0;
  float *o = dx_ort_run(e->rec, in, shape, 4, oshape, &orank, err);
  g_free(in);
  if (!o) return err->code;
  if (orank != 3 || oshape[2] != e->nclasses || oshape[1] <= 0) {
    g_free(o);
    return dx_error_set(err, DX_EUNSUPPORTED,
                        "the OCR recognition model does not match its character list");
  }
  int T = (int)oshape[1], C = (int)oshape[2];
  *out = (reading){.T = T,
                   .rw = rw,
                   .W = W,
                   .best = g_new(int, T),
                   .prob = g_new(float, T),
                   .alt = g_new0(int, (size_t)T *DX_OCR_ALTS),
                   .altp = g_new0(float, (size_t)T *DX_OCR_ALTS)};
  for (int t = 0; t < T; t++) {
    const float *p = o + (size_t)t * (size_t)C;
    int k = 0;
    for (int c = 1; c < C; c++)
      if (p[c] > p[k]) k = c;
    out->best[t] = k;
    out->prob[t] = p[k];
    next_classes(out->alt + (size_t)t * DX_OCR_ALTS, out->altp + (size_t)t * DX_OCR_ALTS, p, C, k);
  }
  g_free(o);
  return DX_OK;
}

/* A speck of a scan's noise, or what a fax's dropouts leave, is read as
 * . · : ' or ` — alone, as a line of its own, or just after a line's
 * last character. A line of Han text never ends in an ASCII period or a
 * middle dot (a sentence ends in 。), nor in a colon standing apart from
 * its last character (a label's colon follows it). Drops such marks
 * from the line whose glyphs start at `first`. */
static bool speck_mark(gunichar c) {
  return c == '.' || c == 0xB7 || c == ':' || c == '\'' || c == '`';
}

static void drop_specks(GArray *glyphs, guint first) {
  /* a line that is nothing but a mark or two: a speck detected alone */
  guint n = glyphs->len - first, marks = 0;
  for (guint i = first; i < glyphs->len; i++)
    marks += speck_mark(g_array_index(glyphs, dx_glyph, i).cp);
  if (n && n <= 2 && marks == n) {
    g_array_set_size(glyphs, first);
    return;
  }
  while (glyphs->len >= first + 2) {
    const dx_glyph *last = &g_array_index(glyphs, dx_glyph, glyphs->len - 1);
    const dx_glyph *before = &g_array_index(glyphs, dx_glyph, glyphs->len - 2);
    if (g_unichar_get_script(before->cp) != G_UNICODE_SCRIPT_HAN) break;
    bool speck = last->cp == '.' || last->cp == 0xB7 || (last->cp == ':' && last->space_before);
    if (!speck) break;
    g_array_set_size(glyphs, glyphs->len - 1);
  }
}

/* Step t's next readings merged into a (a class's best probability over
 * the steps of one character). */
static void merge_alts(dx_ocr_alts *a, const engine *e, const reading *r, int t) {
  for (int j = 0; j < DX_OCR_ALTS; j++) {
    int c = r->alt[(size_t)t * DX_OCR_ALTS + (size_t)j];
    float p = r->altp[(size_t)t * DX_OCR_ALTS + (size_t)j];
    if (!c) continue;
    gunichar cp = e->classes[c];
    int at = 0;
    while (at < DX_OCR_ALTS && a->cp[at] && a->cp[at] != cp) at++;
    if (at < DX_OCR_ALTS && a->cp[at] == cp) {
      if (p <= a->p[at]) continue; /* known, as likely before */
    } else if (at == DX_OCR_ALTS) {
      at = DX_OCR_ALTS - 1; /* full: it may take the last place */
      if (p <= a->p[at]) continue;
    }
    for (; at > 0 && p > a->p[at - 1]; at--) {
      a->cp[at] = a->cp[at - 1];
      a->p[at] = a->p[at - 1];
    }
    a->cp[at] = cp;
    a->p[at] = p;
  }
}

/* Appends the characters of line l's reading r to glyphs (points), and
 * each one's next readings to alts. */
static void decode(GArray *glyphs, GArray *alts, const engine *e, const line *l, const reading *r,
                   double scale) {
  int x0 = (int)l->x0, x1 = (int)ceilf(l->x1), cw = x1 - x0;
  /* input pixels per time step, and page pixels per input pixel */
  double step = (double)r->W / r->T, back = (double)cw / r->rw;
  float top = (float)(l->y0 / scale), bot = (float)(l->y1 / scale);
  float size = MAX(bot - top, 1.0f);
  int prev = 0;
  bool space = false;
  guint first = glyphs->len;
  for (int t = 0; t < r->T; t++) {
    int k = r->best[t];
    float x = (float)((x0 + (t + 0.5) * step * back) / scale);
    if (k != 0 && k == prev) { /* the same character over more steps */
      dx_glyph *g = &g_array_index(glyphs, dx_glyph, glyphs->len - 1);
      if (glyphs->len > first && e->classes[k] != ' ') {
        g->box[2] = MAX(g->box[2], x);
        g->ocr_conf = MAX(g->ocr_conf, r->prob[t]);
        merge_alts(&g_array_index(alts, dx_ocr_alts, alts->len - 1), e, r, t);
      }
    } else if (k != 0 && e->classes[k] == ' ') {
      space = true;
    } else if (k != 0) {
      dx_glyph g = {.cp = e->classes[k],
                    .box = {x, top, x, bot},
                    .size = size,
                    .space_before = space && glyphs->len > first,
                    .ocr_conf = r->prob[t]};
      g_array_append_val(glyphs, g);
      dx_ocr_alts a = {0};
      merge_alts(&a, e, r, t);
      g_array_append_val(alts, a);
      space = false;
    }
    prev = k;
  }
  /* boxes: a Han character (or another wide one: CJK punctuation,
   * full-width forms) is about as wide as its line is high, other
   * characters about half that; no box reaches past the middle between
   * its neighbours' centres, or out of the line */
  guint n = glyphs->len - first;
  float *mid = g_new(float, n + 1);
  for (guint i = 0; i < n; i++) {
    const dx_glyph *g = &g_array_index(glyphs, dx_glyph, first + i);
    mid[i] = (g->box[0] + g->box[2]) / 2;
  }
  float em = (float)((l->cy1 - l->cy0) / scale);
  for (guint i = 0; i < n; i++) {
    dx_glyph *g = &g_array_index(glyphs, dx_glyph, first + i);
    float half = (g_unichar_iswide(g->cp) ? 0.5f : 0.3f) * em;
    float lo = i > 0 ? (mid[i - 1] + mid[i]) / 2 : (float)(x0 / scale);
    float hi = i + 1 < n ? (mid[i] + mid[i + 1]) / 2 : (float)(x1 / scale);
    g->box[0] = MAX(mid[i] - half, lo);
    g->box[2] = MIN(mid[i] + half, hi);
    /* CJK punctuation inks one corner of its em (，。、 the left, （《
     * the right): its box runs to its neighbours, which leaves no gap a
     * space could be read in */
    if (g_unichar_iswide(g->cp) && g_unichar_ispunct(g->cp)) {
      if (i + 1 < n) g->box[2] = MAX(g->box[2], hi);
      if (i > 0) g->box[0] = MIN(g->box[0], lo);
    }
    if (g->box[2] <= g->box[0]) g->box[2] = g->box[0] + 0.1f;
  }
  g_free(mid);
  drop_specks(glyphs, first);
}

/* The look-up table that stretches a page's grey levels (see
 * dx_grey_levels) so that its paper is white and its darkest ink
 * black. */
static void stretch_lut(uint8_t lut[256], const uint8_t *grey, int w, int h, int stride) {
  int ink, paper;
  dx_grey_levels(grey, w, h, stride, &ink, &paper);
  for (int v = 0; v < 256; v++) lut[v] = (uint8_t)CLAMP((v - ink) * 255 / (paper - ink), 0, 255);
}

/* How sure the network is of what it read: the sum of the best class's
 * probabilities over the steps where it is not the blank (the mean
 * times *chars, which counts them). */
static double certainty(const reading *r, int *chars) {
  double sum = 0;
  *chars = 0;
  for (int t = 0; t < r->T; t++) {
    if (r->best[t] == 0) continue;
    sum += r->prob[t];
    (*chars)++;
  }
  return sum;
}

/* A page image being read: its text lines found once, and the readings
 * the orientation test made kept for the page's reading. */
struct dx_ppocr_page {
  engine *e;
  image im; /* the caller's pixels, borrowed */
  int w, h;
  GArray *lines;  /* of line, reading order */
  reading *known; /* per line: its straight reading when already made (T > 0) */
  gint64 start;   /* when detection began, later by the orientation test's
                   * time: the deadline counts detection and reading */
};

dx_ppocr_page *dx_ppocr_open(const uint8_t *grey, int w, int h, int stride, bool low_dpi,
                             dx_error *err) {
  engine *e = get_engine(err);
  if (!e) return NULL;
  dx_ppocr_page *p = g_new0(dx_ppocr_page, 1);
  p->e = e;
  p->start = g_get_monotonic_time();
  if (w > 0 && h > 0) {
    p->w = w;
    p->h = h;
    p->im.px = grey;
    p->im.stride = stride;
    stretch_lut(p->im.lut, grey, w, h, stride);
    p->lines = detect(e, &p->im, w, h, err);
    if (!p->lines) {
      dx_ppocr_close(p);
      return NULL;
    }
    if (low_dpi) dx_ppocr_split_top(p->lines, h);
  } else {
    p->lines = g_array_new(FALSE, FALSE, sizeof(line));
  }
  p->known = g_new0(reading, p->lines->len + 1);
  return p;
}

void dx_ppocr_close(dx_ppocr_page *p) {
  if (!p) return;
  if (p->lines) {
    for (guint i = 0; p->known && i < p->lines->len; i++) reading_clear(&p->known[i]);
    g_array_free(p->lines, TRUE);
  }
  g_free(p->known);
  g_free(p);
}

/* Lines read both ways to tell a page's orientation: the widest few. */
#define UPRIGHT_LINES 8
/* How much more the turned reading must give to turn the page. */
#define UPRIGHT_MARGIN 0.25
/* Lines read straight that give this many characters at this mean
 * certainty are upright: on the corpus, upright pages gave 64-154 at
 * 0.93-1.00, the page upside down none (a turned line is read as
 * blanks); the turned readings, a tenth of a page's, are then saved. */
#define UPRIGHT_SURE_CHARS 16
#define UPRIGHT_SURE_MEAN 0.8

typedef struct ranked {
  float width;
  guint index;
} ranked;

/* Wider first; lines as wide in reading order. */
static int wider(const void *a, const void *b) {
  const ranked *p = a, *q = b;
  if (p->width != q->width) return (p->width < q->width) - (p->width > q->width);
  return (p->index > q->index) - (p->index < q->index);
}

int dx_ppocr_upright(dx_ppocr_page *p, dx_error *err) {
  gint64 began = g_get_monotonic_time();
  guint n = p->lines->len;
  ranked *order = g_new(ranked, n + 1);
  for (guint i = 0; i < n; i++) {
    const line *l = &g_array_index(p->lines, line, i);
    order[i] = (ranked){.width = l->x1 - l->x0, .index = i};
  }
  qsort(order, n, sizeof *order, wider);
  /* the widest few lines that are lines, not a character or a column */
  guint picked[UPRIGHT_LINES], used = 0;
  for (guint i = 0; i < n && used < UPRIGHT_LINES; i++) {
    const line *l = &g_array_index(p->lines, line, order[i].index);
    if (l->x1 - l->x0 >= 2 * (l->y1 - l->y0)) picked[used++] = order[i].index;
  }
  g_free(order);
  /* read straight (kept: the page's reading needs them) */
  double sure[2] = {0, 0};
  int chars[2] = {0, 0}, turn = 0;
  for (guint u = 0; u < used; u++) {
    guint at = picked[u];
    int k = 0;
    if (rec_run(&p->known[at], p->e, &g_array_index(p->lines, line, at), &p->im, false, err) !=
        DX_OK)
      return -1;
    sure[0] += certainty(&p->known[at], &k);
    chars[0] += k;
  }
  /* read the wrong way up, a line gives few characters (mostly blanks),
   * and those unsure ones; lines read straight as many sure characters
   * as UPRIGHT_SURE_CHARS are upright without reading them turned */
  bool sure_upright =
      chars[0] >= UPRIGHT_SURE_CHARS && sure[0] >= UPRIGHT_SURE_MEAN * (double)chars[0];
  for (guint u = 0; u < used && !sure_upright; u++) {
    reading turned = {0};
    int k = 0;
    if (rec_run(&turned, p->e, &g_array_index(p->lines, line, picked[u]), &p->im, true, err) !=
        DX_OK)
      return -1;
    sure[1] += certainty(&turned, &k);
    chars[1] += k;
    reading_clear(&turned);
  }
  /* the sums of their probabilities compare both */
  if (!sure_upright && sure[1] > sure[0] * (1 + UPRIGHT_MARGIN) + 1) turn = 180;
  p->start += g_get_monotonic_time() - began;
  return turn;
}

/* A comparison sign alone in a cell (a template's sign column: ≥ in one
 * column, the number in the next) is a crop PP-OCRv4 reads badly (≥ as
 * N, at 0.24-0.36). A line read as one character it doubts is told from
 * its ink as tesseract's lines are (dx_text_line_sign), and the sign
 * kept, as sure as tesseract's, when it is all the line's ink. A line
 * read as one 2, however sure, is told from its ink too: a chevron over
 * a bar is 2's shape to the network (a fax's ⩾ read as 2 at 0.84), and
 * the ink test tells a 2 (its top's ink across its width) from one; it
 * is kept only as a sign with bars (≥ ≤ ≧ ≦), what a 2 can be misread
 * for. */
#define LONE_SIGN_DOUBT 0.5f
#define LONE_SIGN_CONF 0.9f
/* The crop's white margin, pixels. */
#define LONE_SIGN_MARGIN 2
/* Darker than this (stretched levels) is ink, as in textlines.c. */
#define LONE_SIGN_INK 190

/* Whites out the ink that reaches the edge of the w x h box a crop holds
 * inside its margin: a cell's border the grown box takes in (a sign's
 * ink stays clear of the box's edge). */
static void clear_edge_ink(dx_text_line *t, int w, int h) {
  int *stack = g_new(int, (size_t)t->w *(size_t)t->h + 1);
  int sp = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      if (x > 0 && x < w - 1 && y > 0 && y < h - 1) continue;
      size_t at = (size_t)(y + LONE_SIGN_MARGIN) * (size_t)t->w + (size_t)(x + LONE_SIGN_MARGIN);
      if (t->img[at] >= LONE_SIGN_INK) continue;
      t->img[at] = 255;
      stack[sp++] = (int)at;
      while (sp > 0) {
        int a = stack[--sp], cx = a % t->w, cy = a / t->w;
        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++) {
            int nx = cx + dx, ny = cy + dy;
            if (nx < 0 || ny < 0 || nx >= t->w || ny >= t->h) continue;
            uint8_t *v = &t->img[(size_t)ny * (size_t)t->w + (size_t)nx];
            if (*v >= LONE_SIGN_INK) continue;
            *v = 255;
            stack[sp++] = ny * t->w + nx;
          }
      }
    }
  g_free(stack);
}

/* Line l's ink as a text line for dx_text_line_sign: the detected
 * region's pixels on a white margin, the ink reaching its edge (a cell's
 * border) cleared, its box the ink's and at least the region's own rows
 * (a sign alone is as wide as its ink is high; beside digits it is
 * narrower than the line). False (nothing kept) when the region is too
 * small or holds no ink. */
static bool line_ink(dx_text_line *t, const dx_ppocr_page *p, const line *l) {
  int x0 = MAX((int)l->x0, 0), y0 = MAX((int)l->y0, 0);
  int x1 = MIN((int)ceilf(l->x1), p->w), y1 = MIN((int)ceilf(l->y1), p->h);
  if (x1 - x0 < 2 || y1 - y0 < 2) return false;
  *t = (dx_text_line){.ox = x0 - LONE_SIGN_MARGIN,
                      .oy = y0 - LONE_SIGN_MARGIN,
                      .w = x1 - x0 + 2 * LONE_SIGN_MARGIN,
                      .h = y1 - y0 + 2 * LONE_SIGN_MARGIN,
                      .box = {x1, y1, x0, y0}};
  t->img = g_malloc((size_t)t->w * (size_t)t->h);
  memset(t->img, 255, (size_t)t->w * (size_t)t->h);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      t->img[(size_t)(y - t->oy) * (size_t)t->w + (size_t)(x - t->ox)] =
          p->im.lut[p->im.px[(size_t)y * (size_t)p->im.stride + (size_t)x]];
  clear_edge_ink(t, x1 - x0, y1 - y0);
  for (int y = 0; y < t->h; y++)
    for (int x = 0; x < t->w; x++) {
      if (t->img[(size_t)y * (size_t)t->w + (size_t)x] >= LONE_SIGN_INK) continue;
      t->box[0] = MIN(t->box[0], x + t->ox);
      t->box[1] = MIN(t->box[1], y + t->oy);
      t->box[2] = MAX(t->box[2], x + t->ox + 1);
      t->box[3] = MAX(t->box[3], y + t->oy + 1);
    }
  t->box[1] = MIN(t->box[1], (int)l->cy0);
  t->box[3] = MAX(t->box[3], (int)ceilf(l->cy1));
  if (t->box[2] > t->box[0]) return true;
  g_free(t->img); /* no ink */
  t->img = NULL;
  return false;
}

static bool barred(gunichar c) {
  return c == 0x2265 || c == 0x2264 || c == 0x2267 || c == 0x2266;
}

/* Whether glyph g, a line's one character, is to be told from its ink. */
static bool lone_doubted(const dx_glyph *g) {
  return g->ocr_conf < LONE_SIGN_DOUBT || g->cp == '2';
}

bool dx_ppocr_lone_sign(dx_glyph *g, const dx_text_line *t) {
  if (!lone_doubted(g)) return false;
  int end = 0;
  gunichar sign = dx_text_line_sign(t, &end);
  if (!sign || end < t->box[2] || (g->cp == '2' && !barred(sign))) return false;
  g->cp = sign;
  g->ocr_conf = LONE_SIGN_CONF;
  return true;
}

static void lone_sign(GArray *glyphs, guint first, const dx_ppocr_page *p, const line *l) {
  if (glyphs->len != first + 1) return;
  dx_glyph *g = &g_array_index(glyphs, dx_glyph, first);
  dx_text_line t;
  if (!lone_doubted(g) || !line_ink(&t, p, l)) return;
  dx_ppocr_lone_sign(g, &t);
  g_free(t.img);
}

static bool is_sign(gunichar c) {
  return c == '>' || c == '<' || c == '=' || c == 0x2265 || c == 0x2264 || c == 0x2267 ||
         c == 0x2266;
}

/* A sign PP-OCRv4 read nothing for before a line's first character, a
 * digit (≧ and ≦ are none of its keys: "≧7万元" read "7万元" at 1.00):
 * the ink of a sign (dx_text_line_sign, not =) of its own that ends
 * before the digit's middle becomes a character before it, as sure as
 * a sign told from its ink (at most the digit's confidence). */
static bool lost_sign(GArray *glyphs, guint first, const dx_text_line *t, double scale) {
  dx_glyph *g = &g_array_index(glyphs, dx_glyph, first);
  int end = 0;
  gunichar sign = dx_text_line_sign(t, &end);
  if (!sign || sign == '=' || end >= t->box[2] || end > (g->box[0] + g->box[2]) / 2 * scale)
    return false;
  dx_glyph s = *g;
  s.cp = sign;
  s.box[0] = (float)(t->box[0] / scale);
  s.box[2] = MAX(s.box[0] + 0.1f, MIN((float)(end / scale), g->box[0]));
  s.ocr_conf = MIN(LONE_SIGN_CONF, g->ocr_conf);
  g->space_before = false;
  g_array_insert_val(glyphs, first, s);
  return true;
}

bool dx_ppocr_leading_sign(GArray *glyphs, guint first, const dx_text_line *t, double scale) {
  if (glyphs->len < first + 2) return false;
  dx_glyph *g = &g_array_index(glyphs, dx_glyph, first);
  /* a 2 too: a sign's ink ending before its middle is a sign read as
   * nothing before a true 2 (≤20万元 read 20万元); a 2 that is the
   * sign's misread covers the sign's ink, which runs past its middle */
  if (g_ascii_isdigit(g->cp) && lost_sign(glyphs, first, t, scale)) return true;
  const dx_glyph *next = &g_array_index(glyphs, dx_glyph, first + 1);
  if (!g_ascii_isdigit(next->cp) || next->space_before) return false;
  /* a digit but 2 is no sign's misread (a chevron over a bar is 2's
   * shape, not 3's or 8's); a sign read as one is told again (< for ≤) */
  if (g_ascii_isdigit(g->cp) && g->cp != '2') return false;
  if (barred(g->cp)) return false;
  int end = 0;
  gunichar sign = dx_text_line_sign(t, &end);
  /* the sign's ink is the first character's: it ends before the
   * digit's middle, and digits follow it */
  if (!sign || end >= t->box[2] || end > (next->box[0] + next->box[2]) / 2 * scale) return false;
  if (sign == g->cp) return false;
  if (!is_sign(g->cp) && sign == '=') return false; /* 二 or a 2's bars are no ＝ */
  g->cp = sign;
  g->ocr_conf = MIN(LONE_SIGN_CONF, next->ocr_conf);
  return true;
}

static void leading_sign(GArray *glyphs, guint first, const dx_ppocr_page *p, const line *l,
                         double scale) {
  if (glyphs->len < first + 2) return;
  dx_text_line t;
  if (!line_ink(&t, p, l)) return;
  dx_ppocr_leading_sign(glyphs, first, &t, scale);
  g_free(t.img);
}

/* A lone 0 (a money cell's nothing) is a crop PP-OCRv4 reads as 。 or
 * o: a ring alone. A full stop's ring is about a third of an em and as
 * high as wide; a digit's is as high as a capital and taller than wide.
 * A line read as one such ring whose ink is at least LONE_ZERO_PT high
 * and LONE_ZERO_TALL times as high as wide is the digit, kept as sure
 * as the network was of the ring, at most LONE_ZERO_CONF. */
#define LONE_ZERO_PT 5.0
#define LONE_ZERO_TALL 1.25
#define LONE_ZERO_CONF 0.7f
static bool ring(gunichar c) {
  return c == 0x3002 || c == 'o' || c == 'O' || c == 0x25CB || c == 0x3007 || c == 0xB0;
}

static void lone_zero(GArray *glyphs, guint first, const dx_ppocr_page *p, const line *l,
                      double scale) {
  if (glyphs->len != first + 1) return;
  dx_glyph *g = &g_array_index(glyphs, dx_glyph, first);
  dx_text_line t;
  if (!ring(g->cp) || !line_ink(&t, p, l)) return;
  /* the ink's own extent (line_ink's box takes in the region's rows) */
  int x0 = t.w, y0 = t.h, x1 = -1, y1 = -1;
  for (int y = 0; y < t.h; y++)
    for (int x = 0; x < t.w; x++) {
      if (t.img[(size_t)y * (size_t)t.w + (size_t)x] >= LONE_SIGN_INK) continue;
      x0 = MIN(x0, x);
      y0 = MIN(y0, y);
      x1 = MAX(x1, x);
      y1 = MAX(y1, y);
    }
  int iw = x1 - x0 + 1, ih = y1 - y0 + 1;
  if (x1 >= x0 && ih >= LONE_ZERO_PT * scale && ih >= LONE_ZERO_TALL * iw) {
    g->cp = '0';
    g->ocr_conf = MIN(g->ocr_conf, LONE_ZERO_CONF);
  }
  g_free(t.img);
}

/* A line whose last characters PP-OCRv4 read as nothing: on a fax whose
 * thin bars dropped out (万元 left as //元), the network reads the digits
 * and then blanks, the line before outweighing the broken shapes; read
 * by itself, the same ink gives 万元. Where the line's ink (line_ink:
 * borders aside) runs on TAIL_EM ems or more past the step of the last
 * character read, the rest of the line from that step on is read alone
 * and what it reads is appended (glyphs, and alts from the line's
 * `first` glyph on), when it holds a Han character and no Latin letter:
 * what such a line lost is a unit or a word's end, and a tail read as
 * letters or marks (I i f s, ( 1 !) is a stroke cut in two. A character
 * ends a step or so before its ink does: the corpus's lines whose end
 * was read end 0.6-0.8 em past their last step. A checkbox at a line's
 * end (a ticked one PP-OCRv4 reads as nothing) is no lost text: a tail
 * that holds one (dx_find_box_marks, on the tail's pixels) is not read,
 * and the box is left to scan_page.c's checkboxes, where a character
 * read so (ocr_tail) inside a box found from the page's rules counts as
 * nothing read. */
#define TAIL_EM 1.5

static bool tail_has_box(const dx_ppocr_page *p, double scale, int x0, int y0, int x1, int y1) {
  x0 = MAX(x0, 0);
  y0 = MAX(y0, 0);
  x1 = MIN(x1, p->w);
  y1 = MIN(y1, p->h);
  GArray *marks = g_array_new(FALSE, FALSE, sizeof(dx_glyph));
  dx_find_box_marks(marks, p->im.px + (size_t)y0 * (size_t)p->im.stride + (size_t)x0, x1 - x0,
                    y1 - y0, p->im.stride, scale, false);
  bool box = marks->len > 0;
  g_array_free(marks, TRUE);
  return box;
}

static dx_code read_tail(GArray *glyphs, GArray *alts, guint first, dx_ppocr_page *p, const line *l,
                         const reading *r, double scale, dx_error *err) {
  int last = -1;
  for (int t = 0; t < r->T; t++)
    if (r->best[t] != 0 && p->e->classes[r->best[t]] != ' ') last = t;
  int x0 = (int)l->x0, x1 = (int)ceilf(l->x1);
  if (last < 0 || r->rw <= 0) return DX_OK;
  double per_step = (double)r->W / r->T * (double)(x1 - x0) / r->rw;
  float from = (float)(x0 + (last + 1) * per_step), em = l->cy1 - l->cy0;
  dx_text_line t;
  if (from >= (float)x1 - 2 || !line_ink(&t, p, l)) return DX_OK;
  int ink_end = t.box[2];
  g_free(t.img);
  if (ink_end - from < TAIL_EM * em) return DX_OK;
  if (tail_has_box(p, scale, (int)from, (int)l->y0, x1, (int)ceilf(l->y1))) return DX_OK;
  line rest = *l;
  rest.x0 = from;
  reading rr = {0};
  dx_code rc = rec_run(&rr, p->e, &rest, &p->im, false, err);
  if (rc != DX_OK) return rc;
  guint before = glyphs->len;
  /* decode drops specks from glyphs, not alts: line them up again */
  g_array_set_size(alts, before - first);
  decode(glyphs, alts, p->e, &rest, &rr, scale);
  reading_clear(&rr);
  bool han = false, latin = false;
  for (guint i = before; i < glyphs->len; i++) {
    gunichar c = g_array_index(glyphs, dx_glyph, i).cp;
    han = han || g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN;
    latin = latin || g_unichar_get_script(c) == G_UNICODE_SCRIPT_LATIN;
  }
  if (!han || latin) {
    g_array_set_size(glyphs, before);
    g_array_set_size(alts, before - first);
  }
  for (guint i = before; i < glyphs->len; i++) g_array_index(glyphs, dx_glyph, i).ocr_tail = true;
  return DX_OK;
}

/* Two text lines the detector found on one row, overlapping (a fax's
 * lost row through a character, each region taking a part of it): the
 * character they share is read by both, cut (提 at 0.24) and whole (at
 * 1.00). Where the earlier line's last character and the later's first
 * overlap by READ_TWICE_OVERLAP of the narrower or more, the less sure
 * is dropped. */
#define READ_TWICE_OVERLAP 0.5f

int dx_ppocr_read_twice(GArray *glyphs, guint before, guint first) {
  if (before >= first || first >= glyphs->len) return 0;
  const dx_glyph *a = &g_array_index(glyphs, dx_glyph, first - 1);
  const dx_glyph *b = &g_array_index(glyphs, dx_glyph, first);
  float over = MIN(a->box[2], b->box[2]) - MAX(a->box[0], b->box[0]);
  float narrow = MIN(a->box[2] - a->box[0], b->box[2] - b->box[0]);
  if (narrow <= 0 || over < READ_TWICE_OVERLAP * narrow) return 0;
  if (a->ocr_conf < b->ocr_conf) {
    g_array_remove_index(glyphs, first - 1);
    return -1;
  }
  g_array_remove_index(glyphs, first);
  return 1;
}

/* Whether lines k (after) and l (before) share a row and overlap, k
 * starting inside l. */
static bool overlapping(const line *l, const line *k) {
  float lc = (l->cy0 + l->cy1) / 2, kc = (k->cy0 + k->cy1) / 2;
  bool row = (kc >= l->cy0 && kc <= l->cy1) || (lc >= k->cy0 && lc <= k->cy1);
  return row && k->x0 > l->x0 && k->x0 < l->x1;
}

dx_code dx_ppocr_read(GArray *glyphs, dx_ppocr_page *p, double scale, int deadline_ms,
                      const dx_words *words, bool *timed_out, dx_error *err) {
  *timed_out = false;
  if (scale <= 0) return DX_OK;
  dx_code rc = DX_OK;
  GArray *alts = g_array_new(FALSE, TRUE, sizeof(dx_ocr_alts));
  const line *prev = NULL;
  guint prev_first = 0;
  for (guint i = 0; i < p->lines->len; i++) {
    if (deadline_ms > 0 && (g_get_monotonic_time() - p->start) / 1000 > deadline_ms) {
      *timed_out = true;
      break;
    }
    const line *l = &g_array_index(p->lines, line, i);
    int x0 = (int)l->x0, y0 = (int)l->y0, x1 = (int)ceilf(l->x1), y1 = (int)ceilf(l->y1);
    if (x1 - x0 < 2 || y1 - y0 < 2) continue;
    reading *r = &p->known[i];
    if (r->T == 0 && (rc = rec_run(r, p->e, l, &p->im, false, err)) != DX_OK) break;
    guint first = glyphs->len;
    g_array_set_size(alts, 0);
    decode(glyphs, alts, p->e, l, r, scale);
    if ((rc = read_tail(glyphs, alts, first, p, l, r, scale, err)) != DX_OK) break;
    dx_ocr_words(glyphs, first, (const dx_ocr_alts *)(void *)alts->data, words);
    lone_sign(glyphs, first, p, l);
    leading_sign(glyphs, first, p, l, scale);
    lone_zero(glyphs, first, p, l, scale);
    if (prev && overlapping(prev, l) && dx_ppocr_read_twice(glyphs, prev_first, first) < 0) first--;
    dx_ppocr_read_elsewhere(glyphs, first, p->lines, i, scale);
    prev = l;
    prev_first = first;
    reading_clear(r);
  }
  g_array_free(alts, TRUE);
  return rc;
}
