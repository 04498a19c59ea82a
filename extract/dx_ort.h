/* dx_ort.h — running an ONNX model with ONNX Runtime, loaded at run time
 * (ort.c). Internal to stage one: the OCR engine (ppocr.c) is its only
 * user. */
#ifndef DX_ORT_H
#define DX_ORT_H

#include "dx_extract.h"

#include <stdint.h>

/* The highest output rank dx_ort_run accepts. */
#define DX_ORT_MAX_RANK 8

typedef struct dx_ort_model dx_ort_model;

/* Loads the runtime library `lib` once per process (later calls return
 * what the first did). False with DX_EUNSUPPORTED when it is missing or
 * is not ONNX Runtime. */
bool dx_ort_load(const char *lib, dx_error *err);

/* How far ONNX Runtime rewrites a model's graph (its
 * GraphOptimizationLevel values). ALL adds the layout changes (NCHWc:
 * channels in blocks of 8 or 16) to EXTENDED's fusions. */
typedef enum dx_ort_opt { DX_ORT_OPT_EXTENDED = 2, DX_ORT_OPT_ALL = 99 } dx_ort_opt;

/* A model from an .onnx file, optimized to `opt`, run on one thread;
 * NULL with DX_EUNSUPPORTED when it cannot be loaded. */
dx_ort_model *dx_ort_open(const char *path, dx_ort_opt opt, dx_error *err);
void dx_ort_close(dx_ort_model *m);

/* Runs the model's first output on one float tensor `in` of `shape`;
 * returns the output (g_free it) with its shape, or NULL with err set. */
float *dx_ort_run(dx_ort_model *m, const float *in, const int64_t *shape, size_t rank,
                  int64_t *out_shape, size_t *out_rank, dx_error *err);

#endif
