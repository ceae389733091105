/* fuzz_annotate.c - libFuzzer target: the streaming log annotator.
 *
 * Input: a control byte (mode, chunking) and a log.  Invariants: INLINE and
 * SUFFIX output stripped of its annotations is the input byte for byte (for
 * inputs without the marker U+27E6 of their own); JSON output is valid UTF-8
 * whatever the input; the output does not depend on how the input is cut
 * into chunks. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nxmsg.h"
#include "fuzz.h"
#include "../tests/testutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fuzz_out run(nxmsg_annotate_mode mode, int only, const uint8_t *data, size_t size, size_t chunk)
{
    nxmsg_annotate_options opt = { mode, NULL, 0, only, 256 };
    struct fuzz_out o = { NULL, 0, 0 };
    nxmsg_annotator *a = nxmsg_annotator_new(&opt, fuzz_collect, &o);

    if (!a)
        abort();
    for (size_t off = 0; off < size; off += chunk)
        if (nxmsg_annotator_feed(a, data + off, size - off < chunk ? size - off : chunk) != 0)
            abort();
    if (nxmsg_annotator_finish(a) != 0)
        abort();
    nxmsg_annotator_free(a);
    return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nxmsg_annotate_mode mode;
    size_t chunk;
    int only;
    struct fuzz_out whole, pieces, stripped;

    if (size < 1)
        return 0;
    mode = (nxmsg_annotate_mode)(data[0] % 4);
    only = (data[0] >> 2) & 1;
    chunk = (size_t)(data[0] >> 3) + 1;
    data++;
    size--;

    whole = run(mode, only, data, size, size ? size : 1);
    pieces = run(mode, only, data, size, chunk);
    if (whole.n != pieces.n || (whole.n && memcmp(whole.p, pieces.p, whole.n) != 0))
        abort();
    if (mode == NXMSG_ANNOTATE_JSON && !test_utf8_valid(whole.p, whole.n))
        abort();
    if ((mode == NXMSG_ANNOTATE_INLINE || mode == NXMSG_ANNOTATE_SUFFIX) && !only &&
        !memmem(data, size, "\xe2\x9f\xa6", 3)) {
        stripped = run(NXMSG_ANNOTATE_STRIP, 0, (const uint8_t *)whole.p, whole.n, whole.n ? whole.n : 1);
        if (stripped.n != size || (size && memcmp(stripped.p, data, size) != 0))
            abort();
        free(stripped.p);
    }
    free(whole.p);
    free(pieces.p);
    return 0;
}
