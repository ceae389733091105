/* annotate_strip.c - remove annotations from a stream.  Only an annotation
 * exactly as annotate writes it (" ⟦" + a known code's fragment + "⟧") is
 * removed; every other byte, any other U+27E6 / U+27E7 included, is copied.
 *
 * States: nothing held (copy up to the next blank); holding a prefix of
 * " ⟦" (fewer than ANN_LEAD_LEN bytes); holding " ⟦" and what follows, up to
 * the first "⟧" (then the held bytes are tested), a newline, another " ⟦"
 * (the held bytes before it go out, the new one is held) or ANN_HOLD_MAX
 * bytes (no annotation is that long: the held bytes go out). */
#include <config.h>

#include <string.h>

#include "annotate.h"

/* Holding fewer than ANN_LEAD_LEN bytes: take c if it continues " ⟦". */
static int lead_byte(struct ann_strip *st, struct ann_out *o, unsigned char c)
{
    static const char lead[] = ANN_LEAD;

    if (c == (unsigned char)lead[st->hlen]) {
        st->hold[st->hlen++] = (char)c;
        return 1;
    }
    nxmsg__out_put(o, st->hold, st->hlen);
    st->hlen = 0;
    return 0;
}

/* Holding " ⟦" and more; c was just added. */
static void body_byte(struct ann_strip *st, struct ann_out *o, const struct ann_texts *t, unsigned char c)
{
    const unsigned char *h = (const unsigned char *)st->hold;
    const nxmsg_entry *e;

    if (st->hlen >= ANN_FRAME_LEN && ann_is_close(h + st->hlen - ANN_BRACKET_LEN)) {
        if (nxmsg__annotation_len(h, st->hlen, t, &e) != st->hlen)
            nxmsg__out_put(o, st->hold, st->hlen); /* not ours: keep it */
        st->hlen = 0;
    } else if (st->hlen >= 2 * ANN_LEAD_LEN &&
               memcmp(h + st->hlen - ANN_LEAD_LEN, ANN_LEAD, ANN_LEAD_LEN) == 0) {
        nxmsg__out_put(o, st->hold, st->hlen - ANN_LEAD_LEN);
        memcpy(st->hold, ANN_LEAD, ANN_LEAD_LEN);
        st->hlen = ANN_LEAD_LEN;
    } else if (c == '\n' || st->hlen == ANN_HOLD_MAX) {
        nxmsg__out_put(o, st->hold, st->hlen);
        st->hlen = 0;
    }
}

void nxmsg__strip_feed(struct ann_strip *st, struct ann_out *o, const struct ann_texts *t,
                       const char *s, size_t n)
{
    const char *end = s + n;

    while (s < end) {
        if (st->hlen == 0) {
            /* nothing held: copy up to the next blank */
            const char *sp = memchr(s, ' ', (size_t)(end - s));
            if (!sp) {
                nxmsg__out_put(o, s, (size_t)(end - s));
                return;
            }
            nxmsg__out_put(o, s, (size_t)(sp - s));
            st->hold[st->hlen++] = ' ';
            s = sp + 1;
        } else if (st->hlen < ANN_LEAD_LEN) {
            if (lead_byte(st, o, (unsigned char)*s))
                s++;
        } else {
            st->hold[st->hlen++] = *s;
            body_byte(st, o, t, (unsigned char)*s++);
        }
    }
}

void nxmsg__strip_finish(struct ann_strip *st, struct ann_out *o)
{
    nxmsg__out_put(o, st->hold, st->hlen);
    st->hlen = 0;
}
