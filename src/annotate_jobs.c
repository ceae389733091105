/* annotate_jobs.c - "nxmsg annotate" on a regular file: the file is mapped
 * (read in place, no copy) and cut into pieces at line boundaries; N
 * threads (-j N, 1 included) annotate the pieces, each into memory, while
 * the calling thread writes them out in the order of the file, so the
 * output is the same whatever N, and the writing overlaps the annotating. */
#include <config.h>

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "annotate_jobs.h"

enum {
    PIECE_MIN = 64 * 1024,   /* a piece is cut at the first line end after this many bytes... */
    PIECE_MAX = 1024 * 1024, /* ...or after a quarter of a job's share, up to this many: small
                                pieces start the writing early and keep the last one short */
    AHEAD_PER_JOB = 4,       /* pieces annotated but not yet written, per job */
    POOL_MAX = ANNOTATE_JOBS_MAX * (AHEAD_PER_JOB + 1)
};

struct piece {
    size_t start, len;
    unsigned long long lines; /* newlines in it */
    unsigned long long line;  /* lines before it */
    int counted, done;
    char *out; /* the annotated piece */
    size_t olen, ocap;
};

struct jobs {
    const char *data;
    int numbered;    /* the output has line numbers (JSON): pieces are counted */
    struct piece *p;
    size_t np;
    size_t next;     /* the next piece to take */
    size_t written;  /* pieces written out */
    size_t ahead;    /* pieces allowed past the last written one */
    size_t based;    /* pieces whose first line number is known... */
    unsigned long long line; /* ...and the lines before piece based */
    int failed;      /* ANNOTATE_JOBS_NOMEM or ANNOTATE_JOBS_WRITE: stop */
    /* output buffers of written pieces, for the next ones (fresh memory
     * for every piece costs a page fault a page) */
    char *pool[POOL_MAX];
    size_t pool_cap[POOL_MAX], npool;
    pthread_mutex_t lock;
    pthread_cond_t cond;
};

struct worker {
    struct jobs *j;
    nxmsg_annotator *a;
    struct piece *cur; /* the piece being annotated */
    pthread_t tid;
};

/* Cut the size bytes of data into pieces at line ends; returns how many
 * (in *out, to free), or 0 when out of memory. */
static size_t cut(const char *data, size_t size, int njobs, struct piece **out)
{
    size_t want = size / ((size_t)njobs * 4), n = 0, cap = 16, pos = 0;
    struct piece *p = malloc(cap * sizeof *p);

    want = want < PIECE_MIN ? PIECE_MIN : want > PIECE_MAX ? PIECE_MAX : want;
    while (p && pos < size) {
        const char *nl = size - pos > want ? memchr(data + pos + want, '\n', size - pos - want) : NULL;
        size_t end = nl ? (size_t)(nl + 1 - data) : size;
        if (n == cap) {
            struct piece *q = realloc(p, (cap *= 2) * sizeof *p);
            if (!q) {
                free(p);
                return 0;
            }
            p = q;
        }
        memset(&p[n], 0, sizeof p[n]);
        p[n].start = pos;
        p[n++].len = end - pos;
        pos = end;
    }
    *out = p;
    return p ? n : 0;
}

/* The annotator's output callback: append to the worker's piece. */
static int collect(void *ctx, const char *s, size_t len)
{
    struct piece *p = ((struct worker *)ctx)->cur;

    if (p->olen + len > p->ocap) {
        size_t cap = p->ocap ? p->ocap : 64 * 1024;
        char *b;
        while (cap < p->olen + len)
            cap *= 2;
        if ((b = realloc(p->out, cap)) == NULL)
            return -1;
        p->out = b;
        p->ocap = cap;
    }
    memcpy(p->out + p->olen, s, len);
    p->olen += len;
    return 0;
}

/* The newlines of s[0..n), eight bytes at a time: in x = word ^ "\n\n...",
 * a byte is zero where the word has a newline; ((x & 0x7F..) + 0x7F..) | x
 * has the top bit set in every byte but those. */
static unsigned long long count_lines_swar(const char *s, size_t n)
{
    const uint64_t nl = 0x0A0A0A0A0A0A0A0Aull, low7 = 0x7F7F7F7F7F7F7F7Full, ones = 0x0101010101010101ull;
    unsigned long long k = 0;
    size_t i = 0;

    for (; i + 8 <= n; i += 8) {
        uint64_t w, x;
        memcpy(&w, s + i, 8);
        x = w ^ nl;
        x = ~(((x & low7) + low7) | x) & ~low7; /* 0x80 in each newline byte */
        k += ((x >> 7) * ones) >> 56;
    }
    for (; i < n; i++)
        k += s[i] == '\n';
    return k;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
/* The same, 32 bytes at a time with AVX2. */
__attribute__((target("avx2,popcnt"))) static unsigned long long count_lines_avx2(const char *s, size_t n)
{
    const __m256i nl = _mm256_set1_epi8('\n');
    unsigned long long k = 0;
    size_t i = 0;

    for (; i + 32 <= n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(s + i));
        k += (unsigned)__builtin_popcount((unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl)));
    }
    return k + count_lines_swar(s + i, n - i);
}
#endif

static unsigned long long count_lines(const char *s, size_t n)
{
#if defined(__x86_64__) && defined(__GNUC__)
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt"))
        return count_lines_avx2(s, n);
#endif
    return count_lines_swar(s, n);
}

/* The number of lines before piece k, once the pieces before it are
 * counted (lock held). */
static unsigned long long first_line(struct jobs *j, size_t k)
{
    unsigned long long line;

    for (;;) {
        while (j->based < j->np && j->p[j->based].counted) {
            j->p[j->based].line = j->line;
            j->line += j->p[j->based++].lines;
        }
        if (j->based > k || j->failed)
            break;
        pthread_cond_wait(&j->cond, &j->lock);
    }
    line = j->p[k].line;
    return line;
}

/* Annotate piece k (lock held on entry and exit). */
static void run_piece(struct worker *w, size_t k)
{
    struct jobs *j = w->j;
    struct piece *p = &j->p[k];
    unsigned long long line;
    int r;

    pthread_mutex_unlock(&j->lock);
    p->lines = j->numbered ? count_lines(j->data + p->start, p->len) : 0;
    pthread_mutex_lock(&j->lock);
    p->counted = 1;
    pthread_cond_broadcast(&j->cond);
    line = first_line(j, k);
    if (j->npool > 0) {
        j->npool--;
        p->out = j->pool[j->npool];
        p->ocap = j->pool_cap[j->npool];
    }
    pthread_mutex_unlock(&j->lock);
    w->cur = p;
    r = nxmsg_annotator_set_line(w->a, line);
    if (r == 0)
        r = nxmsg_annotator_feed(w->a, j->data + p->start, p->len);
    if (r == 0)
        r = nxmsg_annotator_finish(w->a);
    pthread_mutex_lock(&j->lock);
    if (r != 0 && !j->failed)
        j->failed = ANNOTATE_JOBS_NOMEM; /* only collect() fails */
    p->done = 1;
    pthread_cond_broadcast(&j->cond);
}

static void *worker(void *arg)
{
    struct worker *w = arg;
    struct jobs *j = w->j;

    pthread_mutex_lock(&j->lock);
    while (!j->failed && j->next < j->np) {
        size_t k = j->next;
        if (k >= j->written + j->ahead) {
            pthread_cond_wait(&j->cond, &j->lock);
            continue;
        }
        j->next++;
        run_piece(w, k);
    }
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

/* Write the pieces out in order as they are done. */
static void write_pieces(struct jobs *j, nxmsg_write_fn write, void *ctx)
{
    for (size_t k = 0; k < j->np; k++) {
        struct piece *p = &j->p[k];
        pthread_mutex_lock(&j->lock);
        while (!p->done && !j->failed)
            pthread_cond_wait(&j->cond, &j->lock);
        pthread_mutex_unlock(&j->lock);
        if (!p->done)
            return;
        if (p->olen && write(ctx, p->out, p->olen) != 0) {
            pthread_mutex_lock(&j->lock);
            j->failed = ANNOTATE_JOBS_WRITE;
            pthread_cond_broadcast(&j->cond);
            pthread_mutex_unlock(&j->lock);
            return;
        }
        pthread_mutex_lock(&j->lock);
        if (j->npool < POOL_MAX) {
            j->pool[j->npool] = p->out;
            j->pool_cap[j->npool++] = p->ocap;
        } else {
            free(p->out);
        }
        p->out = NULL;
        j->written++;
        pthread_cond_broadcast(&j->cond);
        pthread_mutex_unlock(&j->lock);
    }
}

/* Start the workers, write, join; adds the counts. */
static int run(struct jobs *j, const nxmsg_annotate_options *opt, int njobs, nxmsg_write_fn write, void *ctx,
               unsigned long long *counts)
{
    struct worker w[ANNOTATE_JOBS_MAX];
    const nxmsg_entry *e;
    int started = 0;

    for (; started < njobs; started++) {
        w[started].j = j;
        w[started].a = nxmsg_annotator_new(opt, collect, &w[started]);
        if (!w[started].a || pthread_create(&w[started].tid, NULL, worker, &w[started]) != 0) {
            nxmsg_annotator_free(w[started].a);
            break;
        }
    }
    if (started == 0)
        j->failed = ANNOTATE_JOBS_NOTHREAD;
    else
        write_pieces(j, write, ctx);
    pthread_mutex_lock(&j->lock);
    if (j->written < j->np && !j->failed)
        j->failed = ANNOTATE_JOBS_NOMEM;
    pthread_cond_broadcast(&j->cond);
    pthread_mutex_unlock(&j->lock);
    for (int i = 0; i < started; i++) {
        pthread_join(w[i].tid, NULL);
        for (size_t k = 0; (e = nxmsg_entry_at(k)) != NULL; k++)
            counts[k] += nxmsg_annotator_count(w[i].a, e);
        nxmsg_annotator_free(w[i].a);
    }
    return j->failed;
}

int annotate_jobs(const char *data, size_t size, const nxmsg_annotate_options *opt, int njobs,
                  nxmsg_write_fn write, void *ctx, unsigned long long *counts)
{
    struct jobs j;
    int r;

    memset(&j, 0, sizeof j);
    j.data = data;
    j.numbered = opt->mode == NXMSG_ANNOTATE_JSON;
    j.ahead = (size_t)njobs * AHEAD_PER_JOB;
    if ((j.np = cut(j.data, size, njobs, &j.p)) == 0)
        return ANNOTATE_JOBS_NOMEM;
    pthread_mutex_init(&j.lock, NULL);
    pthread_cond_init(&j.cond, NULL);
    r = run(&j, opt, njobs, write, ctx, counts);
    for (size_t k = 0; k < j.np; k++)
        free(j.p[k].out);
    for (size_t k = 0; k < j.npool; k++)
        free(j.pool[k]);
    free(j.p);
    pthread_mutex_destroy(&j.lock);
    pthread_cond_destroy(&j.cond);
    return r;
}

/* ---- the mapping ------------------------------------------------------------- */

/* What the SIGBUS handler writes: set before a file is mapped, while no
 * other thread runs, and only read by the handler. */
static char bus_message[8192];
static size_t bus_len;
static struct sigaction bus_before; /* restored by annotate_unmap() */

static void on_sigbus(int sig)
{
    (void)sig;
    if (write(STDERR_FILENO, bus_message, bus_len) < 0)
        _exit(2); /* nothing more can be done: the status still says it */
    _exit(2);
}

const char *annotate_map(int fd, size_t size, const char *message, size_t len)
{
    struct sigaction sa;
    void *map;

    bus_len = len < sizeof bus_message ? len : sizeof bus_message;
    memcpy(bus_message, message, bus_len);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigbus;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGBUS, &sa, &bus_before) != 0)
        return NULL;
    map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
        sigaction(SIGBUS, &bus_before, NULL);
        return NULL;
    }
    (void)madvise(map, size, MADV_SEQUENTIAL);
    return map;
}

void annotate_unmap(const char *map, size_t size)
{
    munmap((void *)map, size);
    sigaction(SIGBUS, &bus_before, NULL);
}
