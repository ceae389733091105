/* bench.h - timing helpers shared by the benchmarks. */
#ifndef NXMSG_BENCH_H
#define NXMSG_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nxmsg.h"

/* Seconds on the monotonic clock. */
static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of v[0..n) (sorts v). */
static inline double bench_median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, bench_cmp_double);
    return v[n / 2];
}

/* "msgctxt\004msgid" of e, the dgettext key of its description (malloc'd;
 * NULL if out of memory). */
static inline char *bench_gettext_key(const nxmsg_entry *e)
{
    const char *ctxt, *id;
    char *key;
    nxmsg_entry_msgid(e, &ctxt, &id);
    key = malloc(strlen(ctxt) + strlen(id) + 2);
    if (key)
        sprintf(key, "%s\004%s", ctxt, id);
    return key;
}

#endif
