/* write_all.h - write everything asked to a descriptor (write_all.c). */
#ifndef NXMSG_WRITE_ALL_H
#define NXMSG_WRITE_ALL_H

#include <stddef.h>
#include <sys/uio.h>

/* Write iov[0..n) to fd, all of it: writev() again after a short write
 * (iov is changed) or EINTR.  Returns 0, or -1 with errno set (EIO when a
 * write makes no progress). */
int writev_all(int fd, struct iovec *iov, int n);

/* The same for p[0..len). */
int write_all(int fd, const void *p, size_t len);

#endif
