/* internal.h - declarations shared by the files of the host library (above
 * the lookup core of lib/core/); not installed. */
#ifndef NXMSG_INTERNAL_H
#define NXMSG_INTERNAL_H

#include <stddef.h>

#include "nxmsg.h"
#include "core/core.h"

/* Longest catalog directory accepted (bytes). */
#define NXMSG_LOCALEDIR_MAX 4000

/* Codes below this value have their text in nxmsg_lang.by_code
 * (nxmsg_lang_by_code). */
#define NXMSG_DIRECT_CODES NXMSG_LANG_DIRECT_CODES

/* A resolved language of the host library (lib/l10n.c): every message's
 * text, English where the catalog has none, and the texts of the known
 * codes below NXMSG_DIRECT_CODES indexed by value (NULL: unknown), so that
 * a lookup by value is one array index. */
struct nxmsg_lang {
    char tag[NXMSG__TAG_MAX];
    int have_catalog;
    char *data;  /* the .mo file, or NULL */
    size_t size; /* its size */
    struct nxmsg_lang *retired_next;
    const char *texts[NXMSG_N_MSGS];
    const char *by_code[NXMSG_DIRECT_CODES];
};

/* Message texts of a language (an array of NXMSG_N_MSGS strings); never NULL. */
const char *const *nxmsg__texts(const char *lang);

/* Per-message fallback (fallback.c): the languages langs[0..n) merged, each
 * message from the first language that translates it, else English.
 * n <= NXMSG__CHAIN_MAX; n < 2 returns langs[0]. */
#define NXMSG__CHAIN_MAX 4
const nxmsg_lang *nxmsg__chain(const nxmsg_lang *const *langs, size_t n);

/* Fill l->by_code from l->texts (l10n.c). */
void nxmsg__index_by_code(struct nxmsg_lang *l);

/* .mo files (lib/mo.c): the contents of <dir>/<tag>/LC_MESSAGES/nxmsg.mo,
 * NUL-terminated, or NULL (missing, not a regular file, too big, unreadable);
 * and the translations a catalog's contents give, stored in texts[] (the
 * others are left alone), returning how many. */
char *nxmsg__mo_read(const char *dir, const char *tag, size_t *size);
size_t nxmsg__mo_parse(const char *data, size_t size, const char *texts[NXMSG_N_MSGS]);

/* The catalog directory when nxmsg_set_localedir() has not set one
 * (lib/relocate.c). */
const char *nxmsg__default_localedir(void);

#endif
