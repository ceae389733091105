/* embedded.c - nxmsg_entry_width(): the display widths of the code texts.
 *
 * In the static core (NXMSG_PRECOMPUTED_WIDTHS) it reads the tables
 * lib/gen-widths measured at build time with nxmsg_width() (no ICU there);
 * in the host library it calls nxmsg_width(). */
#include <config.h>

#include "internal.h"

#ifdef NXMSG_PRECOMPUTED_WIDTHS
size_t nxmsg__lang_index(const nxmsg_lang *l); /* lib/core/lang.c */

size_t nxmsg_entry_width(const nxmsg_entry *e, const char *lang, unsigned flags)
{
    if (!e)
        return 0;
    return nxmsg__widths[nxmsg__lang_index(nxmsg_lang_open(lang))][e->index]
                        [(flags & NXMSG_TEXT_AMBIGUOUS_WIDE) ? 1 : 0];
}
#else
size_t nxmsg_entry_width(const nxmsg_entry *e, const char *lang, unsigned flags)
{
    if (!e)
        return 0;
    return nxmsg_width(nxmsg_entry_text(e, lang), NXMSG_STRLEN, flags & NXMSG_TEXT_AMBIGUOUS_WIDE);
}
#endif
