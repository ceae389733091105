/* nxmsg.c - the nxmsg command: look up NetX Secure status codes.
 * All logic lives in libnxmsg; this file parses arguments and prints. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nxmsg.h"
#include "cli.h"

const char *cli_program = "nxmsg";

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s: ", cli_program);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_finish(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("write error: %s", strerror(errno));
        return CLI_USAGE;
    }
    return status;
}

int cli_parse_lang(const char *arg, struct cli_langs *out)
{
    if (strcmp(arg, "both") == 0) {
        out->lang[0] = "en";
        out->lang[1] = "ja";
        out->n = 2;
    } else if (strcmp(arg, "auto") == 0) {
        out->lang[0] = NULL;
        out->n = 1;
    } else if (strcmp(arg, "en") == 0 || strcmp(arg, "C") == 0 || nxmsg_have_catalog(arg)) {
        out->lang[0] = arg;
        out->n = 1;
    } else {
        cli_error("unsupported language '%s' (use ja, en, both or auto)", arg);
        return -1;
    }
    return 0;
}

int cli_parse_domain(const char *arg, nxmsg_domain *out)
{
    static const char *const domains[] = { "tls", "x509", "core", "crypto", NULL };
    if (cli_choice("domain", arg, domains) < 0)
        return -1;
    *out = nxmsg_domain_from_key(arg);
    return 0;
}

long cli_parse_width(const char *s)
{
    long v = 0;

    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
        if (v > CLI_MAX_WIDTH)
            return -1;
    }
    return v;
}

size_t cli_terminal_width(void)
{
    struct winsize ws;
    const char *cols = getenv("COLUMNS");
    long v;

    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    if (cols && (v = cli_parse_width(cols)) > 0)
        return (size_t)v;
    return 80;
}

int cli_write_stdout(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

int cli_choice(const char *option, const char *arg, const char *const *names)
{
    char list[256] = "";
    size_t n = 0;

    for (int i = 0; names[i]; i++)
        if (strcmp(arg, names[i]) == 0)
            return i;
    for (int i = 0; names[i]; i++)
        n += (size_t)snprintf(list + n, n < sizeof list ? sizeof list - n : 0, "%s%s",
                              i == 0 ? "" : names[i + 1] ? ", " : " or ", names[i]);
    cli_error("unknown --%s '%s' (use %s)", option, arg, list);
    return -1;
}

int cli_resolve(const char *arg, const nxmsg_entry **out, size_t max, unsigned int *value,
                int *is_number)
{
    size_t n = 0;

    *is_number = arg[0] >= '0' && arg[0] <= '9';
    if (*is_number) {
        if (nxmsg_parse_code(arg, value) != NXMSG_OK) {
            cli_error("'%s' is not a valid code (use 0x10C, 268 or a name)", arg);
            return -1;
        }
        n = nxmsg_find_all(*value, out, max);
        return (int)(n < max ? n : max);
    }
    if (nxmsg_find_name(arg, NULL) == NXMSG_EINVAL) {
        cli_error("'%s' is not a valid code or name", arg);
        return -1;
    }
    n = nxmsg_find_names(arg, out, max);
    return (int)(n < max ? n : max);
}

/* Print one line: value, name (when known) and the description(s). */
static void print_line(unsigned int code, const nxmsg_entry *e, const struct cli_langs *langs)
{
    printf("0x%02X", code);
    if (e)
        printf(" %s", nxmsg_entry_name(e));
    fputs(":", stdout);
    for (int i = 0; i < langs->n; i++) {
        fputs(i ? " / " : " ", stdout);
        fputs(e ? nxmsg_entry_text(e, langs->lang[i]) : nxmsg_describe(code, langs->lang[i]), stdout);
    }
    fputc('\n', stdout);
}

static int lookup(const char *arg, const struct cli_langs *langs)
{
    const nxmsg_entry *all[8];
    unsigned int code;
    int is_number, n = cli_resolve(arg, all, sizeof all / sizeof all[0], &code, &is_number);

    if (n < 0)
        return CLI_USAGE;
    if (n == 0) {
        if (!is_number) {
            cli_error("'%s': no such code name", arg);
            return CLI_NOTFOUND;
        }
        print_line(code, NULL, langs); /* what is known: the range */
        return CLI_NOTFOUND;
    }
    for (int i = 0; i < n; i++)
        print_line(nxmsg_entry_value(all[i]), all[i], langs);
    return CLI_OK;
}

static void usage(FILE *f)
{
    fprintf(f,
        "Usage: %s [OPTION]... CODE...\n"
        "  or:  %s --list [OPTION]...\n"
        "Print the symbolic name and description of NetX Duo status codes.\n"
        "A CODE is a hex value (0x10C), a decimal value (268) or a symbolic name,\n"
        "case-insensitive and with or without its prefix (invalid_server_cert).\n"
        "\n"
        "  -l, --lang=LANG     ja, en, both (English and Japanese) or auto\n"
        "                      (the environment, English fallback; the default)\n"
        "  -L, --list          list every known code, one per line\n"
        "  -d, --domain=D      with --list: only tls, x509, core or crypto codes\n"
        "  -h, --help          display this help and exit\n"
        "  -V, --version       output version information and exit\n"
        "\n"
        "Exit status: 0 if every code is known, 1 if some code is unknown,\n"
        "2 on a usage error.\n",
        cli_program, cli_program);
}

/* Catalogs beside the program: "<its directory>/../share/locale" when that
 * holds an nxmsg catalog, e.g. in the build tree (make puts them in
 * share/locale) or in an installation moved to another prefix.  Used unless
 * NXMSG_LOCALEDIR is set; otherwise the library's built-in localedir. */
static void use_catalogs_beside_program(void)
{
    char dir[4096], probe[4400];
    ssize_t n;
    char *slash;
    DIR *d;
    struct dirent *ent;
    int found = 0;

    if (getenv("NXMSG_LOCALEDIR") || (n = readlink("/proc/self/exe", dir, sizeof dir - 32)) <= 0 ||
        (size_t)n >= sizeof dir - 32)
        return;
    dir[n] = '\0';
    if ((slash = strrchr(dir, '/')) == NULL)
        return;
    strcpy(slash, "/../share/locale");
    if ((d = opendir(dir)) == NULL)
        return;
    while (!found && (ent = readdir(d)) != NULL) {
        struct stat st;
        if (ent->d_name[0] == '.')
            continue;
        snprintf(probe, sizeof probe, "%s/%s/LC_MESSAGES/" PACKAGE ".mo", dir, ent->d_name);
        found = stat(probe, &st) == 0 && S_ISREG(st.st_mode);
    }
    closedir(d);
    if (found)
        nxmsg_set_localedir(dir);
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    /* table: */
    { "table", cmd_table },
    /* annotate: */
    { "annotate", cmd_annotate },
    { NULL, NULL },
};

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "list", no_argument, NULL, 'L' },
        { "domain", required_argument, NULL, 'd' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    struct cli_langs langs = { { NULL, NULL }, 1 };
    int list = 0, c, status = CLI_OK;
    nxmsg_domain domain = NXMSG_DOMAIN_NONE;

    setlocale(LC_ALL, "");
    use_catalogs_beside_program();
    /* getopt's own messages name the program as users call it */
    argv[0] = (char *)cli_program;
    if (argc > 1)
        for (size_t i = 0; commands[i].name; i++)
            if (strcmp(argv[1], commands[i].name) == 0) {
                static char name[64];
                snprintf(name, sizeof name, "%s %s", cli_program, commands[i].name);
                argv[1] = name;
                return commands[i].run(argc - 1, argv + 1);
            }
    while ((c = getopt_long(argc, argv, "l:Ld:hV", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            if (cli_parse_lang(optarg, &langs) < 0)
                return CLI_USAGE;
            break;
        case 'L':
            list = 1;
            break;
        case 'd':
            if (cli_parse_domain(optarg, &domain) < 0)
                return CLI_USAGE;
            break;
        case 'h':
            usage(stdout);
            return cli_finish(CLI_OK);
        case 'V':
            printf("nxmsg %s\n", nxmsg_version());
            return cli_finish(CLI_OK);
        default:
            fprintf(stderr, "Try '%s --help' for more information.\n", cli_program);
            return CLI_USAGE;
        }
    }
    if (list) {
        const nxmsg_entry *e;
        if (optind < argc) {
            cli_error("--list takes no CODE arguments");
            return CLI_USAGE;
        }
        for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++)
            if (domain == NXMSG_DOMAIN_NONE || nxmsg_entry_domain(e) == domain)
                print_line(nxmsg_entry_value(e), e, &langs);
        return cli_finish(CLI_OK);
    }
    if (optind >= argc) {
        cli_error("no CODE given");
        fprintf(stderr, "Try '%s --help' for more information.\n", cli_program);
        return CLI_USAGE;
    }
    for (int i = optind; i < argc; i++) {
        int r = lookup(argv[i], &langs);
        if (r > status)
            status = r;
    }
    return cli_finish(status);
}
