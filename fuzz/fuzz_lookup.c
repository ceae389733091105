/* fuzz_lookup.c - libFuzzer target: code and name parsing, lookups, _r.
 *
 * Input: arbitrary bytes used as a code, a name or number to parse, a
 * language and a buffer size.
 * Invariants: lookups never return NULL descriptions; every _r result (the
 * description and the log fragment) is
 * NUL-terminated inside the buffer, valid UTF-8, a prefix of the full text,
 * and reports the full length; name lookups agree with each other. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nxmsg.h"
#include "../tests/testutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char name[128], lang[32], full[2048], buf[2048];
    const nxmsg_entry *e = NULL, *all[8];
    unsigned code = 0, bufsize;
    size_t n, len, k;
    int r;

    if (size < 6)
        return 0;
    memcpy(&code, data, 4);
    bufsize = data[4] % sizeof buf;
    k = data[5] % 16;
    data += 6;
    size -= 6;
    /* a language from the first k bytes, a name from the rest */
    if (k > size)
        k = size;
    memcpy(lang, data, k < sizeof lang - 1 ? k : sizeof lang - 1);
    lang[k < sizeof lang - 1 ? k : sizeof lang - 1] = '\0';
    n = size - k < sizeof name - 1 ? size - k : sizeof name - 1;
    memcpy(name, data + k, n);
    name[n] = '\0';

    r = nxmsg_find_name(name, &e);
    n = nxmsg_find_names(name, all, 8);
    if ((r == NXMSG_OK) != (n == 1) || (r == NXMSG_EAMBIGUOUS) != (n > 1) || ((e != NULL) != (n > 0)))
        abort();
    if (e && all[0] != e)
        abort();

    /* the code parser: a parsed number prints back to itself */
    {
        unsigned v = 0, w = 0;
        char again[32];
        int pr = nxmsg_parse_code(name, &v);
        if (pr == NXMSG_OK) {
            snprintf(again, sizeof again, "0x%X", v);
            if (nxmsg_parse_code(again, &w) != NXMSG_OK || w != v)
                abort();
            snprintf(again, sizeof again, "%u", v);
            if (nxmsg_parse_code(again, &w) != NXMSG_OK || w != v)
                abort();
        } else if (pr != NXMSG_EINVAL && pr != NXMSG_ENOENT && pr != NXMSG_EAMBIGUOUS) {
            abort();
        }
        if ((pr == NXMSG_EAMBIGUOUS) && n < 2)
            abort();
    }

    len = nxmsg_describe_r(code, lang, full, sizeof full);
    if (len >= sizeof full || strlen(full) != len || !test_utf8_valid(full, len))
        abort();
    if (strcmp(full, nxmsg_describe(code, lang)) != 0)
        abort();
    memset(buf, 0x5A, sizeof buf);
    if (nxmsg_describe_r(code, lang, buf, bufsize) != len)
        abort();
    if (bufsize > 0) {
        size_t plen = strnlen(buf, bufsize);
        if (plen >= bufsize || !test_utf8_valid(buf, plen) || memcmp(buf, full, plen) != 0)
            abort();
    }
    if (bufsize < sizeof buf && (unsigned char)buf[bufsize] != 0x5A && bufsize > 0)
        abort();
    if (e && !test_utf8_valid(nxmsg_entry_text(e, lang), strlen(nxmsg_entry_text(e, lang))))
        abort();

    /* the log fragment, in the fuzzed language and in English + Japanese */
    {
        const char *langs[2] = { lang, "ja" };
        size_t flen = nxmsg_format_log_r(code, langs, 1 + (bufsize & 1), full, sizeof full);
        if (flen >= sizeof full || strlen(full) != flen || !test_utf8_valid(full, flen))
            abort();
        memset(buf, 0x5A, sizeof buf);
        if (nxmsg_format_log_r(code, langs, 1 + (bufsize & 1), buf, bufsize) != flen)
            abort();
        if (bufsize > 0) {
            size_t plen = strnlen(buf, bufsize);
            if (plen >= bufsize || !test_utf8_valid(buf, plen) || memcmp(buf, full, plen) != 0)
                abort();
        }
    }
    return 0;
}
