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

/* A figure for the summary of "make bench": the median of the runs and
 * their range. */
typedef struct bench_figure {
    double median, min, max;
} bench_figure;

/* The median, smallest and largest of v[0..n) (sorts v). */
static inline bench_figure bench_stats(double *v, size_t n)
{
    bench_figure f = { bench_median(v, n), v[0], v[n - 1] };
    return f;
}

/* Report one comparison, nxmsg (name: its figure) against the alternative a
 * user would run (alt: its figure), for the table "make bench" ends with:
 * prints an "@bench" line (format in bench/summary.sh) and appends it to the
 * file named by NXMSG_BENCH_LOG when that is set.  what describes the work,
 * unit the figures' unit, lower_is_better 1 for times, 0 for rates. */
static inline void bench_report(const char *what, const char *unit, int lower_is_better,
                                const char *name, bench_figure nx, const char *alt, bench_figure a)
{
    const char *path = getenv("NXMSG_BENCH_LOG");
    FILE *log = path && *path ? fopen(path, "a") : NULL;
    for (int i = 0; i < 2; i++) {
        FILE *f = i ? log : stdout;
        if (f)
            fprintf(f, "@bench\t%s\t%s\t%s\t%s\t%.4g\t%.4g\t%.4g\t%s\t%.4g\t%.4g\t%.4g\n", what, unit,
                    lower_is_better ? "lower" : "higher", name, nx.median, nx.min, nx.max, alt, a.median,
                    a.min, a.max);
    }
    if (log)
        fclose(log);
}

#endif
