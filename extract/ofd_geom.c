/* ofd_geom.c — OFD's numbers and maps: the number lists its attributes
 * hold (Boundary, CTM, PhysicalBox, colours) and affine maps (CTM). */
#include "ofd_int.h"

#include <math.h>
#include <stdlib.h>

const ofd_mat OFD_IDENTITY = {1, 0, 0, 1, 0, 0};

ofd_mat ofd_mat_mul(const ofd_mat *m, const ofd_mat *n) {
  return (ofd_mat){.a = m->a * n->a + m->b * n->c,
                   .b = m->a * n->b + m->b * n->d,
                   .c = m->c * n->a + m->d * n->c,
                   .d = m->c * n->b + m->d * n->d,
                   .e = m->e * n->a + m->f * n->c + n->e,
                   .f = m->e * n->b + m->f * n->d + n->f};
}

void ofd_mat_apply(const ofd_mat *m, double x, double y, double *ox, double *oy) {
  *ox = m->a * x + m->c * y + m->e;
  *oy = m->b * x + m->d * y + m->f;
}

double ofd_mat_scale(const ofd_mat *m) {
  return sqrt(fabs(m->a * m->d - m->b * m->c));
}

int ofd_numbers(const char *s, double *v, int n) {
  int k = 0;
  const char *p = s;
  while (p && k < n) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ',') p++;
    if (!*p) break;
    char *end = NULL;
    double d = g_ascii_strtod(p, &end);
    if (end == p || !isfinite(d)) break;
    v[k++] = d;
    p = end;
  }
  return k;
}

/* A box (x0 y0 x1 y1) mapped by m: the box around its corners. */
void ofd_box_map(float *b, const ofd_mat *m) {
  double xs[4], ys[4];
  ofd_mat_apply(m, b[0], b[1], &xs[0], &ys[0]);
  ofd_mat_apply(m, b[2], b[1], &xs[1], &ys[1]);
  ofd_mat_apply(m, b[0], b[3], &xs[2], &ys[2]);
  ofd_mat_apply(m, b[2], b[3], &xs[3], &ys[3]);
  double x0 = xs[0], x1 = xs[0], y0 = ys[0], y1 = ys[0];
  for (int i = 1; i < 4; i++) {
    x0 = MIN(x0, xs[i]);
    x1 = MAX(x1, xs[i]);
    y0 = MIN(y0, ys[i]);
    y1 = MAX(y1, ys[i]);
  }
  b[0] = (float)x0;
  b[1] = (float)y0;
  b[2] = (float)x1;
  b[3] = (float)y1;
}
