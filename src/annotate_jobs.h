/* annotate_jobs.h - "nxmsg annotate" on a mapped regular file, with N
 * annotating threads and the caller writing (annotate_jobs.c). */
#ifndef NXMSG_ANNOTATE_JOBS_H
#define NXMSG_ANNOTATE_JOBS_H

#include <stddef.h>

#include "nxmsg.h"

#define ANNOTATE_JOBS_MAX 64

/* What annotate_jobs() returns: 0, or why it stopped. */
enum { ANNOTATE_JOBS_NOMEM = 1, ANNOTATE_JOBS_WRITE = 2 };

/* Map the size bytes (size > 0) of the regular file open as fd for
 * reading, or NULL.  Until annotate_unmap(), a read of a page the file lost
 * by shrinking (SIGBUS) writes message[0..len) to standard error and ends
 * the process with status 2, instead of a crash.  Called with no other
 * thread running. */
const char *annotate_map(int fd, size_t size, const char *message, size_t len);
void annotate_unmap(const char *map, size_t size);

/* Annotate data[0..size) (size > 0; a file mapped by annotate_map()) with
 * njobs threads (0 to ANNOTATE_JOBS_MAX), each with its own annotator made
 * from opt; the output, the same as one annotator fed the whole of it would
 * write, goes to write(ctx) from the calling thread, in order, while the
 * threads go on.  The calling thread annotates too: while it would wait
 * for the threads on a long file, and everything when no thread could
 * start (or njobs is 0).  The pages of what is written out are dropped
 * from the mapping meanwhile (read again, they would be mapped in again).
 * The counts of the entries (nxmsg_entry_at order) are added to counts.
 * Returns 0, ANNOTATE_JOBS_NOMEM when memory ran out, or
 * ANNOTATE_JOBS_WRITE after a write error. */
int annotate_jobs(const char *data, size_t size, const nxmsg_annotate_options *opt, int njobs,
                  nxmsg_write_spans_fn write, void *ctx, unsigned long long *counts);

#endif
