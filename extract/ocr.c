/* ocr.c — text from page images: libtesseract (its C API) with chi_sim.
 *
 * One engine per process, made on first use (loading chi_sim takes a
 * fraction of a second; a batch worker keeps it for all its inputs).
 * Characters come from tesseract's symbol level with their ink boxes and
 * confidences; each is given the height of its text line, as a text
 * layer's boxes have the font's, so that the layout groups lines and
 * measures gaps the same way for both. Tesseract finds and removes a
 * table's ruling lines itself before it reads; declx finds them again on
 * the same image (lines.c) with the characters masked.
 */
#include "dx_extract.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tesseract/capi.h>

/* tesseract's language data: Simplified Chinese (its Latin letters and
 * digits too). */
#define OCR_LANG "chi_sim"

/* The C API entries declx calls, from the loaded library. */
static struct {
  __typeof__(&TessBaseAPICreate) create;
  __typeof__(&TessBaseAPIDelete) destroy;
  __typeof__(&TessBaseAPIInit3) init;
  __typeof__(&TessBaseAPISetPageSegMode) set_psm;
  __typeof__(&TessBaseAPISetVariable) set_variable;
  __typeof__(&TessBaseAPISetImage) set_image;
  __typeof__(&TessBaseAPISetSourceResolution) set_resolution;
  __typeof__(&TessBaseAPIRecognize) recognize;
  __typeof__(&TessBaseAPIGetIterator) iterator;
  __typeof__(&TessBaseAPIClear) clear;
  __typeof__(&TessMonitorCreate) monitor_create;
  __typeof__(&TessMonitorDelete) monitor_delete;
  __typeof__(&TessMonitorSetDeadlineMSecs) monitor_deadline;
  __typeof__(&TessResultIteratorGetPageIterator) page_iterator;
  __typeof__(&TessResultIteratorNext) next;
  __typeof__(&TessResultIteratorGetUTF8Text) text;
  __typeof__(&TessResultIteratorConfidence) confidence;
  __typeof__(&TessResultIteratorDelete) iterator_delete;
  __typeof__(&TessPageIteratorBoundingBox) bbox;
  __typeof__(&TessPageIteratorIsAtBeginningOf) at_beginning;
  __typeof__(&TessDeleteText) delete_text;
} T;

static TessBaseAPI *engine;
static const char *engine_error; /* why there is none, once it failed */

static bool load_library(void) {
  setenv("OMP_THREAD_LIMIT", "1", 0);
  setenv("OMP_WAIT_POLICY", "passive", 0);
  void *h = dlopen("libtesseract.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!h) h = dlopen("libtesseract.so", RTLD_NOW | RTLD_LOCAL);
  if (!h) return false;
#define SYM(field, name)                                                                           \
  if (!(*(void **)(&T.field) = dlsym(h, #name))) return false
  SYM(create, TessBaseAPICreate);
  SYM(destroy, TessBaseAPIDelete);
  SYM(init, TessBaseAPIInit3);
  SYM(set_psm, TessBaseAPISetPageSegMode);
  SYM(set_variable, TessBaseAPISetVariable);
  SYM(set_image, TessBaseAPISetImage);
  SYM(set_resolution, TessBaseAPISetSourceResolution);
  SYM(recognize, TessBaseAPIRecognize);
  SYM(iterator, TessBaseAPIGetIterator);
  SYM(clear, TessBaseAPIClear);
  SYM(monitor_create, TessMonitorCreate);
  SYM(monitor_delete, TessMonitorDelete);
  SYM(monitor_deadline, TessMonitorSetDeadlineMSecs);
  SYM(page_iterator, TessResultIteratorGetPageIterator);
  SYM(next, TessResultIteratorNext);
  SYM(text, TessResultIteratorGetUTF8Text);
  SYM(confidence, TessResultIteratorConfidence);
  SYM(iterator_delete, TessResultIteratorDelete);
  SYM(bbox, TessPageIteratorBoundingBox);
  SYM(at_beginning, TessPageIteratorIsAtBeginningOf);
  SYM(delete_text, TessDeleteText);
#undef SYM
  return true; /* the library stays loaded for the process's life */
}

static TessBaseAPI *get_engine(dx_error *err) {
  if (engine) return engine;
  if (!engine_error) {
    if (!load_library()) {
      engine_error = "libtesseract 5 is not installed (apt-get install libtesseract5 "
                     "tesseract-ocr-chi-sim)";
    } else {
      TessBaseAPI *api = T.create();
      if (!api || T.init(api, NULL, OCR_LANG) != 0) {
        if (api) T.destroy(api);
        engine_error = "tesseract's chi_sim data is missing (apt-get install "
                       "tesseract-ocr-chi-sim)";
      } else {
        T.set_psm(api, PSM_AUTO);
        T.set_variable(api, "debug_file", "/dev/null"); /* nothing on stderr */
        engine = api;
      }
    }
  }
  if (!engine) dx_error_set(err, DX_EUNSUPPORTED, "the page needs OCR: %s", engine_error);
  return engine;
}

static bool is_cjk(gunichar c) {
  GUnicodeScript s = g_unichar_get_script(c);
  return s == G_UNICODE_SCRIPT_HAN || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

static int float_cmp(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  return (x > y) - (x < y);
}

/* The Han characters of one text line (glyphs[first..end)) get boxes as
 * wide as the line's character pitch, as a text layer's advance boxes
 * are: the gaps between them are then the spacing the text was set with,
 * not the white inside each character's shape. */
static void fit_line(GArray *glyphs, guint first, guint end) {
  float *d = g_new(float, end - first + 1);
  size_t m = 0;
  const dx_glyph *prev = NULL;
  for (guint i = first; i < end; i++) {
    const dx_glyph *g = &g_array_index(glyphs, dx_glyph, i);
    if (!is_cjk(g->cp)) {
      prev = NULL;
      continue;
    }
    if (prev) {
      float step = (g->box[0] + g->box[2] - prev->box[0] - prev->box[2]) / 2;
      if (step > 0 && step < 1.6f * g->size) d[m++] = step;
    }
    prev = g;
  }
  if (m >= 2) {
    qsort(d, m, sizeof *d, float_cmp);
    float pitch = d[m / 2];
    for (guint i = first; i < end; i++) {
      dx_glyph *g = &g_array_index(glyphs, dx_glyph, i);
      if (!is_cjk(g->cp)) continue;
      float mid = (g->box[0] + g->box[2]) / 2, half = MIN(pitch, 1.25f * g->size) / 2;
      g->box[0] = MIN(g->box[0], mid - half);
      g->box[2] = MAX(g->box[2], mid + half);
    }
  }
  g_free(d);
}

dx_code dx_ocr_image(GArray *glyphs, const uint8_t *grey, int w, int h, int stride, double scale,
                     int deadline_ms, bool *timed_out, dx_error *err) {
  *timed_out = false;
  TessBaseAPI *api = get_engine(err);
  if (!api) return err->code;
  if (w <= 0 || h <= 0 || scale <= 0) return DX_OK;
  T.set_image(api, grey, w, h, 1, stride);
  T.set_resolution(api, (int)(scale * 72 + 0.5));
  ETEXT_DESC *monitor = T.monitor_create();
  if (deadline_ms > 0) T.monitor_deadline(monitor, deadline_ms);
  int r = T.recognize(api, monitor);
  T.monitor_delete(monitor);
  if (r != 0) *timed_out = true; /* cancelled at the deadline (or failed): what was read stays */
  TessResultIterator *it = T.iterator(api);
  if (!it) {
    T.clear(api);
    return DX_OK;
  }
  TessPageIterator *pit = T.page_iterator(it);
  float line_top = 0, line_bot = 0;
  bool prev_cjk = true;
  guint line_first = glyphs->len;
  /* Words, not symbols: tesseract's boxes of single Han characters are
   * often far off (one spanning its neighbours), its word boxes are not;
   * a word's characters share its box evenly (Han characters are all an
   * em wide). */
  do {
    bool line_start = T.at_beginning(pit, RIL_TEXTLINE);
    if (line_start) {
      fit_line(glyphs, line_first, glyphs->len);
      line_first = glyphs->len;
      int l, t, rr, b;
      if (T.bbox(pit, RIL_TEXTLINE, &l, &t, &rr, &b)) {
        line_top = (float)(t / scale);
        line_bot = (float)(b / scale);
      }
      prev_cjk = true;
    }
    char *text = T.text(it, RIL_WORD);
    int l, t, rr, b;
    if (!text || !T.bbox(pit, RIL_WORD, &l, &t, &rr, &b) || !g_utf8_validate(text, -1, NULL) ||
        rr <= l) {
      if (text) T.delete_text(text);
      continue;
    }
    float conf = T.confidence(it, RIL_WORD) / 100.0f;
    conf = conf < 0.01f ? 0.01f : conf > 1 ? 1 : conf;
    glong n = 0;
    for (const char *q = text; *q; q = g_utf8_next_char(q))
      n += !g_unichar_isspace(g_utf8_get_char(q));
    const char *p = text;
    for (glong k = 0; *p; p = g_utf8_next_char(p)) {
      gunichar c = g_utf8_get_char(p);
      if (g_unichar_isspace(c)) continue;
      float x0 = (float)((l + (double)(rr - l) * (double)k / (double)n) / scale);
      float x1 = (float)((l + (double)(rr - l) * (double)(k + 1) / (double)n) / scale);
      bool cjk = is_cjk(c);
      dx_glyph g = {.cp = c,
                    /* the line's height: a word's own box may reach into the next
                     * line, and the layout groups lines by their glyphs' boxes */
                    .box = {x0, line_top, x1, line_bot},
                    .size = MAX(line_bot - line_top, 1.0f),
                    /* words of Latin letters and digits keep their spaces;
                     * tesseract's "words" of Han characters are not words */
                    .space_before = k == 0 && !line_start && !cjk && !prev_cjk,
                    .ocr_conf = conf};
      prev_cjk = cjk;
      g_array_append_val(glyphs, g);
      k++;
    }
    T.delete_text(text);
  } while (T.next(it, RIL_WORD));
  fit_line(glyphs, line_first, glyphs->len);
  T.iterator_delete(it);
  T.clear(api);
  return DX_OK;
}
