/* charset.c - output in the locale's character set: UTF-8 text converted
 * with ICU converters (EUC-JP, Shift_JIS, CP932, ...), with "?" for every
 * character the target lacks. */
#include <config.h>

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>
#include <unicode/ustring.h>

#include "internal.h"

/* Bytes of UTF-8 converted per step (cut on a character boundary). */
#define PIECE 1024
/* Room for PIECE UTF-16 units in any charset (at most 4 bytes a unit). */
#define OUT_MAX ((PIECE + 16) * 4)

struct nxmsg_charset {
    UConverter *cnv; /* NULL for UTF-8 */
    char name[64];
};

nxmsg_charset *nxmsg_charset_open(const char *name)
{
    UErrorCode err = U_ZERO_ERROR;
    nxmsg_charset *cs;
    const char *canon;

    if (!name)
        name = nl_langinfo(CODESET);
    if (!name || !*name || (cs = calloc(1, sizeof *cs)) == NULL)
        return NULL;
    cs->cnv = ucnv_open(name, &err);
    if (U_FAILURE(err)) {
        free(cs);
        return NULL;
    }
    canon = ucnv_getName(cs->cnv, &err);
    snprintf(cs->name, sizeof cs->name, "%s", U_SUCCESS(err) && canon ? canon : name);
    if (ucnv_getType(cs->cnv) == UCNV_UTF8) {
        ucnv_close(cs->cnv);
        cs->cnv = NULL;
        snprintf(cs->name, sizeof cs->name, "UTF-8");
        return cs;
    }
    err = U_ZERO_ERROR;
    ucnv_setSubstChars(cs->cnv, NXMSG_CHARSET_SUBSTITUTE, 1, &err);
    return cs;
}

void nxmsg_charset_close(nxmsg_charset *cs)
{
    if (!cs)
        return;
    if (cs->cnv)
        ucnv_close(cs->cnv);
    free(cs);
}

const char *nxmsg_charset_name(const nxmsg_charset *cs)
{
    return cs ? cs->name : "UTF-8";
}

int nxmsg_charset_is_utf8(const nxmsg_charset *cs)
{
    return !cs || !cs->cnv;
}

/* The longest prefix of s[0..len), at most PIECE bytes, that does not end
 * inside a UTF-8 sequence (a whole piece when there is no such cut). */
static size_t piece(const char *s, size_t len)
{
    size_t n = len < PIECE ? len : PIECE, k = n;

    if (n == len)
        return n;
    while (k > n - 4 && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k > 0 ? k : n;
}

/* Convert s[0..len) piece by piece; emit(out, n, ctx) gets the bytes in the
 * charset.  Returns 0 or the first nonzero value of emit. */
static int convert(nxmsg_charset *cs, const char *s, size_t len,
                   int (*emit)(nxmsg_charset *, const char *, size_t, void *), void *ctx)
{
    UChar u[PIECE];
    char out[OUT_MAX];

    while (len > 0) {
        size_t n = piece(s, len);
        int32_t ulen = 0, olen;
        UErrorCode err = U_ZERO_ERROR;
        int r;

        u_strFromUTF8WithSub(u, PIECE, &ulen, s, (int32_t)n, 0xFFFD, NULL, &err);
        if (U_FAILURE(err))
            return NXMSG_EINVAL;
        olen = ucnv_fromUChars(cs->cnv, out, (int32_t)sizeof out, u, ulen, &err);
        if (U_FAILURE(err))
            return NXMSG_EINVAL;
        if ((r = emit(cs, out, (size_t)olen, ctx)) != 0)
            return r;
        s += n;
        len -= n;
    }
    return 0;
}

struct write_ctx {
    nxmsg_write_fn write;
    void *ctx;
};

static int emit_write(nxmsg_charset *cs, const char *out, size_t n, void *ctx)
{
    struct write_ctx *w = ctx;
    (void)cs;
    return n ? w->write(w->ctx, out, n) : 0;
}

int nxmsg_charset_write(nxmsg_charset *cs, const char *s, size_t len, nxmsg_write_fn write, void *ctx)
{
    struct write_ctx w = { write, ctx };

    if (!write || (!s && len))
        return NXMSG_EINVAL;
    if (nxmsg_charset_is_utf8(cs))
        return len ? write(ctx, s, len) : 0;
    return convert(cs, s, len, emit_write, &w);
}

struct fold_ctx {
    char *buf;
    size_t size, n;
};

/* Back from the charset to UTF-8, appended to the fold buffer. */
static int emit_fold(nxmsg_charset *cs, const char *out, size_t n, void *ctx)
{
    struct fold_ctx *f = ctx;
    UChar u[OUT_MAX];
    char u8[OUT_MAX * 3 / 2 + 8];
    int32_t ulen, blen = 0;
    UErrorCode err = U_ZERO_ERROR;

    ulen = ucnv_toUChars(cs->cnv, u, OUT_MAX, out, (int32_t)n, &err);
    if (U_SUCCESS(err))
        u_strToUTF8(u8, (int32_t)sizeof u8, &blen, u, ulen, &err);
    if (U_FAILURE(err))
        return NXMSG_EINVAL;
    if (f->n < f->size)
        memcpy(f->buf + f->n, u8, (size_t)blen < f->size - f->n ? (size_t)blen : f->size - f->n);
    f->n += (size_t)blen;
    return 0;
}

size_t nxmsg_charset_fold_r(nxmsg_charset *cs, const char *s, size_t len, char *buf, size_t size)
{
    struct fold_ctx f = { buf, size, 0 };
    size_t cut;

    if (len == NXMSG_STRLEN)
        len = s ? strlen(s) : 0;
    if (nxmsg_charset_is_utf8(cs)) {
        if (size > 0) {
            cut = nxmsg__utf8_cut(s, len, size - 1);
            memcpy(buf, s, cut);
            buf[cut] = '\0';
        }
        return len;
    }
    if (convert(cs, s, len, emit_fold, &f) != 0)
        f.n = 0;
    if (size > 0) {
        cut = f.n < size ? f.n : nxmsg__utf8_cut(buf, size, size - 1);
        buf[cut] = '\0';
    }
    return f.n;
}

size_t nxmsg_icu_version_r(char *buf, size_t size)
{
    UVersionInfo icu, uni;
    char a[U_MAX_VERSION_STRING_LENGTH], b[U_MAX_VERSION_STRING_LENGTH];
    int n;

    u_getVersion(icu);
    u_getUnicodeVersion(uni);
    u_versionToString(icu, a);
    u_versionToString(uni, b);
    n = snprintf(buf, size, "ICU %s, Unicode %s", a, b);
    return n < 0 ? 0 : (size_t)n;
}
