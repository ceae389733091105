/* table_codes.c - the code table: a generic table (lib/table.c) with the
 * columns domain (hidden), name, value and one description per language,
 * and rows made from code entries. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "table_ext.h"

#define MAX_LANGS 4

/* The languages of a code table's description columns. */
struct code_langs {
    size_t n;
    char *tag[MAX_LANGS]; /* NULL: the environment's language */
};

static void free_langs(void *p)
{
    struct code_langs *l = p;
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->tag[i]);
    free(l);
}

/* The header of the description column of language l among n. */
static const char *lang_header(const char *l, size_t n)
{
    if (n == 1)
        return "Description";
    if (l && strcmp(l, "en") == 0)
        return "English";
    if (l && strcmp(l, "ja") == 0)
        return "Japanese";
    return l ? l : "Description";
}

nxmsg_table *nxmsg_table_new_codes(const char *const *langs, size_t nlangs)
{
    struct code_langs *cl;
    nxmsg_table *t;
    int ok;

    if (!langs || nlangs == 0 || nlangs > MAX_LANGS)
        return NULL;
    t = nxmsg_table_new();
    cl = calloc(1, sizeof *cl);
    if (!t || !cl) {
        nxmsg_table_free(t);
        free(cl);
        return NULL;
    }
    nxmsg__table_set_ext(t, cl, free_langs);
    ok = nxmsg_table_add_column(t, "Domain", "domain", NXMSG_ALIGN_LEFT, 0, 0, NXMSG_COL_HIDDEN) >= 0 &&
         nxmsg_table_add_column(t, "Name", "name", NXMSG_ALIGN_LEFT, 0, 0, 0) >= 0 &&
         nxmsg_table_add_column(t, "Value", "value", NXMSG_ALIGN_LEFT, 0, 0, NXMSG_COL_NUMBER) >= 0;
    for (size_t i = 0; ok && i < nlangs; i++) {
        const char *l = langs[i];
        cl->tag[i] = l ? strdup(l) : NULL;
        cl->n = i + 1;
        ok = (!l || cl->tag[i]) &&
             nxmsg_table_add_column(t, lang_header(l, nlangs), l ? l : "text", NXMSG_ALIGN_LEFT, 0, 0,
                                    0) >= 0;
    }
    if (!ok) {
        nxmsg_table_free(t);
        return NULL;
    }
    return t;
}

int nxmsg_table_add_code(nxmsg_table *t, const nxmsg_entry *e)
{
    const struct code_langs *cl = nxmsg__table_ext(t, free_langs);
    const char *cells[3 + MAX_LANGS];
    char value[NXMSG__HEX_MAX];

    if (!cl || !e)
        return NXMSG_EINVAL;
    nxmsg__format_hex(nxmsg_entry_value(e), value);
    cells[0] = nxmsg_domain_key(nxmsg_entry_domain(e));
    cells[1] = nxmsg_entry_name(e);
    cells[2] = value;
    for (size_t i = 0; i < cl->n; i++)
        cells[3 + i] = nxmsg_entry_text(e, cl->tag[i]);
    return nxmsg_table_add_row(t, cells, 3 + cl->n);
}
