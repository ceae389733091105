/* embedded.c - the languages compiled into the library (configure
 * --enable-embedded-catalogs; tables generated from po/<lang>.po by
 * po/po2c.awk) and the display widths of the code texts.
 *
 * nxmsg_entry_width() measures with the ICU-free layout core
 * (lib/layout.c, data computed with nxmsg_width() at build time) in the
 * static core (NXMSG_PRECOMPUTED_WIDTHS: no ICU there), and calls
 * nxmsg_width() in the full library. */
#include <config.h>

#include "internal.h"
#include "nxmsg_layout.h"

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
    if (!e)
        return 0;
    return nxmsg_layout_width(nxmsg_entry_text(e, lang), NXMSG_STRLEN,
                              flags & NXMSG_TEXT_AMBIGUOUS_WIDE);
#else
    if (!e)
        return 0;
    return nxmsg_width(nxmsg_entry_text(e, lang), NXMSG_STRLEN, flags & NXMSG_TEXT_AMBIGUOUS_WIDE);
#endif
}
