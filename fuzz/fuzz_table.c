/* fuzz_table.c - libFuzzer target: table rendering with arbitrary cells.
 *
 * Input: a control byte (style, layout, ambiguous width), a width, a column
 * count, then cells separated by 0x1E bytes (any bytes inside, NULs too).
 * Invariants: every rendering is valid UTF-8 without raw control characters
 * (but LF, and CR in CSV); text and box renderings have lines of one display
 * width, within the target when it is at least 40; the snprintf-style
 * variant agrees with the callback one at every buffer size tried. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nxmsg.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const headers[] = { "Name", "値", "English", "日本語", "x" };
    char cells[5][256];
    const char *row[5];
    size_t ncols, ci = 0, k = 0;
    nxmsg_table_opts o;
    nxmsg_table *t;
    struct fuzz_out out = { NULL, 0, 0 };
    unsigned amb;

    if (size < 3 || size > 2048)
        return 0;
    o.style = (nxmsg_table_style)(data[0] % 6);
    o.layout = (nxmsg_table_layout)((data[0] / 6) % 3);
    amb = (data[0] / 18) & 1;
    o.flags = amb ? NXMSG_TABLE_AMBIGUOUS_WIDE : 0;
    o.width = data[1] % 2 ? data[1] : (size_t)data[1] * 2;
    ncols = 1 + data[2] % 5;
    data += 3;
    size -= 3;

    t = nxmsg_table_new();
    if (!t)
        abort();
    for (size_t c = 0; c < ncols; c++)
        if (nxmsg_table_add_column(t, headers[c], NULL, c == 1 ? NXMSG_ALIGN_RIGHT : NXMSG_ALIGN_LEFT, 0,
                                   0, c == 4 ? NXMSG_COL_TRUNCATE : 0) < 0)
            abort();
    memset(cells, 0, sizeof cells);
    for (size_t i = 0; i <= size; i++) {
        if (i == size || data[i] == 0x1E) {
            cells[ci][k] = '\0';
            if (++ci == ncols || i == size) {
                for (size_t c = 0; c < ncols; c++)
                    row[c] = c < ci ? cells[c] : "";
                if (nxmsg_table_add_row(t, row, ncols) != NXMSG_OK)
                    abort();
                ci = 0;
            }
            k = 0;
        } else if (k < sizeof cells[0] - 1) {
            cells[ci][k++] = data[i] ? (char)data[i] : ' ';
        }
    }
    if (nxmsg_table_render(t, &o, fuzz_collect, &out) != NXMSG_OK)
        abort();
    if (!out.p || !nxmsg_utf8_valid(out.p, out.n))
        abort();
    for (size_t i = 0; i < out.n; i++) {
        unsigned char c = (unsigned char)out.p[i];
        if ((c < 0x20 && c != '\n' && !(c == '\r' && o.style == NXMSG_STYLE_CSV)) || c == 0x7F)
            abort();
    }
    if (o.style <= NXMSG_STYLE_UNICODE) {
        size_t w = (size_t)-1;
        unsigned fl = amb ? NXMSG_TEXT_AMBIGUOUS_WIDE : 0;
        for (const char *p = out.p; *p;) {
            const char *nl = strchr(p, '\n');
            size_t lw;
            if (!nl)
                abort(); /* every line ends in LF */
            lw = nxmsg_width(p, (size_t)(nl - p), fl);
            if (w == (size_t)-1)
                w = lw;
            if (lw != w)
                abort();
            p = nl + 1;
        }
        if (o.width >= 40 && w != (size_t)-1 && w > o.width)
            abort();
    }
    /* the buffer variant: same length, a valid prefix at a few sizes */
    {
        char buf[300];
        size_t sizes[] = { 0, 1, 2, 7, 64, sizeof buf };
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            memset(buf, 'Z', sizeof buf);
            if (nxmsg_table_render_r(t, &o, buf, sizes[s]) != out.n)
                abort();
            if (sizes[s] && (strlen(buf) >= sizes[s] || !nxmsg_utf8_valid(buf, strlen(buf)) ||
                             memcmp(buf, out.p, strlen(buf)) != 0))
                abort();
        }
    }
    free(out.p);
    nxmsg_table_free(t);
    return 0;
}
