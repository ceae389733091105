/* cmd_table.c - "nxmsg table": the code table as aligned text, box,
 * Markdown, CSV or JSON.  Layout and rendering live in libnxmsg. */
#include <config.h>

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "nxmsg.h"
#include "cli.h"


static void table_usage(FILE *f)
{
    fprintf(f,
        "Usage: %s table [OPTION]... [CODE]...\n"
        "Print the NetX Secure status codes (all, or the CODEs given) as a table.\n"
        "A CODE is a hex value (0x10C), a decimal value (268) or a symbolic name.\n"
        "\n"
        "  -d, --domain=D        only tls, x509, core or crypto codes\n"
        "  -l, --lang=LANG       ja, en, both or auto (the environment; default)\n"
        "  -f, --format=FMT      text (default), box, unicode, markdown, csv, json\n"
        "  -w, --width=N         fit text and box tables to N columns (0: no limit;\n"
        "                        default: the terminal's width, else $COLUMNS, else 80)\n"
        "      --ambiguous=A     narrow (default) or wide: the width of East Asian\n"
        "                        ambiguous characters; wide makes unicode use ASCII\n"
        "      --layout=L        auto (default), table or record (one field a line)\n"
        "      --bom             csv: start with a UTF-8 byte order mark\n"
        "  -h, --help            display this help and exit\n"
        "\n"
        "json always carries domain, value, name, en and ja.\n"
        "Exit status: 0 if every CODE is known, 1 if some CODE is unknown (the\n"
        "known ones are still printed), 2 on a usage error.\n",
        cli_program);
}

/* Add the codes one argument names to t; returns an exit status. */
static int add_arg(nxmsg_table *t, const char *arg, nxmsg_domain domain)
{
    const nxmsg_entry *all[8];
    size_t added = 0;
    unsigned int code;
    int is_number, n = cli_resolve(arg, all, sizeof all / sizeof all[0], &code, &is_number);

    if (n < 0)
        return CLI_USAGE;
    for (int i = 0; i < n; i++) {
        if (domain != NXMSG_DOMAIN_NONE && nxmsg_entry_domain(all[i]) != domain)
            continue;
        if (nxmsg_table_add_code(t, all[i]) != NXMSG_OK) {
            cli_error("out of memory");
            return CLI_USAGE;
        }
        added++;
    }
    if (added == 0) {
        cli_error("'%s': no such code%s%s", arg, domain != NXMSG_DOMAIN_NONE ? " in " : "",
                  domain != NXMSG_DOMAIN_NONE ? nxmsg_domain_name(domain) : "");
        return CLI_NOTFOUND;
    }
    return CLI_OK;
}

int cmd_table(int argc, char **argv)
{
    enum { OPT_AMBIGUOUS = 256, OPT_LAYOUT, OPT_BOM };
    static const struct option opts[] = {
        { "domain", required_argument, NULL, 'd' },
        { "lang", required_argument, NULL, 'l' },
        { "format", required_argument, NULL, 'f' },
        { "width", required_argument, NULL, 'w' },
        { "ambiguous", required_argument, NULL, OPT_AMBIGUOUS },
        { "layout", required_argument, NULL, OPT_LAYOUT },
        { "bom", no_argument, NULL, OPT_BOM },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    static const char *const formats[] = { "text", "box", "unicode", "markdown", "csv", "json", NULL };
    static const char *const both[] = { "en", "ja" };
    struct cli_langs langs = { { NULL, NULL }, 1 };
    nxmsg_table_opts o = { NXMSG_STYLE_TEXT, NXMSG_LAYOUT_AUTO, 0, 0 };
    nxmsg_domain domain = NXMSG_DOMAIN_NONE;
    long width = -1;
    int c, status = CLI_OK, bom = 0, rc;
    nxmsg_table *t;

    optind = 1;
    while ((c = getopt_long(argc, argv, "d:l:f:w:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (cli_parse_domain(optarg, &domain) < 0)
                return CLI_USAGE;
            break;
        case 'l':
            if (cli_parse_lang(optarg, &langs) < 0)
                return CLI_USAGE;
            break;
        case 'f': {
            int i = cli_choice("format", optarg, formats);
            if (i < 0)
                return CLI_USAGE;
            o.style = (nxmsg_table_style)i;
            break;
        }
        case 'w':
            if ((width = cli_parse_width(optarg)) < 0) {
                cli_error("invalid width '%s' (use 0 to %d)", optarg, CLI_MAX_WIDTH);
                return CLI_USAGE;
            }
            break;
        case OPT_AMBIGUOUS: {
            static const char *const widths[] = { "narrow", "wide", NULL };
            int i = cli_choice("ambiguous", optarg, widths);
            if (i < 0)
                return CLI_USAGE;
            o.flags = i ? o.flags | NXMSG_TABLE_AMBIGUOUS_WIDE : o.flags & ~NXMSG_TABLE_AMBIGUOUS_WIDE;
            break;
        }
        case OPT_LAYOUT: {
            /* in the order of nxmsg_table_layout */
            static const char *const layouts[] = { "auto", "table", "record", NULL };
            int i = cli_choice("layout", optarg, layouts);
            if (i < 0)
                return CLI_USAGE;
            o.layout = (nxmsg_table_layout)i;
            break;
        }
        case OPT_BOM:
            bom = 1;
            break;
        case 'h':
            table_usage(stdout);
            return cli_finish(CLI_OK);
        default:
            fprintf(stderr, "Try '%s table --help' for more information.\n", cli_program);
            return CLI_USAGE;
        }
    }
    if (bom && o.style != NXMSG_STYLE_CSV) {
        cli_error("--bom applies to --format=csv only");
        return CLI_USAGE;
    }
    if (bom)
        o.flags |= NXMSG_TABLE_BOM;
    o.width = width >= 0 ? (size_t)width : cli_terminal_width();

    t = o.style == NXMSG_STYLE_JSON ? nxmsg_table_new_codes(both, 2)
                                    : nxmsg_table_new_codes(langs.lang, (size_t)langs.n);
    if (!t) {
        cli_error("out of memory");
        return CLI_USAGE;
    }
    if (optind < argc) {
        /* malformed arguments are usage errors, reported before any output */
        for (int i = optind; i < argc; i++) {
            const nxmsg_entry *all[8];
            unsigned int v;
            int is_number;
            if (cli_resolve(argv[i], all, sizeof all / sizeof all[0], &v, &is_number) < 0) {
                nxmsg_table_free(t);
                return CLI_USAGE;
            }
        }
        for (int i = optind; i < argc; i++) {
            int r = add_arg(t, argv[i], domain);
            if (r > status)
                status = r;
        }
    } else {
        const nxmsg_entry *e;
        for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++)
            if (domain == NXMSG_DOMAIN_NONE || nxmsg_entry_domain(e) == domain)
                if (nxmsg_table_add_code(t, e) != NXMSG_OK) {
                    cli_error("out of memory");
                    nxmsg_table_free(t);
                    return CLI_USAGE;
                }
    }
    if (status == CLI_USAGE) {
        nxmsg_table_free(t);
        return status;
    }
    rc = nxmsg_table_render(t, &o, cli_write_stdout, NULL);
    nxmsg_table_free(t);
    if (rc == NXMSG_ENOMEM) {
        cli_error("out of memory");
        return CLI_USAGE;
    }
    return cli_finish(status);
}
