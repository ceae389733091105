/* write_all.c - write everything asked to a descriptor. */
#include <config.h>

#include <errno.h>
#include <unistd.h>

#include "write_all.h"

int writev_all(int fd, struct iovec *iov, int n)
{
    while (n > 0) {
        ssize_t w = writev(fd, iov, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) { /* 0: no progress, which would loop for ever */
            if (w == 0)
                errno = EIO;
            return -1;
        }
        for (; n > 0 && (size_t)w >= iov->iov_len; iov++, n--)
            w -= (ssize_t)iov->iov_len;
        if (n > 0) {
            iov->iov_base = (char *)iov->iov_base + w;
            iov->iov_len -= (size_t)w;
        }
    }
    return 0;
}

int write_all(int fd, const void *p, size_t len)
{
    struct iovec one = { (void *)p, len };

    return writev_all(fd, &one, len > 0);
}
