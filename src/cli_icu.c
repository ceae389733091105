/* cli_icu.c - the parts of the nxmsg command that need ICU (the program
 * nxmsg-full): output in the locale's character set, --version's ICU
 * line, table headers, --search.  The plain lookup program (cli_lite.c)
 * runs nxmsg-full for them. */
#include <config.h>

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static nxmsg_charset *out_cs;

static int write_file(void *ctx, const char *data, size_t len)
{
    return fwrite(data, 1, len, ctx) == len ? 0 : -1;
}

static int encode(FILE *f, const char *s, size_t len)
{
    return nxmsg_charset_write(out_cs, s, len, write_file, f) == 0 ? 0 : -1;
}

static void close_charset(void)
{
    nxmsg_charset_close(out_cs);
    out_cs = NULL;
}

int cli_setup_output(int *argc, char **argv)
{
    const char *name = cli_take_encoding(argc, argv), *codeset = nl_langinfo(CODESET);

    if (!name && (!codeset || strcmp(codeset, "ANSI_X3.4-1968") == 0))
        return 0; /* the C locale: UTF-8 (see nxmsg(1), ENCODING) */
    if ((out_cs = nxmsg_charset_open(name)) == NULL) {
        cli_error(_("unknown character set '%s'"), name ? name : codeset);
        return -1;
    }
    if (nxmsg_charset_is_utf8(out_cs)) {
        close_charset();
        return 0;
    }
    atexit(close_charset);
    cli_set_encoder(encode);
    return 0;
}

const char *cli_fold(const char *s, char *buf, size_t size)
{
    size_t n;

    if (!cli_folding())
        return s;
    n = nxmsg_charset_fold_r(out_cs, s, NXMSG_STRLEN, buf, size);
    return n < size ? buf : s;
}

/* ---- table headers ---------------------------------------------------------- */

/* The translation of the k-th header of cli_translate_headers. */
static const char *header_text(size_t k)
{
    switch (k) {
    case 0: return pgettext("column header", "Domain");
    /* TRANSLATORS: the symbolic name of a code (the documentation: "error name") */
    case 1: return pgettext("column header", "Name");
    case 2: return pgettext("column header", "Value");
    case 3: return pgettext("column header", "Description");
    case 4: return pgettext("column header", "English");
    case 5: return pgettext("column header", "Japanese");
    default: return pgettext("column header", "Count");
    }
}

void cli_translate_headers(nxmsg_table *t)
{
    /* the headers the library and the CLI give their tables */
    static const char *const english[] = { "Domain", "Name", "Value", "Description", "English",
                                           "Japanese", "Count", NULL };
    const char *h;

    for (size_t i = 0; (h = nxmsg_table_header(t, i)) != NULL; i++)
        for (size_t k = 0; english[k]; k++)
            if (strcmp(h, english[k]) == 0) {
                const char *tr = header_text(k);
                if (strcmp(tr, h) != 0)
                    nxmsg_table_set_header(t, i, tr);
                break;
            }
}

int cli_run_full(void)
{
    return -1;
}

void cli_save_argv(int argc, char **argv)
{
    (void)argc;
    (void)argv;
}

/* The languages available: "en (built in), ja" into buf. */
static void languages(char *buf, size_t size)
{
    const char *tag;
    size_t n = (size_t)snprintf(buf, size, "%s", _("en (built in)"));

    for (size_t i = 0; (tag = nxmsg_embedded_language(i)) != NULL; i++)
        if (n < size)
            n += (size_t)snprintf(buf + n, size - n, _(", %s (built in)"), tag);
    cli_catalog_tags(cli_catalog_dir(), buf, size, &n);
}

void cli_version_extra(void)
{
    char icu[128], langs[256];

    languages(langs, sizeof langs);
    /* TRANSLATORS: %s is a list of language tags, "en (built in), ja" */
    cli_printf(stdout, _("Languages: %s\n"), langs);
    nxmsg_icu_version_r(icu, sizeof icu);
    cli_printf(stdout, "%s\n", icu);
    cli_printf(stdout, _("Output character set: %s\n"), nxmsg_charset_name(out_cs));
}

int cli_search(char **words, int n, const struct cli_langs *langs, nxmsg_domain domain)
{
    const nxmsg_entry *found[512];
    size_t k;
    int shown = 0;

    if (n < 1 || n > 8) {
        cli_error(_("--search takes 1 to 8 words"));
        return CLI_USAGE;
    }
    k = nxmsg_search((const char *const *)words, (size_t)n, NULL, 0, found, sizeof found / sizeof found[0]);
    for (size_t i = 0; i < k && i < sizeof found / sizeof found[0]; i++)
        if (domain == NXMSG_DOMAIN_NONE || nxmsg_entry_domain(found[i]) == domain) {
            cli_print_line(nxmsg_entry_value(found[i]), found[i], langs);
            shown++;
        }
    return cli_finish(shown ? CLI_OK : CLI_NOTFOUND);
}
