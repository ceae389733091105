/* bench_embedded.c - ns per lookup in the static core (compiled-in catalogs)
 * against glibc's dgettext on the same catalog compiled to a .mo file
 * (share/locale, NXMSG_LOCALEDIR).  Linked with lib/libnxmsg-core.a only;
 * dgettext is glibc's own.  Printed, not asserted. */
#include <config.h>

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nxmsg.h"
#include "bench.h"

static char *keys[256];
static unsigned codes[256];
static const nxmsg_entry *entries[256];
static size_t n;
static volatile size_t sink;

enum { CORE_JA, CORE_EN, CORE_NULL_LANG, CORE_WIDTH, DGETTEXT_HIT, N_KINDS };

static double run(int kind, long rounds)
{
    double t0 = bench_now();
    size_t acc = 0;
    for (long r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            switch (kind) {
            case CORE_JA: acc += (size_t)nxmsg_entry_text(nxmsg_find(codes[i]), "ja")[0]; break;
            case CORE_EN: acc += (size_t)nxmsg_entry_text(nxmsg_find(codes[i]), "en")[0]; break;
            case CORE_WIDTH: acc += nxmsg_entry_width(entries[i], "ja", 0); break;
            case CORE_NULL_LANG: acc += (size_t)nxmsg_entry_text(entries[i], NULL)[0]; break;
            default: acc += (size_t)dgettext("nxmsg", keys[i])[0]; break;
            }
        }
    sink = acc;
    return (bench_now() - t0) * 1e9 / ((double)rounds * (double)n);
}

static double median5(int kind, long rounds)
{
    double v[5];
    for (int i = 0; i < 5; i++)
        v[i] = run(kind, rounds);
    return bench_median(v, 5);
}

int main(int argc, char **argv)
{
    const char *dir = getenv("NXMSG_LOCALEDIR");
    long rounds = argc > 1 ? atol(argv[1]) : 20000;
    const nxmsg_entry *e;
    double ns[N_KINDS];

    if (!dir) {
        fprintf(stderr, "bench_embedded: set NXMSG_LOCALEDIR to a directory with ja/LC_MESSAGES/nxmsg.mo\n");
        return 2;
    }
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        if (nxmsg_entry_value(e) == 0)
            continue;
        if ((keys[n] = bench_gettext_key(e)) == NULL)
            return 2;
        entries[n] = e;
        codes[n++] = nxmsg_entry_value(e);
    }
    setenv("LANGUAGE", "ja", 1);
    setlocale(LC_ALL, "C.UTF-8");
    bindtextdomain("nxmsg", dir);
    if (strcmp(dgettext("nxmsg", keys[0]), nxmsg_entry_text(nxmsg_find(codes[0]), "ja")) != 0) {
        fprintf(stderr, "bench_embedded: dgettext and the core disagree (no catalog in %s?)\n", dir);
        return 2;
    }
    for (int k = 0; k < N_KINDS; k++)
        run(k, 10);
    for (int k = 0; k < N_KINDS; k++)
        ns[k] = median5(k, rounds);
    printf("%zu codes x %ld rounds, median of 5 runs, ns per lookup\n", n, rounds);
    printf("  core nxmsg_entry_text(find(code), \"ja\") %7.1f ns\n", ns[CORE_JA]);
    printf("  core nxmsg_entry_text(find(code), \"en\") %7.1f ns\n", ns[CORE_EN]);
    printf("  core nxmsg_entry_text(e, NULL)      %7.1f ns   (English in the core)\n", ns[CORE_NULL_LANG]);
    printf("  core nxmsg_entry_width(e, \"ja\", 0)  %7.1f ns   (table read)\n", ns[CORE_WIDTH]);
    printf("  glibc dgettext, hit (LANGUAGE=ja)   %7.1f ns   %.1fx core ja\n", ns[DGETTEXT_HIT],
           ns[DGETTEXT_HIT] / ns[CORE_JA]);
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    return 0;
}
