/* archive_in.h — archives as batch inputs (libarchive): zip (one that is
 * not a DOCX), tar, compressed tar, 7z, rar. Members are listed from their
 * headers and read one by one into memory, never unpacked to disk. */
#ifndef DX_ARCHIVE_IN_H
#define DX_ARCHIVE_IN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether the file at path is an archive of inputs, told by its content:
 * the magic bytes of tar, gzip, bzip2, xz, zstd, 7z or rar, or a zip
 * without [Content_Types].xml (a DOCX is a zip too). */
bool dx_arc_is_archive(const char *path);

/* Calls add(ctx, name, entry) for every regular file in the archive, in
 * archive order: name is the member's path as UTF-8 (GB18030 names, as
 * Chinese Windows zips store them, converted), entry the ordinal of its
 * header among all headers (what dx_arc_read takes). Stops after
 * max_members files. Returns 0, or with a message in err: -1 when the
 * archive cannot be opened or is damaged past some point (the members
 * before it were added), -2 when it holds more than max_members files. */
int dx_arc_list(const char *path, size_t max_members,
                void (*add)(void *ctx, const char *name, unsigned entry), void *ctx, char *err,
                size_t errlen);

typedef struct dx_arc_reader dx_arc_reader;

/* Opens path for reading members forward. NULL with a message in err. */
dx_arc_reader *dx_arc_open(const char *path, char *err, size_t errlen);

/* The path the reader was opened on. */
const char *dx_arc_path(const dx_arc_reader *r);

/* The header ordinal the next dx_arc_read can reach (entries before it
 * are behind the reader: open it again to reach them). */
unsigned dx_arc_next(const dx_arc_reader *r);

/* Reads the data of header number `entry` (>= dx_arc_next) into a new
 * buffer (g_free it), at most max bytes. Returns 0; 1 when the member is
 * larger than max (nothing returned); with a message in err, -2 when it
 * is encrypted, -1 when it cannot be read (damaged, missing). */
int dx_arc_read(dx_arc_reader *r, unsigned entry, size_t max, uint8_t **data, size_t *len,
                char *err, size_t errlen);

void dx_arc_close(dx_arc_reader *r);

#endif
