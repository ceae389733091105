/* embedded.c - the languages compiled into the library (configure
 * --enable-embedded-catalogs; tables generated from po/<lang>.po by
 * po/po2c.awk) and the display widths of the code texts.
 *
 * nxmsg_entry_width() reads the tables lib/gen-widths precomputed with
 * nxmsg_width() in the static core (NXMSG_PRECOMPUTED_WIDTHS: no ICU there),
 * and calls nxmsg_width() in the full library. */
#include <config.h>

#include "internal.h"

const char *nxmsg_embedded_language(size_t index)
{
#ifdef NXMSG_EMBEDDED_CATALOGS
    for (size_t i = 0; nxmsg__embedded[i].tag; i++)
        if (i == index)
            return nxmsg__embedded[i].tag;
#else
    (void)index;
#endif
    return NULL;
}

size_t nxmsg_entry_width(const nxmsg_entry *e, const char *lang, unsigned flags)
{
#ifdef NXMSG_PRECOMPUTED_WIDTHS
    const char *const *texts;
    size_t k = 0;

    if (!e)
        return 0;
    /* the core serves compiled-in languages and English only */
    texts = nxmsg__texts(lang);
    for (size_t i = 0; nxmsg__embedded[i].tag; i++)
        if (nxmsg__embedded[i].texts == texts)
            k = i + 1;
    return nxmsg__widths[k][e - nxmsg__entries][(flags & NXMSG_TEXT_AMBIGUOUS_WIDE) ? 1 : 0];
#else
    if (!e)
        return 0;
    return nxmsg_width(nxmsg_entry_text(e, lang), NXMSG_STRLEN, flags & NXMSG_TEXT_AMBIGUOUS_WIDE);
#endif
}
