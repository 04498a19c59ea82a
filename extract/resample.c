/* resample.c — a grey raster resampled to another size, as cairo draws a
 * scanned PDF's image onto a page (poppler renders it so): bilinear
 * between pixel centres when enlarging, the average of the pixels each
 * output pixel covers when shrinking, edges padded, no sharpening. An
 * image file's page is brought to OCR's resolution with it, so that it
 * reads as the same scan in a PDF does.
 */
#include "extract_int.h"

#include <math.h>

/* Which source pixels (first, count) and weights make output pixel i of
 * a row or column of n pixels resampled to dn. */
typedef struct taps {
  int *first, *count;
  float *w; /* per taps' worth for each output pixel */
  int per;
} taps;

static taps make_taps(int n, int dn) {
  double s = (double)dn / n;
  taps t = {g_new(int, (size_t)dn), g_new(int, (size_t)dn), NULL,
            s >= 1 ? 2 : (int)ceil(1 / s) + 1};
  t.w = g_new0(float, (size_t)dn *(size_t)t.per);
  for (int i = 0; i < dn; i++) {
    float *w = t.w + (size_t)i * (size_t)t.per;
    if (s >= 1) { /* bilinear between the centres around this one's */
      double c = (i + 0.5) / s - 0.5, f = c - floor(c);
      int i0 = (int)floor(c);
      t.first[i] = CLAMP(i0, 0, n - 1);
      t.count[i] = 2;
      w[0] = (float)(1 - f);
      w[1] = (float)f;
      if (i0 + 1 > n - 1 || i0 < 0) { /* padded: the edge pixel alone */
        t.count[i] = 1;
        w[0] = 1;
      }
      continue;
    }
    double a = i / s, b = MIN((i + 1) / s, (double)n); /* the span covered */
    int first = (int)floor(a), k = 0;
    for (int j = first; j < b && k < t.per; j++, k++)
      w[k] = (float)((MIN(j + 1.0, b) - MAX((double)j, a)) * s);
    t.first[i] = first;
    t.count[i] = k;
  }
  return t;
}

static void free_taps(taps *t) {
  g_free(t->first);
  g_free(t->count);
  g_free(t->w);
}

void dx_resample_grey(const uint8_t *src, int w, int h, int stride, uint8_t *dst, int dw, int dh) {
  taps tx = make_taps(w, dw), ty = make_taps(h, dh);
  float *mid = g_new(float, (size_t)dw *(size_t)h); /* rows resampled across */
  for (int y = 0; y < h; y++) {
    const uint8_t *row = src + (size_t)y * (size_t)stride;
    float *out = mid + (size_t)y * (size_t)dw;
    for (int x = 0; x < dw; x++) {
      const float *wt = tx.w + (size_t)x * (size_t)tx.per;
      float v = 0;
      for (int k = 0; k < tx.count[x]; k++) v += wt[k] * row[tx.first[x] + k];
      out[x] = v;
    }
  }
  for (int y = 0; y < dh; y++) {
    const float *wt = ty.w + (size_t)y * (size_t)ty.per;
    uint8_t *out = dst + (size_t)y * (size_t)dw;
    for (int x = 0; x < dw; x++) {
      float v = 0;
      for (int k = 0; k < ty.count[y]; k++)
        v += wt[k] * mid[(size_t)(ty.first[y] + k) * (size_t)dw + (size_t)x];
      out[x] = (uint8_t)CLAMP((int)(v + 0.5f), 0, 255);
    }
  }
  g_free(mid);
  free_taps(&tx);
  free_taps(&ty);
}
