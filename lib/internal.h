/* internal.h - declarations shared by the files of libnxmsg; not installed. */
#ifndef NXMSG_INTERNAL_H
#define NXMSG_INTERNAL_H

#include <stddef.h>
#include "nxmsg.h"

/* Message indices: the codes first (in codes.def order), then the other
 * texts.  Generated from codes.def. */
enum {
#define NXMSG_CODE(dom, val, name, en) NXMSG_IDX_##name,
#define NXMSG_TEXT(id, en)
#include "codes.def"
#undef NXMSG_CODE
#undef NXMSG_TEXT
    NXMSG_N_CODES,
    NXMSG__TEXT_BASE = NXMSG_N_CODES - 1,
#define NXMSG_CODE(dom, val, name, en)
#define NXMSG_TEXT(id, en) NXMSG_IDX_##id,
#include "codes.def"
#undef NXMSG_CODE
#undef NXMSG_TEXT
    NXMSG__TEXT_END
};
#define NXMSG_N_MSGS ((size_t)NXMSG__TEXT_END)

struct nxmsg_entry {
    unsigned int value;
    unsigned char domain;   /* nxmsg_domain */
    unsigned char name_len; /* strlen(name) */
    unsigned short index;   /* message index */
    const char *name;
};

/* All messages: msgctxt "\004" English, the gettext lookup key. */
extern const char *const nxmsg__keys[NXMSG_N_MSGS];
/* Length of the msgctxt part of each key. */
extern const unsigned char nxmsg__ctxt_len[NXMSG_N_MSGS];
extern const struct nxmsg_entry nxmsg__entries[NXMSG_N_CODES];

/* English text of message i. */
static inline const char *nxmsg__english(size_t i)
{
    return nxmsg__keys[i] + nxmsg__ctxt_len[i] + 1;
}

/* Index of the message whose msgctxt is ctxt[0..len), or -1. */
int nxmsg__msg_by_ctxt(const char *ctxt, size_t len);

/* Message texts of a language (an array of NXMSG_N_MSGS strings); never NULL. */
const char *const *nxmsg__texts(const char *lang);

/* Per-message fallback (fallback.c): the texts of the languages langs[0..n)
 * merged, each message from the first language that translates it, else
 * English.  n <= NXMSG__CHAIN_MAX; n < 2 returns langs[0]. */
#define NXMSG__CHAIN_MAX 4
const char *const *nxmsg__chain(const char *const *const *langs, size_t n);

/* Length of the longest prefix of s[0..len) that is at most max bytes and
 * ends where a cut keeps characters and their combining marks whole. */
size_t nxmsg__utf8_cut(const char *s, size_t len, size_t max);

/* Decode the UTF-8 sequence at s[0..len): its length, or 0 if invalid
 * (overlong, surrogate, above U+10FFFF, truncated); the code point in *cp. */
size_t nxmsg__utf8_decode(const unsigned char *s, size_t len, unsigned long *cp);

/* Whether s[0..len) is valid UTF-8 without C0/C1 controls or DEL. */
int nxmsg__utf8_clean(const char *s, size_t len);

/* ---- embedded catalogs (configure --enable-embedded-catalogs) ---- */

/* A language compiled into the library from po/<tag>.po by po/po2c.awk:
 * NXMSG_N_MSGS texts, untranslated ones English.  The generated
 * nxmsg__embedded[] ends with { NULL, NULL }. */
struct nxmsg__embedded_lang {
    const char *tag;
    const char *const *texts;
};
extern const struct nxmsg__embedded_lang nxmsg__embedded[];

#endif
