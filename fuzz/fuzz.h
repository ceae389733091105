/* fuzz.h - an output collector shared by the fuzz targets. */
#ifndef NXMSG_FUZZ_H
#define NXMSG_FUZZ_H

#include <stdlib.h>
#include <string.h>

/* Output gathered by fuzz_collect (an nxmsg_write_fn), NUL-terminated. */
struct fuzz_out {
    char *p;
    size_t n, cap;
};

static inline int fuzz_collect(void *ctx, const char *data, size_t len)
{
    struct fuzz_out *o = ctx;
    if (o->n + len + 1 > o->cap) {
        size_t cap = (o->n + len + 1) * 2;
        char *p = realloc(o->p, cap);
        if (!p)
            abort();
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->n, data, len);
    o->n += len;
    o->p[o->n] = '\0';
    return 0;
}

#endif
