/* jobs_threads.c - the piece pipeline of "nxmsg annotate" (src/annotate_jobs.c)
 * with 1, 2, 3 and 8 annotating threads, inline and JSON, on a mapped file:
 * its output and counts must be those of one annotator fed the whole file.
 * "make check-tsan" runs it under ThreadSanitizer. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/annotate_jobs.h"
#include "nxmsg.h"

struct out {
    char *p;
    size_t n, cap;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->n + n > o->cap) {
        o->cap = (o->n + n) * 2;
        if (!(o->p = realloc(o->p, o->cap)))
            abort();
    }
    memcpy(o->p + o->n, s, n);
    o->n += n;
}

static int put_one(void *ctx, const char *s, size_t n)
{
    put(ctx, s, n);
    return 0;
}

static int put_spans(void *ctx, const nxmsg_span *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(ctx, v[i].data, v[i].len);
    return 0;
}

/* A log of about 6 MB: lines with and without codes, a long one. */
static void make_log(FILE *f)
{
    for (int i = 0; i < 60000; i++) {
        if (i % 20 == 0)
            fprintf(f, "t=%d tls: handshake status=0x%X rc=%d NX_SECURE_TLS_SUCCESS\n", i, 0x101 + i % 0x60, i % 70);
        else
            fprintf(f, "t=%d sched: task=%d ticks=%d.%d nx_thread_%d\n", i, i % 97, i, i % 1000, i % 10);
        if (i == 30000)
            for (int k = 0; k < 40000; k++)
                fprintf(f, "x%d err=0x10C ", k);
    }
}

int main(void)
{
    static const nxmsg_annotate_mode modes[] = { NXMSG_ANNOTATE_INLINE, NXMSG_ANNOTATE_JSON };
    static const int jobs[] = { 1, 2, 3, 8 };
    char path[] = "/tmp/nxmsg-jobs-XXXXXX";
    int fd = mkstemp(path), failed = 0;
    FILE *f = fd >= 0 ? fdopen(fd, "w+") : NULL;
    size_t size, n = nxmsg_count();
    const char *map;

    if (!f)
        return 99;
    unlink(path);
    make_log(f);
    fflush(f);
    size = (size_t)ftell(f);
    if (!(map = annotate_map(fd, size, "shrank\n", 7)))
        return 99;
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        nxmsg_annotate_options opt = { modes[m], NULL, 0, 0, 0 };
        struct out want = { NULL, 0, 0 };
        nxmsg_annotator *a = nxmsg_annotator_new(&opt, put_one, &want);
        if (!a || nxmsg_annotator_feed(a, map, size) != 0 || nxmsg_annotator_finish(a) != 0)
            return 99;
        for (size_t j = 0; j < sizeof jobs / sizeof jobs[0]; j++) {
            struct out got = { NULL, 0, 0 };
            unsigned long long *counts = calloc(n, sizeof *counts);
            int r = annotate_jobs(map, size, &opt, jobs[j], put_spans, &got, counts);
            int same = r == 0 && got.n == want.n && memcmp(got.p, want.p, want.n) == 0;
            for (size_t k = 0; same && k < n; k++)
                same = counts[k] == nxmsg_annotator_count(a, nxmsg_entry_at(k));
            printf("%s mode %d, -j %d: %s\n", same ? "ok" : "FAIL", (int)modes[m], jobs[j],
                   same ? "the output and counts of one annotator" : "differs");
            failed += !same;
            free(got.p);
            free(counts);
        }
        nxmsg_annotator_free(a);
        free(want.p);
    }
    annotate_unmap(map, size);
    fclose(f);
    return failed ? 1 : 0;
}
