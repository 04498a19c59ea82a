/* proc.h — what declx does to its own process around each input, which
 * the library never does behind its caller's back: stderr pointed away
 * while a file is read, and freed memory handed back between files; and
 * its commands' options, parsed one way. */
#ifndef DX_PROC_H
#define DX_PROC_H

#include <stdbool.h>

#include <glib.h>

/* Points stderr at /dev/null (after flushing it) and returns the real
 * stderr's saved descriptor, or -1 when nothing was changed. In sanitizer
 * builds the sanitizers' reports go to the real stderr meanwhile. */
int dx_proc_mute_stderr(void);
/* Puts back the stderr dx_proc_mute_stderr saved (-1: nothing to do). */
void dx_proc_unmute_stderr(int saved);

/* Hands the heap's free memory back to the system (glibc's malloc_trim):
 * called between inputs, so that what a large input freed is not kept
 * for the next, and between a scan's pages (dx_limits.after_ocr_page;
 * ctx is not used), so that one page's rasters (tens of megabytes) are
 * not added to the next page's peak. */
void dx_proc_trim_heap(void *ctx);

/* Parses the options of a command's argv by entries (GLib's GOption),
 * the same way for every command: GOption's own --help is off (declx
 * prints its usage itself). argc and argv keep the rest. Returns false
 * with *error set (g_error_free) on a bad option or value. */
bool dx_proc_options(GOptionEntry *entries, int *argc, char ***argv, GError **error);

#endif
