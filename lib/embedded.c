/* embedded.c - nxmsg_entry_width(): the display widths of the code texts.
 *
 * In the static core (NXMSG_PRECOMPUTED_WIDTHS: no ICU there) it measures
 * with the ICU-free layout core (lib/layout.c, data computed with
 * nxmsg_width() at build time); in the host library it calls nxmsg_width(). */
#include <config.h>

#ifdef NXMSG_PRECOMPUTED_WIDTHS
#include "nxmsg_core.h"
#include "nxmsg_layout.h"

size_t nxmsg_entry_width(const nxmsg_entry *e, const char *lang, unsigned flags)
{
    if (!e)
        return 0;
    return nxmsg_layout_width(nxmsg_entry_text(e, lang), NXMSG_STRLEN, flags & NXMSG_TEXT_AMBIGUOUS_WIDE);
}
#else
#include "nxmsg.h"

size_t nxmsg_entry_width(const nxmsg_entry *e, const char *lang, unsigned flags)
{
    if (!e)
        return 0;
    return nxmsg_width(nxmsg_entry_text(e, lang), NXMSG_STRLEN, flags & NXMSG_TEXT_AMBIGUOUS_WIDE);
}
#endif
