/* ocr.c — text from page images: libtesseract (its C API) with chi_sim.
 *
 * One engine per process, made on first use (loading chi_sim takes a
 * fraction of a second; a batch worker keeps it for all its inputs).
 * A page is never read whole: tesseract's layout analysis runs the
 * lines of neighbouring table cells into one and interleaves their
 * characters. textlines.c finds the page's text lines between its
 * ruling lines, and each line's crop (its own ink alone) is read as one
 * line. Tesseract's boxes of single characters are often far off, so
 * each character's box is cut from the line's ink (dx_text_line_cut)
 * and given its line's height, as a text layer's boxes have the font's,
 * so that the layout groups lines and measures gaps the same way for
 * both.
 */
#include "extract_int.h"

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
  __typeof__(&TessResultIteratorGetChoiceIterator) choices;
  __typeof__(&TessChoiceIteratorNext) choice_next;
  __typeof__(&TessChoiceIteratorGetUTF8Text) choice_text;
  __typeof__(&TessChoiceIteratorConfidence) choice_conf;
  __typeof__(&TessChoiceIteratorDelete) choice_delete;
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
  SYM(choices, TessResultIteratorGetChoiceIterator);
  SYM(choice_next, TessChoiceIteratorNext);
  SYM(choice_text, TessChoiceIteratorGetUTF8Text);
  SYM(choice_conf, TessChoiceIteratorConfidence);
  SYM(choice_delete, TessChoiceIteratorDelete);
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
        T.set_variable(api, "debug_file", "/dev/null"); /* nothing on stderr */
        /* each character's next readings, from the LSTM's outputs on its
         * path (read by the choice iterator: see symbol_alts) */
        T.set_variable(api, "lstm_choice_mode", "2");
        engine = api;
      }
    }
  }
  if (!engine) dx_error_set(err, DX_EUNSUPPORTED, "the page needs OCR: %s", engine_error);
  return engine;
}

bool dx_ocr_loaded(void) {
  return engine != NULL || dx_ppocr_loaded();
}

static bool is_cjk(gunichar c) {
  GUnicodeScript s = g_unichar_get_script(c);
  return s == G_UNICODE_SCRIPT_HAN || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

/* A character's expected width in ems, for cutting a line. */
static float char_width(gunichar c) {
  if (is_cjk(c) || g_unichar_iswide(c)) return 1.0f;
  if (g_utf8_strchr(".,:;'`!|il", -1, c)) return 0.3f;
  return 0.55f;
}

/* Reads one line's crop; appends its characters (points), each with the
 * box of its ink widened to its line's pitch as ppocr.c's are: a Han
 * character an em, another half that, never past the middle between
 * its neighbours. */
/* chi_sim reads a % sign as "9%6", "9%%", "9%p6": the same ink read
 * two or three times, with boxes (tesseract's: loose, but not that
 * loose) inside one another. The characters next to a % whose boxes
 * lie mostly (GHOST_SHARE of their width) inside the widest box among
 * them are one %. On the corpus scans every "100%" came out "1009%",
 * "1009%%6" or "1009%p6". */
#define GHOST_SHARE 0.6f
static float inside(const dx_glyph *g, const dx_glyph *in) {
  float gw = g->box[2] - g->box[0];
  float over = MIN(g->box[2], in->box[2]) - MAX(g->box[0], in->box[0]);
  return gw > 0 ? over / gw : 0;
}

static void drop_percent_ghosts(GArray *glyphs, GArray *alts, guint first, float line_h) {
  guint n = glyphs->len - first;
  bool *drop = g_new0(bool, n + 1);
  for (guint j = 0; j < n; j++) {
    dx_glyph *p = &g_array_index(glyphs, dx_glyph, first + j);
    if (p->cp != '%' || drop[j]) continue;
    guint lo = j >= 2 ? j - 2 : 0, hi = MIN(n, j + 3), widest = j;
    for (guint k = lo; k < hi; k++) {
      const dx_glyph *g = &g_array_index(glyphs, dx_glyph, first + k);
      const dx_glyph *w = &g_array_index(glyphs, dx_glyph, first + widest);
      /* a box half as wide again as the line is high is a loose box */
      if (!drop[k] && inside(p, g) > 0 && g->box[2] - g->box[0] <= 1.5f * line_h &&
          g->box[2] - g->box[0] > w->box[2] - w->box[0])
        widest = k;
    }
    dx_glyph one = g_array_index(glyphs, dx_glyph, first + widest);
    guint at = n;
    for (guint k = lo; k < hi; k++) {
      const dx_glyph *g = &g_array_index(glyphs, dx_glyph, first + k);
      if (drop[k] || inside(g, &one) < GHOST_SHARE) continue;
      drop[k] = true;
      at = MIN(at, k);
      one.ocr_conf = MIN(one.ocr_conf, g->ocr_conf);
    }
    one.cp = '%';
    if (at < n) {
      one.space_before = g_array_index(glyphs, dx_glyph, first + at).space_before;
      g_array_index(glyphs, dx_glyph, first + at) = one;
      drop[at] = false;
    }
  }
  guint keep = first;
  for (guint k = 0; k < n; k++) {
    const dx_glyph *g = &g_array_index(glyphs, dx_glyph, first + k);
    if (drop[k]) continue;
    g_array_index(alts, dx_ocr_alts, keep - first) = g_array_index(alts, dx_ocr_alts, k);
    g_array_index(glyphs, dx_glyph, keep++) = *g;
  }
  g_array_set_size(glyphs, keep);
  g_array_set_size(alts, keep - first);
  g_free(drop);
}

/* One page's reading: tesseract, the page's scale (pixels a point), its
 * deadline's monitor and whether it passed, how many lines it has read
 * again, the forms' words that pick among a character's next readings,
 * and those readings for the line being read. */
typedef struct reader {
  TessBaseAPI *api;
  double scale;
  ETEXT_DESC *monitor;
  bool timed_out;
  int rereads; /* doubtful lines read again (REREAD_LINES) */
  const dx_words *words;
  GArray *alts; /* dx_ocr_alts */
} reader;

/* The next readings of the symbol at `it` other than c (its reading),
 * likeliest first: the LSTM's choices at that character (lstm_choice_mode
 * 2), with tesseract's confidence in each (0..100: 100 less a multiple
 * of its rating) as a share. */
static dx_ocr_alts symbol_alts(TessResultIterator *it, gunichar c) {
  dx_ocr_alts a = {0};
  TessChoiceIterator *ci = T.choices(it);
  if (!ci) return a;
  do {
    const char *s = T.choice_text(ci);
    if (!s || !*s || !g_utf8_validate(s, -1, NULL)) continue;
    gunichar k = g_utf8_get_char(s);
    float p = T.choice_conf(ci) / 100.0f;
    if (*g_utf8_next_char(s) || k == c || g_unichar_isspace(k)) continue;
    /* into its place by probability, the least likely falling off */
    int at = DX_OCR_ALTS;
    while (at > 0 && (!a.cp[at - 1] || a.p[at - 1] < p)) at--;
    bool dup = false;
    for (int j = 0; j < DX_OCR_ALTS; j++) dup |= a.cp[j] == k;
    if (dup || at >= DX_OCR_ALTS) continue;
    for (int j = DX_OCR_ALTS - 1; j > at; j--) {
      a.cp[j] = a.cp[j - 1];
      a.p[j] = a.p[j - 1];
    }
    a.cp[at] = k;
    a.p[at] = p;
  } while (T.choice_next(ci));
  T.choice_delete(ci);
  return a;
}

/* The line's crop shrunk by f (< 1), *w x *h pixels, each the mean of
 * the crop's pixels it covers. */
static uint8_t *shrunk(const dx_text_line *t, double f, int *w, int *h) {
  int nw = MAX(1, (int)(t->w * f + 0.5)), nh = MAX(1, (int)(t->h * f + 0.5));
  uint8_t *out = g_malloc((size_t)nw * (size_t)nh);
  for (int y = 0; y < nh; y++) {
    int ya = MIN((int)(y / f), t->h - 1), yb = MAX(ya + 1, MIN(t->h, (int)((y + 1) / f)));
    for (int x = 0; x < nw; x++) {
      int xa = MIN((int)(x / f), t->w - 1), xb = MAX(xa + 1, MIN(t->w, (int)((x + 1) / f)));
      unsigned n = (unsigned)((xb - xa) * (yb - ya)), sum = 0;
      for (int yy = ya; yy < yb; yy++)
        for (int xx = xa; xx < xb; xx++) sum += t->img[(size_t)yy * (size_t)t->w + (size_t)xx];
      out[(size_t)y * (size_t)nw + (size_t)x] = (uint8_t)((sum + n / 2) / n);
    }
  }
  *w = nw;
  *h = nh;
  return out;
}

/* A line is read again when tesseract is less sure than this of one of
 * its characters: on the corpus's sharp scans 2 % of the lines, on a
 * 98 dpi fax two thirds. */
#define DOUBT_CONF 0.9f
static bool doubtful(const GArray *glyphs, guint first) {
  for (guint i = first; i < glyphs->len; i++)
    if (g_array_index(glyphs, dx_glyph, i).ocr_conf < DOUBT_CONF) return true;
  return false;
}

/* Tesseract's characters of the line read as psm says (its crop shrunk
 * by f when f < 1), appended with boxes still to be set; alts gets each
 * one's next readings (alts[0] the first appended's). */
static void recognize_line(reader *rd, GArray *glyphs, GArray *alts, const dx_text_line *t, int psm,
                           double f) {
  TessBaseAPI *api = rd->api;
  double scale = rd->scale;
  g_array_set_size(alts, 0);
  T.set_psm(api, psm);
  int sw = t->w, sh = t->h;
  uint8_t *img = f < 1 ? shrunk(t, f, &sw, &sh) : NULL;
  T.set_image(api, img ? img : t->img, sw, sh, 1, sw);
  T.set_resolution(api, (int)(scale * f * 72 + 0.5));
  if (T.recognize(api, rd->monitor) != 0) rd->timed_out = true;
  g_free(img); /* tesseract has its own copy */
  TessResultIterator *it = T.iterator(api);
  if (!it) return;
  TessPageIterator *pit = T.page_iterator(it);
  float top = (float)(t->box[1] / scale), bot = (float)(t->box[3] / scale);
  guint first = glyphs->len;
  bool prev_cjk = true;
  do {
    char *text = T.text(it, RIL_SYMBOL);
    if (!text || !g_utf8_validate(text, -1, NULL)) {
      if (text) T.delete_text(text);
      continue;
    }
    bool word_start = T.at_beginning(pit, RIL_WORD);
    int l = 0, tp, r = 0, b;
    T.bbox(pit, RIL_SYMBOL, &l, &tp, &r, &b);
    l = (int)(l / f);
    r = (int)(r / f);
    float conf = T.confidence(it, RIL_SYMBOL) / 100.0f;
    conf = conf < 0.01f ? 0.01f : conf > 1 ? 1 : conf;
    /* a symbol of one character has next readings */
    bool one = g_utf8_strlen(text, -1) == 1;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
      gunichar c = g_utf8_get_char(p);
      if (g_unichar_isspace(c)) continue;
      bool cjk = is_cjk(c);
      /* tesseract's box (crop pixels) until read_line sets the box */
      dx_glyph g = {.cp = c,
                    .box = {(float)l, top, (float)r, bot},
                    .size = MAX(bot - top, 1.0f),
                    /* words of Latin letters and digits keep their spaces;
                     * tesseract's "words" of Han characters are not words */
                    .space_before = word_start && glyphs->len > first && !cjk && !prev_cjk,
                    .ocr_conf = conf};
      prev_cjk = cjk;
      word_start = false;
      g_array_append_val(glyphs, g);
      dx_ocr_alts a = {0};
      if (one) a = symbol_alts(it, c);
      g_array_append_val(alts, a);
    }
    T.delete_text(text);
  } while (T.next(it, RIL_SYMBOL));
  T.iterator_delete(it);
  drop_percent_ghosts(glyphs, alts, first, (float)(t->box[3] - t->box[1]));
}

/* A doubtful line is read again shrunk by each of these (its pixels
 * averaged): a 1-bit fax's broken strokes run together, and tesseract
 * reads some characters right at one size that it misreads at another.
 * The readings vote (dx_ocr_readings). On the 98 dpi fax of the corpus
 * the facts right went from 220 to 413 of 2290 (one reading at 0.75
 * and one at 1.5, bilinear: 231). */
static const double SHRUNK[] = {0.5, 0.6, 0.7};
#define N_SHRUNK 3
/* Doubtful lines of a page read again, at the most (the first ones in
 * reading order): a count, not a time, so that the same page gives the
 * same characters on any machine, and a page's OCR stays within about
 * twice its first reading's time (the three smaller crops together are
 * about one line's work). A form page has 60 to 250 lines. */
#define REREAD_LINES 400

/* Reads line t as one line: PSM 7, and PSM 13 when 7 finds nothing
 * (tesseract's line finding sometimes finds no line in a crop of bold,
 * blurred characters, a 150 dpi scan's: read as a raw line, it reads);
 * a doubtful line again at the sizes SHRUNK. */
static void recognize_text(reader *rd, GArray *glyphs, const dx_text_line *t) {
  guint first = glyphs->len;
  int psm = PSM_SINGLE_LINE;
  recognize_line(rd, glyphs, rd->alts, t, psm, 1);
  if (glyphs->len == first && !rd->timed_out) {
    psm = PSM_RAW_LINE;
    recognize_line(rd, glyphs, rd->alts, t, psm, 1);
  }
  if (glyphs->len > first && rd->rereads < REREAD_LINES && doubtful(glyphs, first)) {
    rd->rereads++;
    GArray *others[N_SHRUNK];
    for (int k = 0; k < N_SHRUNK; k++) {
      others[k] = g_array_new(FALSE, TRUE, sizeof(dx_glyph));
      GArray *oalts = g_array_new(FALSE, TRUE, sizeof(dx_ocr_alts));
      if (!rd->timed_out) recognize_line(rd, others[k], oalts, t, psm, SHRUNK[k]);
      g_array_free(oalts, TRUE);
    }
    dx_ocr_readings(glyphs, first, (dx_ocr_alts *)(void *)rd->alts->data, others, N_SHRUNK);
    for (int k = 0; k < N_SHRUNK; k++) g_array_free(others[k], TRUE);
  }
  /* 项日 -> 项目 where 目 is among tesseract's next readings of 日 */
  dx_ocr_words(glyphs, first, (const dx_ocr_alts *)(void *)rd->alts->data, rd->words);
}

/* A line that begins with a comparison sign chi_sim has no character
 * for (≥ ≤ ≧ ≦; it reads 三 过 人 和 委, and 一 or 王 for ＝, and its
 * misread often takes the digits after it along: "zSO%" for ≥90%): the
 * sign is told from its ink (dx_text_line_sign) and the rest of the
 * line read without it. Kept when a number follows the sign, as in an
 * indicator's value, or when the sign is the line's only ink (a
 * template's sign column); otherwise nothing is appended and the line
 * is read whole. */
#define SIGN_CONF 0.9f
static void read_signed(reader *rd, GArray *glyphs, const dx_text_line *t) {
  double scale = rd->scale;
  int end;
  gunichar sign = dx_text_line_sign(t, &end);
  if (!sign) return;
  guint first = glyphs->len;
  float top = (float)(t->box[1] / scale), bot = (float)(t->box[3] / scale);
  dx_glyph s = {.cp = sign,
                .box = {(float)(t->box[0] / scale), top, (float)(end / scale), bot},
                .size = MAX(bot - top, 1.0f),
                .ocr_conf = SIGN_CONF};
  dx_text_line rest = *t;
  rest.img = g_memdup2(t->img, (size_t)t->w * (size_t)t->h);
  for (int y = 0; y < rest.h; y++)
    memset(rest.img + (size_t)y * (size_t)rest.w, 255, (size_t)(end - rest.ox));
  rest.box[0] = end;
  if (end >= t->box[2]) { /* the line's ink ends with the sign's */
    g_array_append_val(glyphs, s);
  } else {
    recognize_text(rd, glyphs, &rest);
    if (glyphs->len > first && g_ascii_isdigit(g_array_index(glyphs, dx_glyph, first).cp)) {
      s.ocr_conf = MIN(s.ocr_conf, g_array_index(glyphs, dx_glyph, first).ocr_conf);
      g_array_insert_val(glyphs, first, s);
    } else {
      g_array_set_size(glyphs, first);
    }
  }
  g_free(rest.img);
}

static void read_line(reader *rd, GArray *glyphs, const dx_text_line *t) {
  double scale = rd->scale;
  guint first = glyphs->len;
  read_signed(rd, glyphs, t);
  if (glyphs->len == first && !rd->timed_out) recognize_text(rd, glyphs, t);
  float top = (float)(t->box[1] / scale), bot = (float)(t->box[3] / scale);
  /* tesseract's boxes of single characters are often far off (one
   * spanning its neighbours): the line is cut where its ink has gaps */
  int n = (int)(glyphs->len - first);
  if (n == 0) return;
  float *wd = g_new(float, (size_t)n);
  int *x0 = g_new(int, (size_t)n), *x1 = g_new(int, (size_t)n);
  for (int k = 0; k < n; k++) wd[k] = char_width(g_array_index(glyphs, dx_glyph, first + k).cp);
  dx_text_line_cut(x0, x1, t, wd, n);
  float *mid = g_new(float, (size_t)n);
  for (int k = 0; k < n; k++) mid[k] = (float)((x0[k] + x1[k]) / 2.0 / scale);
  float em = bot - top, left = (float)(t->box[0] / scale), right = (float)(t->box[2] / scale);
  for (int k = 0; k < n; k++) {
    dx_glyph *g = &g_array_index(glyphs, dx_glyph, first + k);
    float half = MAX((g_unichar_iswide(g->cp) || is_cjk(g->cp) ? 0.5f : 0.3f) * em,
                     (float)((x1[k] - x0[k]) / 2.0 / scale));
    float lo = k > 0 ? (mid[k - 1] + mid[k]) / 2 : left;
    float hi = k + 1 < n ? (mid[k] + mid[k + 1]) / 2 : right;
    g->box[0] = MAX(mid[k] - half, lo);
    g->box[2] = MIN(mid[k] + half, hi);
    /* CJK punctuation inks one corner of its em: its box runs to its
     * neighbours, which leaves no gap a space could be read in */
    if (g_unichar_iswide(g->cp) && g_unichar_ispunct(g->cp)) {
      if (k + 1 < n) g->box[2] = MAX(g->box[2], hi);
      if (k > 0) g->box[0] = MIN(g->box[0], lo);
    }
    if (g->box[2] <= g->box[0]) g->box[2] = g->box[0] + 0.1f;
  }
  g_free(mid);
  g_free(x0);
  g_free(x1);
  g_free(wd);
}

dx_code dx_ocr_image(GArray *glyphs, const uint8_t *grey, int w, int h, int stride, double scale,
                     const dx_rule *rules, size_t nrules, const dx_words *words, int deadline_ms,
                     bool *timed_out, dx_error *err) {
  *timed_out = false;
  TessBaseAPI *api = get_engine(err);
  if (!api) return err->code;
  if (w <= 0 || h <= 0 || scale <= 0) return DX_OK;
  gint64 start = g_get_monotonic_time();
  GArray *lines = dx_text_lines(grey, w, h, stride, scale, rules, nrules);
  reader rd = {.api = api,
               .scale = scale,
               .words = words,
               .alts = g_array_new(FALSE, TRUE, sizeof(dx_ocr_alts))};
  for (guint i = 0; i < lines->len && !rd.timed_out; i++) {
    rd.monitor = T.monitor_create();
    if (deadline_ms > 0) {
      gint64 left = deadline_ms - (g_get_monotonic_time() - start) / 1000;
      if (left <= 0) {
        rd.timed_out = true;
        T.monitor_delete(rd.monitor);
        break;
      }
      T.monitor_deadline(rd.monitor, (int)left);
    }
    read_line(&rd, glyphs, &g_array_index(lines, dx_text_line, i));
    T.monitor_delete(rd.monitor);
  }
  *timed_out = rd.timed_out;
  g_array_free(rd.alts, TRUE);
  dx_text_lines_free(lines);
  T.clear(api);
  return DX_OK;
}

/* Lines read both ways to tell a page's orientation: the widest few. */
#define UPRIGHT_LINES 8
/* How much surer (mean confidence of a character, 0..100) tesseract
 * must be of the turned reading to turn the page. */
#define UPRIGHT_MARGIN 10.0

static int wider(const void *a, const void *b) {
  const dx_text_line *p = a, *q = b;
  int wp = p->box[2] - p->box[0], wq = q->box[2] - q->box[0];
  return (wp < wq) - (wp > wq);
}

/* The sum of tesseract's confidences in the characters of t, and their
 * count. */
static void line_certainty(TessBaseAPI *api, const dx_text_line *t, double scale, double *sum,
                           int *n) {
  T.set_psm(api, PSM_SINGLE_LINE);
  T.set_image(api, t->img, t->w, t->h, 1, t->w);
  T.set_resolution(api, (int)(scale * 72 + 0.5));
  if (T.recognize(api, NULL) != 0) return;
  TessResultIterator *it = T.iterator(api);
  if (!it) return;
  do {
    char *text = T.text(it, RIL_SYMBOL);
    if (!text) continue;
    *sum += T.confidence(it, RIL_SYMBOL);
    (*n)++;
    T.delete_text(text);
  } while (T.next(it, RIL_SYMBOL));
  T.iterator_delete(it);
}

int dx_ocr_upright(const uint8_t *grey, int w, int h, int stride, double scale,
                   const dx_rule *rules, size_t nrules, dx_error *err) {
  TessBaseAPI *api = get_engine(err);
  if (!api) return -1;
  if (w <= 0 || h <= 0 || scale <= 0) return 0;
  GArray *lines = dx_text_lines(grey, w, h, stride, scale, rules, nrules);
  g_array_sort(lines, wider);
  double sure[2] = {0, 0};
  int chars[2] = {0, 0}, used = 0;
  for (guint i = 0; i < lines->len && used < UPRIGHT_LINES; i++) {
    dx_text_line *t = &g_array_index(lines, dx_text_line, i);
    int lw = t->box[2] - t->box[0], lh = t->box[3] - t->box[1];
    if (lw < 2 * lh) continue; /* a line, not a character or a column */
    used++;
    line_certainty(api, t, scale, &sure[0], &chars[0]);
    /* the crop turned: its margins are even, so its box stays put */
    size_t n = (size_t)t->w * (size_t)t->h;
    for (size_t k = 0; k < n / 2; k++) {
      uint8_t v = t->img[k];
      t->img[k] = t->img[n - 1 - k];
      t->img[n - 1 - k] = v;
    }
    line_certainty(api, t, scale, &sure[1], &chars[1]);
  }
  dx_text_lines_free(lines);
  T.clear(api);
  double up = chars[0] ? sure[0] / chars[0] : 0, down = chars[1] ? sure[1] / chars[1] : 0;
  return chars[1] > 0 && down > up + UPRIGHT_MARGIN ? 180 : 0;
}
