/* fuzz_mo.c - libFuzzer target: the .mo catalog reader.
 *
 * Input: the bytes of a catalog, installed as <tmpdir>/zz/LC_MESSAGES/nxmsg.mo
 * and loaded through the public API after nxmsg_set_localedir() (which
 * drops the loaded languages, so every input is read afresh).
 * Invariants: under ASan/UBSan every header field, table offset, string
 * length and hash entry is checked against the buffer (nothing is read out of
 * bounds); every text the language then serves is either the built-in
 * English or a translation that passes the catalog text rules
 * (lib/msgcheck.c); descriptions of known and unknown codes are non-empty
 * valid UTF-8 without controls. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "msgcheck.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], path[128];

/* Remove the scratch catalog and its directories at exit. */
static void cleanup(void)
{
    char sub[96];
    unlink(path);
    snprintf(sub, sizeof sub, "%s/zz/LC_MESSAGES", dir);
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/zz", dir);
    rmdir(sub);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char sub[96];
    (void)argc;
    (void)argv;
    strcpy(dir, "/tmp/nxmsg-fuzz-mo-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    snprintf(sub, sizeof sub, "%s/zz", dir);
    mkdir(sub, 0700);
    snprintf(sub, sizeof sub, "%s/zz/LC_MESSAGES", dir);
    mkdir(sub, 0700);
    snprintf(path, sizeof path, "%s/nxmsg.mo", sub);
    atexit(cleanup);
    return 0;
}

static void check_text(const char *t, int is_template)
{
    if (!t || !*t)
        abort();
    if (nxmsg__check_text(t, strlen(t), is_template, NULL) != NXMSG__TEXT_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned codes[] = { 0x10C, 0x17E, 0x1FE, 0x42, 0x20001 };
    const char *const *texts;
    FILE *f = fopen(path, "wb");

    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    if (nxmsg_set_localedir(dir) != NXMSG_OK)
        abort();
    texts = nxmsg__texts("zz");
    for (size_t i = 0; i < NXMSG_N_MSGS; i++)
        if (texts[i] != nxmsg__english(i))
            check_text(texts[i], i >= NXMSG_N_CODES);
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        const char *d = nxmsg_describe(codes[i], "zz");
        if (nxmsg__check_text(d, strlen(d), 0, NULL) != NXMSG__TEXT_OK)
            abort();
    }
    return 0;
}
