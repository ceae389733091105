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

/* In the core a language is a row of the generated text tables: plain or
 * packed. */
#ifndef NXMSG_CORE_PACKED
#define ROWS nxmsg__text_tables
#define N_ROWS nxmsg__n_text_tables
struct nxmsg_lang {
    struct nxmsg__text_table table;
};
#else
#define ROWS nxmsg__pk_langs
#define N_ROWS nxmsg__pk_n_langs
struct nxmsg_lang {
    struct nxmsg__pk_lang table;
};
#endif

static const nxmsg_lang *row(size_t k)
{
    return (const nxmsg_lang *)(const void *)&ROWS[k];
}

/* The compiled-in language with this exact tag, or NULL. */
static const nxmsg_lang *find_tag(const char *tag)
{
    for (size_t k = 0; k < N_ROWS; k++)
        if (nxmsg__streq(ROWS[k].tag, tag))
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

#ifndef NXMSG_CORE_PACKED
const char *nxmsg__lang_msg(const nxmsg_lang *l, size_t msg)
{
    return nxmsg__table_text(&l->table, msg);
}

const char *nxmsg_entry_text(const nxmsg_entry *e, const char *lang)
{
    return e ? nxmsg__lang_msg(nxmsg_lang_open(lang), e->index) : "";
}
#else
void nxmsg__lang_unpack(const nxmsg_lang *l, size_t msg, struct nxmsg__unpack *u)
{
    if (l->table.text.off[msg] == NXMSG__FALLBACK)
        l = row(0);
    nxmsg__unpack_init(u, &l->table.text, msg);
}
#endif

int nxmsg_have_catalog(const char *lang)
{
    return nxmsg_lang_open(lang) != row(0);
}

const char *nxmsg_embedded_language(size_t index)
{
    return index < N_ROWS - 1 ? ROWS[index + 1].tag : NULL;
}

/* Row of a language in the generated tables (0: English). */
size_t nxmsg__lang_index(const nxmsg_lang *l);
size_t nxmsg__lang_index(const nxmsg_lang *l)
{
    return (size_t)(&l->table - ROWS);
}

#endif /* !NXMSG_CORE_NAMES_ONLY */
