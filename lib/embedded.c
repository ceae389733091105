/* embedded.c - nxmsg_entry_width() of the host library: nxmsg_width() of the
 * text.  The device core has its own in lib/layout_entry.c (the ICU-free
 * layout, equal for every catalog text). */
#include <config.h>

#include "nxmsg.h"

size_t nxmsg_entry_width(const nxmsg_entry *e, const char *lang, unsigned flags)
{
    if (!e)
        return 0;
    return nxmsg_width(nxmsg_entry_text(e, lang), NXMSG_STRLEN, flags & NXMSG_TEXT_AMBIGUOUS_WIDE);
}
