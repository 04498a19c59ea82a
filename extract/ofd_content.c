/* ofd_content.c — a page's content (GB/T 33190 §7.7, §8): its layers and
 * page blocks, its objects each placed by its Boundary and CTM, and the
 * template pages drawn under it (ZOrder Background, the default) or over
 * it (Foreground).
 *
 * Drawn: TextObject (ofd_text.c), PathObject (ofd_path.c), ImageObject
 * (kept for OCR when the page has no text), CompositeObject (its unit,
 * drawn when its resource was read, placed here). A template page is
 * drawn once per document and placed on every page that names it; a
 * template that names itself, directly or through others, is drawn once
 * (`ofd_cycle`). Not drawn: clips (everything of an object counts),
 * actions, and objects marked Visible="false".
 */
#include "ofd_int.h"

#include <math.h>
#include <string.h>

/* Numbers in Boundary and CTM past this are absurd (mm; a page is a few
 * hundred). */
#define OFD_ABSURD 1e6

ofd_sink *ofd_sink_new(void) {
  ofd_sink *s = g_new0(ofd_sink, 1);
  s->glyphs = g_array_new(FALSE, FALSE, sizeof(dx_glyph));
  s->turns = g_array_new(FALSE, FALSE, sizeof(gint8));
  s->rules = g_array_new(FALSE, FALSE, sizeof(dx_rule));
  s->shapes = g_array_new(FALSE, FALSE, sizeof(ofd_shape));
  s->pts = g_array_new(FALSE, FALSE, sizeof(float));
  s->images = g_array_new(FALSE, FALSE, sizeof(ofd_image));
  return s;
}

void ofd_sink_free(ofd_sink *s) {
  if (!s) return;
  for (guint i = 0; i < s->images->len; i++) g_free(g_array_index(s->images, ofd_image, i).part);
  g_array_free(s->glyphs, TRUE);
  g_array_free(s->turns, TRUE);
  g_array_free(s->rules, TRUE);
  g_array_free(s->shapes, TRUE);
  g_array_free(s->pts, TRUE);
  g_array_free(s->images, TRUE);
  g_free(s);
}

static void add_rules(ofd_sink *to, const ofd_sink *from, const ofd_mat *m, double k) {
  for (guint i = 0; i < from->rules->len; i++) {
    dx_rule r = g_array_index(from->rules, dx_rule, i);
    double x0, y0, x1, y1;
    ofd_mat_apply(m, r.x0, r.y0, &x0, &y0);
    ofd_mat_apply(m, r.x1, r.y1, &x1, &y1);
    /* still along an axis after the map (a turn by 90 degrees swaps them) */
    if (fabs(x1 - x0) < 1e-3)
      r = (dx_rule){(float)x0, (float)MIN(y0, y1), (float)x0, (float)MAX(y0, y1), r.width};
    else if (fabs(y1 - y0) < 1e-3)
      r = (dx_rule){(float)MIN(x0, x1), (float)y0, (float)MAX(x0, x1), (float)y0, r.width};
    else
      continue;
    r.width = (float)(r.width * k);
    g_array_append_val(to->rules, r);
  }
}

void ofd_sink_add(ofd_sink *to, const ofd_sink *from, const ofd_mat *m) {
  double k = ofd_mat_scale(m);
  for (guint i = 0; i < from->glyphs->len; i++) {
    dx_glyph g = g_array_index(from->glyphs, dx_glyph, i);
    ofd_box_map(g.box, m);
    g.size = (float)(g.size * k);
    g_array_append_val(to->glyphs, g);
  }
  g_array_append_vals(to->turns, from->turns->data, from->turns->len);
  add_rules(to, from, m, k);
  if (to->pts->len + from->pts->len <= OFD_MAX_SHAPE_POINTS) {
    guint base = to->pts->len / 2;
    for (guint i = 0; i + 1 < from->pts->len; i += 2) {
      double x, y;
      ofd_mat_apply(m, g_array_index(from->pts, float, i), g_array_index(from->pts, float, i + 1),
                    &x, &y);
      float xy[2] = {(float)x, (float)y};
      g_array_append_vals(to->pts, xy, 2);
    }
    for (guint i = 0; i < from->shapes->len; i++) {
      ofd_shape sh = g_array_index(from->shapes, ofd_shape, i);
      sh.first += base;
      sh.width = (float)(sh.width * k);
      g_array_append_val(to->shapes, sh);
    }
  }
  for (guint i = 0; i < from->images->len; i++) {
    ofd_image im = g_array_index(from->images, ofd_image, i);
    im.part = g_strdup(im.part);
    im.m = ofd_mat_mul(&im.m, m);
    g_array_append_val(to->images, im);
  }
  to->invisible += from->invisible;
}

bool ofd_object_map(ofd_xml *x, const ofd_mat *parent, ofd_mat *out) {
  double b[4] = {0}, c[6];
  /* Boundary is required; a producer that leaves it out places the
   * object at the origin of its parent */
  const char *bs = ofd_xml_attr(x, "Boundary"), *cs = ofd_xml_attr(x, "CTM");
  if (bs && ofd_numbers(bs, b, 4) < 2) return false;
  ofd_mat m = OFD_IDENTITY;
  if (cs) {
    if (ofd_numbers(cs, c, 6) != 6) return false;
    m = (ofd_mat){c[0], c[1], c[2], c[3], c[4], c[5]};
    for (int i = 0; i < 6; i++)
      if (fabs(c[i]) > OFD_ABSURD) return false;
  }
  if (fabs(b[0]) > OFD_ABSURD || fabs(b[1]) > OFD_ABSURD) return false;
  ofd_mat at = {1, 0, 0, 1, b[0], b[1]};
  m = ofd_mat_mul(&m, &at);
  *out = ofd_mat_mul(&m, parent);
  return true;
}

/* Whether a Visible attribute says the object is hidden. */
bool ofd_hidden(ofd_xml *x) {
  const char *v = ofd_xml_attr(x, "Visible");
  while (v && g_ascii_isspace(*v)) v++;
  return v && g_ascii_strncasecmp(v, "false", 5) == 0;
}

bool ofd_flag(ofd_xml *x, const char *name, bool def) {
  const char *v = ofd_xml_attr(x, name);
  while (v && g_ascii_isspace(*v)) v++;
  if (!v || !*v) return def;
  return g_ascii_strncasecmp(v, "true", 4) == 0 || *v == '1';
}

/* Drawing defaults a layer gives its objects (its DrawParam). */
typedef struct layer_defaults {
  double line_width; /* mm, < 0: the standard's */
  int stroke_grey, fill_grey;
} layer_defaults;

static dx_code image_object(ofd_ctx *ctx, ofd_xml *x, const ofd_mat *m, ofd_sink *out,
                            dx_error *err) {
  ofd_mat at;
  const char *rid = ofd_xml_attr(x, "ResourceID");
  char *id = rid ? g_strstrip(g_strdup(rid)) : NULL;
  const char *part = id ? g_hash_table_lookup(ctx->res.media, id) : NULL;
  if (part && !ofd_hidden(x) && ofd_object_map(x, m, &at)) {
    ofd_image im = {g_strdup(part), at};
    g_array_append_val(out->images, im);
  }
  g_free(id);
  return ofd_xml_skip(x, err);
}

static dx_code composite_object(ofd_ctx *ctx, ofd_xml *x, const ofd_mat *m, ofd_sink *out,
                                dx_error *err) {
  ofd_mat at;
  const char *rid = ofd_xml_attr(x, "ResourceID");
  char *id = rid ? g_strstrip(g_strdup(rid)) : NULL;
  const ofd_sink *unit = id ? g_hash_table_lookup(ctx->res.composites, id) : NULL;
  if (unit && !ofd_hidden(x) && ofd_object_map(x, m, &at)) ofd_sink_add(out, unit, &at);
  g_free(id);
  return ofd_xml_skip(x, err);
}

static dx_code draw_objects(ofd_ctx *ctx, ofd_xml *x, const ofd_mat *m, layer_defaults ld,
                            ofd_sink *out, dx_error *err) {
  for (;;) {
    ofd_xev ev = ofd_xml_next(x, err);
    if (ev == OFD_X_END) return DX_OK;
    if (ev == OFD_X_ERROR) return ofd_xml_error(x);
    if (ev == OFD_X_DONE)
      return dx_error_set(err, DX_EFORMAT, "%s ends inside an element", ofd_xml_part(x));
    if (ev != OFD_X_START) continue;
    dx_code rc;
    if (ofd_xml_is(x, "Layer") || ofd_xml_is(x, "PageBlock")) {
      layer_defaults inner = ld;
      const char *dp = ofd_xml_attr(x, "DrawParam");
      if (dp) {
        char *id = g_strstrip(g_strdup(dp));
        ofd_param_apply(ctx, id, &inner.line_width, &inner.stroke_grey, &inner.fill_grey);
        g_free(id);
      }
      rc = ofd_hidden(x) ? ofd_xml_skip(x, err) : draw_objects(ctx, x, m, inner, out, err);
    } else if (ofd_xml_is(x, "TextObject")) {
      rc = ofd_text_object(ctx, x, m, ld.fill_grey, out, err);
    } else if (ofd_xml_is(x, "PathObject")) {
      rc = ofd_path_object(ctx, x, m, ld.line_width, ld.stroke_grey, out, err);
    } else if (ofd_xml_is(x, "ImageObject")) {
      rc = image_object(ctx, x, m, out, err);
    } else if (ofd_xml_is(x, "CompositeObject")) {
      rc = composite_object(ctx, x, m, out, err);
    } else {
      rc = ofd_xml_skip(x, err);
    }
    if (rc != DX_OK) return rc;
  }
}

dx_code ofd_draw_objects(ofd_ctx *ctx, ofd_xml *x, const ofd_mat *m, ofd_sink *out, dx_error *err) {
  layer_defaults ld = {-1, -1, -1};
  return draw_objects(ctx, x, m, ld, out, err);
}

/* A template a page names, drawn once (into t->drawn) and placed. */
static dx_code place_template(ofd_ctx *ctx, const char *id, ofd_sink *out, dx_error *err) {
  ofd_tpl *t = ctx->cur ? g_hash_table_lookup(ctx->cur->tpls, id) : NULL;
  if (!t) {
    dx_doc_warn(ctx->doc, "ofd_template_missing", ctx->pageno,
                "page %d: template page %s is not in the document", ctx->pageno, id);
    return DX_OK;
  }
  if (t->state == 1 || ctx->nest >= OFD_MAX_NEST) {
    dx_doc_warn(ctx->doc, "ofd_cycle", ctx->pageno,
                "page %d: template page %s is drawn inside itself (or %d deep); drawn once",
                ctx->pageno, id, OFD_MAX_NEST);
    return DX_OK;
  }
  if (t->state == 0) {
    t->state = 1;
    t->drawn = ofd_sink_new();
    double area[4];
    bool has = false;
    ctx->nest++;
    dx_code rc = ofd_draw_page(ctx, t->part, t->drawn, area, &has, err);
    ctx->nest--;
    t->state = 2;
    if (rc != DX_OK) return rc;
  }
  ofd_sink_add(out, t->drawn, &OFD_IDENTITY);
  return DX_OK;
}

/* A page's Template element: the template's ID, and whether it goes over
 * the page (the page's ZOrder, else the template page's own). */
typedef struct tpl_use {
  char *id;
  int front; /* -1: as the template page says */
} tpl_use;

static dx_code place_templates(ofd_ctx *ctx, GArray *uses, bool front, ofd_sink *out,
                               dx_error *err) {
  dx_code rc = DX_OK;
  for (guint i = 0; i < uses->len && rc == DX_OK; i++) {
    tpl_use *u = &g_array_index(uses, tpl_use, i);
    const ofd_tpl *t = ctx->cur ? g_hash_table_lookup(ctx->cur->tpls, u->id) : NULL;
    bool is_front = u->front >= 0 ? u->front == 1 : (t && t->front);
    if (is_front == front) rc = place_template(ctx, u->id, out, err);
  }
  return rc;
}

/* The page part's elements: templates named, page resources, area,
 * content. */
static dx_code read_page(ofd_ctx *ctx, ofd_xml *x, const char *part, GArray *uses, ofd_sink *body,
                         double area[4], bool *has_area, dx_error *err) {
  dx_code rc = DX_OK;
  bool in_area = false;
  for (ofd_xev ev; rc == DX_OK && (ev = ofd_xml_next(x, err)) != OFD_X_DONE;) {
    if (ev == OFD_X_ERROR) rc = ofd_xml_error(x);
    if (ev == OFD_X_END && ofd_xml_is(x, "Area")) in_area = false;
    if (ev != OFD_X_START) continue;
    if (ofd_xml_is(x, "Area")) {
      in_area = true;
    } else if (ofd_xml_is(x, "Template")) {
      const char *id = ofd_xml_attr(x, "TemplateID"), *z = ofd_xml_attr(x, "ZOrder");
      tpl_use u = {g_strstrip(g_strdup(id ? id : "")),
                   z ? g_ascii_strcasecmp(z, "Foreground") == 0 : -1};
      g_array_append_val(uses, u);
    } else if (ofd_xml_is(x, "PageRes") || (in_area && ofd_xml_is(x, "PhysicalBox"))) {
      bool box = ofd_xml_is(x, "PhysicalBox");
      char *t = ofd_xml_read_text(x, err);
      if (!t) rc = ofd_xml_error(x);
      if (t && box) *has_area = ofd_numbers(t, area, 4) == 4;
      if (t && !box) {
        char *res = ofd_pkg_find(ctx->pkg, part, ctx->cur ? ctx->cur->root : NULL, t);
        rc = ofd_res_load(ctx, res, err);
        g_free(res);
      }
      g_free(t);
    } else if (ofd_xml_is(x, "Content")) {
      rc = ofd_draw_objects(ctx, x, &OFD_IDENTITY, body, err);
    } else if (ofd_xml_is(x, "Actions")) {
      rc = ofd_xml_skip(x, err);
    }
  }
  return rc;
}

dx_code ofd_draw_page(ofd_ctx *ctx, const char *part, ofd_sink *out, double area[4], bool *has_area,
                      dx_error *err) {
  *has_area = false;
  uint8_t *buf = NULL;
  size_t len = 0;
  dx_error why = {0};
  if (part && !ofd_pkg_again(ctx->pkg, part)) {
    dx_doc_warn(ctx->doc, "ofd_part_repeated", 0,
                "%s is named by too many pages; drawn only the first times", part);
    return DX_OK;
  }
  dx_code rc = part ? ofd_pkg_read(ctx->pkg, part, 0, &buf, &len, &why) : DX_EFORMAT;
  if (rc == DX_EFORMAT) { /* the page is missing: empty, the others still read */
    dx_doc_warn(ctx->doc, "ofd_part_missing", ctx->pageno, "page %d: %s", ctx->pageno,
                part ? why.message
                     : "no content part (its BaseLoc is missing or leaves the package)");
    return DX_OK;
  }
  if (rc != DX_OK) {
    *err = why;
    return rc;
  }
  ofd_xml *x = NULL;
  GArray *uses = g_array_new(FALSE, FALSE, sizeof(tpl_use));
  ofd_sink *body = ofd_sink_new();
  rc = ofd_xml_open(&x, buf, len, part, ctx->lim, err);
  if (rc == DX_OK) rc = read_page(ctx, x, part, uses, body, area, has_area, err);
  ofd_xml_close(x);
  g_free(buf);
  /* under the page, the page, over it */
  if (rc == DX_OK) rc = place_templates(ctx, uses, false, out, err);
  if (rc == DX_OK) ofd_sink_add(out, body, &OFD_IDENTITY);
  if (rc == DX_OK) rc = place_templates(ctx, uses, true, out, err);
  for (guint i = 0; i < uses->len; i++) g_free(g_array_index(uses, tpl_use, i).id);
  g_array_free(uses, TRUE);
  ofd_sink_free(body);
  return rc;
}
