/* bench_startup.c - "nxmsg CODE" as a process, against what a user would
 * otherwise run: errno(1) from moreutils ("errno 2"), and /bin/true as the
 * floor.  Each round runs every command once (interleaved, so machine load
 * hits all alike), output to /dev/null; prints medians and ranges in
 * milliseconds and the ratio nxmsg / errno (goal: at most 1.3).
 *
 * Usage: bench_startup [-n ROUNDS] NXMSG [NXMSG-FULL] */
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

extern char **environ;

struct cmd {
    const char *label;
    char *argv[4];
    double *t;
    int failed;
};

/* Run argv once with stdout and stderr on /dev/null; seconds, or -1. */
static double run(char *const *argv)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int st;
    double t0 = bench_now();

    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return -1;
    }
    posix_spawn_file_actions_destroy(&fa);
    if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) > 1)
        return -1;
    return bench_now() - t0;
}

int main(int argc, char **argv)
{
    int rounds = 300, argi = 1;
    struct cmd cmds[5];
    size_t n = 0;
    double med[5];

    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        rounds = atoi(argv[2]);
        argi = 3;
    }
    if (argi >= argc || rounds < 5) {
        fprintf(stderr, "usage: bench_startup [-n ROUNDS] NXMSG [NXMSG-FULL]\n");
        return 2;
    }
    cmds[n++] = (struct cmd){ "nxmsg 0x10C", { argv[argi], "0x10C", NULL }, NULL, 0 };
    cmds[n++] = (struct cmd){ "nxmsg --lang=ja 0x10C", { argv[argi], "--lang=ja", "0x10C", NULL }, NULL, 0 };
    if (argi + 1 < argc)
        cmds[n++] = (struct cmd){ "nxmsg-full 0x10C (ICU linked)", { argv[argi + 1], "0x10C", NULL }, NULL, 0 };
    cmds[n++] = (struct cmd){ "errno 2 (moreutils)", { "errno", "2", NULL }, NULL, 0 };
    cmds[n++] = (struct cmd){ "/bin/true", { "/bin/true", NULL }, NULL, 0 };
    for (size_t c = 0; c < n; c++)
        if ((cmds[c].t = malloc((size_t)rounds * sizeof(double))) == NULL)
            return 2;
    for (int r = 0; r < rounds; r++)
        for (size_t c = 0; c < n; c++)
            if ((cmds[c].t[r] = run(cmds[c].argv)) < 0)
                cmds[c].failed = 1;
    printf("%-32s %10s %10s %10s   (%d interleaved rounds)\n", "process", "median ms", "min ms", "max ms",
           rounds);
    for (size_t c = 0; c < n; c++) {
        if (cmds[c].failed) {
            printf("%-32s %10s\n", cmds[c].label, "not run (missing or failed)");
            med[c] = -1;
            continue;
        }
        med[c] = bench_median(cmds[c].t, (size_t)rounds);
        printf("%-32s %10.3f %10.3f %10.3f\n", cmds[c].label, med[c] * 1e3, cmds[c].t[0] * 1e3,
               cmds[c].t[rounds - 1] * 1e3);
    }
    for (size_t c = 0; c + 2 < n; c++)
        if (med[c] > 0 && med[n - 2] > 0)
            printf("ratio %-26s %10.2f x errno 2%s\n", cmds[c].label, med[c] / med[n - 2],
                   c == 0 ? "   (goal: <= 1.30)" : "");
    if (med[0] > 0 && med[n - 2] > 0) {
        /* medians and ranges in ms (bench_median sorted each t) */
        bench_figure nx = { med[0] * 1e3, cmds[0].t[0] * 1e3, cmds[0].t[rounds - 1] * 1e3 };
        bench_figure er = { med[n - 2] * 1e3, cmds[n - 2].t[0] * 1e3, cmds[n - 2].t[rounds - 1] * 1e3 };
        bench_report("lookup as a process", "ms", 1, "nxmsg 0x10C", nx, "errno 2", er);
    }
    for (size_t c = 0; c < n; c++)
        free(cmds[c].t);
    return 0;
}
