/* layout_entry.c - nxmsg_entry_width() of the device core: the width of a
 * code's text measured by the ICU-free layout (lib/layout.c), which equals
 * the host's nxmsg_width() for every catalog text (tests/check_layout). */
#include "nxmsg_core.h"
#include "nxmsg_layout.h"

#ifndef NXMSG_CORE_NAMES_ONLY
size_t nxmsg_entry_width(const nxmsg_entry *e, const char *lang, unsigned flags)
{
    if (!e)
        return 0;
    return nxmsg_layout_width(nxmsg_entry_text(e, lang), NXMSG_STRLEN,
                              flags & NXMSG_TEXT_AMBIGUOUS_WIDE);
}
#endif
