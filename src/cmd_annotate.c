/* cmd_annotate.c - "nxmsg annotate": decode the status codes in logs. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nxmsg.h"
#include "cli.h"
#include "annotate_jobs.h"

#define READ_SIZE (256 * 1024)

void annotate_usage(FILE *f)
{
    cli_printf(f, _("Usage: %s annotate [OPTION]... [FILE]...\n"), cli_program);
    /* TRANSLATORS: the two %s are the brackets U+27E6 and U+27E7 */
    cli_printf(f, _("Copy each FILE (or standard input; - is standard input) to standard output,\n"
        "adding the meaning of every NetX Secure status code found in it:\n"
        "hex values (0x10C), decimal values after status/error/ret/rc... (status=268)\n"
        "and symbolic names (NX_SECURE_TLS_INVALID_SERVER_CERT).  Annotations look\n"
        "like \" %s0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: ...%s\"; the input bytes are never changed.\n"), "\xE2\x9F\xA6", "\xE2\x9F\xA7");
    cli_printf(f, "%s", _("\n"
        "  -m, --mode=MODE       inline (after each code, the default), suffix (at the\n"
        "                        end of the line) or json (one JSON object per line)\n"
        "  -l, --lang=LANG       ja, en, both (the default) or auto (the environment)\n"
        "  -o, --only-matching   only lines that have codes\n"
        "  -s, --summary         print only a table: how often each code occurs\n"
        "      --strip           remove annotations (gives back the original input)\n"
        "  -j, --jobs=N          annotate each FILE that is a regular file with N\n"
        "                        threads (1-64; the output is the same)\n"
        "  -h, --help            display this help and exit\n"
        "\n"
        "Exit status: 0 on success, 1 if --only-matching found no code,\n"
        "2 if a file could not be read or on a usage error.\n"));
}

/* What annotate_file() works with. */
struct run {
    nxmsg_annotator *a;
    const nxmsg_annotate_options *opt;
    int jobs;
    unsigned long long *counts; /* found by the threads of -j, per entry */
    char *buf;
};

/* The message of a file that shrinks while mapped, in the locale's
 * charset (as cli_error() would write it) into buf; returns its length. */
static size_t shrink_message(const char *path, char *buf, size_t size)
{
    FILE *f = fmemopen(buf, size, "w");
    long len;

    if (!f)
        return 0;
    cli_printf(f, "%s: %s: %s\n", cli_program, path, _("the file shrank while it was being read"));
    fflush(f);
    len = ftell(f);
    fclose(f);
    return len > 0 ? (size_t)len : 0;
}

/* A regular file of fd, mapped, with run->jobs annotating threads: 0, 1 if
 * not done (read it instead), -1 on a write error or when out of memory. */
static int annotate_mapped(const struct run *run, int fd, const char *path)
{
    struct stat st;
    char message[4096];
    const char *map;
    size_t size;
    int r;

    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (unsigned long long)st.st_size > (size_t)-1)
        return 1;
    size = (size_t)st.st_size;
    if (!(map = annotate_map(fd, size, message, shrink_message(path, message, sizeof message))))
        return 1;
    /* the annotating threads and this one writing, even at -j 1 (this one
     * alone when no thread can start) */
    r = annotate_jobs(map, size, run->opt, run->jobs, cli_write_spans, NULL, run->counts);
    if (r == ANNOTATE_JOBS_NOMEM)
        cli_error(_("out of memory"));
    annotate_unmap(map, size);
    return r == 0 ? 0 : -1;
}

/* Feed one file ("-": standard input); returns 0, 1 if it could not be
 * read, -1 on a write error.  Standard input is told by the name, never by
 * the descriptor: with fd 0 closed, open() hands out 0 for a file. */
static int annotate_file(const struct run *run, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0, fd = 0, r = 0;
    const char *what = is_stdin ? _("standard input") : path;
    nxmsg_annotator *a = run->a;
    char *buf = run->buf;
    ssize_t n;

    if (!is_stdin && (fd = open(path, O_RDONLY)) < 0) {
        cli_error("%s: %s", path, strerror(errno));
        return 1;
    }
    if (!is_stdin && (r = annotate_mapped(run, fd, path)) <= 0) {
        close(fd);
        return r;
    }
    r = 0;
    while ((n = read(fd, buf, READ_SIZE)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            cli_error("%s: %s", what, strerror(errno));
            r = 1;
            break;
        }
        if (nxmsg_annotator_feed(a, buf, (size_t)n) != 0) {
            r = -1;
            break;
        }
    }
    if (r >= 0 && nxmsg_annotator_finish(a) != 0)
        r = -1;
    if (!is_stdin)
        close(fd);
    return r;
}

/* A --jobs value: 1 to ANNOTATE_JOBS_MAX, else -1 after a diagnostic. */
static int parse_jobs(const char *arg)
{
    int n = 0;

    for (const char *p = arg; *p >= '0' && *p <= '9' && n <= ANNOTATE_JOBS_MAX; p++)
        n = n * 10 + (*p - '0');
    if (strspn(arg, "0123456789") != strlen(arg) || n < 1 || n > ANNOTATE_JOBS_MAX) {
        cli_error(_("invalid --jobs '%s' (use 1 to %d)"), arg, ANNOTATE_JOBS_MAX);
        return -1;
    }
    return n;
}

/* Parse the options into opt, langs, *summary and *jobs; returns -1 after a
 * usage error, 1 when --help was printed, else 0. */
static int parse_options(int argc, char **argv, nxmsg_annotate_options *opt, struct cli_langs *langs,
                         int *summary, int *jobs)
{
    enum { OPT_STRIP = 256 };
    static const struct option opts[] = {
        { "mode", required_argument, NULL, 'm' },
        { "lang", required_argument, NULL, 'l' },
        { "only-matching", no_argument, NULL, 'o' },
        { "summary", no_argument, NULL, 's' },
        { "strip", no_argument, NULL, OPT_STRIP },
        { "jobs", required_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    /* in the order of nxmsg_annotate_mode */
    static const char *const modes[] = { "inline", "suffix", "json", NULL };
    int c, i, strip = 0, mode_set = 0;

    while ((c = getopt_long(argc, argv, "m:l:osj:h", opts, NULL)) != -1) {
        switch (c) {
        case 'm':
            if ((i = cli_choice("mode", optarg, modes)) < 0)
                return -1;
            mode_set = 1;
            opt->mode = (nxmsg_annotate_mode)i;
            break;
        case 'l':
            if (cli_parse_lang(optarg, langs) < 0)
                return -1;
            break;
        case 'o': opt->only_matching = 1; break;
        case 's': *summary = 1; break;
        case OPT_STRIP: strip = 1; break;
        case 'j':
            if ((*jobs = parse_jobs(optarg)) < 0)
                return -1;
            break;
        case 'h':
            annotate_usage(stdout);
            return 1;
        default:
            cli_try_help("annotate");
            return -1;
        }
    }
    if (strip && (*summary || mode_set || opt->only_matching)) {
        cli_error(_("--strip cannot be combined with --mode, --only-matching or --summary"));
        return -1;
    }
    if (*summary && (mode_set || opt->only_matching)) {
        cli_error(_("--summary cannot be combined with --mode or --only-matching"));
        return -1;
    }
    if (strip)
        opt->mode = NXMSG_ANNOTATE_STRIP;
    else if (*summary)
        opt->mode = NXMSG_ANNOTATE_COUNT;
    opt->langs = langs->lang;
    opt->nlangs = (size_t)langs->n;
    return 0;
}

/* How many codes the annotator found in all. */
static unsigned long long total_count(const nxmsg_annotator *a, const unsigned long long *extra)
{
    const nxmsg_entry *e;
    unsigned long long total = 0;
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++)
        total += nxmsg_annotator_count(a, e) + extra[i];
    return total;
}

int cmd_annotate(int argc, char **argv)
{
    struct cli_langs langs = { { "en", "ja" }, 2 };
    nxmsg_annotate_options opt = { NXMSG_ANNOTATE_INLINE, NULL, 0, 0, 0 };
    int summary = 0, jobs = 1, status = CLI_OK, r = parse_options(argc, argv, &opt, &langs, &summary, &jobs);
    struct run run = { NULL, &opt, 1, NULL, NULL };

    if (r != 0)
        return r < 0 ? CLI_USAGE : cli_finish(CLI_OK);
    /* the summary is a table (ICU): the plain program hands it over, before
     * anything is read */
    if (summary && (r = cli_run_full()) >= 0)
        return r;
    /* JSON is UTF-8, and --strip copies the input: no conversion there */
    if (opt.mode == NXMSG_ANNOTATE_JSON || opt.mode == NXMSG_ANNOTATE_STRIP)
        cli_set_encoder(NULL);
    run.jobs = jobs;
    run.a = nxmsg_annotator_new(&opt, cli_write_annotated, NULL);
    run.buf = malloc(READ_SIZE);
    run.counts = calloc(nxmsg_count(), sizeof run.counts[0]);
    if (!run.a || !run.buf || !run.counts) {
        cli_error(_("out of memory"));
        nxmsg_annotator_free(run.a);
        free(run.buf);
        free(run.counts);
        return CLI_USAGE;
    }
    for (int i = optind; i < argc || i == optind; i++) {
        r = annotate_file(&run, i < argc ? argv[i] : "-");
        if (r < 0) {
            status = CLI_USAGE; /* a write error: cli_finish reports it */
            break;
        }
        if (r > 0)
            status = CLI_USAGE;
    }
    if (cli_write_annotated(NULL, NULL, 0) != 0)
        status = CLI_USAGE;
    if (summary) {
        r = annotate_summary(run.a, run.counts, &langs);
        if (r > status)
            status = r;
    } else if (status == CLI_OK && opt.only_matching && total_count(run.a, run.counts) == 0) {
        status = CLI_NOTFOUND;
    }
    nxmsg_annotator_free(run.a);
    free(run.buf);
    free(run.counts);
    return cli_finish(status);
}
