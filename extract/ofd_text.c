/* ofd_text.c — a TextObject's characters as glyphs (GB/T 33190 §11).
 *
 * Each TextCode puts its first character at X, Y (object space; absent,
 * the previous TextCode's) and each next one DeltaX, DeltaY further on:
 * lists in which "g N v" stands for N times v, and whose last value goes
 * on for the characters past its end (an e-invoice writes DeltaX="1.59"
 * for a twelve-digit number). Without DeltaX a character advances by its
 * width, taken as 1 em for a wide (CJK) character and half an em for
 * others, since the font's metrics are not read. The object's CTM, then
 * its Boundary's offset, place the object on the page (ofd_object_map).
 *
 * A glyph's box is as wide as the character (a PDF's text layer gives
 * each its advance in its font, and the layout's spacing is made on
 * those): a wide (CJK) character 1 em, as CJK fonts set them; a narrow
 * one its advance when the next character of its TextCode is narrow
 * too and follows within an em (that advance is learned, per font and
 * character), else what was learned of it, else Helvetica's width for
 * it scaled as its font's characters showed (NARROW_EM for non-ASCII);
 * in a font known to set all narrow characters alike (宋体: half an em),
 * that width;
 * and from ASCENT em above its baseline to DESCENT em below.
 * A character of a Wingdings font (or a U+F0xx code) that draws a
 * checkbox is read as ☑ or ☐, as in PDF. Characters filled white or
 * transparent, in objects that are neither filled nor stroked, or hidden
 * (Visible="false"), are not drawn: counted, not read.
 */
#include "ofd_int.h"

#include <math.h>
#include <string.h>

/* A glyph's box above and below its baseline, in ems: poppler's boxes
 * for the fonts of the corpus PDFs (its defaults for fonts that do not
 * say: 0.95 and 0.35, 1.3 em tall), so that the layout's thresholds,
 * made on those, hold. */
#define ASCENT 0.95
#define DESCENT 0.35
/* Widths, in ems, taken for a character when nothing says better: wide
 * (CJK) and narrow ones. */
#define WIDE_EM 1.0
#define NARROW_EM 0.55
/* A narrow character's advance to a narrow neighbour is its width when
 * it is between these (ems): wider, the rest is a gap; narrower, the
 * next one is drawn over it. */
#define NARROW_MIN_EM 0.15
#define NARROW_MAX_EM 1.0
/* Grey from which a character leaves no ink (pdf.c's INK_GREY). */
#define INK_GREY 235

typedef struct text_state {
  ofd_mat m;
  const char *font_id; /* the font's ID, or NULL */
  const char *font;    /* the font's name, or NULL */
  const char *symbol;  /* its symbol family (Wingdings), or NULL */
  double size, hscale;
  double x, y;    /* the previous TextCode's X and Y */
  double bound_w; /* the Boundary's width (parent space) */
  bool deltas;    /* a TextCode had DeltaX or DeltaY */
  bool fill, stroke, hidden;
  int fill_grey, stroke_grey;
  gint8 turn;   /* the text set sideways: 1 reading down, -1 up */
  double fixed; /* its font's width of every narrow character (ems), or 0 */
} text_state;

static void put_glyph(ofd_sink *out, const dx_glyph *g, gint8 turn) {
  g_array_append_vals(out->glyphs, g, 1);
  g_array_append_val(out->turns, turn);
}

/* A DeltaX or DeltaY list into at most n values; how many were read. */
static int deltas(const char *s, double *out, int n) {
  int k = 0;
  gchar **tok = s ? g_strsplit_set(s, " \t\r\n,", -1) : NULL;
  for (int i = 0; tok && tok[i] && k < n; i++) {
    if (!*tok[i]) continue;
    double v[2];
    if (strcmp(tok[i], "g") == 0) { /* g N v: N times v */
      int got = 0;
      for (int j = i + 1; tok[j] && got < 2; j++, i++)
        if (*tok[j]) got += ofd_numbers(tok[j], &v[got], 1) == 1 ? 1 : 0;
      if (got < 2 || v[0] < 0 || fabs(v[1]) > 1e5) break;
      for (double r = 0; r < v[0] && k < n; r++) out[k++] = v[1];
      continue;
    }
    if (ofd_numbers(tok[i], v, 1) != 1 || fabs(v[0]) > 1e5) break;
    out[k++] = v[0];
  }
  g_strfreev(tok);
  return k;
}

static bool wide(gunichar c) {
  return g_unichar_iswide(c) || g_unichar_iswide_cjk(c);
}

/* The code point to read for c, or 0 for none (it draws nothing
 * readable). */
static gunichar reading(const text_state *t, gunichar c) {
  if ((c >= 0xF000 && c <= 0xF0FF) || t->symbol) {
    /* a substitute font may be named: try both symbol fonts, as pdf.c */
    uint32_t box = t->symbol ? dx_symbol_checkbox(t->symbol, c) : 0;
    if (!box) box = dx_symbol_checkbox("Wingdings", c);
    if (!box) box = dx_symbol_checkbox("Wingdings 2", c);
    if (box) return box;
    if (c >= 0xF000 && c <= 0xF0FF) return 0;
  }
  if (c < 0x20 || c == 0xFFFD || !g_unichar_validate(c)) return 0;
  return dx_unify_han(c);
}

/* Helvetica's widths of the ASCII characters from the space on (its
 * AFM, in thousandths of an em): the shape of a Latin font's widths,
 * scaled to what a font's characters showed. */
static const short HELVETICA[95] = {
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333,  278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,  611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278,  556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,  500, 334, 260, 334, 584};

static double helvetica_em(gunichar c) {
  return c >= 0x20 && c < 0x7F ? HELVETICA[c - 0x20] / 1000.0 : NARROW_EM;
}

/* What was learned of narrow characters' widths (ems) in a font: per
 * character, keyed "ID:code point", and for the font, keyed "ID:", how
 * wide its characters were against Helvetica's. */
typedef struct learned {
  double sum, helvetica;
  int n;
} learned;

static learned *learned_at(ofd_ctx *ctx, const char *font, gunichar c, bool all, bool make) {
  char *key = all ? g_strdup_printf("%s:", font) : g_strdup_printf("%s:%u", font, c);
  learned *l = g_hash_table_lookup(ctx->widths, key);
  if (!l && make) {
    l = g_new0(learned, 1);
    g_hash_table_insert(ctx->widths, key, l);
    key = NULL;
  }
  g_free(key);
  return l;
}

static void learn(ofd_ctx *ctx, const char *font, gunichar c, double em) {
  for (int all = 0; all < 2; all++) {
    learned *l = learned_at(ctx, font, c, all, true);
    if (l->n < 1000) { /* enough to know it */
      l->sum += em;
      l->helvetica += helvetica_em(c);
      l->n++;
    }
  }
}

/* A narrow character's width in ems: what it showed, else Helvetica's
 * scaled as the font's other characters were, else Helvetica's. */
static double learned_em(ofd_ctx *ctx, const char *font, gunichar c) {
  const learned *l = learned_at(ctx, font, c, false, false);
  if (l && l->n) return l->sum / l->n;
  l = learned_at(ctx, font, c, true, false);
  double scale = l && l->n && l->helvetica > 0 ? l->sum / l->helvetica : 1.0;
  return helvetica_em(c) * CLAMP(scale, 0.7, 1.4);
}

/* The width (ems) of every narrow character of a font that sets them all
 * alike, from its name: the Chinese fonts of official documents (宋体,
 * 仿宋, 楷体, 黑体 and their Latin names) set them at half an em, Courier at
 * 0.6; 0 for a font with proportional letters (微软雅黑, Noto, Arial...). */
static double fixed_em(const char *font) {
  static const char *const HALF[] = {"宋",     "仿宋",     "楷",       "黑体",
                                     "SimSun", "SimHei",   "FangSong", "KaiTi",
                                     "Kaiti",  "Fangsong", "STSong",   "Zhongsong"};
  if (!font || strstr(font, "雅黑") || strstr(font, "YaHei")) return 0;
  if (strstr(font, "Courier")) return 0.6;
  for (size_t i = 0; i < G_N_ELEMENTS(HALF); i++)
    if (strstr(font, HALF[i])) return 0.5;
  return 0;
}

/* The width (object space) of character c of a TextCode, whose next
 * character (0 at the end, or when DeltaX does not say) follows `adv`
 * further on. */
static double glyph_width(ofd_ctx *ctx, const text_state *t, gunichar c, gunichar next,
                          double adv) {
  double em = t->size * t->hscale;
  if (wide(c)) return em * WIDE_EM;
  if (t->fixed > 0) return em * t->fixed;
  const char *font = t->font_id ? t->font_id : "";
  if (next && !wide(next) && adv >= NARROW_MIN_EM * em && adv <= NARROW_MAX_EM * em) {
    learn(ctx, font, c, adv / em);
    return adv;
  }
  return em * learned_em(ctx, font, c);
}

/* The glyphs of one TextCode's text. */
static dx_code put_glyphs(ofd_ctx *ctx, const text_state *t, const char *text, const char *dxs,
                          const char *dys, ofd_sink *out, dx_error *err) {
  glong n = g_utf8_strlen(text, -1);
  size_t room =
      ctx->glyph_limit ? ctx->glyph_limit + 1 - MIN(out->glyphs->len, ctx->glyph_limit) : (size_t)n;
  if ((size_t)n > room) /* only so many can be drawn: past them, the limit */
    n = (glong)room;
  double *dx = g_new(double, n + 1), *dy = g_new(double, n + 1);
  int ndx = deltas(dxs, dx, (int)n), ndy = deltas(dys, dy, (int)n);
  bool visible = !t->hidden &&
                 ((t->fill && t->fill_grey < INK_GREY) || (t->stroke && t->stroke_grey < INK_GREY));
  double x = t->x, y = t->y, k = ofd_mat_scale(&t->m);
  bool space = false;
  const char *p = text;
  dx_code rc = DX_OK;
  for (glong i = 0; i < n && rc == DX_OK; i++, p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p), next = i + 1 < n ? g_utf8_get_char(g_utf8_next_char(p)) : 0;
    /* the advance to the next character, and how much of it is this
     * one's: without DeltaX (nor DeltaY) the character's width */
    double w = glyph_width(ctx, t, c, ndx ? next : 0, i < ndx ? dx[i] : ndx ? dx[ndx - 1] : 0);
    double adv = i < ndx ? dx[i] : ndx ? dx[ndx - 1] : ndy ? 0 : w;
    gunichar cp = g_unichar_isspace(c) ? 0 : reading(t, c);
    if (g_unichar_isspace(c)) {
      space = true;
    } else if (!visible && cp) {
      out->invisible++;
    } else if (cp) {
      dx_glyph g = {.cp = cp,
                    .box = {(float)x, (float)(y - ASCENT * t->size), (float)(x + w),
                            (float)(y + DESCENT * t->size)},
                    .size = (float)(t->size * k),
                    .space_before = space};
      ofd_box_map(g.box, &t->m);
      if (!isfinite(g.box[0] + g.box[1] + g.box[2] + g.box[3]))
        out->invisible++; /* nowhere on any page */
      else if (ctx->glyph_limit && out->glyphs->len >= ctx->glyph_limit)
        rc = dx_error_set(err, DX_ELIMIT, "page %d has more than %zu characters", ctx->pageno,
                          ctx->glyph_limit);
      else
        put_glyph(out, &g, t->turn);
      space = false;
    }
    x += adv;
    y += i < ndy ? dy[i] : ndy ? dy[ndy - 1] : 0;
  }
  g_free(dx);
  g_free(dy);
  return rc;
}

/* One TextCode (at its START). */
static dx_code text_code(ofd_ctx *ctx, text_state *t, ofd_xml *x, ofd_sink *out, dx_error *err) {
  double v;
  if (ofd_numbers(ofd_xml_attr(x, "X"), &v, 1) == 1 && fabs(v) < 1e6) t->x = v;
  if (ofd_numbers(ofd_xml_attr(x, "Y"), &v, 1) == 1 && fabs(v) < 1e6) t->y = v;
  const char *a = ofd_xml_attr(x, "DeltaX"), *b = ofd_xml_attr(x, "DeltaY");
  char *dxs = g_strdup(a), *dys = g_strdup(b);
  t->deltas = t->deltas || a || b;
  char *text = ofd_xml_read_text(x, err);
  dx_code rc = text ? put_glyphs(ctx, t, text, dxs, dys, out, err) : ofd_xml_error(x);
  g_free(text);
  g_free(dxs);
  g_free(dys);
  return rc;
}

/* An object of one narrow character and no DeltaX (as a converter writes
 * every character an object of its own: Suwell's pdf2ofd) says how wide
 * the character is: its Boundary, when that is a character's width. It
 * is taken, and learned for its font. */
static void one_glyph(ofd_ctx *ctx, const text_state *t, const ofd_mat *parent, dx_glyph *g) {
  if (wide(g->cp) || t->m.b != 0 || t->m.c != 0 || t->m.a <= 0 || parent->b != 0 || parent->c != 0)
    return;
  double w = t->bound_w * parent->a, em = g->size;
  if (!(em > 0 && w >= NARROW_MIN_EM * em && w <= NARROW_MAX_EM * em)) return;
  g->box[2] = (float)(g->box[0] + w);
  learn(ctx, t->font_id ? t->font_id : "", g->cp, w / em);
}

dx_code ofd_text_object(ofd_ctx *ctx, ofd_xml *x, const ofd_mat *parent, int layer_fill,
                        ofd_sink *out, dx_error *err) {
  text_state t = {.hscale = 1, .fill_grey = layer_fill >= 0 ? layer_fill : 0, .stroke_grey = 0};
  double v;
  t.hidden = ofd_hidden(x) || !ofd_object_map(x, parent, &t.m);
  if (ofd_numbers(ofd_xml_attr(x, "Size"), &v, 1) == 1 && v > 0 && v < 1e4) t.size = v;
  if (ofd_numbers(ofd_xml_attr(x, "HScale"), &v, 1) == 1 && v > 0 && v < 100) t.hscale = v;
  double b[4];
  if (ofd_numbers(ofd_xml_attr(x, "Boundary"), b, 4) == 4) t.bound_w = b[2];
  t.fill = ofd_flag(x, "Fill", true);
  t.stroke = ofd_flag(x, "Stroke", false);
  const char *fid = ofd_xml_attr(x, "Font"), *dp = ofd_xml_attr(x, "DrawParam");
  char *font_id = fid ? g_strstrip(g_strdup(fid)) : NULL;
  t.font_id = font_id;
  t.font = font_id ? g_hash_table_lookup(ctx->res.fonts, font_id) : NULL;
  t.symbol = dx_symbol_family(t.font);
  t.fixed = fixed_em(t.font);
  if (dp) {
    char *id = g_strstrip(g_strdup(dp));
    double lw = 0;
    ofd_param_apply(ctx, id, &lw, &t.stroke_grey, &t.fill_grey);
    g_free(id);
  }
  if (t.size <= 0) t.hidden = true; /* no size: nothing to place */
  /* its x axis (the way it reads) turned to run up or down the page */
  if (fabs(t.m.b) > 2 * fabs(t.m.a)) t.turn = t.m.b > 0 ? 1 : -1;
  guint before = out->glyphs->len;
  dx_code rc = DX_OK;
  for (ofd_xev ev; rc == DX_OK && (ev = ofd_xml_next(x, err)) != OFD_X_END;) {
    if (ev == OFD_X_ERROR || ev == OFD_X_DONE) rc = ofd_xml_error(x);
    if (ev != OFD_X_START) continue;
    int grey;
    if (ofd_xml_is(x, "FillColor")) {
      rc = ofd_colour(ctx, x, &grey, err);
      if (grey >= 0) t.fill_grey = grey;
    } else if (ofd_xml_is(x, "StrokeColor")) {
      rc = ofd_colour(ctx, x, &grey, err);
      if (grey >= 0) t.stroke_grey = grey;
    } else if (ofd_xml_is(x, "TextCode")) {
      rc = text_code(ctx, &t, x, out, err);
    } else {
      rc = ofd_xml_skip(x, err); /* CGTransform, Clips, Actions */
    }
  }
  if (rc == DX_OK && out->glyphs->len == before + 1 && !t.deltas)
    one_glyph(ctx, &t, parent, &g_array_index(out->glyphs, dx_glyph, before));
  g_free(font_id);
  return rc;
}

/* Whether glyph b follows glyph a down (dir 1) or up (-1) the page, as
 * the next character of a sideways line: in the same column, within half
 * an em. */
static bool follows(const dx_glyph *a, const dx_glyph *b, int dir) {
  float ox = MIN(a->box[2], b->box[2]) - MAX(a->box[0], b->box[0]);
  float w = MIN(a->box[2] - a->box[0], b->box[2] - b->box[0]);
  float gap = dir > 0 ? b->box[1] - a->box[3] : a->box[1] - b->box[3];
  float em = MAX(a->size, b->size);
  return ox > 0.5f * w && gap > -0.3f * em && gap < 0.5f * em;
}

void ofd_sideways_runs(ofd_sink *s) {
  dx_glyph *g = (dx_glyph *)(void *)s->glyphs->data;
  const gint8 *turn = (const gint8 *)s->turns->data;
  for (guint i = 0; i < s->glyphs->len;) {
    guint j = i + 1;
    while (turn[i] && j < s->glyphs->len && turn[j] == turn[i] &&
           follows(&g[j - 1], &g[j], turn[i]))
      j++;
    if (j - i >= 2) { /* g[i..j) read as one line across the box they take */
      float x0 = g[i].box[0], x1 = g[i].box[2], y0 = g[i].box[1], y1 = g[i].box[3];
      for (guint k = i + 1; k < j; k++) {
        x0 = MIN(x0, g[k].box[0]);
        x1 = MAX(x1, g[k].box[2]);
        y0 = MIN(y0, g[k].box[1]);
        y1 = MAX(y1, g[k].box[3]);
      }
      float step = (x1 - x0) / (float)(j - i);
      for (guint k = i; k < j; k++) { /* in the order they read in */
        g[k].box[0] = x0 + step * (float)(k - i);
        g[k].box[2] = g[k].box[0] + step;
        g[k].box[1] = y0;
        g[k].box[3] = y1;
      }
    }
    i = j;
  }
}
