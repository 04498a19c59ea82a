/* proc.c — stderr muted while a file is read, the heap trimmed between
 * files (proc.h).
 *
 * poppler's cairo font code prints some failures straight to stderr
 * ("some font thing failed"), outside its error callback and GLib's log,
 * so no handler can catch them; declx's stderr carries one line per bad
 * file ("declx: FILE: reason"), so the command line points stderr at
 * /dev/null while the library reads a file. In sanitizer builds the
 * sanitizers' reports are sent to the real stderr meanwhile
 * (__sanitizer_set_report_fd), so a report is never lost and poppler's
 * lines never show there either. The libFuzzer targets (tests/fuzz/) call
 * the library without this file: their stderr, where the fuzzer writes,
 * is left alone.
 */
#include "proc.h"

#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define DX_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define DX_SANITIZED 1
#endif
#endif
#ifdef DX_SANITIZED
#include <sanitizer/common_interface_defs.h>
#endif

int dx_proc_mute_stderr(void) {
  fflush(stderr);
  int saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
  int nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (saved < 0 || nul < 0) {
    if (saved >= 0) close(saved);
    if (nul >= 0) close(nul);
    return -1;
  }
#ifdef DX_SANITIZED
  __sanitizer_set_report_fd((void *)(intptr_t)saved);
#endif
  dup2(nul, STDERR_FILENO);
  close(nul);
  return saved;
}

void dx_proc_unmute_stderr(int saved) {
  if (saved < 0) return;
  dup2(saved, STDERR_FILENO);
#ifdef DX_SANITIZED
  __sanitizer_set_report_fd((void *)(intptr_t)STDERR_FILENO);
#endif
  close(saved);
}

void dx_proc_trim_heap(void *ctx) {
  (void)ctx;
  malloc_trim(0);
}

bool dx_proc_options(GOptionEntry *entries, int *argc, char ***argv, GError **error) {
  GOptionContext *oc = g_option_context_new(NULL);
  g_option_context_add_main_entries(oc, entries, NULL);
  g_option_context_set_help_enabled(oc, FALSE);
  bool ok = g_option_context_parse(oc, argc, argv, error);
  g_option_context_free(oc);
  return ok;
}
