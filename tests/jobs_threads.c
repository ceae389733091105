/* jobs_threads.c - the piece pipeline of "nxmsg annotate" (src/annotate_jobs.c)
 * with 1, 2, 3 and 8 annotating threads, and with none (the writing thread
 * annotates alone, as when no thread can start), inline and JSON, on a
 * mapped file long enough that the writing thread also annotates while it
 * waits: its output and counts must be those of one annotator fed the
 * whole file, and the pages of what is written out are dropped from the
 * mapping as it goes.  "make check-tsan" runs it under ThreadSanitizer. */
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

/* A log of about 10 MB (more than HELP_MIN): lines with and without
 * codes, a long one. */
static void make_log(FILE *f)
{
    for (int i = 0; i < 200000; i++) {
        if (i % 20 == 0)
            fprintf(f, "t=%d tls: handshake status=0x%X rc=%d NX_SECURE_TLS_SUCCESS\n", i, 0x101 + i % 0x60, i % 70);
        else
            fprintf(f, "t=%d sched: task=%d ticks=%d.%d nx_thread_%d\n", i, i % 97, i, i % 1000, i % 10);
        if (i == 100000)
            for (int k = 0; k < 40000; k++)
                fprintf(f, "x%d err=0x10C ", k);
    }
}

/* The kilobytes of the mapping at addr mapped in (Rss in /proc/self/smaps),
 * or -1. */
static long mapped_kb(const void *addr)
{
    char line[512];
    FILE *f = fopen("/proc/self/smaps", "r");
    unsigned long lo, hi;
    long kb = -1;
    int in = 0;

    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
            in = lo == (unsigned long)addr;
        else if (in && sscanf(line, "Rss: %ld kB", &kb) == 1)
            break;
    }
    fclose(f);
    return kb;
}

/* A 24 MiB file at -j 1 (1 MiB pieces, up to 16 annotated ahead of the
 * writing): when annotate_jobs() returns, at most those 16 pieces and a
 * page are still mapped in (the writing thread maps in every piece before
 * it is annotated).  Returns 0 or 1 (failed). */
static int check_release(void)
{
    char path[] = "/tmp/nxmsg-jobs-XXXXXX", block[65536];
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w+") : NULL;
    const size_t size = 24u << 20;
    nxmsg_annotate_options opt = { NXMSG_ANNOTATE_INLINE, NULL, 0, 0, 0 };
    unsigned long long *counts = calloc(nxmsg_count(), sizeof *counts);
    struct out got = { NULL, 0, 0 };
    const char *map;
    long kb;
    int r;

    if (!f || !counts)
        exit(99);
    unlink(path);
    for (size_t i = 0; i < sizeof block; i++)
        block[i] = i % 64 == 63 ? '\n' : i % 640 == 0 ? 'x' : "rc=0x10C "[i % 9];
    for (size_t n = 0; n < size; n += sizeof block)
        fwrite(block, 1, sizeof block, f);
    if (fflush(f) != 0 || !(map = annotate_map(fd, size, "shrank\n", 7)))
        exit(99);
    r = annotate_jobs(map, size, &opt, 1, put_spans, &got, counts);
    kb = mapped_kb(map);
    r = r != 0 || got.n <= size || kb < 0 || kb > 16 * 1024 + 4;
    printf("%s -j 1, 24 MiB: %ld KiB still mapped in when done (at most 16 pieces of 1 MiB)\n", r ? "FAIL" : "ok", kb);
    annotate_unmap(map, size);
    fclose(f);
    free(got.p);
    free(counts);
    return r;
}

int main(void)
{
    static const nxmsg_annotate_mode modes[] = { NXMSG_ANNOTATE_INLINE, NXMSG_ANNOTATE_JSON };
    static const int jobs[] = { 0, 1, 2, 3, 8 };
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
    failed += check_release();
    return failed ? 1 : 0;
}
