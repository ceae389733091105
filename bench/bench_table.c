/* bench_table.c - time to render the full bilingual code table (128 codes,
 * English and Japanese) at width 120.
 *
 * In process: nxmsg_table_render (box style, wrapping cells) against a
 * baseline that only prints the same cells unaligned (what any table must
 * at least do).  As processes: "nxmsg table" against util-linux
 * "column --table --table-wrap" on the same data, the nearest Debian tool
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

int main(int argc, char **argv)
{
    enum { RUNS = 201, PROC_RUNS = 41 };
    static const char *const langs[] = { "en", "ja" };
    static double t[RUNS];
    nxmsg_table_opts o = { NXMSG_STYLE_BOX, NXMSG_LAYOUT_TABLE, 120, 0 };
    nxmsg_table *tab = nxmsg_table_new_codes(langs, 2);
    const nxmsg_entry *e;
    double render, build, base, cli = -1, col = -1;
    bench_figure cli_f = { 0, 0, 0 }, col_f = { 0, 0, 0 };
    char tsv[] = "/tmp/nxmsg-bench-XXXXXX";
    FILE *f;
    int fd;

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
    printf("  build the table (128 rows, sanitized)   %9.1f us\n", build * 1e6);
    printf("  render it, box style, width 120         %9.1f us\n", render * 1e6);
    printf("  print the same cells unaligned          %9.1f us  (render = %.0fx)\n",
           base * 1e6, render / base);

    /* processes: nxmsg table vs column --table-wrap on the same TSV */
    fd = mkstemp(tsv);
    if (fd >= 0 && (f = fdopen(fd, "w")) != NULL) {
        fputs("Name\tValue\tEnglish\tJapanese\n", f);
        for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++)
            fprintf(f, "%s\t0x%02X\t%s\t%s\n", nxmsg_entry_name(e), nxmsg_entry_value(e),
                    nxmsg_entry_text(e, "en"), nxmsg_entry_text(e, "ja"));
        fclose(f);
        if (argc > 1) {
            char *a[] = { argv[1], "table", "--lang", "both", "--width", "120", "--format", "box", NULL };
            for (int r = 0; r < PROC_RUNS && (t[r] = run(a, NULL)) >= 0; r++)
                cli = r == PROC_RUNS - 1 ? bench_median(t, PROC_RUNS) : cli;
            cli_f = (bench_figure){ cli * 1e3, t[0] * 1e3, t[PROC_RUNS - 1] * 1e3 }; /* t is sorted */
        }
        {
            char *a[] = { "column", "--table", "--separator", "\t", "--output-width", "120",
                          "--table-wrap", "3,4", "--output-separator", " | ", NULL };
            for (int r = 0; r < PROC_RUNS && (t[r] = run(a, tsv)) >= 0; r++)
                col = r == PROC_RUNS - 1 ? bench_median(t, PROC_RUNS) : col;
            col_f = (bench_figure){ col * 1e3, t[0] * 1e3, t[PROC_RUNS - 1] * 1e3 };
        }
        unlink(tsv);
    }
    printf("as processes, median of %d runs:\n", PROC_RUNS);
    if (cli > 0)
        printf("  nxmsg table --lang both --width 120     %9.1f us\n", cli * 1e6);
    else
        printf("  nxmsg table: not run\n");
    if (col > 0)
        printf("  column --table --table-wrap (util-linux)%9.1f us  (nxmsg = %.2fx)\n", col * 1e6,
               cli > 0 ? cli / col : 0);
    else
        printf("  column --table-wrap: not available\n");
    if (cli > 0 && col > 0)
        bench_report("code table, both languages, width 120", "ms", 1, "nxmsg table", cli_f, "column --table-wrap",
                     col_f);
    nxmsg_table_free(tab);
    return 0;
}
