/* annotate_jobs.c - "nxmsg annotate" on a regular file: the file is mapped
 * (read in place, no copy) and cut into pieces at line boundaries; N
 * threads (-j N, 1 included) annotate the pieces, each into memory, while
 * the calling thread writes them out in the order of the file, so the
 * output is the same whatever N, and the writing overlaps the annotating.
 * A piece's output is a list of spans: the stretches of the file that go
 * out unchanged are pointed at (nxmsg_annotator_new_spans()), only the rest
 * is copied, so the file's bytes reach the writer with no copy.  When the
 * piece to write next is not done yet, the writing thread annotates one
 * itself (all of them when no thread could start). */
#include <config.h>

#include <errno.h>
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
    AHEAD_PER_JOB = 16,      /* pieces annotated but not yet written, per job, up to */
    AHEAD_MAX = 128,         /* (a piece's output holds its copies and spans, not the text:
                                a long queue lets the writer and the workers share 2 cores) */
    POOL_MAX = AHEAD_MAX + ANNOTATE_JOBS_MAX, /* pieces whose memory is in use at once */
    POPULATE_AHEAD = 1,      /* the writer maps in the pages of the pieces up to the next one
                                a worker takes (further ahead measured slower) */
    HELP_MIN = 8 * 1024 * 1024 /* on a file this long or longer, the writer annotates a piece
                                  when it would wait: its time to spare then pays for its
                                  annotator (0.2 ms to make, as long as annotating 300 KB) */
};

/* A span of a piece's output: at ref (in the file), or at out + off. */
struct out_span {
    const char *ref;
    size_t off, len;
};

/* The output memory of a piece, kept for the next ones when it is written
 * (fresh memory for every piece costs a page fault a page). */
struct out_mem {
    char *out; /* the copied bytes */
    size_t ocap;
    struct out_span *sp;
    size_t spcap;
};

struct piece {
    size_t start, len;
    unsigned long long lines; /* newlines in it */
    unsigned long long line;  /* lines before it */
    int counted, done;
    struct out_mem m; /* the annotated piece: m.sp[0..nsp), m.out[0..olen) */
    size_t olen, nsp;
};

struct jobs {
    const char *data;
    const nxmsg_annotate_options *opt;
    size_t help_from; /* the writer annotates when waiting for this piece or a later one */
    int numbered;    /* the output has line numbers (JSON): pieces are counted */
    struct piece *p;
    size_t np;
    size_t next;     /* the next piece to take */
    size_t written;  /* pieces written out */
    uintptr_t released; /* the pages of data up to here are dropped (see release_written) */
    size_t ahead;    /* pieces allowed past the last written one */
    size_t based;    /* pieces whose first line number is known... */
    unsigned long long line; /* ...and the lines before piece based */
    int failed;      /* ANNOTATE_JOBS_NOMEM or ANNOTATE_JOBS_WRITE: stop */
    struct out_mem pool[POOL_MAX]; /* of written pieces, for the next ones */
    size_t npool;
    pthread_mutex_t lock;
    pthread_cond_t cond;
};

struct worker {
    struct jobs *j;
    nxmsg_annotator *a;
    struct piece *cur; /* the piece being annotated */
    pthread_t tid;
    int made;          /* the writer's: it tried to make its annotator a */
};

static void file_shrank(void);

/* b (of *cap elements of size bytes, used) with room for need more: b
 * itself, or a larger copy (*cap updated), or NULL (b still valid). */
static void *grow(void *b, size_t *cap, size_t used, size_t need, size_t size, size_t first)
{
    size_t c = *cap ? *cap : first;
    void *q;

    if (used + need <= *cap)
        return b;
    while (c < used + need)
        c *= 2;
    if ((q = realloc(b, c * size)) != NULL)
        *cap = c;
    return q;
}

/* Cut the size bytes of data into pieces at line ends; returns how many
 * (in *out, to free), or 0 when out of memory. */
static size_t cut(const char *data, size_t size, int njobs, struct piece **out)
{
    size_t want = size / ((size_t)njobs * 4), n = 0, cap = 0, pos = 0;
    struct piece *p = NULL, *q;

    want = want < PIECE_MIN ? PIECE_MIN : want > PIECE_MAX ? PIECE_MAX : want;
    while (pos < size) {
        const char *nl = size - pos > want ? memchr(data + pos + want, '\n', size - pos - want) : NULL;
        size_t end = nl ? (size_t)(nl + 1 - data) : size;
        if ((q = grow(p, &cap, n, 1, sizeof *p, 16)) == NULL) {
            free(p);
            return 0;
        }
        p = q;
        memset(&p[n], 0, sizeof p[n]);
        p[n].start = pos;
        p[n++].len = end - pos;
        pos = end;
    }
    *out = p;
    return n;
}

/* One span into the worker's piece: a stretch of the file pointed at, or
 * copied (after the copy before it when that is its last span). */
static int collect_one(struct worker *w, const nxmsg_span *v)
{
    struct piece *p = w->cur;
    struct out_mem *m = &p->m;
    uintptr_t at = (uintptr_t)v->data, lo = (uintptr_t)(w->j->data + p->start);
    int in_file = at >= lo && at + v->len <= lo + p->len;
    struct out_span *last = p->nsp ? &m->sp[p->nsp - 1] : NULL;
    void *q;

    if (!in_file) {
        if ((q = grow(m->out, &m->ocap, p->olen, v->len, 1, 16 * 1024)) == NULL)
            return -1;
        m->out = q;
    }
    if (!in_file && last && !last->ref && last->off + last->len == p->olen) {
        last->len += v->len;
    } else {
        if ((q = grow(m->sp, &m->spcap, p->nsp, 1, sizeof *m->sp, 256)) == NULL)
            return -1;
        m->sp = q;
        m->sp[p->nsp].ref = in_file ? v->data : NULL;
        m->sp[p->nsp].off = p->olen;
        m->sp[p->nsp++].len = v->len;
    }
    if (!in_file) {
        memcpy(m->out + p->olen, v->data, v->len);
        p->olen += v->len;
    }
    return 0;
}

/* The annotator's output callback: append to the worker's piece. */
static int collect(void *ctx, const nxmsg_span *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (collect_one(ctx, &v[i]) != 0)
            return -1;
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
    if (j->npool > 0)
        p->m = j->pool[--j->npool];
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

/* Drop the pages of the pieces written out, but for the one they share
 * with the next piece (lock held; released while madvise() runs); returns
 * whether there were any.  A worker with nothing to annotate does this, so
 * that the unmapping at the end, which the writing thread waits for, finds
 * few pages left (5-6 ms of the 120 MB bench log's 75-85 ms otherwise).
 * Reading them again would map them in again: nothing reads them. */
static int release_written(struct jobs *j)
{
    const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    const struct piece *last = j->written ? &j->p[j->written - 1] : NULL;
    uintptr_t from = j->released, to = last ? ((uintptr_t)(j->data + last->start + last->len)) & ~(page - 1) : 0;

    if (to <= from)
        return 0;
    j->released = to;
    pthread_mutex_unlock(&j->lock);
    (void)madvise((void *)from, to - from, MADV_DONTNEED); /* errors leave them mapped */
    pthread_mutex_lock(&j->lock);
    return 1;
}

static void *worker(void *arg)
{
    struct worker *w = arg;
    struct jobs *j = w->j;

    pthread_mutex_lock(&j->lock);
    while (!j->failed && j->written < j->np) {
        size_t k = j->next;
        if (k < j->np && k < j->written + j->ahead) {
            j->next++;
            run_piece(w, k);
        } else if (!release_written(j)) {
            pthread_cond_wait(&j->cond, &j->lock);
        }
    }
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

/* Write piece p's spans, up to a batch at a time; returns 0 or -1. */
static int write_piece(const struct piece *p, nxmsg_write_spans_fn write, void *ctx)
{
    enum { BATCH = 1024 };
    nxmsg_span v[BATCH];
    size_t n = 0;

    for (size_t i = 0; i < p->nsp; i++) {
        v[n].data = p->m.sp[i].ref ? p->m.sp[i].ref : p->m.out + p->m.sp[i].off;
        v[n++].len = p->m.sp[i].len;
        if (n == BATCH || i + 1 == p->nsp) {
            if (write(ctx, v, n) != 0)
                return -1;
            n = 0;
        }
    }
    return 0;
}

static void free_mem(struct out_mem *m)
{
    free(m->out);
    free(m->sp);
    memset(m, 0, sizeof *m);
}

/* Map in the pages of pieces [*from, to) (lock held), so that the workers
 * do not fault on each 64 KiB of the file: the writer has time to spare.
 * A page the file lost makes madvise() fail, not raise SIGBUS. */
static void populate(struct jobs *j, size_t *from, size_t to)
{
#ifdef MADV_POPULATE_READ
    const long page = sysconf(_SC_PAGESIZE);
    for (to = to < j->np ? to : j->np; *from < to; ++*from) {
        uintptr_t a = (uintptr_t)(j->data + j->p[*from].start), e = a + j->p[*from].len;
        a &= ~(uintptr_t)(page - 1);
        pthread_mutex_unlock(&j->lock);
        (void)madvise((void *)a, e - a, MADV_POPULATE_READ); /* a hint: errors are ignored */
        pthread_mutex_lock(&j->lock);
    }
#else
    (void)j;
    *from = to;
#endif
}

/* The writing thread (self), waiting for piece k (lock held): annotate
 * the next piece not taken yet, if there is one it may take; returns
 * whether the lock was released meanwhile (look again before waiting). */
static int help(struct jobs *j, struct worker *self, size_t k)
{
    size_t n = j->next;

    if (k < j->help_from || n >= j->np || n >= j->written + j->ahead || (!self->a && self->made))
        return 0;
    if (!self->a) {
        self->made = 1;
        pthread_mutex_unlock(&j->lock);
        self->a = nxmsg_annotator_new_spans(j->opt, collect, self); /* NULL: it does not help */
        pthread_mutex_lock(&j->lock);
        return 1;
    }
    j->next++;
    run_piece(self, n);
    return 1;
}

/* Write the pieces out in order as they are done; self annotates while
 * it would wait. */
static void write_pieces(struct jobs *j, struct worker *self, nxmsg_write_spans_fn write, void *ctx)
{
    size_t populated = 0;

    for (size_t k = 0; k < j->np; k++) {
        struct piece *p = &j->p[k];
        pthread_mutex_lock(&j->lock);
        for (;;) {
            populate(j, &populated, j->next + POPULATE_AHEAD); /* may release the lock */
            if (p->done || j->failed)
                break;
            if (!help(j, self, k))
                pthread_cond_wait(&j->cond, &j->lock);
        }
        pthread_mutex_unlock(&j->lock);
        if (!p->done)
            return;
        if (write_piece(p, write, ctx) != 0) {
            if (errno == EFAULT)
                file_shrank();
            pthread_mutex_lock(&j->lock);
            j->failed = ANNOTATE_JOBS_WRITE;
            pthread_cond_broadcast(&j->cond);
            pthread_mutex_unlock(&j->lock);
            return;
        }
        pthread_mutex_lock(&j->lock);
        if (j->npool < POOL_MAX)
            j->pool[j->npool++] = p->m;
        else
            free_mem(&p->m);
        memset(&p->m, 0, sizeof p->m);
        j->written++;
        pthread_cond_broadcast(&j->cond);
        pthread_mutex_unlock(&j->lock);
    }
}

/* The annotator's counts, added to counts; the annotator freed. */
static void add_counts(nxmsg_annotator *a, unsigned long long *counts)
{
    const nxmsg_entry *e;

    for (size_t k = 0; a && (e = nxmsg_entry_at(k)) != NULL; k++)
        counts[k] += nxmsg_annotator_count(a, e);
    nxmsg_annotator_free(a);
}

/* Start the workers, write, join; adds the counts.  With no worker, the
 * writing thread annotates every piece. */
static int run(struct jobs *j, int njobs, nxmsg_write_spans_fn write, void *ctx, unsigned long long *counts)
{
    struct worker w[ANNOTATE_JOBS_MAX], self;
    int started = 0;

    for (; started < njobs; started++) {
        w[started].j = j;
        w[started].a = nxmsg_annotator_new_spans(j->opt, collect, &w[started]);
        if (!w[started].a || pthread_create(&w[started].tid, NULL, worker, &w[started]) != 0) {
            nxmsg_annotator_free(w[started].a);
            break;
        }
    }
    memset(&self, 0, sizeof self);
    self.j = j;
    if (started == 0) {
        j->help_from = 0;
        if (!(self.a = nxmsg_annotator_new_spans(j->opt, collect, &self)))
            j->failed = ANNOTATE_JOBS_NOMEM;
    }
    if (!j->failed)
        write_pieces(j, &self, write, ctx);
    pthread_mutex_lock(&j->lock);
    if (j->written < j->np && !j->failed)
        j->failed = ANNOTATE_JOBS_NOMEM;
    pthread_cond_broadcast(&j->cond);
    pthread_mutex_unlock(&j->lock);
    for (int i = 0; i < started; i++) {
        pthread_join(w[i].tid, NULL);
        add_counts(w[i].a, counts);
    }
    add_counts(self.a, counts);
    return j->failed;
}

int annotate_jobs(const char *data, size_t size, const nxmsg_annotate_options *opt, int njobs,
                  nxmsg_write_spans_fn write, void *ctx, unsigned long long *counts)
{
    struct jobs j;
    int shares = njobs > 0 ? njobs : 1, r; /* the writing thread alone annotates as one job */

    memset(&j, 0, sizeof j);
    j.data = data;
    j.opt = opt;
    j.help_from = size >= HELP_MIN ? 1 : (size_t)-1; /* not while the first piece is annotated */
    j.released = (uintptr_t)data; /* a mapping starts at a page */
    j.numbered = opt->mode == NXMSG_ANNOTATE_JSON;
    j.ahead = (size_t)shares * AHEAD_PER_JOB < AHEAD_MAX ? (size_t)shares * AHEAD_PER_JOB : AHEAD_MAX;
    if ((j.np = cut(j.data, size, shares, &j.p)) == 0)
        return ANNOTATE_JOBS_NOMEM;
    pthread_mutex_init(&j.lock, NULL);
    pthread_cond_init(&j.cond, NULL);
    r = run(&j, njobs, write, ctx, counts);
    for (size_t k = 0; k < j.np; k++)
        free_mem(&j.p[k].m);
    for (size_t k = 0; k < j.npool; k++)
        free_mem(&j.pool[k]);
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

/* The mapped file lost pages it had: the message, status 2.  Reached from
 * the SIGBUS of a read by the annotating threads, or from a write of the
 * spans that fails with EFAULT: the kernel's own read of a lost page (the
 * spans point into the mapping or into memory of ours, always readable). */
static void file_shrank(void)
{
    if (write(STDERR_FILENO, bus_message, bus_len) < 0)
        _exit(2); /* nothing more can be done: the status still says it */
    _exit(2);
}

static void on_sigbus(int sig)
{
    (void)sig;
    file_shrank();
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
