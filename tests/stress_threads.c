/* stress_threads.c - 8 threads look codes up in different languages, measure
 * and wrap the texts, for a few seconds, while another thread keeps
 * resetting the catalog directory (which makes every language load again).  Every result is compared with
 * the one computed before the threads start (anchored to the published texts of one code); every thread
 * must have made lookups and the directory must have been reset, or the test fails.  Built normally for
 * "make check" (1 second) and with -fsanitize=thread for "make check-tsan".
 *
 * Usage: stress_threads [SECONDS] */
#include <config.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nxmsg.h"
#include "testutil.h"

#define N_THREADS 8
#define N_LANGS 6
static const char *const langs[N_LANGS] = { "ja", "en", "ja_JP.UTF-8", "fr", "ja-JP", "C" };
static const int is_ja[N_LANGS] = { 1, 0, 1, 0, 1, 0 };
static char *expected[2][256];
static size_t expected_width[2][256], expected_lines[2][256];
#define WRAP_COLS 30

static size_t count_lines(const char *t)
{
    size_t pos = 0, start, len, n = 0;
    while (nxmsg_wrap_next(t, strlen(t), WRAP_COLS, 0, &pos, &start, &len))
        n++;
    return n;
}
static atomic_int stop;
static atomic_long resets;

/* What one worker did: lookups made, and how many gave a wrong result. */
struct tally {
    long n, bad;
};
static struct tally tallies[N_THREADS];

static void *worker(void *arg)
{
    struct tally *tl = arg;
    unsigned seed = (unsigned)(tl - tallies + 1) * 2654435761u;
    long bad = 0, n = 0;
    char buf[64] = "";

    while (!atomic_load(&stop)) {
        size_t i, l;
        const nxmsg_entry *e;
        const char *t;
        seed = seed * 1103515245u + 12345u;
        i = (seed >> 8) % nxmsg_count();
        l = (seed >> 20) % N_LANGS;
        e = nxmsg_entry_at(i);
        t = nxmsg_entry_text(e, langs[l]);
        if (!t || strcmp(t, expected[is_ja[l]][i]) != 0) {
            bad++;
            t = expected[is_ja[l]][i];
        }
        buf[0] = '\0'; /* size 0 writes nothing */
        nxmsg_describe_r(nxmsg_entry_value(e), langs[l], buf, (seed >> 4) % sizeof buf);
        if (!test_utf8_valid(buf, strlen(buf)))
            bad++;
        if (nxmsg_find_name(nxmsg_entry_name(e), NULL) != NXMSG_OK && nxmsg_entry_value(e) != 0)
            bad++;
        if (!strstr(nxmsg_describe(0x170 + (seed & 7), langs[l]), "0x17"))
            bad++;
        if ((seed & 3) == 0) {
            if (nxmsg_width(t, NXMSG_STRLEN, 0) != expected_width[is_ja[l]][i] ||
                count_lines(t) != expected_lines[is_ja[l]][i])
                bad++;
        }
        n++;
    }
    tl->n = n;
    tl->bad = bad;
    return NULL;
}

static void *resetter(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop)) {
        struct timespec ts = { 0, 2000000 };
        nxmsg_set_localedir(NULL);
        atomic_fetch_add(&resets, 1);
        nanosleep(&ts, NULL);
    }
    return NULL;
}

/* The expected texts, each language's computed once before the threads
 * start; anchored to the published texts of one code, so that a catalog
 * that failed to load cannot pass as "expected". */
static int load_expected(void)
{
    static const char en_10c[] = "The received server certificate was not parsed correctly.";
    static const char ja_10c[] = "受信サーバー証明書が正しく解析されませんでした。"; /* tests/data/seed-ja.md */
    const nxmsg_entry *e;
    size_t i;

    for (i = 0; i < nxmsg_count(); i++) {
        expected[0][i] = strdup(nxmsg_entry_text(nxmsg_entry_at(i), "en"));
        expected[1][i] = strdup(nxmsg_entry_text(nxmsg_entry_at(i), "ja"));
        for (int k = 0; k < 2; k++) {
            expected_width[k][i] = nxmsg_width(expected[k][i], NXMSG_STRLEN, 0);
            expected_lines[k][i] = count_lines(expected[k][i]);
        }
    }
    for (i = 0; (e = nxmsg_entry_at(i)) != NULL; i++)
        if (strcmp(nxmsg_entry_name(e), "NX_SECURE_TLS_INVALID_SERVER_CERT") == 0)
            break;
    if (!e || nxmsg_entry_value(e) != 0x10C || strcmp(expected[0][i], en_10c) != 0 ||
        strcmp(expected[1][i], ja_10c) != 0) {
        fprintf(stderr, "stress_threads: the texts of NX_SECURE_TLS_INVALID_SERVER_CERT (0x10C) are not the "
                        "published ones\n");
        return -1;
    }
    return 0;
}

static void sleep_seconds(double seconds)
{
    struct timespec ts;
    ts.tv_sec = (time_t)seconds;
    ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
    nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 1.0;
    pthread_t t[N_THREADS + 1];
    long bad = 0, total = 0;
    int idle = 0;

    if (!nxmsg_have_catalog("ja")) {
        fprintf(stderr, "stress_threads: no Japanese catalog (set NXMSG_LOCALEDIR)\n");
        return 1;
    }
    if (load_expected() < 0)
        return 1;
    nxmsg_set_localedir(NULL);
    for (size_t i = 0; i < N_THREADS; i++)
        pthread_create(&t[i], NULL, worker, &tallies[i]);
    pthread_create(&t[N_THREADS], NULL, resetter, NULL);
    sleep_seconds(seconds);
    atomic_store(&stop, 1);
    for (size_t i = 0; i <= N_THREADS; i++)
        pthread_join(t[i], NULL);
    for (size_t i = 0; i < N_THREADS; i++) {
        bad += tallies[i].bad;
        total += tallies[i].n;
        if (tallies[i].n <= 0) {
            fprintf(stderr, "stress_threads: thread %zu made no lookup\n", i + 1);
            idle++;
        }
    }
    for (size_t i = 0; i < nxmsg_count(); i++) {
        free(expected[0][i]);
        free(expected[1][i]);
    }
    if (atomic_load(&resets) == 0) {
        fprintf(stderr, "stress_threads: the catalog directory was never reset\n");
        idle++;
    }
    printf("stress: %d threads, %.1f s, %ld lookups, %ld resets, %ld wrong\n", N_THREADS, seconds, total,
           (long)atomic_load(&resets), bad);
    printf("stress: %d passed, %d failed\n", bad == 0 && idle == 0, bad != 0 || idle != 0);
    return bad == 0 && idle == 0 ? 0 : 1;
}
