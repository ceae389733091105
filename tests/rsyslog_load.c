/* rsyslog_load.c - traffic and verdict for tests/rsyslog.sh.
 *
 *   rsyslog_load port                      print a port free for TCP and UDP
 *   rsyslog_load send PORT TCP UDP COUNT GO
 *                                          send COUNT messages: TCP senders
 *                                          over TCP, UDP senders over UDP;
 *                                          after half of them wait for the
 *                                          file GO to exist
 *   rsyslog_load child PID                 print the process id of PID's child
 *   rsyslog_load wait FILE LINES SECONDS   wait until FILE has LINES lines;
 *                                          prints the seconds it took
 *   rsyslog_load check FILE SENDERS TCP COUNT WINDOW
 *
 * Every message is made again from (sender, number) alone, so the checker
 * knows each one byte for byte: " S<sender> <number> <body>" (rsyslog keeps
 * the blank after the tag in MSG).  One in ten carries a TLS/X.509 code
 * (hex, decimal after "status"/"error", or the name), some carry invalid
 * UTF-8, and every 997th on TCP is 20-30 KB long.  The check wants every
 * message exactly once and in order per sender, each code annotated as
 * " ⟦fragment⟧" right after the code (fragment from nxmsg_format_log_r, the
 * library's tested formatter), every other byte unchanged.  Code messages
 * may come through unannotated only within one run of at most WINDOW bytes
 * of output without an annotated message inside: the messages rsyslog
 * passed on while the killed filter was going away (doc/rsyslog.md). */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "nxmsg.h"

#define MAX_MSG 40000
#define MAX_SENDERS 16
#define PREFIX "<14>Dec  2 12:00:00 testhost nxtest:"

/* TLS and X.509 values from the NetX Secure headers (tests/data). */
static const unsigned codes[] = { 0x101, 0x102, 0x106, 0x10C, 0x110, 0x114, 0x11A, 0x123,
                                  0x12E, 0x13A, 0x181, 0x182, 0x185, 0x18C, 0x1A0 };
static const char *const words[] = { "link",  "up",    "dhcp",   "lease",  "renewed", "tcp",
                                     "window", "heap",  "queue",  "timer",  "socket",  "接続",
                                     "証明書", "peer",  "closed", "retry",  "ok",      "ÄÖü" };
/* ill-formed UTF-8: a lone continuation, FF FE, a cut sequence, a surrogate */
static const char *const bad_utf8[] = { "\x80", "\xFF\xFE", "\xE3\x81", "\xED\xA0\x80", "\xC3(" };

struct msg {
    char text[MAX_MSG];
    size_t len;
    unsigned code;   /* 0: none */
    size_t code_end; /* offset in text just after the code */
};

static unsigned long mix(unsigned long x)
{
    x ^= x >> 17;
    x *= 0xED5AD4BBUL;
    x ^= x >> 11;
    x *= 0xAC4C1B51UL;
    return (x ^ (x >> 15)) & 0xFFFFFFFFUL;
}

static void put(struct msg *m, const char *s)
{
    size_t n = strlen(s);
    memcpy(m->text + m->len, s, n);
    m->len += n;
}

/* Message number seq of a sender; long ones only on TCP senders. */
static void make(struct msg *m, int sender, unsigned seq, int tcp)
{
    unsigned long r = mix((unsigned long)sender * 1000003UL + seq);
    size_t nwords = 4 + r % 9;
    char head[64];

    m->len = 0, m->code = 0;
    snprintf(head, sizeof head, " S%d %06u", sender, seq);
    put(m, head);
    if (tcp && seq % 997 == 500)
        nwords = 3000 + r % 1000;
    for (size_t i = 0; i < nwords; i++) {
        put(m, " ");
        put(m, words[mix(r + i) % (sizeof words / sizeof words[0])]);
    }
    if (r % 100 < 5 || r % 100 == 10)
        put(m, bad_utf8[(r >> 8) % (sizeof bad_utf8 / sizeof bad_utf8[0])]);
    if (r % 10 == 0 || (tcp && seq % 997 == 500)) {
        char c[96];
        unsigned v = codes[(r >> 12) % (sizeof codes / sizeof codes[0])];
        int form = (int)((r >> 16) % 3);
        if (form == 0)
            snprintf(c, sizeof c, " handshake status=0x%03X", v);
        else if (form == 1)
            snprintf(c, sizeof c, " x509 error %u", v);
        else
            snprintf(c, sizeof c, " failed: %s", nxmsg_name(v));
        put(m, c);
        m->code = v, m->code_end = m->len;
        put(m, (r >> 20) % 2 ? " retry" : "");
    }
}

static int free_port(void)
{
    for (int tries = 0; tries < 50; tries++) {
        struct sockaddr_in a = { .sin_family = AF_INET };
        socklen_t al = sizeof a;
        int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0), ok;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ok = t >= 0 && u >= 0 && bind(t, (struct sockaddr *)&a, sizeof a) == 0 &&
             getsockname(t, (struct sockaddr *)&a, &al) == 0 &&
             bind(u, (struct sockaddr *)&a, sizeof a) == 0;
        close(t), close(u);
        if (ok)
            return printf("%d\n", ntohs(a.sin_port)), 0;
    }
    return 1;
}

static int connect_to(int port, int type)
{
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int tries = 0; tries < 200; tries++) {
        int s = socket(AF_INET, type, 0);
        if (s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0)
            return s;
        close(s);
        usleep(50000); /* rsyslogd may still be starting */
    }
    return -1;
}

static int send_all(int s, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(s, p, n, 0);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w, n -= (size_t)w;
    }
    return 0;
}

/* Round-robin over the senders so that they interleave.  UDP goes in bursts
 * of 25 with a 1 ms pause: loopback UDP drops datagrams when the receiving
 * socket's buffer is full, before rsyslogd ever sees them. */
static int send_msgs(int port, int ntcp, int nudp, unsigned count, const char *go)
{
    int fd[MAX_SENDERS], n = ntcp + nudp;
    static struct msg m;
    static char frame[MAX_MSG + 256];
    unsigned sent_udp = 0;

    if (n < 1 || n > MAX_SENDERS)
        return 2;
    for (int i = 0; i < n; i++)
        if ((fd[i] = connect_to(port, i < ntcp ? SOCK_STREAM : SOCK_DGRAM)) < 0)
            return perror("connect"), 1;
    for (unsigned k = 0; k < count; k++) {
        int i = (int)(k % (unsigned)n), tcp = i < ntcp;
        size_t len;
        for (int t = 0; k == count / 2 && access(go, F_OK) != 0; t++)
            if (t > 6000)
                return fprintf(stderr, "%s did not appear\n", go), 1;
            else
                usleep(10000);
        make(&m, i, k / (unsigned)n, tcp);
        len = (size_t)snprintf(frame, sizeof frame, "%s%.*s%s", PREFIX, (int)m.len, m.text, tcp ? "\n" : "");
        if (send_all(fd[i], frame, len) < 0)
            return perror("send"), 1;
        if (!tcp && ++sent_udp % 25 == 0)
            usleep(1000);
    }
    for (int i = 0; i < n; i++)
        close(fd[i]);
    return 0;
}

static int child_of(const char *parent)
{
    char path[300], buf[512], *p;
    struct dirent *d;
    DIR *proc = opendir("/proc");
    int found = 0;
    FILE *f;

    while (proc && !found && (d = readdir(proc)) != NULL) {
        if (d->d_name[0] < '1' || d->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%s/stat", d->d_name);
        if (!(f = fopen(path, "r")))
            continue;
        /* "pid (comm) state ppid ...": comm may hold blanks, so after the last ')' */
        if (fgets(buf, sizeof buf, f) && (p = strrchr(buf, ')')) && p[1] == ' ' && p[2] && p[3] == ' ' &&
            strtol(p + 4, NULL, 10) == strtol(parent, NULL, 10))
            found = printf("%s\n", d->d_name);
        fclose(f);
    }
    if (proc)
        closedir(proc);
    return found ? 0 : 1;
}

static int wait_lines(const char *path, unsigned long want, double limit)
{
    struct timespec t0, t;
    unsigned long lines = 0;
    long off = 0;
    static char buf[1 << 16];

    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        FILE *f = fopen(path, "rb");
        size_t n;
        if (f && fseek(f, off, SEEK_SET) == 0)
            while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
                for (char *p = buf; (p = memchr(p, '\n', (size_t)(buf + n - p))) != NULL; p++)
                    lines++;
                off += (long)n;
            }
        if (f)
            fclose(f);
        clock_gettime(CLOCK_MONOTONIC, &t);
        double s = (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9;
        if (lines >= want)
            return printf("%.3f\n", s), 0;
        if (s > limit)
            return fprintf(stderr, "timeout: %lu of %lu lines\n", lines, want), 1;
        usleep(20000);
    }
}

/* The expected output line of message m, annotated or not. */
static size_t expected(const struct msg *m, int annotated, char *out, size_t size)
{
    static const char *const langs[] = { "en", "ja" };
    char frag[2048];
    size_t n = 0;

    if (!annotated || !m->code) {
        memcpy(out, m->text, m->len);
        return m->len;
    }
    nxmsg_format_log_r(m->code, langs, 2, frag, sizeof frag);
    n = (size_t)snprintf(out, size, "%.*s \xE2\x9F\xA6%s\xE2\x9F\xA7%.*s", (int)m->code_end, m->text,
                         frag, (int)(m->len - m->code_end), m->text + m->code_end);
    return n < size ? n : size;
}

/* Check one output line: 0 for a message without code, 1 for an annotated
 * one, 2 for a code message that came through unannotated, -1 (after a
 * diagnostic) for anything else. */
static int check_line(const char *line, size_t len, unsigned long no, int nsenders, unsigned *next,
                      int ntcp)
{
    static struct msg m;
    static char want[MAX_MSG + 4096];
    int sender = -1;
    unsigned seq = 0;
    size_t n;

    if (sscanf(line, " S%d %u", &sender, &seq) != 2 || sender < 0 || sender >= nsenders)
        return fprintf(stderr, "line %lu: not a test message: %.80s\n", no, line), -1;
    if (seq != next[sender])
        return fprintf(stderr, "line %lu: sender %d message %u, expected %u (lost, duplicated or out of order)\n",
                       no, sender, seq, next[sender]), -1;
    next[sender]++;
    make(&m, sender, seq, sender < ntcp);
    n = expected(&m, 1, want, sizeof want);
    if (n == len && memcmp(want, line, len) == 0)
        return m.code != 0;
    if (m.code && len == m.len && memcmp(m.text, line, len) == 0)
        return 2;
    fprintf(stderr, "line %lu: S%d %u differs from the expected\n  want: %.*s\n  got:  %.*s\n", no, sender, seq,
            (int)(n < 300 ? n : 300), want, (int)(len < 300 ? len : 300), line);
    return -1;
}

/* Unannotated code messages are allowed only in one window of at most
 * max_window bytes of output with no annotated message inside: the messages
 * rsyslog passed on while the killed filter was going away. */
static int check(const char *path, int nsenders, int ntcp, unsigned long count, unsigned long max_window)
{
    unsigned next[MAX_SENDERS] = { 0 };
    unsigned long no = 0, errors = 0, total = 0, plain = 0, first = 0, last = 0;
    unsigned long long offset = 0, first_off = 0, last_end = 0;
    int annotated_since = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    FILE *f = fopen(path, "rb");

    if (!f || nsenders < 1 || nsenders > MAX_SENDERS)
        return perror(path), 2;
    if (!nxmsg_have_catalog("ja"))
        return fprintf(stderr, "no Japanese catalog: set NXMSG_LOCALEDIR\n"), 2;
    while ((len = getline(&line, &cap, f)) > 0) {
        size_t n = (size_t)len - (line[len - 1] == '\n');
        int r = check_line(line, n, ++no, nsenders, next, ntcp);
        if (r < 0 && ++errors >= 10)
            break;
        if (r == 1 && plain)
            annotated_since = 1;
        if (r == 2) {
            if (annotated_since)
                fprintf(stderr, "line %lu: unannotated after annotated ones since line %lu\n", no, first), errors++;
            if (!plain++)
                first = no, first_off = offset;
            last = no, last_end = offset + (unsigned long long)len;
        }
        offset += (unsigned long long)len;
    }
    free(line);
    fclose(f);
    for (int i = 0; i < nsenders; i++)
        total += next[i];
    if (errors == 0 && total != count)
        fprintf(stderr, "%lu messages in the output, %lu sent\n", total, count), errors++;
    if (plain && last_end - first_off > max_window)
        fprintf(stderr, "unannotated code messages span %llu bytes, more than %lu\n", last_end - first_off,
                max_window), errors++;
    printf("%lu lines checked, %lu errors; %lu code messages unannotated", no, errors, plain);
    printf(plain ? " (lines %lu-%lu, %llu bytes)\n" : "\n", first, last, last_end - first_off);
    return errors ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "port") == 0)
        return free_port();
    if (argc == 7 && strcmp(argv[1], "send") == 0)
        return send_msgs(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), (unsigned)strtoul(argv[5], NULL, 10),
                         argv[6]);
    if (argc == 3 && strcmp(argv[1], "child") == 0)
        return child_of(argv[2]);
    if (argc == 5 && strcmp(argv[1], "wait") == 0)
        return wait_lines(argv[2], strtoul(argv[3], NULL, 10), atof(argv[4]));
    if (argc == 7 && strcmp(argv[1], "check") == 0)
        return check(argv[2], atoi(argv[3]), atoi(argv[4]), strtoul(argv[5], NULL, 10),
                     strtoul(argv[6], NULL, 10));
    fprintf(stderr, "usage: rsyslog_load port | send PORT NTCP NUDP COUNT GO | child PID | wait FILE LINES SECONDS |\n"
                    "       check FILE NSENDERS NTCP COUNT WINDOW\n");
    return 2;
}
