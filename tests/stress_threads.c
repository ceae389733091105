/* stress_threads.c - 8 threads look codes up in different languages, measure
 * and wrap the texts, for a few seconds, while another thread keeps
 * resetting the catalog directory (which makes every language load again).  Every result is compared with
 * the one computed before the threads start.  Built normally for
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
static atomic_long lookups;


static void *worker(void *arg)
{
    unsigned seed = (unsigned)(size_t)arg * 2654435761u;
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
        if (strcmp(t, expected[is_ja[l]][i]) != 0)
            bad++;
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
    atomic_fetch_add(&lookups, n);
    return (void *)bad;
}

static void *resetter(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop)) {
        struct timespec ts = { 0, 2000000 };
        nxmsg_set_localedir(NULL);
        nanosleep(&ts, NULL);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 1.0;
    pthread_t t[N_THREADS + 1];
    long bad = 0;
    struct timespec ts;

    if (!nxmsg_have_catalog("ja")) {
        fprintf(stderr, "stress_threads: no Japanese catalog (set NXMSG_LOCALEDIR)\n");
        return 1;
    }
    for (size_t i = 0; i < nxmsg_count(); i++) {
        expected[0][i] = strdup(nxmsg_entry_text(nxmsg_entry_at(i), "en"));
        expected[1][i] = strdup(nxmsg_entry_text(nxmsg_entry_at(i), "ja"));
        for (int k = 0; k < 2; k++) {
            expected_width[k][i] = nxmsg_width(expected[k][i], NXMSG_STRLEN, 0);
            expected_lines[k][i] = count_lines(expected[k][i]);
        }
    }
    nxmsg_set_localedir(NULL);
    for (size_t i = 0; i < N_THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)(i + 1));
    pthread_create(&t[N_THREADS], NULL, resetter, NULL);
    ts.tv_sec = (time_t)seconds;
    ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
    nanosleep(&ts, NULL);
    atomic_store(&stop, 1);
    for (size_t i = 0; i <= N_THREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        bad += (long)r;
    }
    for (size_t i = 0; i < nxmsg_count(); i++) {
        free(expected[0][i]);
        free(expected[1][i]);
    }
    printf("stress: %d threads, %.1f s, %ld lookups, %ld wrong\n", N_THREADS, seconds, (long)atomic_load(&lookups), bad);
    printf("stress: %d passed, %d failed\n", bad == 0, bad != 0);
    return bad == 0 ? 0 : 1;
}
