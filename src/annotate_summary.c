/* annotate_summary.c - the table of "nxmsg annotate --summary" (nxmsg-full
 * only: tables need ICU). */
#include <config.h>

#include <stdlib.h>

#include "nxmsg.h"
#include "core.h"      /* nxmsg__format_hex */
#include "table_ext.h" /* nxmsg__lang_header */
#include "cli.h"

struct row {
    const nxmsg_entry *e;
    unsigned long long count;
};

static int by_count(const void *x, const void *y)
{
    const struct row *a = x, *b = y;
    if (a->count != b->count)
        return a->count < b->count ? 1 : -1;
    return (a->e > b->e) - (a->e < b->e);
}

/* Counts per code, most frequent first, as a table (never records) fitted to the terminal
 * (the table layer wraps the descriptions).  Returns an exit status. */
int annotate_summary(const nxmsg_annotator *a, const unsigned long long *extra,
                         const struct cli_langs *langs)
{
    struct row rows[256];
    size_t n = 0;
    const nxmsg_entry *e;
    nxmsg_table *t = nxmsg_table_new();
    nxmsg_table_opts o = { NXMSG_STYLE_TEXT, NXMSG_LAYOUT_TABLE, cli_terminal_width(), 0 };
    int rc = t ? NXMSG_OK : NXMSG_ENOMEM;

    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL && n < sizeof rows / sizeof rows[0]; i++) {
        unsigned long long c = nxmsg_annotator_count(a, e) + extra[i];
        if (c == 0)
            continue;
        rows[n].e = e;
        rows[n++].count = c;
    }
    qsort(rows, n, sizeof rows[0], by_count);
    if (rc == NXMSG_OK &&
        (nxmsg_table_add_column(t, "Value", "value", NXMSG_ALIGN_LEFT, 0, 0, 0) < 0 ||
         nxmsg_table_add_column(t, "Name", "name", NXMSG_ALIGN_LEFT, 0, 0, 0) < 0 ||
         nxmsg_table_add_column(t, "Count", "count", NXMSG_ALIGN_RIGHT, 0, 0, NXMSG_COL_NUMBER) < 0))
        rc = NXMSG_ENOMEM;
    for (int k = 0; rc == NXMSG_OK && k < langs->n; k++)
        if (nxmsg_table_add_column(t, nxmsg__lang_header(langs->lang[k]), NULL, NXMSG_ALIGN_LEFT, 0, 0, 0) < 0)
            rc = NXMSG_ENOMEM;
    for (size_t i = 0; rc == NXMSG_OK && i < n; i++) {
        char hex[NXMSG__HEX_MAX], count[32];
        const char *cells[5] = { hex, nxmsg_entry_name(rows[i].e), count, NULL, NULL };
        nxmsg__format_hex(nxmsg_entry_value(rows[i].e), hex);
        snprintf(count, sizeof count, "%llu", rows[i].count);
        for (int k = 0; k < langs->n; k++)
            cells[3 + k] = nxmsg_entry_text(rows[i].e, langs->lang[k]);
        rc = nxmsg_table_add_row(t, cells, 3 + (size_t)langs->n);
    }
    if (rc == NXMSG_OK) {
        cli_translate_headers(t);
        rc = nxmsg_table_render(t, &o, cli_write_stdout, NULL);
    }
    nxmsg_table_free(t);
    if (rc == NXMSG_OK)
        return CLI_OK;
    if (rc != NXMSG_EWRITE)
        cli_error(_("out of memory"));
    return CLI_USAGE;
}
