/* bench_lookup.c - ns per description lookup: nxmsg's per-call and
 * pre-resolved language APIs (a call, or the array by code value indexed in
 * the loop) against the ideal array index and dgettext.
 *
 * All read the same catalog (share/locale, NXMSG_LOCALEDIR).  dgettext gets
 * the language through LANGUAGE in a UTF-8 locale, as a program would set it
 * up once; nxmsg_describe gets it per call ("ja", or NULL for the same
 * environment), nxmsg_lang_describe through a handle resolved once.  The
 * ideal is an array of the same text pointers indexed by the code's value
 * (what a program with its own table would write; the crypto codes from
 * 0x20001 on make it sparse),
 * inlined into the loop and behind a call.  Every result is consumed.  Times
 * are the thread's CPU time (lookups never block), so that other load on a
 * shared machine does not count.
 * Printed, not asserted: the goals are shown next to the figures. */
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
#define IDEAL_CODES 0x30000u /* above every code of the catalog */
static const char *ideal[IDEAL_CODES];
static size_t n;
static volatile size_t sink;
static const nxmsg_lang *ja;
static const char *const *ja_by_code;

enum { IDEAL_INLINE, IDEAL_CALL, LANG_DESCRIBE, LANG_BY_CODE, DESCRIBE_JA, DESCRIBE_NULL,
       DESCRIBE_EN, DGETTEXT_HIT, DGETTEXT_MISS, N_KINDS };
static const char *const names[N_KINDS] = {
    "ideal: table[code], inlined", "ideal: table[code], a call", "nxmsg_lang_describe(ja, code)",
    "nxmsg_lang_by_code(ja)[code]",
    "nxmsg_describe(code, \"ja\")", "nxmsg_describe(code, NULL)", "nxmsg_describe(code, \"en\")",
    "dgettext, hit (LANGUAGE=ja)", "dgettext, miss (no catalog)",
};

/* The array by value where it has the code, else the call. */
#define BY_CODE(c) \
    ((c) < NXMSG_LANG_DIRECT_CODES && ja_by_code[c] ? ja_by_code[c] : nxmsg_lang_describe(ja, c))

__attribute__((noinline)) static const char *ideal_call(unsigned code)
{
    return ideal[code];
}

static const char *one(int kind, size_t i)
{
    switch (kind) {
    case IDEAL_INLINE: return ideal[codes[i]];
    case IDEAL_CALL: return ideal_call(codes[i]);
    case LANG_DESCRIBE: return nxmsg_lang_describe(ja, codes[i]);
    case LANG_BY_CODE: return BY_CODE(codes[i]);
    case DESCRIBE_JA: return nxmsg_describe(codes[i], "ja");
    case DESCRIBE_NULL: return nxmsg_describe(codes[i], NULL);
    case DESCRIBE_EN: return nxmsg_describe(codes[i], "en");
    case DGETTEXT_HIT: return dgettext("nxmsg", keys[i]);
    default: return dgettext("nxmsg-missing", keys[i]);
    }
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ns per lookup; the kind is switched outside the inner loop */
static double run(int kind, long rounds)
{
    double t0 = cpu_now();
    size_t acc = 0;

#define LOOP(expr) \
    for (long r = 0; r < rounds; r++) \
        for (size_t i = 0; i < n; i++) \
            acc += (size_t)(expr)[0];
    switch (kind) {
    case IDEAL_INLINE: LOOP(ideal[codes[i]]); break;
    case IDEAL_CALL: LOOP(ideal_call(codes[i])); break;
    case LANG_DESCRIBE: LOOP(nxmsg_lang_describe(ja, codes[i])); break;
    case LANG_BY_CODE: LOOP(BY_CODE(codes[i])); break;
    default: LOOP(one(kind, i)); break;
    }
#undef LOOP
    sink = acc;
    return (cpu_now() - t0) * 1e9 / ((double)rounds * (double)n);
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

/* Median of 7 runs of every kind, interleaved so that drift hits all. */
static void measure(long rounds, int threads, double med[N_KINDS], double lo[N_KINDS], double hi[N_KINDS])
{
    double v[N_KINDS][7];
    for (int r = 0; r < 7; r++)
        for (int k = 0; k < N_KINDS; k++)
            v[k][r] = threads > 1 ? run_threads(k, rounds / threads, threads) : run(k, rounds);
    for (int k = 0; k < N_KINDS; k++) {
        med[k] = bench_median(v[k], 7);
        lo[k] = v[k][0];
        hi[k] = v[k][6];
    }
}

static int setup(const char *dir)
{
    const nxmsg_entry *e;

    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        if (nxmsg_entry_value(e) == 0)
            continue;
        if ((keys[n] = bench_gettext_key(e)) == NULL)
            return 0;
        codes[n++] = nxmsg_entry_value(e);
    }
    setenv("LANGUAGE", "ja", 1);
    setlocale(LC_ALL, "C.UTF-8");
    bindtextdomain("nxmsg", dir);
    bindtextdomain("nxmsg-missing", dir);
    ja = nxmsg_lang_open("ja");
    ja_by_code = nxmsg_lang_by_code(ja);
    for (size_t i = 0; i < n; i++) {
        if (codes[i] >= IDEAL_CODES) {
            fprintf(stderr, "bench_lookup: code 0x%X above the ideal table\n", codes[i]);
            return 0;
        }
        ideal[codes[i]] = nxmsg_lang_describe(ja, codes[i]);
        for (int k = LANG_DESCRIBE; k <= DGETTEXT_HIT; k++)
            if (k != DESCRIBE_EN && strcmp(one(k, i), ideal[codes[i]]) != 0) {
                fprintf(stderr, "bench_lookup: %s disagrees for 0x%X\n", names[k], codes[i]);
                return 0;
            }
    }
    return strcmp(dgettext("nxmsg", keys[0]), keys[0]) != 0 && nxmsg_have_catalog("ja");
}

int main(int argc, char **argv)
{
    const char *dir = getenv("NXMSG_LOCALEDIR");
    long rounds = argc > 1 ? atol(argv[1]) : 20000;
    double m[N_KINDS], lo[N_KINDS], hi[N_KINDS];

    if (!dir) {
        fprintf(stderr, "bench_lookup: set NXMSG_LOCALEDIR to a directory with ja/LC_MESSAGES/nxmsg.mo\n");
        return 2;
    }
    if (!setup(dir)) {
        fprintf(stderr, "bench_lookup: no Japanese catalog in %s\n", dir);
        return 2;
    }
    for (int k = 0; k < N_KINDS; k++)
        run(k, 10);
    measure(rounds, 1, m, lo, hi);
    printf("%zu codes x %ld rounds, median [min-max] of 7 interleaved runs, ns per lookup\n", n, rounds);
    for (int k = 0; k < N_KINDS; k++)
        printf("  %-32s %6.2f ns [%.2f-%.2f]  %5.2fx ideal (call)\n", names[k], m[k], lo[k], hi[k],
               m[k] / m[IDEAL_CALL]);
    for (int k = LANG_DESCRIBE; k <= LANG_BY_CODE; k++)
        printf("goal: %s <= 3 ns: %.2f ns (%s); <= 2.5x the ideal inlined: %.2fx (%s), behind a call: %.2fx (%s)\n",
               names[k], m[k], m[k] <= 3.0 ? "met" : "NOT met", m[k] / m[IDEAL_INLINE],
               m[k] <= 2.5 * m[IDEAL_INLINE] ? "met" : "NOT met", m[k] / m[IDEAL_CALL],
               m[k] <= 2.5 * m[IDEAL_CALL] ? "met" : "NOT met");
    printf("goal: nxmsg_describe(code, NULL) <= 2x nxmsg_describe(code, \"ja\"): %.2fx (%s)\n",
           m[DESCRIBE_NULL] / m[DESCRIBE_JA], m[DESCRIBE_NULL] <= 2 * m[DESCRIBE_JA] ? "met" : "NOT met");
    printf("dgettext hit: %.1fx nxmsg_describe(code, \"ja\"), %.1fx nxmsg_lang_describe\n",
           m[DGETTEXT_HIT] / m[DESCRIBE_JA], m[DGETTEXT_HIT] / m[LANG_DESCRIBE]);
    measure(rounds, 2, m, lo, hi);
    printf("2 threads: nxmsg_lang_describe %.2f ns, nxmsg_lang_by_code %.2f ns, nxmsg_describe(\"ja\") %.2f ns, "
           "dgettext hit %.1f ns\n",
           m[LANG_DESCRIBE], m[LANG_BY_CODE], m[DESCRIBE_JA], m[DGETTEXT_HIT]);
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    return 0;
}
