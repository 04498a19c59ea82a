/* ofd_path.c — a PathObject's outline (GB/T 33190 §9.3) as ruling lines.
 *
 * AbbreviatedData is a list of commands with their numbers: S or M x y
 * (a new subpath), L x y (a line), Q x1 y1 x y and B x1 y1 x2 y2 x y
 * (curves), A rx ry angle large sweep x y (an arc), C (close). A table's
 * borders need no rendering: a stroked line along an axis is a ruling
 * line as drawn (its width the stroke's), and so is a filled rectangle
 * thin enough to be one (as lines.c finds them on a PDF's rendering:
 * up to MAX_RULE_MM thick, twice as long as thick). Curves are kept only
 * as shapes, for rendering the page's graphics when pixels are needed
 * (a tick in a checkbox, a page read by OCR); strokes and fills of
 * white (or near it) draw nothing and are dropped.
 */
#include "ofd_int.h"

#include <math.h>
#include <string.h>

/* The standard's default line width (mm). */
#define DEFAULT_LINE_MM 0.353
/* Thinnest width taken for a stroke (a width of 0 is one device pixel). */
#define HAIRLINE_MM 0.1
/* Shortest ruling line (a checkbox's side is 5 pt = 1.8 mm). */
#define MIN_RULE_MM 1.5
/* Thickest ruling line (lines.c's MAX_RULE_PT, 6.5 pt). */
#define MAX_RULE_MM 2.3
/* How far (mm) a line may stray from an axis and still be along it. */
#define AXIS_MM 0.1
/* Ink darker than this grey makes ruling lines (lines.c's DARK); lighter
 * than SHAPE_GREY draws nothing worth keeping. */
#define RULE_GREY 200
#define SHAPE_GREY 250
/* Pieces a curve is drawn with. */
#define CURVE_STEPS 8
/* Most numbers read from one AbbreviatedData. */
#define MAX_PATH_NUMBERS (1 << 22)

/* A subpath being read: its points (page mm) and which of its segments
 * are straight (segment i runs from point i to i + 1). */
typedef struct subpath {
  GArray *pts;      /* double x, y */
  GArray *straight; /* bool per segment */
  bool closed;
} subpath;

typedef struct path_state {
  ofd_mat m;
  double width; /* mm, in object space */
  bool stroke, fill;
  int stroke_grey, fill_grey;
} path_state;

static void put_point(subpath *sp, const ofd_mat *m, double x, double y, bool straight) {
  double px, py;
  ofd_mat_apply(m, x, y, &px, &py);
  double xy[2] = {px, py};
  if (sp->pts->len) g_array_append_val(sp->straight, straight);
  g_array_append_vals(sp->pts, xy, 2);
}

static void put_rule(ofd_sink *out, double x0, double y0, double x1, double y1, double width) {
  dx_rule r;
  if (fabs(y1 - y0) <= AXIS_MM && fabs(x1 - x0) >= MIN_RULE_MM)
    r = (dx_rule){(float)MIN(x0, x1), (float)((y0 + y1) / 2), (float)MAX(x0, x1),
                  (float)((y0 + y1) / 2), (float)width};
  else if (fabs(x1 - x0) <= AXIS_MM && fabs(y1 - y0) >= MIN_RULE_MM)
    r = (dx_rule){(float)((x0 + x1) / 2), (float)MIN(y0, y1), (float)((x0 + x1) / 2),
                  (float)MAX(y0, y1), (float)width};
  else
    return;
  g_array_append_val(out->rules, r);
}

/* A filled subpath that is a thin rectangle along the axes: its middle
 * line as a rule. */
static void thin_fill(ofd_sink *out, const subpath *sp) {
  size_t n = sp->pts->len / 2;
  const double *p = (const double *)(void *)sp->pts->data;
  if (n == 5 && fabs(p[0] - p[8]) < 1e-6 && fabs(p[1] - p[9]) < 1e-6) n = 4;
  if (n != 4) return;
  double x0 = p[0], x1 = p[0], y0 = p[1], y1 = p[1];
  for (size_t i = 1; i < 4; i++) {
    x0 = MIN(x0, p[2 * i]);
    x1 = MAX(x1, p[2 * i]);
    y0 = MIN(y0, p[2 * i + 1]);
    y1 = MAX(y1, p[2 * i + 1]);
  }
  /* every corner on the rectangle's corners */
  for (size_t i = 0; i < 4; i++) {
    bool cx = fabs(p[2 * i] - x0) <= AXIS_MM || fabs(p[2 * i] - x1) <= AXIS_MM;
    bool cy = fabs(p[2 * i + 1] - y0) <= AXIS_MM || fabs(p[2 * i + 1] - y1) <= AXIS_MM;
    if (!cx || !cy) return;
  }
  double w = x1 - x0, h = y1 - y0;
  if (h <= MAX_RULE_MM && w >= 2 * h && w >= MIN_RULE_MM)
    put_rule(out, x0, (y0 + y1) / 2, x1, (y0 + y1) / 2, MAX(h, HAIRLINE_MM));
  else if (w <= MAX_RULE_MM && h >= 2 * w && h >= MIN_RULE_MM)
    put_rule(out, (x0 + x1) / 2, y0, (x0 + x1) / 2, y1, MAX(w, HAIRLINE_MM));
}

/* A finished subpath: its rules, and its shape. */
static void end_subpath(ofd_sink *out, const path_state *ps, subpath *sp) {
  guint n = sp->pts->len / 2;
  const double *p = (const double *)(void *)sp->pts->data;
  double k = ofd_mat_scale(&ps->m), lw = MAX(ps->width * k, HAIRLINE_MM);
  bool stroke = ps->stroke && ps->stroke_grey < SHAPE_GREY;
  bool fill = ps->fill && ps->fill_grey < SHAPE_GREY && n >= 3;
  if (n >= 2 && stroke && ps->stroke_grey < RULE_GREY) {
    for (size_t i = 0; i + 1 < n; i++)
      if (g_array_index(sp->straight, bool, i))
        put_rule(out, p[2 * i], p[2 * i + 1], p[2 * i + 2], p[2 * i + 3], lw);
    if (sp->closed) put_rule(out, p[2 * (size_t)n - 2], p[2 * (size_t)n - 1], p[0], p[1], lw);
  }
  if (fill && ps->fill_grey < RULE_GREY) thin_fill(out, sp);
  for (int pass = 0; pass < 2 && n >= 2; pass++) {
    if (!(pass ? fill : stroke) || out->pts->len + 2 * n > OFD_MAX_SHAPE_POINTS) continue;
    ofd_shape sh = {.first = out->pts->len / 2,
                    .n = n,
                    .width = pass ? 0 : (float)lw,
                    .grey = (uint8_t)(pass ? ps->fill_grey : ps->stroke_grey),
                    .closed = sp->closed || pass};
    for (guint i = 0; i < 2 * n; i++) {
      float f = (float)p[i];
      g_array_append_val(out->pts, f);
    }
    g_array_append_val(out->shapes, sh);
  }
  g_array_set_size(sp->pts, 0);
  g_array_set_size(sp->straight, 0);
  sp->closed = false;
}

/* The numbers a command takes. */
static int arity(char c) {
  switch (c) {
  case 'S':
  case 'M':
  case 'L':
    return 2;
  case 'Q':
    return 4;
  case 'B':
    return 6;
  case 'A':
    return 7;
  default:
    return 0;
  }
}

/* One command with its numbers v (object space); (*cx, *cy) is the
 * current point. */
static void command(ofd_sink *out, const path_state *ps, subpath *sp, char c, const double *v,
                    double *cx, double *cy, double *sx, double *sy) {
  const ofd_mat *m = &ps->m;
  if (c == 'S' || c == 'M') {
    if (sp->pts->len) end_subpath(out, ps, sp);
    *sx = *cx = v[0];
    *sy = *cy = v[1];
    put_point(sp, m, v[0], v[1], true);
    return;
  }
  if (!sp->pts->len) put_point(sp, m, *cx, *cy, true); /* drawing from the current point */
  if (c == 'L') {
    put_point(sp, m, v[0], v[1], true);
  } else if (c == 'Q' || c == 'B') {
    for (int i = 1; i <= CURVE_STEPS; i++) {
      double t = (double)i / CURVE_STEPS, u = 1 - t, x, y;
      if (c == 'Q') {
        x = u * u * *cx + 2 * u * t * v[0] + t * t * v[2];
        y = u * u * *cy + 2 * u * t * v[1] + t * t * v[3];
      } else {
        x = u * u * u * *cx + 3 * u * u * t * v[0] + 3 * u * t * t * v[2] + t * t * t * v[4];
        y = u * u * u * *cy + 3 * u * u * t * v[1] + 3 * u * t * t * v[3] + t * t * t * v[5];
      }
      put_point(sp, m, x, y, false);
    }
  } else if (c == 'A') { /* an arc, as the chord to its end: never a rule */
    put_point(sp, m, v[5], v[6], false);
  } else if (c == 'C') {
    sp->closed = true;
    end_subpath(out, ps, sp);
    *cx = *sx;
    *cy = *sy;
    return;
  }
  int k = arity(c);
  *cx = v[k - 2];
  *cy = v[k - 1];
}

/* Reads AbbreviatedData into rules and shapes. A number where a command
 * is expected repeats the last command (as SVG's paths do). */
static void abbreviated(ofd_sink *out, const path_state *ps, const char *data) {
  subpath sp = {g_array_new(FALSE, FALSE, sizeof(double)), g_array_new(FALSE, FALSE, sizeof(bool)),
                false};
  double cx = 0, cy = 0, sx = 0, sy = 0, v[7];
  char cmd = 0;
  int nv = 0, count = 0;
  const char *p = data;
  while (*p && count < MAX_PATH_NUMBERS) {
    while (*p && (g_ascii_isspace(*p) || *p == ',')) p++;
    if (!*p) break;
    if (g_ascii_isalpha(*p) && *p != 'e' && *p != 'E') {
      cmd = g_ascii_toupper(*p++);
      nv = 0;
      if (cmd == 'C') command(out, ps, &sp, cmd, v, &cx, &cy, &sx, &sy);
      if (!arity(cmd)) cmd = 0;
      continue;
    }
    char *end = NULL;
    double d = g_ascii_strtod(p, &end);
    if (end == p) break; /* not a number: the rest is not read */
    p = end;
    count++;
    if (!cmd || !isfinite(d) || fabs(d) > 1e6) break;
    v[nv++] = d;
    if (nv == arity(cmd)) {
      command(out, ps, &sp, cmd, v, &cx, &cy, &sx, &sy);
      nv = 0;
      if (cmd == 'S' || cmd == 'M') cmd = 'L';
    }
  }
  if (sp.pts->len) end_subpath(out, ps, &sp);
  g_array_free(sp.pts, TRUE);
  g_array_free(sp.straight, TRUE);
}

dx_code ofd_path_object(ofd_ctx *ctx, ofd_xml *x, const ofd_mat *parent, double layer_width,
                        int layer_stroke, ofd_sink *out, dx_error *err) {
  path_state ps = {.width = layer_width >= 0 ? layer_width : DEFAULT_LINE_MM,
                   .stroke_grey = layer_stroke >= 0 ? layer_stroke : 0};
  bool draw = !ofd_hidden(x) && ofd_object_map(x, parent, &ps.m);
  ps.stroke = ofd_flag(x, "Stroke", true);
  ps.fill = ofd_flag(x, "Fill", false);
  const char *dp = ofd_xml_attr(x, "DrawParam");
  if (dp) {
    char *id = g_strstrip(g_strdup(dp));
    ofd_param_apply(ctx, id, &ps.width, &ps.stroke_grey, &ps.fill_grey);
    g_free(id);
  }
  double lw;
  if (ofd_numbers(ofd_xml_attr(x, "LineWidth"), &lw, 1) == 1 && lw >= 0 && lw < 1e4) ps.width = lw;
  dx_code rc = DX_OK;
  char *data = NULL;
  for (ofd_xev ev; rc == DX_OK && (ev = ofd_xml_next(x, err)) != OFD_X_END;) {
    if (ev == OFD_X_ERROR || ev == OFD_X_DONE) rc = ofd_xml_error(x);
    if (ev != OFD_X_START) continue;
    int grey;
    if (ofd_xml_is(x, "StrokeColor")) {
      rc = ofd_colour(ctx, x, &grey, err);
      if (grey >= 0) ps.stroke_grey = grey;
    } else if (ofd_xml_is(x, "FillColor")) {
      rc = ofd_colour(ctx, x, &grey, err);
      if (grey >= 0) ps.fill_grey = grey;
    } else if (ofd_xml_is(x, "AbbreviatedData") && !data) {
      data = ofd_xml_read_text(x, err);
      if (!data) rc = ofd_xml_error(x);
    } else {
      rc = ofd_xml_skip(x, err);
    }
  }
  if (rc == DX_OK && draw && data) abbreviated(out, &ps, data);
  g_free(data);
  return rc;
}
