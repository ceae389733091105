/* nxmsg.c - the nxmsg command: look up NetX Duo status codes, and run
 * the subcommands.  All logic lives in libnxmsg and src/cli.c; this file
 * parses the lookup options and prints. */
#include <config.h>

#include <getopt.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct lookup {
    struct cli_langs langs;
    nxmsg_domain domain;
};

void cli_print_line(unsigned int code, const nxmsg_entry *e, const struct cli_langs *langs)
{
    char small[2048], *buf = small;
    size_t n = e ? nxmsg_format_entry_r(e, langs->lang, (size_t)langs->n, buf, sizeof small)
                 : nxmsg_format_log_r(code, langs->lang, (size_t)langs->n, buf, sizeof small);

    if (n >= sizeof small && (buf = malloc(n + 1)) != NULL)
        n = e ? nxmsg_format_entry_r(e, langs->lang, (size_t)langs->n, buf, n + 1)
              : nxmsg_format_log_r(code, langs->lang, (size_t)langs->n, buf, n + 1);
    if (!buf) {
        buf = small;
        n = strlen(small);
    }
    buf[n] = '\n';
    cli_write(stdout, buf, n + 1);
    if (buf != small)
        free(buf);
}

static int lookup(const char *arg, void *ctx)
{
    const struct lookup *l = ctx;
    const nxmsg_entry *all[8];
    unsigned int code;
    int is_number, n = cli_resolve(arg, l->domain, all, sizeof all / sizeof all[0], &code, &is_number);

    if (n < 0)
        return CLI_USAGE;
    if (n == 0 && is_number && l->domain == NXMSG_DOMAIN_NONE) {
        cli_print_line(code, NULL, &l->langs); /* what is known: the range */
        return CLI_NOTFOUND;
    }
    if (n == 0)
        return cli_not_found(arg, l->domain, is_number);
    for (int i = 0; i < n; i++)
        cli_print_line(nxmsg_entry_value(all[i]), all[i], &l->langs);
    return CLI_OK;
}

static void usage(FILE *f)
{
    cli_printf(f, _("Usage: %s [OPTION]... [CODE]...\n"
                    "  or:  %s --list [OPTION]...\n"
                    "  or:  %s COMMAND [OPTION]... [ARG]...\n"),
               cli_program, cli_program, cli_program);
    cli_printf(f, "%s", _("Print the symbolic name and description of NetX Duo status codes.\n"
        "A CODE is a hex value (0x10C), a decimal value (268) or a symbolic name,\n"
        "case-insensitive and with or without its prefix (invalid_server_cert).\n"
        "With no CODE, or when CODE is -, read codes from standard input.\n"
        "\n"
        "  -l, --lang=LANG     ja, en, both (English and Japanese) or auto\n"
        "                      (the environment, English fallback; the default)\n"
        "  -L, --list          list every known code, one per line\n"
        "  -d, --domain=D      only tls, x509, core or crypto codes\n"
        "  -f, --format=FMT    text (the default) or json\n"
        "  -s, --search        the operands are WORDS: list the codes whose name or\n"
        "                      description (English or Japanese) holds them all\n"
        "      --encoding=CS   write in character set CS (default: the locale's;\n"
        "                      UTF-8 in the C locale); any command takes it\n"
        "  -h, --help          display this help and exit\n"
        "  -V, --version       output version information and exit\n"
        "\n"
        "Commands:\n"
        "  table               print codes as a table (text, box, Markdown, CSV, JSON)\n"
        "  annotate            add the meaning of the codes found in log files\n"
        "  help [COMMAND]      display help for nxmsg or for a command\n"
        "Options given before a command apply to it (nxmsg --lang=ja table).\n"
        "\n"
        "Environment:\n"
        "  LANGUAGE, LC_ALL, LC_MESSAGES, LANG\n"
        "                      the language of --lang=auto and of these messages\n"
        "  NXMSG_LOCALEDIR     the directory of the message catalogs\n"
        "  COLUMNS             the table width when the output is not a terminal\n"
        "\n"
        "Exit status: 0 if every code is known, 1 if some code is unknown,\n"
        "2 on a usage error.\n"));
}

static void version(void)
{
    cli_printf(stdout, "nxmsg %s\n", nxmsg_version());
    cli_printf(stdout, "%s", _("License: MIT <https://opensource.org/licenses/MIT>.\n"
                              "This is free software: you are free to change and redistribute it.\n"
                              "There is NO WARRANTY, to the extent permitted by law.\n"));
    cli_printf(stdout, _("Catalog directory: %s\n"), cli_catalog_dir());
    cli_version_extra();
}

static int takes_value(const char *arg);

/* "nxmsg help [COMMAND]" (options before it, such as --lang, already
 * apply) */
static int cmd_help(int argc, char **argv)
{
    const char *topic = NULL;
    int n = 0;

    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) {
            i += takes_value(argv[i]);
            continue;
        }
        topic = argv[i];
        n++;
    }
    if (!topic || strcmp(topic, "help") == 0) {
        usage(stdout);
    } else if (n == 1 && strcmp(topic, "table") == 0) {
        table_usage(stdout);
    } else if (n == 1 && strcmp(topic, "annotate") == 0) {
        annotate_usage(stdout);
    } else {
        cli_error(_("no such command: '%s' (use table, annotate or help)"), topic);
        return CLI_USAGE;
    }
    return cli_finish(CLI_OK);
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    { "table", cmd_table },
    { "annotate", cmd_annotate },
    { "help", cmd_help },
    { NULL, NULL },
};

/* Whether argv[i] is an option that takes the next word as its value. */
static int takes_value(const char *arg)
{
    static const char *const with_value[] = { "-l", "--lang", "-d", "--domain", "-f", "--format",
                                              "-e", "--encoding", NULL };
    for (size_t i = 0; with_value[i]; i++)
        if (strcmp(arg, with_value[i]) == 0)
            return 1;
    return 0;
}

/* If a command name follows the global options, run it with those options
 * moved after its name; else return -1. */
static int run_command(int argc, char **argv)
{
    static char name[64];
    int i = 1;

    while (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0)
        i += takes_value(argv[i]) ? 2 : 1;
    if (i >= argc)
        return -1;
    for (size_t c = 0; commands[c].name; c++) {
        if (strcmp(argv[i], commands[c].name) != 0)
            continue;
        /* argv[1..i) are global options: "nxmsg -l ja table X" runs
         * "table -l ja X" */
        memmove(argv + 2, argv + 1, (size_t)(i - 1) * sizeof *argv);
        snprintf(name, sizeof name, "%s %s", cli_program, commands[c].name);
        argv[1] = name;
        optind = 1;
        return commands[c].run(argc - 1, argv + 1);
    }
    return -1;
}

/* Look up args[0..n), or the words of standard input if n is 0. */
static int lookup_all(char **args, int n, struct lookup *l)
{
    int status = CLI_OK, r;
    size_t words;

    if (n == 0 && isatty(STDIN_FILENO)) {
        cli_error(_("no CODE given"));
        cli_try_help(NULL);
        return CLI_USAGE;
    }
    for (int i = 0; i < n || i == 0; i++) {
        if (n > 0 && strcmp(args[i], "-") != 0) {
            r = lookup(args[i], l);
        } else {
            r = cli_each_stdin_word(lookup, l, &words);
            if (words == 0 && n == 0) {
                cli_error(_("no CODE given"));
                cli_try_help(NULL);
                r = CLI_USAGE;
            }
        }
        if (r > status)
            status = r;
    }
    return status;
}

/* The lookup's options (after the command's global setup). */
struct options {
    struct lookup l;
    int list, json, search;
};

/* Read the options into o; returns -1 to go on, else the exit status
 * (--help, --version, a bad option). */
static int parse_options(int argc, char **argv, struct options *o)
{
    static const struct option opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "list", no_argument, NULL, 'L' },
        { "domain", required_argument, NULL, 'd' },
        { "format", required_argument, NULL, 'f' },
        { "search", no_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    static const char *const formats[] = { "text", "json", NULL };
    int c, status;

    while ((c = getopt_long(argc, argv, "l:Ld:f:shV", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            if (cli_parse_lang(optarg, &o->l.langs) < 0)
                return CLI_USAGE;
            break;
        case 'L':
            o->list = 1;
            break;
        case 'd':
            if (cli_parse_domain(optarg, &o->l.domain) < 0)
                return CLI_USAGE;
            break;
        case 'f':
            if ((o->json = cli_choice("format", optarg, formats)) < 0)
                return CLI_USAGE;
            break;
        case 's':
            o->search = 1;
            break;
        case 'h':
            usage(stdout);
            return cli_finish(CLI_OK);
        case 'V':
            if ((status = cli_run_full()) >= 0)
                return status;
            version();
            return cli_finish(CLI_OK);
        default:
            cli_try_help(NULL);
            return CLI_USAGE;
        }
    }
    return -1;
}

/* Every code (of the domain, if one is given). */
static int list_all(const struct lookup *l)
{
    const nxmsg_entry *e;

    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++)
        if (l->domain == NXMSG_DOMAIN_NONE || nxmsg_entry_domain(e) == l->domain)
            cli_print_line(nxmsg_entry_value(e), e, &l->langs);
    return cli_finish(CLI_OK);
}

int main(int argc, char **argv)
{
    struct options o = { { { { NULL, NULL }, 1 }, NXMSG_DOMAIN_NONE }, 0, 0, 0 };
    int status;

    setlocale(LC_ALL, "");
    cli_save_argv(argc, argv);
    cli_init_catalogs(argv[0]);
    cli_message_language(argc, argv);
    if (cli_setup_output(&argc, argv) < 0)
        return CLI_USAGE;
    /* getopt's own messages name the program as users call it */
    argv[0] = (char *)cli_program;
    if ((status = run_command(argc, argv)) >= 0)
        return status;
    if ((status = parse_options(argc, argv, &o)) >= 0)
        return status;
    if (o.list && optind < argc) {
        cli_error(_("--list takes no CODE arguments"));
        return CLI_USAGE;
    }
    if (o.search)
        return cli_search(argv + optind, argc - optind, &o.l.langs, o.l.domain);
    if (o.json)
        return cli_lookup_json(argv + optind, o.list ? -1 : argc - optind, o.l.domain);
    if (o.list)
        return list_all(&o.l);
    return cli_finish(lookup_all(argv + optind, argc - optind, &o.l));
}
