/* annotate.h - what the annotate files share (not installed):
 *   annotate_fragment.c  log fragments, the annotation text, the exact-form test
 *   annotate_recognize.c finding codes in text (the hot path; no ICU)
 *   annotate_filter.c    the vector filter in front of the recognizer
 *   annotate_strip.c     removing annotations from a stream
 *   annotate_stream.c    the streaming annotator and its output buffer */
#ifndef NXMSG_ANNOTATE_H
#define NXMSG_ANNOTATE_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* An annotation is ANN_LEAD fragment ANN_CLOSE: " ⟦...⟧". */
#define ANN_OPEN "\xE2\x9F\xA6"  /* U+27E6 MATHEMATICAL LEFT WHITE SQUARE BRACKET */
#define ANN_CLOSE "\xE2\x9F\xA7" /* U+27E7 MATHEMATICAL RIGHT WHITE SQUARE BRACKET */
#define ANN_LEAD " " ANN_OPEN
/* Between two texts of a fragment. */
#define ANN_TEXT_SEP " / "

enum {
    ANN_BRACKET_LEN = 3,                         /* UTF-8 bytes of U+27E6 or U+27E7 */
    ANN_LEAD_LEN = 1 + ANN_BRACKET_LEN,          /* " ⟦" */
    ANN_FRAME_LEN = ANN_LEAD_LEN + ANN_BRACKET_LEN, /* " ⟦⟧": an annotation's bytes besides the fragment */
    ANN_TEXT_SEP_LEN = 3,                        /* " / " */
    ANN_HOLD_MAX = 16384                         /* the longest annotation strip removes */
};

/* A byte of a token: [A-Za-z0-9_]. */
static inline int ann_is_ident(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Whether s[0..n) starts with U+27E6 / U+27E7 (n >= ANN_BRACKET_LEN). */
static inline int ann_is_open(const unsigned char *s)
{
    return s[0] == 0xE2 && s[1] == 0x9F && s[2] == 0xA6;
}
static inline int ann_is_close(const unsigned char *s)
{
    return s[0] == 0xE2 && s[1] == 0x9F && s[2] == 0xA7;
}

/* ---- annotate_fragment.c ---- */

/* The message texts of the languages whose annotations are recognized as
 * written by annotate: the annotator's own, then English and Japanese. */
struct ann_texts {
    size_t n;
    const char *const *lang[NXMSG_ANNOTATE_MAX_LANGS + 2];
};

/* Fill t for langs[0..nlangs) (NULL or 0: English and Japanese). */
void nxmsg__ann_texts_init(struct ann_texts *t, const char *const *langs, size_t nlangs);

/* If s[0..n) starts with an annotation exactly as annotate writes it
 * (" ⟦" + a known code's fragment in languages of t + "⟧"), its length, and
 * its entry in *e; else 0. */
size_t nxmsg__annotation_len(const unsigned char *s, size_t n, const struct ann_texts *t,
                             const nxmsg_entry **e);

/* The annotation " ⟦fragment⟧" of every entry in langs, in one allocation
 * (*arena, to free); ann[i] and len[i] for entry i.  Returns 0 or -1. */
int nxmsg__annotations_build(const char *const *langs, size_t nlangs, char **arena,
                             char *ann[NXMSG_N_CODES], size_t len[NXMSG_N_CODES]);

/* ---- annotate_recognize.c ---- */

/* What the scanner found at s[offset, offset + length): a code (annotation
 * 0), or an annotation annotate wrote (annotation 1; entry: its code). */
struct ann_hit {
    size_t offset, length;
    const nxmsg_entry *entry;
    int annotation;
};

/* ---- annotate_filter.c ---- */

enum { ANN_FILTER_BLOCKS = 32 }; /* 64-byte blocks a call of nxmsg__filter covers */

/* The instruction sets of the filter; none: it finds nothing. */
enum { ANN_FILTER_NONE, ANN_FILTER_AVX2, ANN_FILTER_AVX512 };

/* The best instruction set of the filter this machine runs. */
NXMSG_API int nxmsg__filter_available(void);

/* cand[k] bit j, k < the blocks returned (up to ANN_FILTER_BLOCKS, as many
 * as s[b..n) needs): whether position b + 64 k + j of s[0..n) may be a
 * candidate of the recognizer (a superset of those where a code, a name or
 * an annotation is found; positions n and on never are); *live bit k:
 * whether cand[k] has any.  isa is at most nxmsg__filter_available(); every
 * one gives the same bits (exported for tests/check_annotate.c, which
 * compares them). */
NXMSG_API size_t nxmsg__filter(int isa, const unsigned char *s, size_t n, size_t b,
                               uint64_t cand[ANN_FILTER_BLOCKS], uint32_t *live);

/* ---- annotate_recognize.c: a scan through a text ---- */

/* The codes and annotations of s[from..n) one after the other, by the
 * rules of nxmsg_find_codes(); the scan goes on from the end of each hit.
 * Codes inside an annotation are not found. */
struct ann_scan {
    const unsigned char *s;
    size_t n, from;
    const struct ann_texts *t;
    int filter;    /* the instruction set of nxmsg__filter, or ANN_FILTER_NONE */
    size_t base;   /* the position of cand[0] bit 0 */
    size_t nk;     /* blocks in cand */
    uint32_t live; /* the blocks of cand with candidates, not taken yet */
    size_t k;      /* the block of bits */
    uint64_t bits; /* candidates of block k not yet checked */
    uint64_t cand[ANN_FILTER_BLOCKS];
};
_Static_assert(ANN_FILTER_BLOCKS <= 32, "a bit of ann_scan.live a block");

/* Exported for tests/check_annotate.c, which compares the filter's scan
 * with the plain one (c->filter = 0 after nxmsg__scan_init()). */
NXMSG_API void nxmsg__scan_init(struct ann_scan *c, const unsigned char *s, size_t n, size_t from,
                                const struct ann_texts *t);
/* The next hit, or 0 at the end. */
NXMSG_API int nxmsg__scan_next(struct ann_scan *c, struct ann_hit *h);

/* Whether a number or name token ending at s[j - 1] may end there. */
int nxmsg__token_ends(const unsigned char *s, size_t n, size_t j);

/* ---- annotate_stream.c: the output buffer ---- */

enum {
    ANN_SPANS_MAX = 1024,  /* spans gathered before they are written */
    ANN_SPAN_REF_MIN = 512 /* a stretch of the caller's bytes this long is pointed at, not copied */
};

struct ann_out {
    nxmsg_write_fn write;
    void *ctx;
    int err; /* NXMSG_EWRITE once a write failed */
    char *buf;
    size_t len, cap;
    /* span output (write_spans set): spans[0..nspans) gathered, buf[mark..len)
     * copied since the last of them; the caller's bytes [ref_lo, ref_hi),
     * of the nxmsg_annotator_feed() call running, may be pointed at */
    nxmsg_write_spans_fn write_spans;
    nxmsg_span *spans;
    size_t nspans, mark;
    uintptr_t ref_lo, ref_hi;
};

/* Append p[0..n) (written out when the buffer fills). */
void nxmsg__out_put(struct ann_out *o, const char *p, size_t n);
/* Write out what is buffered. */
void nxmsg__out_flush(struct ann_out *o);

/* Whether p[0..n) is to be pointed at rather than copied. */
static inline int ann_out_ref(const struct ann_out *o, const char *p, size_t n)
{
    return n >= ANN_SPAN_REF_MIN && (uintptr_t)p >= o->ref_lo && (uintptr_t)p + n <= o->ref_hi;
}

/* ---- annotate_strip.c ---- */

/* The strip state: bytes held that may be the start of an annotation. */
struct ann_strip {
    char *hold;
    size_t hlen;
};

/* Copy s[0..n) to o without the annotations in it (state kept in st across
 * calls); nxmsg__strip_finish() writes what is still held. */
void nxmsg__strip_feed(struct ann_strip *st, struct ann_out *o, const struct ann_texts *t,
                       const char *s, size_t n);
void nxmsg__strip_finish(struct ann_strip *st, struct ann_out *o);

#endif
