/* bench_lookup.c - ns per description lookup: nxmsg vs plain dgettext.
 *
 * Both read the same catalog (share/locale, NXMSG_LOCALEDIR).  dgettext gets
 * the language through LANGUAGE in a UTF-8 locale, as a program would set it
 * up once; nxmsg gets it as a per-call argument.  Printed, not asserted. */
#include <config.h>

#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nxmsg.h"
#include "bench.h"

static char *keys[256];
static unsigned codes[256];
static size_t n;
static volatile size_t sink;

enum { NXMSG_JA, NXMSG_EN, DGETTEXT_HIT, DGETTEXT_MISS };

static double run(int kind, long rounds)
{
    double t0 = bench_now();
    size_t acc = 0;
    for (long r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            const char *s;
            switch (kind) {
            case NXMSG_JA: s = nxmsg_describe(codes[i], "ja"); break;
            case NXMSG_EN: s = nxmsg_describe(codes[i], "en"); break;
            case DGETTEXT_HIT: s = dgettext("nxmsg", keys[i]); break;
            default: s = dgettext("nxmsg-missing", keys[i]); break;
            }
            acc += (size_t)s[0];
        }
    sink = acc;
    return (bench_now() - t0) * 1e9 / ((double)rounds * (double)n);
}

struct job { int kind; long rounds; double ns; };

static void *thread_main(void *arg)
{
    struct job *j = arg;
    j->ns = run(j->kind, j->rounds);
    return NULL;
}

static double run_threads(int kind, long rounds, int nthreads)
{
    pthread_t t[8];
    struct job j[8];
    double sum = 0;
    for (int i = 0; i < nthreads; i++) {
        j[i].kind = kind;
        j[i].rounds = rounds;
        pthread_create(&t[i], NULL, thread_main, &j[i]);
    }
    for (int i = 0; i < nthreads; i++) {
        pthread_join(t[i], NULL);
        sum += j[i].ns;
    }
    return sum / nthreads;
}

static double median5(int kind, long rounds, int threads)
{
    double v[5];
    for (int i = 0; i < 5; i++)
        v[i] = threads > 1 ? run_threads(kind, rounds, threads) : run(kind, rounds);
    return bench_median(v, 5);
}

int main(int argc, char **argv)
{
    const char *dir = getenv("NXMSG_LOCALEDIR");
    long rounds = argc > 1 ? atol(argv[1]) : 20000;
    const nxmsg_entry *e;
    double a, b, c, d, a2, c2;

    if (!dir) {
        fprintf(stderr, "bench_lookup: set NXMSG_LOCALEDIR to a directory with ja/LC_MESSAGES/nxmsg.mo\n");
        return 2;
    }
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        if (nxmsg_entry_value(e) == 0)
            continue;
        if ((keys[n] = bench_gettext_key(e)) == NULL)
            return 2;
        codes[n++] = nxmsg_entry_value(e);
    }
    setenv("LANGUAGE", "ja", 1);
    setlocale(LC_ALL, "C.UTF-8");
    bindtextdomain("nxmsg", dir);
    bindtextdomain("nxmsg-missing", dir);
    if (strcmp(dgettext("nxmsg", keys[0]), keys[0]) == 0 || !nxmsg_have_catalog("ja")) {
        fprintf(stderr, "bench_lookup: no Japanese catalog in %s\n", dir);
        return 2;
    }
    run(NXMSG_JA, 10);
    run(DGETTEXT_HIT, 10);
    a = median5(NXMSG_JA, rounds, 1);
    b = median5(NXMSG_EN, rounds, 1);
    c = median5(DGETTEXT_HIT, rounds, 1);
    d = median5(DGETTEXT_MISS, rounds, 1);
    a2 = median5(NXMSG_JA, rounds / 2, 2);
    c2 = median5(DGETTEXT_HIT, rounds / 2, 2);
    printf("%zu codes x %ld rounds, median of 5 runs, ns per lookup\n", n, rounds);
    printf("  nxmsg_describe(code, \"ja\")          %7.1f ns\n", a);
    printf("  nxmsg_describe(code, \"en\")          %7.1f ns\n", b);
    printf("  dgettext, hit (LANGUAGE=ja)         %7.1f ns   %.1fx nxmsg\n", c, c / a);
    printf("  dgettext, miss (no catalog)         %7.1f ns   %.1fx nxmsg\n", d, d / a);
    printf("  2 threads: nxmsg ja                 %7.1f ns\n", a2);
    printf("  2 threads: dgettext hit             %7.1f ns   %.1fx nxmsg\n", c2, c2 / a2);
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    return 0;
}
