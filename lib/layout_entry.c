/* layout_entry.c - nxmsg_entry_width() of the device core: the width of a
 * code's text measured by the ICU-free layout (lib/layout.c), which equals
 * the host's nxmsg_width() for every catalog text (tests/check_layout). */
#include "core.h"
#include "nxmsg_layout.h"

#ifndef NXMSG_CORE_NAMES_ONLY
#ifndef NXMSG_CORE_PACKED
size_t nxmsg_entry_width(const nxmsg_entry *e, const char *lang, unsigned flags)
{
    if (!e)
        return 0;
    return nxmsg_layout_width(nxmsg_entry_text(e, lang), NXMSG_STRLEN,
                              flags & NXMSG_TEXT_AMBIGUOUS_WIDE);
}
#else
/* Packed texts are measured in pieces of whole characters: every character
 * of a catalog text is one unit of the layout, with no TAB or control whose
 * width depends on the column (the generators check both). */
size_t nxmsg_entry_width(const nxmsg_entry *e, const char *lang, unsigned flags)
{
    struct nxmsg__unpack u;
    char piece[32];
    size_t n = 0, w = 0;
    int c;

    if (!e)
        return 0;
    flags &= NXMSG_TEXT_AMBIGUOUS_WIDE;
    nxmsg__lang_unpack(nxmsg_lang_open(lang), e->index, &u);
    while ((c = nxmsg__unpack_byte(&u)) >= 0) {
        if (n > sizeof piece - 4 && (c & 0xC0) != 0x80) {
            w += nxmsg_layout_width(piece, n, flags);
            n = 0;
        }
        piece[n++] = (char)c;
    }
    return w + nxmsg_layout_width(piece, n, flags);
}
#endif
#endif
