/* relocate.c - where the host library looks for catalogs by default.
 *
 * In order: the environment variable NXMSG_LOCALEDIR (ignored in set-user-ID
 * and set-group-ID programs); the localedir of the installation the library
 * itself was loaded from, when it was moved to another prefix (found with
 * dladdr: LIBDIR's place relative to the prefix tells where the prefix now
 * is), or the build tree's share/locale for the uninstalled library; else
 * LOCALEDIR, chosen at configure time (config.h). */
#include <config.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#ifndef HAVE_SECURE_GETENV
#define secure_getenv getenv
#endif

static char relocated[NXMSG_LOCALEDIR_MAX + 1];
static pthread_once_t relocate_once = PTHREAD_ONCE_INIT;

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whether s ends with suffix; stores the length of the rest. */
static int ends_with(const char *s, size_t len, const char *suffix, size_t *rest)
{
    size_t n = strlen(suffix);
    if (n > len || memcmp(s + len - n, suffix, n) != 0)
        return 0;
    *rest = len - n;
    return 1;
}

/* relocated = s[0..len) + tail if that is a directory. */
static int try_dir(const char *s, size_t len, const char *tail)
{
    size_t tl = strlen(tail);
    if (len + tl > NXMSG_LOCALEDIR_MAX)
        return 0;
    memcpy(relocated, s, len);
    memcpy(relocated + len, tail, tl + 1);
    if (is_dir(relocated))
        return 1;
    relocated[0] = '\0';
    return 0;
}

static void find_relocated(void)
{
    Dl_info info;
    const char *slash;
    size_t dirlen, prefix_len, libsub = strlen(PREFIX);

    if (!dladdr((void *)&nxmsg_lang_open, &info) || !info.dli_fname ||
        (slash = strrchr(info.dli_fname, '/')) == NULL)
        return;
    dirlen = (size_t)(slash - info.dli_fname);
    /* uninstalled: <builddir>/lib/.libs/libnxmsg.so */
    if (ends_with(info.dli_fname, dirlen, "/lib/.libs", &prefix_len) &&
        try_dir(info.dli_fname, prefix_len, "/share/locale"))
        return;
    /* installed under another prefix: LIBDIR = PREFIX + sub, LOCALEDIR =
     * PREFIX + tail */
    if (strncmp(LIBDIR, PREFIX, libsub) != 0 || strncmp(LOCALEDIR, PREFIX, libsub) != 0)
        return;
    if (ends_with(info.dli_fname, dirlen, &LIBDIR[libsub], &prefix_len) &&
        (prefix_len != libsub || memcmp(info.dli_fname, PREFIX, libsub) != 0))
        try_dir(info.dli_fname, prefix_len, &LOCALEDIR[libsub]);
}

const char *nxmsg__default_localedir(void)
{
    const char *env = secure_getenv("NXMSG_LOCALEDIR");

    if (env && *env && strlen(env) <= NXMSG_LOCALEDIR_MAX)
        return env;
    pthread_once(&relocate_once, find_relocated);
    return relocated[0] ? relocated : LOCALEDIR;
}
