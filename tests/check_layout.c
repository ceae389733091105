/* check_layout.c - the device core's layout (lib/layout.c, no ICU) against
 * the host library's ICU text functions: for every code text of English and
 * every language of po/LINGUAS, both ambiguous settings and every width
 * 1..100, nxmsg_layout_wrap_next must give the lines nxmsg_wrap_next gives,
 * and nxmsg_layout_truncate (no ellipsis, "…", "...", whole and cut buffers)
 * the bytes nxmsg_truncate writes; nxmsg_layout_width must equal
 * nxmsg_width.  Then hostile input: the device functions never write out of
 * bounds, always NUL-terminate, cover the text with their lines and emit
 * valid UTF-8.  Exit 0 pass, 1 fail, 77 when no catalog can be read. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nxmsg.h"
#include "nxmsg_layout.h"

static unsigned long failures, checks;

static void report(const char *what, const char *lang, const char *name, size_t cols, unsigned fl)
{
    if (++failures <= 20)
        fprintf(stderr, "FAIL %s: %s %s cols=%zu flags=%u\n", what, lang, name, cols, fl);
}

static void check_wrap(const char *t, size_t cols, unsigned fl, const char *lang, const char *name)
{
    nxmsg_layout_wrap w;
    size_t hpos = 0, hs, hl, ds, dl;
    int h, d;

    nxmsg_layout_wrap_init(&w, t, NXMSG_STRLEN, cols, fl);
    do {
        h = nxmsg_wrap_next(t, NXMSG_STRLEN, cols, fl, &hpos, &hs, &hl);
        d = nxmsg_layout_wrap_next(&w, &ds, &dl);
        checks++;
        if (h != d || (h && (hs != ds || hl != dl || hpos != w.pos))) {
            report("wrap", lang, name, cols, fl);
            return;
        }
    } while (h);
}

static void check_truncate(const char *t, size_t cols, unsigned fl, const char *lang,
                           const char *name)
{
    static const char *const ells[] = { NULL, NXMSG_ELLIPSIS, "..." };
    char hb[2048], db[2048];

    for (size_t k = 0; k < sizeof ells / sizeof ells[0]; k++) {
        size_t hn = nxmsg_truncate(t, NXMSG_STRLEN, cols, ells[k], fl, hb, sizeof hb);
        size_t dn = nxmsg_layout_truncate(t, NXMSG_STRLEN, cols, ells[k], fl, db, sizeof db);
        size_t half = hn / 2 + 1;
        checks++;
        if (hn != dn || strcmp(hb, db) != 0) {
            report("truncate", lang, name, cols, fl);
            continue;
        }
        /* a buffer too small: the same whole-character prefix */
        nxmsg_truncate(t, NXMSG_STRLEN, cols, ells[k], fl, hb, half);
        nxmsg_layout_truncate(t, NXMSG_STRLEN, cols, ells[k], fl, db, half);
        if (strcmp(hb, db) != 0)
            report("truncate (short buffer)", lang, name, cols, fl);
    }
}

static void check_text(const char *t, const char *lang, const char *name)
{
    for (unsigned fl = 0; fl <= NXMSG_TEXT_AMBIGUOUS_WIDE; fl++) {
        checks++;
        if (nxmsg_width(t, NXMSG_STRLEN, fl) != nxmsg_layout_width(t, NXMSG_STRLEN, fl))
            report("width", lang, name, 0, fl);
        for (size_t cols = 1; cols <= 100; cols++) {
            check_wrap(t, cols, fl, lang, name);
            check_truncate(t, cols, fl, lang, name);
        }
    }
}

/* Texts much longer than a line: a run without opportunities, an
 * identifier with separators (the catalog's texts are short). */
static void check_long(void)
{
    static const size_t cols[] = { 1, 7, 80 };
    enum { N = 20000 };
    char *run = malloc(N + 1), *id = malloc(N + 1);

    if (!run || !id) {
        report("long texts: out of memory", "-", "-", 0, 0);
        free(run);
        return;
    }
    for (size_t i = 0; i < N; i++) {
        run[i] = "0123456789abcdef"[(i * 7 + i / 3) % 16];
        id[i] = "NX_SECURE_TLS_"[i % 14];
    }
    run[N] = id[N] = '\0';
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
        for (unsigned fl = 0; fl <= NXMSG_TEXT_AMBIGUOUS_WIDE; fl++) {
            check_wrap(run, cols[k], fl, "-", "long run");
            check_wrap(id, cols[k], fl, "-", "long identifier");
        }
    free(run);
    free(id);
}

/* ---- hostile input ---- */

static unsigned long rnd_state = 12345;
static unsigned rnd(void)
{
    rnd_state = rnd_state * 6364136223846793005u + 1442695040888963407u;
    return (unsigned)(rnd_state >> 33);
}

static void check_hostile(void)
{
    static const char *const pieces[] = { "a", " ", "\t", "\n", "\r\n", "_", ".", "\xE3\x80\x82",
                                          "\xE3\x81\x82", "\xE3\x83\x83", "\xE2\x80\xA8", "\xC2\x85",
                                          "\xE3\x81", "\xFF", "\xF0\x9F\x98\x80", "\x1B", "\xCC\x81",
                                          "(", "\xEF\xBC\x88" };
    char s[64], buf[40];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = 0, size = rnd() % 12, cols = rnd() % 12, at, pos = 0;
        nxmsg_layout_wrap w;
        size_t ls, ll, guard = 0;
        while (n < 40) {
            const char *p = pieces[rnd() % (sizeof pieces / sizeof pieces[0])];
            memcpy(s + n, p, strlen(p));
            n += strlen(p);
            if (rnd() % 8 == 0)
                break;
        }
        memset(buf, 'Z', sizeof buf);
        nxmsg_layout_truncate(s, n, cols, rnd() % 2 ? NXMSG_ELLIPSIS : NULL, rnd() % 2, buf, size);
        checks++;
        if (buf[size < sizeof buf ? size : 0] != 'Z' && size > 0)
            report("hostile truncate writes past size", "-", "-", cols, 0);
        if (size > 0 && (memchr(buf, 0, size) == NULL ||
                         !nxmsg_utf8_valid(buf, strlen(buf))))
            report("hostile truncate output", "-", "-", cols, 0);
        nxmsg_layout_wrap_init(&w, s, n, cols, rnd() % 2);
        while (nxmsg_layout_wrap_next(&w, &ls, &ll)) {
            at = ls + ll;
            if (ls < pos || at > n || w.pos <= pos || ++guard > n) {
                report("hostile wrap", "-", "-", cols, 0);
                break;
            }
            pos = w.pos;
        }
    }
}

int main(void)
{
    const char *src = getenv("NXMSG_SRCDIR");
    char path[1024], line[256];
    char *langs[16];
    size_t nlang = 0;
    const nxmsg_entry *e;
    FILE *f;

    snprintf(path, sizeof path, "%s/po/LINGUAS", src ? src : ".");
    if (!(f = fopen(path, "r"))) {
        fprintf(stderr, "check_layout: cannot read %s\n", path);
        return 1;
    }
    while (nlang < 16 && fgets(line, sizeof line, f)) {
        char *tok = strtok(line, " \t\n#");
        if (tok && line[0] != '#') {
            if (!nxmsg_have_catalog(tok)) {
                fprintf(stderr, "check_layout: no catalog for %s (SKIP)\n", tok);
                return 77;
            }
            langs[nlang++] = strdup(tok);
        }
    }
    fclose(f);
    for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) {
        const char *en;
        nxmsg_entry_msgid(e, NULL, &en);
        check_text(en, "en", nxmsg_entry_name(e));
        for (size_t k = 0; k < nlang; k++)
            check_text(nxmsg_entry_text(e, langs[k]), langs[k], nxmsg_entry_name(e));
    }
    check_hostile();
    check_long();
    printf("check_layout: %lu checks, %lu failures (%zu codes, English + %zu languages)\n", checks,
           failures, nxmsg_count(), nlang);
    for (size_t k = 0; k < nlang; k++)
        free(langs[k]);
    return failures != 0;
}
