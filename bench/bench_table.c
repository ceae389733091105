/* bench_table.c - time to render the full bilingual code table (every
 * code, English and Japanese) at width 120, and per row (wrapping's
 * scaling with the text's length: bench_wrap.c).
 *
 * In process: nxmsg_table_render (box style, wrapping cells) against a
 * baseline that only prints the same cells unaligned (what any table must
 * at least do).  As processes: "nxmsg table" against util-linux
 * "column -t -W 3,4 -c 120" on the same data (runs interleaved), the nearest Debian tool
 * (it wraps cells but knows no Japanese line breaking).  Medians of many
 * runs; printed, not asserted.  Usage: bench_table PATH-TO-NXMSG */
#include <config.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nxmsg.h"
#include "bench.h"

extern char **environ;

static size_t sink;

static int count(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    sink += n + (size_t)s[0];
    return 0;
}

/* The baseline: the same cells, written with no layout at all. */
static void plain(void)
{
    const nxmsg_entry *e;
    char line[2048];
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        int n = snprintf(line, sizeof line, "%s\t0x%02X\t%s\t%s\n", nxmsg_entry_name(e),
                         nxmsg_entry_value(e), nxmsg_entry_text(e, "en"), nxmsg_entry_text(e, "ja"));
        count(NULL, line, (size_t)n);
    }
}

/* Wall time of running argv with stdin from in (or /dev/null) and stdout to
 * /dev/null. */
static double run(char *const argv[], const char *in)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int st;
    double t0 = bench_now();

    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, in ? in : "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return -1;
    }
    posix_spawn_file_actions_destroy(&fa);
    waitpid(pid, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return -1;
    return bench_now() - t0;
}

/* Render time per row: the code table cut to its first few rows against the
 * whole table (text style, table layout, width 120). */
static void per_row(void)
{
    enum { RUNS = 51, FEW = 16 };
    static const char *const langs[] = { "en", "ja" };
    nxmsg_table_opts o = { NXMSG_STYLE_TEXT, NXMSG_LAYOUT_TABLE, 120, 0 };
    nxmsg_table *few = nxmsg_table_new_codes(langs, 2), *all = nxmsg_table_new_codes(langs, 2);
    const nxmsg_entry *e;
    double tf[RUNS], ta[RUNS];
    size_t rows = 0;

    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++, rows++) {
        nxmsg_table_add_code(all, e);
        if (i < FEW)
            nxmsg_table_add_code(few, e);
    }
    for (int r = 0; r < RUNS; r++) {
        double t0 = bench_now();
        nxmsg_table_render(few, &o, count, NULL);
        tf[r] = bench_now() - t0;
        t0 = bench_now();
        nxmsg_table_render(all, &o, count, NULL);
        ta[r] = bench_now() - t0;
    }
    {
        double f = bench_median(tf, RUNS), a = bench_median(ta, RUNS);
        printf("render cost per row (text, width 120): %.1f us  (%zu rows %.0f us, %d rows %.0f us)\n",
               (a - f) / (double)(rows - FEW) * 1e6, rows, a * 1e6, FEW, f * 1e6);
    }
    nxmsg_table_free(few);
    nxmsg_table_free(all);
}

/* "nxmsg table --lang both --width 120" against "column -t -s TAB -W 3,4
 * -c 120" on the same TSV, runs interleaved; the times in ms. */
static void processes(const char *nxmsg)
{
    enum { PROC_RUNS = 41 };
    double tn[PROC_RUNS], tc[PROC_RUNS];
    char tsv[] = "/tmp/nxmsg-bench-XXXXXX";
    const nxmsg_entry *e;
    FILE *f;
    int fd = mkstemp(tsv), ok = 1;

    if (fd < 0 || (f = fdopen(fd, "w")) == NULL)
        return;
    fputs("Name\tValue\tEnglish\tJapanese\n", f);
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++)
        fprintf(f, "%s\t0x%02X\t%s\t%s\n", nxmsg_entry_name(e), nxmsg_entry_value(e),
                nxmsg_entry_text(e, "en"), nxmsg_entry_text(e, "ja"));
    fclose(f);
    {
        char *a[] = { (char *)nxmsg, "table", "--lang", "both", "--width", "120", NULL };
        char *c[] = { "column", "-t", "-s", "\t", "-W", "3,4", "-c", "120", NULL };
        for (int r = 0; r < PROC_RUNS && ok; r++) {
            tn[r] = run(a, NULL) * 1e3;
            tc[r] = run(c, tsv) * 1e3;
            ok = tn[r] > 0 && tc[r] > 0;
        }
    }
    unlink(tsv);
    if (!ok) {
        printf("as processes: nxmsg table or column failed, not compared\n");
        return;
    }
    {
        bench_figure n = bench_stats(tn, PROC_RUNS), c = bench_stats(tc, PROC_RUNS);
        printf("as processes, %d interleaved runs, median [min, max]:\n", PROC_RUNS);
        printf("  nxmsg table --lang both --width 120  %7.2f ms [%.2f, %.2f]\n", n.median, n.min, n.max);
        printf("  column -t -W 3,4 -c 120 (same TSV)   %7.2f ms [%.2f, %.2f]  (nxmsg = %.2fx; goal <= 1.5x)\n",
               c.median, c.min, c.max, n.median / c.median);
        bench_report("code table, both languages, width 120", "ms", 1, "nxmsg table", n, "column -t -W 3,4", c);
    }
}

int main(int argc, char **argv)
{
    enum { RUNS = 201 };
    static const char *const langs[] = { "en", "ja" };
    static double t[RUNS];
    nxmsg_table_opts o = { NXMSG_STYLE_BOX, NXMSG_LAYOUT_TABLE, 120, 0 };
    nxmsg_table *tab = nxmsg_table_new_codes(langs, 2);
    const nxmsg_entry *e;
    double render, build, base;

    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++)
        nxmsg_table_add_code(tab, e);
    nxmsg_table_render(tab, &o, count, NULL); /* warm up: catalogs, ICU */

    for (int r = 0; r < RUNS; r++) {
        double t0 = bench_now();
        nxmsg_table_render(tab, &o, count, NULL);
        t[r] = bench_now() - t0;
    }
    render = bench_median(t, RUNS);
    for (int r = 0; r < RUNS; r++) {
        double t0 = bench_now();
        nxmsg_table *x = nxmsg_table_new_codes(langs, 2);
        for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++)
            nxmsg_table_add_code(x, e);
        nxmsg_table_free(x);
        t[r] = bench_now() - t0;
    }
    build = bench_median(t, RUNS);
    for (int r = 0; r < RUNS; r++) {
        double t0 = bench_now();
        plain();
        t[r] = bench_now() - t0;
    }
    base = bench_median(t, RUNS);

    printf("in process, median of %d runs:\n", RUNS);
    printf("  build the table (%zu rows, sanitized)   %9.1f us\n", nxmsg_count(), build * 1e6);
    printf("  render it, box style, width 120         %9.1f us\n", render * 1e6);
    printf("  print the same cells unaligned          %9.1f us  (render = %.0fx)\n",
           base * 1e6, render / base);
    per_row();
    if (argc > 1)
        processes(argv[1]);
    nxmsg_table_free(tab);
    return 0;
}
