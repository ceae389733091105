/* lang.c - the core's language module: the languages compiled into the
 * generated tables, chosen by name; English for anything else.  The host
 * library replaces this file with lib/l10n.c (catalog files and the
 * environment).  Freestanding (see nxmsg_core.h). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include "core.h"

#ifndef NXMSG_CORE_NAMES_ONLY /* a names-only build has no texts */

/* In the core a language is a row of the generated text tables. */
struct nxmsg_lang {
    struct nxmsg__text_table table;
};

static const nxmsg_lang *row(size_t k)
{
    return (const nxmsg_lang *)(const void *)&nxmsg__text_tables[k];
}

/* The compiled-in language with this exact tag, or NULL. */
static const nxmsg_lang *find_tag(const char *tag)
{
    for (size_t k = 0; k < nxmsg__n_text_tables; k++)
        if (nxmsg__streq(nxmsg__text_tables[k].tag, tag))
            return row(k);
    return NULL;
}

const nxmsg_lang *nxmsg_lang_open(const char *lang)
{
    char full[NXMSG__TAG_MAX], base[NXMSG__TAG_MAX];
    const nxmsg_lang *l = NULL;
    int n;

    if (!lang)
        return row(0);
    n = nxmsg__tag_candidates(lang, strlen(lang), full, base);
    if (n == 2)
        l = find_tag(full);
    if (!l && n >= 1)
        l = find_tag(base);
    return l ? l : row(0);
}

const char *nxmsg_lang_tag(const nxmsg_lang *l)
{
    return l->table.tag;
}

const char *nxmsg__lang_msg(const nxmsg_lang *l, size_t msg)
{
    return nxmsg__table_text(&l->table, msg);
}

const char *nxmsg_entry_text(const nxmsg_entry *e, const char *lang)
{
    return e ? nxmsg__lang_msg(nxmsg_lang_open(lang), e->index) : "";
}

int nxmsg_have_catalog(const char *lang)
{
    return nxmsg_lang_open(lang) != row(0);
}

const char *nxmsg_embedded_language(size_t index)
{
    return index < nxmsg__n_text_tables - 1 ? nxmsg__text_tables[index + 1].tag : NULL;
}

/* Row of a language in the generated tables (0: English). */
size_t nxmsg__lang_index(const nxmsg_lang *l);
size_t nxmsg__lang_index(const nxmsg_lang *l)
{
    return (size_t)(&l->table - nxmsg__text_tables);
}

#endif /* !NXMSG_CORE_NAMES_ONLY */
