/* cmd_table.c - "nxmsg table": the code table as aligned text, box,
 * Markdown, CSV or JSON.  Layout and rendering live in libnxmsg. */
#include <config.h>

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "nxmsg.h"
#include "core.h" /* nxmsg__format_hex */
#include "cli.h"


void table_usage(FILE *f)
{
    cli_printf(f, _("Usage: %s table [OPTION]... [CODE]...\n"), cli_program);
    cli_printf(f, "%s", _("Print the NetX Duo status codes (all, or each CODE given) as a table.\n"
        "A CODE is a hex value (0x10C), a decimal value (268) or a symbolic name;\n"
        "- reads codes from standard input.\n"
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
        "known ones are still printed), 2 on a usage error.\n"));
}

struct table_args {
    nxmsg_table *t;
    nxmsg_domain domain;
    const struct cli_langs *langs; /* NULL for JSON */
};

/* Add the row of e: as the output character set shows its texts, so that
 * the layout is computed on what is written. */
static int add_entry(const struct table_args *ta, const nxmsg_entry *e)
{
    char value[NXMSG__HEX_MAX], text[2][2048];
    const char *cells[5];

    if (!ta->langs || !cli_folding())
        return nxmsg_table_add_code(ta->t, e);
    nxmsg__format_hex(nxmsg_entry_value(e), value);
    cells[0] = cli_domain_keyword(nxmsg_entry_domain(e));
    cells[1] = nxmsg_entry_name(e);
    cells[2] = value;
    for (int i = 0; i < ta->langs->n; i++)
        cells[3 + i] = cli_fold(nxmsg_entry_text(e, ta->langs->lang[i]), text[i], sizeof text[i]);
    return nxmsg_table_add_row(ta->t, cells, 3 + (size_t)ta->langs->n);
}

/* Add the codes one argument names; returns an exit status. */
static int add_arg(const char *arg, void *ctx)
{
    struct table_args *ta = ctx;
    const nxmsg_entry *all[8];
    unsigned int code;
    int is_number, n = cli_resolve(arg, ta->domain, all, sizeof all / sizeof all[0], &code, &is_number);

    if (n < 0)
        return CLI_USAGE;
    if (n == 0)
        return cli_not_found(arg, ta->domain, is_number);
    for (int i = 0; i < n; i++)
        if (add_entry(ta, all[i]) != NXMSG_OK) {
            cli_error(_("out of memory"));
            return CLI_USAGE;
        }
    return CLI_OK;
}

/* Check the CODE arguments (malformed ones are usage errors, reported
 * before any output); returns 0 or -1. */
static int check_args(char **args, int n)
{
    for (int i = 0; i < n; i++) {
        const nxmsg_entry *all[2];
        unsigned int v;
        int is_number;
        if (strcmp(args[i], "-") != 0 &&
            cli_resolve(args[i], NXMSG_DOMAIN_NONE, all, 2, &v, &is_number) < 0)
            return -1;
    }
    return 0;
}

/* Fill ta->t with the codes of args[0..n) ("-" reads standard input), or
 * every code of the domain when n < 0; returns an exit status. */
static int add_codes(struct table_args *ta, char **args, int n)
{
    const nxmsg_entry *e;
    int status = CLI_OK, r;
    size_t words;

    if (n >= 0 && check_args(args, n) < 0)
        return CLI_USAGE;
    for (int i = 0; i < n; i++) {
        r = strcmp(args[i], "-") == 0 ? cli_each_stdin_word(add_arg, ta, &words) : add_arg(args[i], ta);
        if (r > status)
            status = r;
    }
    for (size_t i = 0; n < 0 && (e = nxmsg_entry_at(i)) != NULL; i++)
        if (ta->domain == NXMSG_DOMAIN_NONE || nxmsg_entry_domain(e) == ta->domain)
            if (add_entry(ta, e) != NXMSG_OK) {
                cli_error(_("out of memory"));
                return CLI_USAGE;
            }
    return status;
}

/* Build the code table for langs, add the codes and render it. */
static int print_table(const struct cli_langs *langs, nxmsg_domain domain, const nxmsg_table_opts *o,
                       char **args, int nargs)
{
    static const char *const both[] = { "en", "ja" };
    struct table_args ta = { NULL, domain, o->style == NXMSG_STYLE_JSON ? NULL : langs };
    int status, rc;

    if (o->style == NXMSG_STYLE_JSON)
        cli_set_encoder(NULL); /* JSON is UTF-8 */
    ta.t = o->style == NXMSG_STYLE_JSON ? nxmsg_table_new_codes(both, 2)
                                        : nxmsg_table_new_codes(langs->lang, (size_t)langs->n);
    if (!ta.t) {
        cli_error(_("out of memory"));
        return CLI_USAGE;
    }
    cli_translate_headers(ta.t);
    status = add_codes(&ta, args, nargs);
    if (status == CLI_USAGE || nxmsg_table_rows(ta.t) == 0) {
        nxmsg_table_free(ta.t);
        return status == CLI_OK ? CLI_NOTFOUND : status;
    }
    rc = nxmsg_table_render(ta.t, o, cli_write_stdout, NULL);
    nxmsg_table_free(ta.t);
    if (rc == NXMSG_ENOMEM) {
        cli_error(_("out of memory"));
        return CLI_USAGE;
    }
    return cli_finish(status);
}

int cli_lookup_json(char **args, int nargs, nxmsg_domain domain)
{
    nxmsg_table_opts o = { NXMSG_STYLE_JSON, NXMSG_LAYOUT_AUTO, 0, 0 };
    static char dash[] = "-";
    char *in[] = { dash };

    if (nargs == 0)
        return print_table(NULL, domain, &o, in, 1);
    return print_table(NULL, domain, &o, args, nargs);
}

/* One option of cmd_table into *o and friends; returns 0 or -1. */
static int table_option(int c, nxmsg_table_opts *o, struct cli_langs *langs, nxmsg_domain *domain,
                        long *width, int *bom)
{
    enum { OPT_AMBIGUOUS = 256, OPT_LAYOUT, OPT_BOM };
    static const char *const formats[] = { "text", "box", "unicode", "markdown", "csv", "json", NULL };
    static const char *const widths[] = { "narrow", "wide", NULL };
    /* in the order of nxmsg_table_layout */
    static const char *const layouts[] = { "auto", "table", "record", NULL };
    int i;

    switch (c) {
    case 'd':
        return cli_parse_domain(optarg, domain);
    case 'l':
        return cli_parse_lang(optarg, langs);
    case 'f':
        if ((i = cli_choice("format", optarg, formats)) >= 0)
            o->style = (nxmsg_table_style)i;
        return i < 0 ? -1 : 0;
    case 'w':
        if ((*width = cli_parse_width(optarg)) >= 0)
            return 0;
        cli_error(_("invalid width '%s' (use 0 to %d)"), optarg, CLI_MAX_WIDTH);
        return -1;
    case OPT_AMBIGUOUS:
        if ((i = cli_choice("ambiguous", optarg, widths)) >= 0)
            o->flags = i ? o->flags | NXMSG_TABLE_AMBIGUOUS_WIDE : o->flags & ~NXMSG_TABLE_AMBIGUOUS_WIDE;
        return i < 0 ? -1 : 0;
    case OPT_LAYOUT:
        if ((i = cli_choice("layout", optarg, layouts)) >= 0)
            o->layout = (nxmsg_table_layout)i;
        return i < 0 ? -1 : 0;
    case OPT_BOM:
        *bom = 1;
        return 0;
    default:
        cli_try_help("table");
        return -1;
    }
}

int cmd_table(int argc, char **argv)
{
    static const struct option opts[] = {
        { "domain", required_argument, NULL, 'd' },
        { "lang", required_argument, NULL, 'l' },
        { "format", required_argument, NULL, 'f' },
        { "width", required_argument, NULL, 'w' },
        { "ambiguous", required_argument, NULL, 256 },
        { "layout", required_argument, NULL, 257 },
        { "bom", no_argument, NULL, 258 },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct cli_langs langs = { { NULL, NULL }, 1 };
    nxmsg_table_opts o = { NXMSG_STYLE_TEXT, NXMSG_LAYOUT_AUTO, 0, 0 };
    nxmsg_domain domain = NXMSG_DOMAIN_NONE;
    long width = -1;
    int c, bom = 0;

    optind = 1;
    while ((c = getopt_long(argc, argv, "d:l:f:w:h", opts, NULL)) != -1) {
        if (c == 'h') {
            table_usage(stdout);
            return cli_finish(CLI_OK);
        }
        if (table_option(c, &o, &langs, &domain, &width, &bom) < 0)
            return CLI_USAGE;
    }
    if (bom && o.style != NXMSG_STYLE_CSV) {
        cli_error(_("--bom applies to --format=csv only"));
        return CLI_USAGE;
    }
    if (bom)
        o.flags |= NXMSG_TABLE_BOM;
    o.width = width >= 0 ? (size_t)width : cli_terminal_width();
    return print_table(&langs, domain, &o, argv + optind, optind < argc ? argc - optind : -1);
}
