/* fuzz_annotate.c - libFuzzer target: the streaming log annotator.
 *
 * Input: a control byte (mode, chunking) and a log.  Invariants:
 *  - the output does not depend on how the input is cut into chunks (line
 *    buffer 256 bytes, so long lines are cut into segments too);
 *  - JSON output is valid UTF-8 whatever the input;
 *  - INLINE and SUFFIX: with the 256-byte buffer, stripping the output gives
 *    the input back when the input holds no U+27E6; with the default buffer
 *    (lines shorter than it), strip(annotate(x)) == strip(x) and
 *    annotate(annotate(x)) == annotate(x) for any input;
 *  - strip fed in chunks gives what strip fed at once gives;
 *  - nxmsg_annotator_new_spans() writes what nxmsg_annotator_new() writes.
 * Run with -max_len well above 256 (make fuzz does) so lines outgrow the
 * buffer; the corpus has such lines. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nxmsg.h"
#include "fuzz.h"
#include "../tests/testutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int collect_spans(void *ctx, const nxmsg_span *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fuzz_collect(ctx, v[i].data, v[i].len);
    return 0;
}

static struct fuzz_out run_as(int spans, nxmsg_annotate_mode mode, int only, size_t buffer, const void *data,
                              size_t size, size_t chunk)
{
    nxmsg_annotate_options opt = { mode, NULL, 0, only, buffer };
    struct fuzz_out o = { NULL, 0, 0 };
    nxmsg_annotator *a = spans ? nxmsg_annotator_new_spans(&opt, collect_spans, &o)
                               : nxmsg_annotator_new(&opt, fuzz_collect, &o);
    const uint8_t *p = data;

    if (!a)
        abort();
    for (size_t off = 0; off < size; off += chunk)
        if (nxmsg_annotator_feed(a, p + off, size - off < chunk ? size - off : chunk) != 0)
            abort();
    if (nxmsg_annotator_finish(a) != 0)
        abort();
    nxmsg_annotator_free(a);
    return o;
}

static struct fuzz_out run(nxmsg_annotate_mode mode, int only, size_t buffer, const void *data, size_t size,
                           size_t chunk)
{
    return run_as(0, mode, only, buffer, data, size, chunk);
}

static void same(const struct fuzz_out *x, const void *p, size_t n)
{
    if (x->n != n || (n && memcmp(x->p, p, n) != 0))
        abort();
}

/* The exact-strip and no-re-annotation properties, default buffer. */
static void check_idempotent(nxmsg_annotate_mode mode, const uint8_t *data, size_t size, size_t chunk)
{
    struct fuzz_out once = run(mode, 0, 0, data, size, size ? size : 1);
    struct fuzz_out twice = run(mode, 0, 0, once.p, once.n, chunk);
    struct fuzz_out plain = run(NXMSG_ANNOTATE_STRIP, 0, 0, data, size, size ? size : 1);
    struct fuzz_out back = run(NXMSG_ANNOTATE_STRIP, 0, 0, once.p, once.n, chunk);

    same(&twice, once.p, once.n);
    same(&back, plain.p, plain.n);
    free(once.p);
    free(twice.p);
    free(plain.p);
    free(back.p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nxmsg_annotate_mode mode;
    size_t chunk;
    int only, big;
    struct fuzz_out whole, pieces;

    if (size < 1)
        return 0;
    mode = (nxmsg_annotate_mode)(data[0] % 5);
    only = (data[0] >> 3) & 1 && mode != NXMSG_ANNOTATE_STRIP;
    chunk = (size_t)(data[0] >> 4) * 7 + 1;
    big = data[0] & 4; /* spans also with the default buffer */
    data++;
    size--;

    whole = run(mode, only, 256, data, size, size ? size : 1);
    pieces = run(mode, only, 256, data, size, chunk);
    same(&pieces, whole.p, whole.n);
    free(pieces.p);
    pieces = run_as(1, mode, only, big ? 0 : 256, data, size, chunk);
    if (big) {
        struct fuzz_out want = run(mode, only, 0, data, size, chunk);
        same(&pieces, want.p, want.n);
        free(want.p);
    } else {
        same(&pieces, whole.p, whole.n);
    }
    if (mode == NXMSG_ANNOTATE_JSON && !test_utf8_valid(whole.p, whole.n))
        abort();
    if ((mode == NXMSG_ANNOTATE_INLINE || mode == NXMSG_ANNOTATE_SUFFIX) && !only) {
        if (!memmem(data, size, "\xe2\x9f\xa6", 3)) {
            struct fuzz_out stripped = run(NXMSG_ANNOTATE_STRIP, 0, 0, whole.p, whole.n, chunk);
            same(&stripped, data, size);
            free(stripped.p);
        }
        check_idempotent(mode, data, size, chunk);
    }
    free(whole.p);
    free(pieces.p);
    return 0;
}
