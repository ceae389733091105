/* msgcheck.c - the one rule set for catalog texts (see msgcheck.h). */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "msgcheck.h"

/* Code points whose NFC_Quick_Check is not Yes or whose canonical combining
 * class is not 0: qc 1 = Maybe, 2 = No. */
struct nfcqc_range {
    uint32_t first, last;
    uint8_t ccc, qc;
};
#include "nfcqc.h"

/* Stretches of code points between the ranges, remembered through one
 * text: a text's characters are mostly in a few of them (kana, kanji and
 * punctuation each in one), so most need no search. */
enum { GAPS = 4 };
struct gaps {
    uint32_t first[GAPS], last[GAPS];
    unsigned next; /* the one to replace */
};

static const struct nfcqc_range *nfcqc_find(unsigned long c, struct gaps *g)
{
    const size_t n = sizeof nfcqc_ranges / sizeof nfcqc_ranges[0];
    size_t lo = 0, hi = n;

    for (unsigned k = 0; k < GAPS; k++)
        if (c >= g->first[k] && c <= g->last[k])
            return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < nfcqc_ranges[mid].first)
            hi = mid;
        else if (c > nfcqc_ranges[mid].last)
            lo = mid + 1;
        else
            return &nfcqc_ranges[mid];
    }
    /* c is after range lo - 1 and before range lo */
    g->first[g->next] = lo > 0 ? nfcqc_ranges[lo - 1].last + 1 : 0;
    g->last[g->next] = lo < n ? nfcqc_ranges[lo].first - 1 : 0x10FFFF;
    g->next = (g->next + 1) % GAPS;
    return NULL;
}

/* The fault of one character, or NXMSG__TEXT_OK.  *last_ccc carries the
 * combining class of the previous character: a mark after one of a higher
 * class is out of canonical order (the NFC quick check of UAX #15, where a
 * Maybe counts as a failure: deciding it would need the composition data). */
static enum nxmsg__text_fault check_char(unsigned long c, unsigned *last_ccc, struct gaps *g)
{
    const struct nfcqc_range *r;

    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        return NXMSG__TEXT_CONTROL;
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        return NXMSG__TEXT_BIDI;
    if (c == 0x2028 || c == 0x2029)
        return NXMSG__TEXT_LINE_SEP;
    if (c == 0xFEFF)
        return NXMSG__TEXT_BOM;
    if (c < 0x300) {
        *last_ccc = 0;
        return NXMSG__TEXT_OK;
    }
    r = nfcqc_find(c, g);
    if (!r) {
        *last_ccc = 0;
        return NXMSG__TEXT_OK;
    }
    if ((r->ccc != 0 && *last_ccc > r->ccc) || r->qc == 2)
        return NXMSG__TEXT_NOT_NFC;
    if (r->qc == 1)
        return NXMSG__TEXT_MAYBE_NFC;
    *last_ccc = r->ccc;
    return NXMSG__TEXT_OK;
}

/* Exactly one "%s" and no other '%'; *at gets the offending '%'. */
static int template_ok(const char *s, size_t len, size_t *at)
{
    const char *p = s, *end = s + len;
    int n = 0;

    while ((p = memchr(p, '%', (size_t)(end - p))) != NULL) {
        if (p + 1 == end || p[1] != 's' || n++ > 0) {
            *at = (size_t)(p - s);
            return 0;
        }
        p += 2;
    }
    *at = len;
    return n == 1;
}

enum nxmsg__text_fault nxmsg__check_text(const char *s, size_t len, int is_template, size_t *at)
{
    unsigned ccc = 0;
    size_t i = 0, where = 0;
    enum nxmsg__text_fault f = NXMSG__TEXT_OK;
    struct gaps g = { { 1, 1, 1, 1 }, { 0, 0, 0, 0 }, 0 }; /* none yet */

    if (len > NXMSG__TEXT_MAX) {
        f = NXMSG__TEXT_TOO_LONG;
        where = NXMSG__TEXT_MAX;
    }
    while (f == NXMSG__TEXT_OK && i < len) {
        unsigned long c;
        size_t n;
        if (s[i] >= 0x20 && s[i] < 0x7F) { /* printable ASCII: all right, and no mark */
            ccc = 0;
            i++;
            continue;
        }
        n = nxmsg__utf8_decode((const unsigned char *)s + i, len - i, &c);
        where = i;
        f = n == 0 ? NXMSG__TEXT_BAD_UTF8 : check_char(c, &ccc, &g);
        i += n;
    }
    if (f == NXMSG__TEXT_OK && is_template && !template_ok(s, len, &where))
        f = NXMSG__TEXT_TEMPLATE;
    if (at)
        *at = where;
    return f;
}

const char *nxmsg__text_fault_reason(enum nxmsg__text_fault fault)
{
    switch (fault) {
    case NXMSG__TEXT_OK: return "no fault";
    case NXMSG__TEXT_TOO_LONG: return "text longer than 1024 bytes";
    case NXMSG__TEXT_BAD_UTF8: return "invalid UTF-8";
    case NXMSG__TEXT_CONTROL: return "control character (newline, tab, ESC...)";
    case NXMSG__TEXT_BIDI: return "bidi control character (U+202A-U+202E, U+2066-U+2069)";
    case NXMSG__TEXT_LINE_SEP: return "line or paragraph separator (U+2028, U+2029)";
    case NXMSG__TEXT_BOM: return "zero width no-break space (U+FEFF)";
    case NXMSG__TEXT_NOT_NFC: return "not in Unicode NFC (normalize it)";
    case NXMSG__TEXT_MAYBE_NFC:
        return "combining character that may compose with the one before "
               "(write the precomposed character; see TRANSLATING.md)";
    case NXMSG__TEXT_TEMPLATE: return "a template must contain exactly one %s and no other %";
    }
    return "unknown fault";
}
