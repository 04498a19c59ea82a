/* ofd_res.c — an OFD's resource files (GB/T 33190 §7.9): PublicRes,
 * DocumentRes and a page's PageRes, and the colours and drawing
 * parameters objects take from them.
 *
 * Read: fonts (their names: a Wingdings checkbox is told by its font),
 * images (MultiMedia: their files, for a page read by OCR), drawing
 * parameters (line width and colours, following Relative), colour spaces
 * (GRAY, RGB, CMYK) and composite graphics (CompositeGraphicUnit: drawn
 * once, when read, into their own space; a unit can only use units
 * defined before it, so no chain of them loops). Not read: font files
 * (the characters are in the text; no glyph is drawn), shadings and
 * patterns (a colour without a Value is taken as the default).
 */
#include "ofd_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Most Relative links followed from one drawing parameter. */
enum { MAX_RELATIVE = 16 };
/* A resource file's most bytes: real ones are a few KB. */
enum { RES_MAX_BYTES = 8 << 20 };

static void param_free(void *p) {
  ofd_param *q = p;
  g_free(q->relative);
  g_free(q);
}

void ofd_res_init(ofd_res *r) {
  r->fonts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  r->media = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  r->params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, param_free);
  r->spaces = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  r->composites =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)ofd_sink_free);
  r->loaded = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

void ofd_res_free(ofd_res *r) {
  if (!r->fonts) return;
  g_hash_table_destroy(r->fonts);
  g_hash_table_destroy(r->media);
  g_hash_table_destroy(r->params);
  g_hash_table_destroy(r->spaces);
  g_hash_table_destroy(r->composites);
  g_hash_table_destroy(r->loaded);
  memset(r, 0, sizeof *r);
}

/* An ID attribute, trimmed; NULL when absent or empty. g_free it. */
static char *id_attr(ofd_xml *x, const char *name) {
  const char *v = ofd_xml_attr(x, name);
  char *id = v ? g_strstrip(g_strdup(v)) : NULL;
  if (id && !*id) {
    g_free(id);
    id = NULL;
  }
  return id;
}

/* Adds key -> val unless key is there (the first definition stands). */
static void put(GHashTable *h, char *key, void *val, GDestroyNotify free_val) {
  if (!key || g_hash_table_contains(h, key)) {
    g_free(key);
    if (free_val && val) free_val(val);
    return;
  }
  g_hash_table_insert(h, key, val);
}

/* One colour component: "#FF" (hex) or a number. */
static bool component(const char *t, double *v) {
  char *end = NULL;
  if (t[0] == '#') {
    long h = strtol(t + 1, &end, 16);
    *v = (double)h;
    return end && end != t + 1 && !*end;
  }
  *v = g_ascii_strtod(t, &end);
  return end && end != t && !*end && isfinite(*v);
}

static int grey_of(const double *v, int n, const char *space) {
  double g;
  bool cmyk = n == 4 || (space && g_ascii_strcasecmp(space, "CMYK") == 0 && n >= 4);
  if (cmyk) {
    double k = 1 - v[3] / 255;
    double r = 255 * (1 - v[0] / 255) * k, gr = 255 * (1 - v[1] / 255) * k,
           b = 255 * (1 - v[2] / 255) * k;
    g = (r * 77 + gr * 150 + b * 29) / 256;
  } else if (n >= 3) {
    g = (v[0] * 77 + v[1] * 150 + v[2] * 29) / 256;
  } else {
    g = v[0];
  }
  return (int)CLAMP(g, 0, 255);
}

dx_code ofd_colour(ofd_ctx *ctx, ofd_xml *x, int *grey, dx_error *err) {
  *grey = -1;
  const char *value = ofd_xml_attr(x, "Value"), *alpha = ofd_xml_attr(x, "Alpha");
  char *cs = id_attr(x, "ColorSpace");
  double v[4] = {0};
  int n = 0;
  if (value) {
    gchar **tok = g_strsplit_set(value, " \t\r\n,", -1);
    for (int i = 0; tok[i] && n < 4; i++)
      if (*tok[i] && component(tok[i], &v[n])) n++;
    g_strfreev(tok);
  }
  if (n > 0) {
    *grey = grey_of(v, n, cs ? g_hash_table_lookup(ctx->res.spaces, cs) : NULL);
    double a = alpha ? g_ascii_strtod(alpha, NULL) : 255;
    if (!isfinite(a)) a = 255;
    a = CLAMP(a, 0, 255);
    *grey = (int)(255 - (255 - *grey) * a / 255); /* over white paper */
  }
  g_free(cs);
  return ofd_xml_skip(x, err); /* a shading inside is not read */
}

void ofd_param_apply(ofd_ctx *ctx, const char *id, double *line_width, int *stroke_grey,
                     int *fill_grey) {
  bool lw = false, sg = false, fg = false;
  for (int i = 0; id && i < MAX_RELATIVE; i++) {
    const ofd_param *p = g_hash_table_lookup(ctx->res.params, id);
    if (!p) break;
    if (!lw && p->line_width >= 0) {
      *line_width = p->line_width;
      lw = true;
    }
    if (!sg && p->stroke_grey >= 0) {
      *stroke_grey = p->stroke_grey;
      sg = true;
    }
    if (!fg && p->fill_grey >= 0) {
      *fill_grey = p->fill_grey;
      fg = true;
    }
    id = p->relative;
  }
}

static dx_code read_param(ofd_ctx *ctx, ofd_xml *x, dx_error *err) {
  ofd_param *p = g_new0(ofd_param, 1);
  char *id = id_attr(x, "ID");
  p->relative = id_attr(x, "Relative");
  double lw;
  p->line_width = ofd_numbers(ofd_xml_attr(x, "LineWidth"), &lw, 1) == 1 && lw >= 0 ? lw : -1;
  p->stroke_grey = p->fill_grey = -1;
  dx_code rc = DX_OK;
  for (ofd_xev ev; rc == DX_OK && (ev = ofd_xml_next(x, err)) != OFD_X_END;) {
    if (ev == OFD_X_ERROR || ev == OFD_X_DONE) rc = ofd_xml_error(x);
    if (ev != OFD_X_START) continue;
    if (ofd_xml_is(x, "StrokeColor"))
      rc = ofd_colour(ctx, x, &p->stroke_grey, err);
    else if (ofd_xml_is(x, "FillColor"))
      rc = ofd_colour(ctx, x, &p->fill_grey, err);
    else
      rc = ofd_xml_skip(x, err);
  }
  put(ctx->res.params, id, p, param_free);
  return rc;
}

/* A CompositeGraphicUnit: its Content drawn into a sink of its own. */
static dx_code read_composite(ofd_ctx *ctx, ofd_xml *x, dx_error *err) {
  char *id = id_attr(x, "ID");
  ofd_sink *s = NULL;
  dx_code rc = DX_OK;
  for (ofd_xev ev; rc == DX_OK && (ev = ofd_xml_next(x, err)) != OFD_X_END;) {
    if (ev == OFD_X_ERROR || ev == OFD_X_DONE) rc = ofd_xml_error(x);
    if (ev != OFD_X_START) continue;
    if (ofd_xml_is(x, "Content") && !s) {
      s = ofd_sink_new();
      rc = ofd_draw_objects(ctx, x, &OFD_IDENTITY, s, err);
    } else {
      rc = ofd_xml_skip(x, err);
    }
  }
  put(ctx->res.composites, id, s ? s : ofd_sink_new(), (GDestroyNotify)ofd_sink_free);
  return rc;
}

/* A Font or MultiMedia: its name, or its file (from FontFile or
 * MediaFile, resolved against the resource file's BaseLoc). */
static dx_code read_named(ofd_ctx *ctx, ofd_xml *x, const char *base, bool media, dx_error *err) {
  char *id = id_attr(x, "ID");
  const char *fn = ofd_xml_attr(x, "FontName");
  if (!fn) fn = ofd_xml_attr(x, "FamilyName");
  char *name = fn ? g_strdup(fn) : NULL;
  char *file = NULL;
  dx_code rc = DX_OK;
  for (ofd_xev ev; rc == DX_OK && (ev = ofd_xml_next(x, err)) != OFD_X_END;) {
    if (ev == OFD_X_ERROR || ev == OFD_X_DONE) rc = ofd_xml_error(x);
    if (ev != OFD_X_START) continue;
    if (media && ofd_xml_is(x, "MediaFile") && !file) {
      char *ref = ofd_xml_read_text(x, err);
      if (!ref) rc = ofd_xml_error(x);
      file = ref ? ofd_pkg_find(ctx->pkg, base, ctx->cur ? ctx->cur->root : NULL, ref) : NULL;
      g_free(ref);
    } else {
      rc = ofd_xml_skip(x, err);
    }
  }
  if (media)
    put(ctx->res.media, id, file, g_free);
  else
    put(ctx->res.fonts, id, name ? name : g_strdup(""), g_free);
  if (media) g_free(name);
  return rc;
}

/* The resource file's elements, at any depth under Res. */
static dx_code read_res(ofd_ctx *ctx, ofd_xml *x, const char *base, dx_error *err) {
  dx_code rc = DX_OK;
  for (ofd_xev ev; rc == DX_OK && (ev = ofd_xml_next(x, err)) != OFD_X_DONE;) {
    if (ev == OFD_X_ERROR) rc = ofd_xml_error(x);
    if (ev != OFD_X_START) continue;
    if (ofd_xml_is(x, "Font")) {
      rc = read_named(ctx, x, base, false, err);
    } else if (ofd_xml_is(x, "MultiMedia")) {
      rc = read_named(ctx, x, base, true, err);
    } else if (ofd_xml_is(x, "DrawParam")) {
      rc = read_param(ctx, x, err);
    } else if (ofd_xml_is(x, "ColorSpace")) {
      const char *t = ofd_xml_attr(x, "Type");
      put(ctx->res.spaces, id_attr(x, "ID"), g_strdup(t ? t : "RGB"), g_free);
      rc = ofd_xml_skip(x, err);
    } else if (ofd_xml_is(x, "CompositeGraphicUnit")) {
      rc = read_composite(ctx, x, err);
    }
  }
  return rc;
}

dx_code ofd_res_load(ofd_ctx *ctx, const char *part, dx_error *err) {
  if (!part || g_hash_table_contains(ctx->res.loaded, part)) return DX_OK;
  g_hash_table_add(ctx->res.loaded, g_strdup(part));
  uint8_t *buf = NULL;
  size_t len = 0;
  dx_error why = {0};
  dx_code rc = ofd_pkg_read(ctx->pkg, part, RES_MAX_BYTES, &buf, &len, &why);
  if (rc == DX_EFORMAT) { /* not there: the page may still read */
    dx_doc_warn(ctx->doc, "ofd_part_missing", 0, "%s", why.message);
    return DX_OK;
  }
  if (rc != DX_OK) {
    *err = why;
    return rc;
  }
  ofd_xml *x = NULL;
  rc = ofd_xml_open(&x, buf, len, part, ctx->lim, err);
  if (rc == DX_OK) {
    /* the folder its files are in: its BaseLoc, from its own folder */
    ofd_xev ev = ofd_xml_next(x, err);
    const char *bl = ev == OFD_X_START ? ofd_xml_attr(x, "BaseLoc") : NULL;
    char *ref = g_strconcat(bl ? bl : ".", "/_", NULL);
    char *base = ofd_path_resolve(part, ref);
    g_free(ref);
    if (ev == OFD_X_ERROR) rc = ofd_xml_error(x);
    if (ev == OFD_X_START) rc = read_res(ctx, x, base ? base : part, err);
    g_free(base);
  }
  ofd_xml_close(x);
  g_free(buf);
  return rc;
}
