/* cli_lite.c - the plain lookup program: "nxmsg CODE" and "nxmsg annotate"
 * without ICU.
 *
 * A lookup or annotate in a UTF-8 (or C) locale needs only the ICU-free
 * part of the library, so the installed nxmsg is linked without ICU and
 * starts as fast as a minimal C program.  Everything else (tables, annotate
 * --summary, JSON lookups, another character set, --version) is done by
 * nxmsg-full, which this program runs in its place with the same
 * arguments. */
#include <config.h>

#include <errno.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static char **saved_argv;

void cli_save_argv(int argc, char **argv)
{
    /* a copy: "nxmsg -l ja table" is reordered before the command runs */
    if ((saved_argv = malloc(((size_t)argc + 1) * sizeof *argv)) != NULL)
        memcpy(saved_argv, argv, ((size_t)argc + 1) * sizeof *argv);
    else
        saved_argv = argv;
}


/* Run path with the saved arguments, named by its path (argv[0]: where
 * nxmsg-full finds itself, as this program did); returns only on failure. */
static void run(char *path)
{
    saved_argv[0] = path;
    execv(path, saved_argv);
}

/* Run nxmsg-full: beside this program (the build tree), in the libexec
 * directory of a moved installation, then where it was installed
 * (PKGLIBEXECDIR, config.h). */
int cli_run_full(void)
{
    static char installed[] = PKGLIBEXECDIR "/nxmsg-full";
    const char *dir = cli_program_dir();
    char path[CLI_DIR_MAX + 64];

    if (*dir) {
        snprintf(path, sizeof path, "%s/nxmsg-full", dir);
        run(path);
        snprintf(path, sizeof path, "%s/../libexec/" PACKAGE "/nxmsg-full", dir);
        run(path);
    }
    run(installed);
    cli_error(_("cannot run %s: %s"), installed, strerror(errno));
    return CLI_USAGE;
}

int cli_setup_output(int *argc, char **argv)
{
    const char *codeset = nl_langinfo(CODESET);

    for (int i = 1; i < *argc && strcmp(argv[i], "--") != 0; i++)
        if (strncmp(argv[i], "--enc", 5) == 0)
            exit(cli_run_full());
    if (codeset && strcmp(codeset, "UTF-8") != 0 && strcmp(codeset, "ANSI_X3.4-1968") != 0)
        exit(cli_run_full());
    return 0;
}

const char *cli_fold(const char *s, char *buf, size_t size)
{
    (void)buf;
    (void)size;
    return s;
}

void cli_version_extra(void)
{
    exit(cli_run_full());
}

int cmd_table(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_run_full();
}

int cli_lookup_json(char **args, int nargs, nxmsg_domain domain)
{
    (void)args;
    (void)nargs;
    (void)domain;
    return cli_run_full();
}

void table_usage(FILE *f)
{
    (void)f;
    exit(cli_run_full());
}

/* Never called: cmd_annotate() hands --summary over to nxmsg-full first. */
int annotate_summary(const nxmsg_annotator *a, const unsigned long long *extra, const struct cli_langs *langs)
{
    (void)a;
    (void)extra;
    (void)langs;
    return CLI_USAGE;
}

int cli_search(char **words, int n, const struct cli_langs *langs, nxmsg_domain domain)
{
    (void)words;
    (void)n;
    (void)langs;
    (void)domain;
    return cli_run_full();
}
