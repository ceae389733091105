/* fallback.c - per-message fallback along the LANGUAGE list, as gettext
 * does: with LANGUAGE=ko:ja a message that the ko catalog lacks (untranslated
 * or fuzzy in ko.po, or rejected by lib/msgcheck.c) comes from ja, and one
 * that both lack is English.
 *
 * A chain is built once per distinct list of loaded languages and kept until
 * the process exits (at most MAX_CHAINS of them; beyond that the first
 * language of a new list is used alone, the behaviour before chains). */
#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_CHAINS 8

struct chain {
    size_t n;
    const nxmsg_lang *members[NXMSG__CHAIN_MAX];
    struct nxmsg_lang lang;
};

static struct chain *chains[MAX_CHAINS];
static size_t n_chains;
static pthread_mutex_t chain_lock = PTHREAD_MUTEX_INITIALIZER;

/* Whether text t of message i is a translation, not the English fallback. */
static int translated(const char *t, size_t i)
{
    const char *en = nxmsg__english(i);
    return t != en && strcmp(t, en) != 0;
}

static struct chain *build(const nxmsg_lang *const *langs, size_t n)
{
    struct chain *c = calloc(1, sizeof *c);

    if (!c)
        return NULL;
    c->n = n;
    memcpy(c->members, langs, n * sizeof *langs);
    memcpy(c->lang.tag, langs[0]->tag, sizeof c->lang.tag);
    c->lang.have_catalog = 1;
    for (size_t i = 0; i < NXMSG_N_MSGS; i++) {
        size_t k = 0;
        while (k < n && !translated(langs[k]->texts[i], i))
            k++;
        c->lang.texts[i] = k < n ? langs[k]->texts[i] : nxmsg__english(i);
    }
    nxmsg__index_by_code(&c->lang);
    return c;
}

const nxmsg_lang *nxmsg__chain(const nxmsg_lang *const *langs, size_t n)
{
    const nxmsg_lang *l = langs[0];
    size_t i;

    if (n < 2 || n > NXMSG__CHAIN_MAX)
        return l;
    pthread_mutex_lock(&chain_lock);
    for (i = 0; i < n_chains; i++)
        if (chains[i]->n == n && memcmp(chains[i]->members, langs, n * sizeof *langs) == 0)
            break;
    if (i == n_chains && n_chains < MAX_CHAINS && (chains[i] = build(langs, n)) != NULL)
        n_chains++;
    if (i < n_chains)
        l = &chains[i]->lang;
    pthread_mutex_unlock(&chain_lock);
    return l;
}

/* Free the chains at exit so that leak checkers see a clean process. */
__attribute__((destructor)) static void free_chains(void)
{
    while (n_chains > 0)
        free(chains[--n_chains]);
}
