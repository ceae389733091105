/* search.c - find codes by words in their names and descriptions, with
 * case, width and kana variants folded (ICU NFKC_Casefold). */
#include <config.h>

#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "internal.h"

#define FOLD_MAX 2048 /* UTF-16 units: longer texts are cut (none is) */

/* s folded for matching into out: NFKC_Casefold ("ｻｰﾊﾞｰ" and "サーバー",
 * "ＴＬＳ" and "tls" become one), hiragana as katakana, '_' and '-' as
 * spaces.  Returns the length, 0 on failure. */
static int32_t fold(const char *s, UChar *out)
{
    UChar tmp[FOLD_MAX];
    int32_t n = 0;
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&err);

    u_strFromUTF8WithSub(tmp, FOLD_MAX, &n, s, -1, 0xFFFD, NULL, &err);
    if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR)
        return 0;
    err = U_ZERO_ERROR;
    if (n > FOLD_MAX)
        n = FOLD_MAX;
    n = unorm2_normalize(nf, tmp, n, out, FOLD_MAX - 1, &err);
    if (U_FAILURE(err))
        return 0;
    for (int32_t i = 0; i < n; i++) {
        if (out[i] >= 0x3041 && out[i] <= 0x3096)
            out[i] += 0x60; /* hiragana -> katakana */
        else if (out[i] == '_' || out[i] == '-')
            out[i] = ' ';
    }
    out[n] = 0;
    return n;
}

/* Whether the folded word w occurs in e's name or its text in a language. */
static int entry_has(const nxmsg_entry *e, const UChar *w, const char *const *langs, size_t nlangs)
{
    UChar hay[FOLD_MAX];

    if (fold(nxmsg_entry_name(e), hay) && u_strstr(hay, w))
        return 1;
    for (size_t i = 0; i < nlangs; i++)
        if (fold(nxmsg_entry_text(e, langs[i]), hay) && u_strstr(hay, w))
            return 1;
    return 0;
}

size_t nxmsg_search(const char *const *words, size_t nwords, const char *const *langs, size_t nlangs,
                    const nxmsg_entry **out, size_t max)
{
    static const char *const en_ja[] = { "en", "ja" };
    UChar w[8][FOLD_MAX];
    const nxmsg_entry *e;
    size_t found = 0, nw = 0;

    if (!words || nwords == 0 || nwords > 8)
        return 0;
    if (!langs || nlangs == 0) {
        langs = en_ja;
        nlangs = 2;
    }
    for (size_t i = 0; i < nwords; i++)
        if (words[i] && fold(words[i], w[nw]) > 0)
            nw++;
    if (nw == 0)
        return 0;
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        size_t k = 0;
        while (k < nw && entry_has(e, w[k], langs, nlangs))
            k++;
        if (k < nw)
            continue;
        if (found < max && out)
            out[found] = e;
        found++;
    }
    return found;
}
