/* ort.c — the few ONNX Runtime C API entries declx calls.
 *
 * No Debian or npm package ships onnxruntime_c_api.h, and declx must
 * build without the runtime: the library is loaded with dlopen the first
 * time a scan needs it. Its C API is one table of function pointers,
 * OrtApi, reached through the exported OrtGetApiBase(). The table only
 * ever grows at its end, so an entry's position is fixed from the version
 * that added it on. The positions below are those of
 * onnxruntime_c_api.h (API version 1, all present since ONNX Runtime
 * 1.0); the types are opaque pointers and the few enum values declx
 * passes. Nothing else in declx sees ONNX Runtime.
 */
#include "dx_ort.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct OrtStatus OrtStatus;
typedef struct OrtEnv OrtEnv;
typedef struct OrtSession OrtSession;
typedef struct OrtSessionOptions OrtSessionOptions;
typedef struct OrtMemoryInfo OrtMemoryInfo;
typedef struct OrtValue OrtValue;
typedef struct OrtAllocator OrtAllocator;
typedef struct OrtTensorTypeAndShapeInfo OrtTensorTypeAndShapeInfo;

typedef struct OrtApiBase {
  const void *(*get_api)(uint32_t version);
  const char *(*version_string)(void);
} OrtApiBase;

/* The API version asked for: every entry below is in version 1. */
#define ORT_API_VERSION_USED 1

/* Positions in OrtApi (onnxruntime_c_api.h, in declaration order). */
enum {
  ORT_GET_ERROR_MESSAGE = 2,
  ORT_CREATE_ENV = 3,
  ORT_CREATE_SESSION = 7,
  ORT_RUN = 9,
  ORT_CREATE_SESSION_OPTIONS = 10,
  ORT_DISABLE_CPU_MEM_ARENA = 19,
  ORT_SET_SESSION_LOG_SEVERITY_LEVEL = 22,
  ORT_SET_SESSION_GRAPH_OPTIMIZATION_LEVEL = 23,
  ORT_SET_INTRA_OP_NUM_THREADS = 24,
  ORT_SET_INTER_OP_NUM_THREADS = 25,
  ORT_SESSION_GET_INPUT_NAME = 36,
  ORT_SESSION_GET_OUTPUT_NAME = 37,
  ORT_CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE = 49,
  ORT_GET_TENSOR_MUTABLE_DATA = 51,
  ORT_GET_DIMENSIONS_COUNT = 61,
  ORT_GET_DIMENSIONS = 62,
  ORT_GET_TENSOR_TYPE_AND_SHAPE = 65,
  ORT_CREATE_CPU_MEMORY_INFO = 69,
  ORT_ALLOCATOR_FREE = 76,
  ORT_GET_ALLOCATOR_WITH_DEFAULT_OPTIONS = 78,
  ORT_RELEASE_ENV = 92,
  ORT_RELEASE_STATUS = 93,
  ORT_RELEASE_MEMORY_INFO = 94,
  ORT_RELEASE_SESSION = 95,
  ORT_RELEASE_VALUE = 96,
  ORT_RELEASE_TENSOR_TYPE_AND_SHAPE_INFO = 99,
  ORT_RELEASE_SESSION_OPTIONS = 100
};

/* Enum values used: OrtLoggingLevel ORT_LOGGING_LEVEL_FATAL,
 * GraphOptimizationLevel ORT_ENABLE_EXTENDED and ORT_ENABLE_ALL (the
 * values of enum dx_ort_opt), OrtAllocatorType
 * OrtDeviceAllocator, OrtMemType OrtMemTypeDefault,
 * ONNXTensorElementDataType ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT. */
#define ORT_LOGGING_LEVEL_FATAL 4
#define ORT_DEVICE_ALLOCATOR 0
#define ORT_MEM_TYPE_DEFAULT 0
#define ORT_TENSOR_FLOAT 1

static void *const *api; /* the OrtApi table */
static OrtEnv *env;
static OrtMemoryInfo *cpu;
static char load_error[512];

#define F(index, type) ((type)api[index])

typedef const char *(*get_error_message_fn)(const OrtStatus *);
typedef void (*release_fn)(void *);

/* The status's message into err (DX_EUNSUPPORTED: the runtime or model is
 * not usable), releasing the status; true when there was none. */
static bool ok(OrtStatus *st, const char *what, dx_error *err) {
  if (!st) return true;
  const char *m = F(ORT_GET_ERROR_MESSAGE, get_error_message_fn)(st);
  dx_error_set(err, DX_EUNSUPPORTED, "ONNX Runtime: %s: %s", what, m ? m : "failed");
  F(ORT_RELEASE_STATUS, release_fn)(st);
  return false;
}

bool dx_ort_load(const char *lib, dx_error *err) {
  if (api) return true;
  if (load_error[0]) {
    dx_error_set(err, DX_EUNSUPPORTED, "%s", load_error);
    return false;
  }
  void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
  const OrtApiBase *(*get_base)(void) = NULL;
  if (h) *(void **)(&get_base) = dlsym(h, "OrtGetApiBase");
  const OrtApiBase *base = get_base ? get_base() : NULL;
  void *const *table = base ? base->get_api(ORT_API_VERSION_USED) : NULL;
  if (!table) {
    snprintf(load_error, sizeof load_error, "ONNX Runtime is not installed (%s: %s)", lib,
             h ? "not an ONNX Runtime library" : "cannot be loaded");
    if (h) dlclose(h);
    dx_error_set(err, DX_EUNSUPPORTED, "%s", load_error);
    return false;
  }
  api = table;
  typedef OrtStatus *(*create_env_fn)(int, const char *, OrtEnv **);
  typedef OrtStatus *(*create_cpu_fn)(int, int, OrtMemoryInfo **);
  if (!ok(F(ORT_CREATE_ENV, create_env_fn)(ORT_LOGGING_LEVEL_FATAL, "declx", &env), "environment",
          err) ||
      !ok(F(ORT_CREATE_CPU_MEMORY_INFO, create_cpu_fn)(ORT_DEVICE_ALLOCATOR, ORT_MEM_TYPE_DEFAULT,
                                                       &cpu),
          "memory info", err)) {
    snprintf(load_error, sizeof load_error, "%s", err->message);
    api = NULL;
    return false;
  }
  return true; /* the library stays loaded for the process's life */
}

struct dx_ort_model {
  OrtSession *session;
  char *input, *output; /* the model's first input and output names */
};

/* A name the session allocated, copied with g_strdup. */
static char *io_name(OrtSession *s, bool output, dx_error *err) {
  typedef OrtStatus *(*get_alloc_fn)(OrtAllocator **);
  typedef OrtStatus *(*get_name_fn)(const OrtSession *, size_t, OrtAllocator *, char **);
  typedef OrtStatus *(*alloc_free_fn)(OrtAllocator *, void *);
  OrtAllocator *al = NULL;
  char *name = NULL;
  if (!ok(F(ORT_GET_ALLOCATOR_WITH_DEFAULT_OPTIONS, get_alloc_fn)(&al), "allocator", err) ||
      !ok(F(output ? ORT_SESSION_GET_OUTPUT_NAME : ORT_SESSION_GET_INPUT_NAME,
            get_name_fn)(s, 0, al, &name),
          "model input/output name", err))
    return NULL;
  char *copy = g_strdup(name);
  OrtStatus *st = F(ORT_ALLOCATOR_FREE, alloc_free_fn)(al, name);
  if (st) F(ORT_RELEASE_STATUS, release_fn)(st);
  return copy;
}

dx_ort_model *dx_ort_open(const char *path, dx_ort_opt opt, dx_error *err) {
  if (!api) {
    dx_error_set(err, DX_EUNSUPPORTED, "ONNX Runtime is not loaded");
    return NULL;
  }
  typedef OrtStatus *(*create_opts_fn)(OrtSessionOptions **);
  typedef OrtStatus *(*opts_int_fn)(OrtSessionOptions *, int);
  typedef OrtStatus *(*opts_fn)(OrtSessionOptions *);
  typedef OrtStatus *(*create_session_fn)(const OrtEnv *, const char *, const OrtSessionOptions *,
                                          OrtSession **);
  OrtSessionOptions *o = NULL;
  if (!ok(F(ORT_CREATE_SESSION_OPTIONS, create_opts_fn)(&o), "session options", err)) return NULL;
  /* one thread per model: a batch scales by worker processes; no memory
   * arena, so that a page's tensors go back to the system after it */
  bool set = ok(F(ORT_SET_INTRA_OP_NUM_THREADS, opts_int_fn)(o, 1), "threads", err) &&
             ok(F(ORT_SET_INTER_OP_NUM_THREADS, opts_int_fn)(o, 1), "threads", err) &&
             ok(F(ORT_SET_SESSION_GRAPH_OPTIMIZATION_LEVEL, opts_int_fn)(o, (int)opt),
                "optimization level", err) &&
             ok(F(ORT_SET_SESSION_LOG_SEVERITY_LEVEL, opts_int_fn)(o, ORT_LOGGING_LEVEL_FATAL),
                "log level", err) &&
             ok(F(ORT_DISABLE_CPU_MEM_ARENA, opts_fn)(o), "memory arena", err);
  OrtSession *s = NULL;
  if (set) {
    OrtStatus *st = F(ORT_CREATE_SESSION, create_session_fn)(env, path, o, &s);
    if (st) {
      ok(st, path, err);
      s = NULL;
    }
  }
  F(ORT_RELEASE_SESSION_OPTIONS, release_fn)(o);
  if (!s) return NULL;
  dx_ort_model *m = g_new0(dx_ort_model, 1);
  m->session = s;
  m->input = io_name(s, false, err);
  m->output = m->input ? io_name(s, true, err) : NULL;
  if (!m->output) {
    dx_ort_close(m);
    return NULL;
  }
  return m;
}

void dx_ort_close(dx_ort_model *m) {
  if (!m) return;
  if (m->session) F(ORT_RELEASE_SESSION, release_fn)(m->session);
  g_free(m->input);
  g_free(m->output);
  g_free(m);
}

float *dx_ort_run(dx_ort_model *m, const float *in, const int64_t *shape, size_t rank,
                  int64_t *out_shape, size_t *out_rank, dx_error *err) {
  typedef OrtStatus *(*create_tensor_fn)(const OrtMemoryInfo *, void *, size_t, const int64_t *,
                                         size_t, int, OrtValue **);
  typedef OrtStatus *(*run_fn)(OrtSession *, const void *, const char *const *,
                               const OrtValue *const *, size_t, const char *const *, size_t,
                               OrtValue **);
  typedef OrtStatus *(*type_shape_fn)(const OrtValue *, OrtTensorTypeAndShapeInfo **);
  typedef OrtStatus *(*dims_count_fn)(const OrtTensorTypeAndShapeInfo *, size_t *);
  typedef OrtStatus *(*dims_fn)(const OrtTensorTypeAndShapeInfo *, int64_t *, size_t);
  typedef OrtStatus *(*data_fn)(OrtValue *, void **);
  size_t n = 1;
  for (size_t i = 0; i < rank; i++) n *= (size_t)shape[i];
  OrtValue *x = NULL, *y = NULL;
  if (!ok(F(ORT_CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE,
            create_tensor_fn)(cpu, (void *)in, n * sizeof *in, shape, rank, ORT_TENSOR_FLOAT, &x),
          "input tensor", err))
    return NULL;
  const char *in_names[] = {m->input}, *out_names[] = {m->output};
  const OrtValue *inputs[] = {x};
  bool good = ok(F(ORT_RUN, run_fn)(m->session, NULL, in_names, inputs, 1, out_names, 1, &y),
                 "inference", err);
  F(ORT_RELEASE_VALUE, release_fn)(x);
  float *result = NULL;
  OrtTensorTypeAndShapeInfo *info = NULL;
  size_t r = 0;
  void *data = NULL;
  if (good && ok(F(ORT_GET_TENSOR_TYPE_AND_SHAPE, type_shape_fn)(y, &info), "output shape", err)) {
    if (ok(F(ORT_GET_DIMENSIONS_COUNT, dims_count_fn)(info, &r), "output rank", err) &&
        r <= DX_ORT_MAX_RANK &&
        ok(F(ORT_GET_DIMENSIONS, dims_fn)(info, out_shape, r), "output dimensions", err) &&
        ok(F(ORT_GET_TENSOR_MUTABLE_DATA, data_fn)(y, &data), "output data", err)) {
      size_t k = 1;
      for (size_t i = 0; i < r; i++) k *= out_shape[i] > 0 ? (size_t)out_shape[i] : 0;
      result = g_memdup2(data, k * sizeof(float));
      *out_rank = r;
    } else if (r > DX_ORT_MAX_RANK) {
      dx_error_set(err, DX_EUNSUPPORTED, "ONNX Runtime: the model's output has rank %zu", r);
    }
    F(ORT_RELEASE_TENSOR_TYPE_AND_SHAPE_INFO, release_fn)(info);
  }
  if (y) F(ORT_RELEASE_VALUE, release_fn)(y);
  return result;
}
