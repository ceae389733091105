/* annotate_jobs.h - "nxmsg annotate -j N" on a regular file (annotate_jobs.c). */
#ifndef NXMSG_ANNOTATE_JOBS_H
#define NXMSG_ANNOTATE_JOBS_H

#include <stddef.h>

#include "nxmsg.h"

#define ANNOTATE_JOBS_MAX 64

/* What annotate_jobs() returns: 0, or why it stopped. */
enum { ANNOTATE_JOBS_NOMEM = 1, ANNOTATE_JOBS_WRITE = 2, ANNOTATE_JOBS_UNMAPPED = 3 };

/* Annotate the size bytes (size > 0) of the regular file open as fd with
 * njobs threads, each with its own annotator made from opt; the output, the
 * same as one annotator fed the whole file would write, goes to write(ctx)
 * from the calling thread, in order.  The counts of the entries
 * (nxmsg_entry_at order) are added to counts.  Returns 0,
 * ANNOTATE_JOBS_UNMAPPED when the file could not be mapped (nothing was
 * read or written), ANNOTATE_JOBS_NOMEM when memory or threads ran out, or
 * ANNOTATE_JOBS_WRITE after a write error. */
int annotate_jobs(int fd, size_t size, const nxmsg_annotate_options *opt, int njobs, nxmsg_write_fn write,
                  void *ctx, unsigned long long *counts);

#endif
