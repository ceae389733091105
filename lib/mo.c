/* mo.c - reading and checking a GNU .mo catalog for the host library.
 *
 * The file is opened without blocking and must be a regular file of at most
 * NXMSG_MO_MAX_SIZE bytes (a FIFO, device or directory is refused at once).
 * Every message whose key is missing, whose English is stale, or whose
 * translation is empty or fails the catalog text rules of lib/msgcheck.c
 * (the ones tools/nxmsg-check-po reports) keeps the built-in English. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "msgcheck.h"

#define MO_MAX_SIZE (4u << 20)
#define MO_NAME "/LC_MESSAGES/" PACKAGE ".mo"

static unsigned long get32(const unsigned char *p, int swap)
{
    if (swap)
        return (unsigned long)p[3] | (unsigned long)p[2] << 8 |
               (unsigned long)p[1] << 16 | (unsigned long)p[0] << 24;
    return (unsigned long)p[0] | (unsigned long)p[1] << 8 |
           (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

/* Check a string descriptor; returns the string or NULL. */
static const char *mo_string(const unsigned char *d, size_t size, size_t desc, int swap, size_t *lenp)
{
    unsigned long len, off;

    len = get32(d + desc, swap);
    off = get32(d + desc + 4, swap);
    if (off >= size || len >= size - off || d[off + len] != '\0')
        return NULL;
    *lenp = len;
    return (const char *)d + off;
}

/* The message index a translation of key[0..klen) belongs to, or -1. */
static int message_of(const char *key, size_t klen)
{
    const char *eot = memchr(key, '\004', klen);
    int m;

    if (!eot)
        return -1;
    m = nxmsg__msg_by_ctxt(key, (size_t)(eot - key));
    if (m < 0 || strcmp(eot + 1, nxmsg__english((size_t)m)) != 0)
        return -1; /* unknown or stale message */
    return m;
}

size_t nxmsg__mo_parse(const char *data, size_t size, const char *texts[NXMSG_N_MSGS])
{
    const unsigned char *d = (const unsigned char *)data;
    unsigned long magic, n, otab, ttab;
    size_t accepted = 0;
    int swap;

    if (size < 28)
        return 0;
    magic = get32(d, 0);
    if (magic == 0x950412deUL)
        swap = 0;
    else if (magic == 0xde120495UL)
        swap = 1;
    else
        return 0;
    if ((get32(d + 4, swap) >> 16) > 1)
        return 0;
    n = get32(d + 8, swap);
    otab = get32(d + 12, swap);
    ttab = get32(d + 16, swap);
    if (n > size / 16 || otab > size - n * 8 || ttab > size - n * 8)
        return 0;
    for (unsigned long i = 0; i < n; i++) {
        size_t klen, tlen;
        const char *key = mo_string(d, size, otab + i * 8, swap, &klen);
        const char *tr = mo_string(d, size, ttab + i * 8, swap, &tlen);
        int m;

        if (!key || !tr || strlen(key) != klen || tlen == 0)
            continue;
        if ((m = message_of(key, klen)) < 0)
            continue;
        /* the same rules as tools/nxmsg-check-po (lib/msgcheck.c) */
        if (nxmsg__check_text(tr, tlen, m >= NXMSG_N_CODES, NULL) != NXMSG__TEXT_OK)
            continue;
        texts[m] = tr;
        accepted++;
    }
    return accepted;
}

/* Read all of fd (a regular file of the given size) into a new buffer with
 * a NUL after it; NULL on error or if the file changed size. */
static char *read_all(int fd, size_t size)
{
    char *data = malloc(size + 1);
    size_t got = 0;

    while (data && got < size) {
        ssize_t n = read(fd, data + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            free(data);
            return NULL;
        }
        got += (size_t)n;
    }
    if (data)
        data[size] = '\0';
    return data;
}

char *nxmsg__mo_read(const char *dir, const char *tag, size_t *sizep)
{
    char path[NXMSG_LOCALEDIR_MAX + NXMSG__TAG_MAX + sizeof MO_NAME + 1];
    struct stat st;
    char *data = NULL;
    int fd;

    if (strlen(dir) > NXMSG_LOCALEDIR_MAX || strlen(tag) >= NXMSG__TAG_MAX)
        return NULL;
    snprintf(path, sizeof path, "%s/%s" MO_NAME, dir, tag);
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (unsigned long long)st.st_size <= MO_MAX_SIZE)
        data = read_all(fd, (size_t)st.st_size);
    close(fd);
    if (data)
        *sizep = (size_t)st.st_size;
    return data;
}
