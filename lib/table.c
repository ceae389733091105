/* table.c - the generic table: model, layout (fitting a target width) and
 * renderers: aligned text, ASCII and Unicode box, GitHub Markdown, CSV and
 * JSON.  The code table built on it is lib/table_codes.c. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "table_ext.h"
#include "table_text.h"

#define MAX_COLS 64

struct column {
    char *header;
    char *key;
    int align;
    size_t min, max;
    unsigned flags;
};

struct nxmsg_table {
    struct column cols[MAX_COLS];
    size_t ncols;
    char **cells; /* nrows * ncols, row-major, sanitized */
    size_t nrows, cap;
    /* a module's state (table_ext.h) */
    void *ext;
    void (*free_ext)(void *);
};

/* ---- model ------------------------------------------------------------------ */

nxmsg_table *nxmsg_table_new(void)
{
    return calloc(1, sizeof(nxmsg_table));
}

void nxmsg_table_free(nxmsg_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    for (size_t i = 0; i < t->ncols; i++) {
        free(t->cols[i].header);
        free(t->cols[i].key);
    }
    if (t->free_ext)
        t->free_ext(t->ext);
    free(t);
}

int nxmsg_table_add_column(nxmsg_table *t, const char *header, const char *key,
                           int align, size_t min_width, size_t max_width,
                           unsigned flags)
{
    struct column *c;

    if (!t || t->nrows || t->ncols == MAX_COLS || (max_width && max_width < min_width) ||
        min_width > NXMSG_TABLE_MAX_MIN_WIDTH ||
        align < 0 || align > NXMSG_ALIGN_CENTER ||
        (flags & ~(NXMSG_COL_TRUNCATE | NXMSG_COL_HIDDEN | NXMSG_COL_NUMBER)))
        return NXMSG_EINVAL;
    c = &t->cols[t->ncols];
    c->header = nxmsg__tt_sanitize(header ? header : "");
    c->key = nxmsg__tt_sanitize(key ? key : header ? header : "");
    if (!c->header || !c->key) {
        free(c->header);
        free(c->key);
        c->header = c->key = NULL;
        return NXMSG_ENOMEM;
    }
    c->align = align;
    c->min = min_width;
    c->max = max_width;
    c->flags = flags;
    return (int)t->ncols++;
}

int nxmsg_table_add_row(nxmsg_table *t, const char *const *cells, size_t n)
{
    char **row;

    if (!t || !t->ncols || n > t->ncols || (n && !cells))
        return NXMSG_EINVAL;
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        char **p;
        if (cap > SIZE_MAX / sizeof(char *) / t->ncols)
            return NXMSG_ENOMEM;
        p = realloc(t->cells, cap * t->ncols * sizeof(char *));
        if (!p)
            return NXMSG_ENOMEM;
        t->cells = p;
        t->cap = cap;
    }
    row = t->cells + t->nrows * t->ncols;
    for (size_t i = 0; i < t->ncols; i++) {
        row[i] = nxmsg__tt_sanitize(i < n && cells[i] ? cells[i] : "");
        if (!row[i]) {
            while (i > 0)
                free(row[--i]);
            return NXMSG_ENOMEM;
        }
    }
    t->nrows++;
    return NXMSG_OK;
}

size_t nxmsg_table_rows(const nxmsg_table *t)
{
    return t ? t->nrows : 0;
}

const char *nxmsg_table_header(const nxmsg_table *t, size_t col)
{
    return t && col < t->ncols ? t->cols[col].header : NULL;
}

int nxmsg_table_set_header(nxmsg_table *t, size_t col, const char *header)
{
    char *h;

    if (!t || col >= t->ncols)
        return NXMSG_EINVAL;
    if ((h = nxmsg__tt_sanitize(header ? header : "")) == NULL)
        return NXMSG_ENOMEM;
    free(t->cols[col].header);
    t->cols[col].header = h;
    return NXMSG_OK;
}

void nxmsg__table_set_ext(nxmsg_table *t, void *ext, void (*free_ext)(void *))
{
    t->ext = ext;
    t->free_ext = free_ext;
}

void *nxmsg__table_ext(const nxmsg_table *t, void (*free_ext)(void *))
{
    return t && t->free_ext == free_ext ? t->ext : NULL;
}

/* ---- output ----------------------------------------------------------------- */

struct out {
    nxmsg_write_fn write;
    void *ctx;
    int err;
    size_t n;
    char buf[4096];
};

static void flush(struct out *o)
{
    if (o->n && !o->err && o->write(o->ctx, o->buf, o->n) != 0)
        o->err = NXMSG_EWRITE;
    o->n = 0;
}

/* Writes are buffered; a flush never splits a UTF-8 sequence because every
 * put() of more than the free space flushes first and whole pieces are
 * passed straight through. */
static void put(struct out *o, const char *s, size_t n)
{
    if (o->err)
        return;
    if (n > sizeof o->buf - o->n) {
        flush(o);
        if (n > sizeof o->buf) {
            if (!o->err && o->write(o->ctx, s, n) != 0)
                o->err = NXMSG_EWRITE;
            return;
        }
    }
    memcpy(o->buf + o->n, s, n);
    o->n += n;
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void spaces(struct out *o, size_t n)
{
    static const char sp[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;
        put(o, sp, k);
        n -= k;
    }
}

static void repeat(struct out *o, const char *s, size_t n)
{
    size_t len = strlen(s);
    while (n-- > 0)
        put(o, s, len);
}

/* ---- layout ----------------------------------------------------------------- */

/* A grid to draw: the visible columns of the table layout, or the two columns
 * (label, value) of the record layout. */
struct grid {
    size_t ncols;
    size_t w[MAX_COLS];
    int align[MAX_COLS];
    unsigned flags[MAX_COLS];
    const char *const *cells; /* nrows * ncols */
    const size_t *group;      /* group of each row */
    size_t nrows;
    int header;               /* row 0 is a header */
};

struct measure {
    size_t natural, soft, hard;
};

static void measure_cell(struct tt *tt, const char *s, struct measure *m)
{
    size_t nat, soft, hard;

    nxmsg__tt_measure(tt, s, strlen(s), &nat, &soft, &hard);
    if (nat > m->natural)
        m->natural = nat;
    if (soft > m->soft)
        m->soft = soft;
    if (hard > m->hard)
        m->hard = hard;
}

static size_t overhead(int box, size_t ncols)
{
    return box ? 3 * ncols + 1 : 2 * (ncols - 1);
}

/* Column widths of g fitted to target (0 = no limit).  mins/max from the
 * columns; m[] the measures. */
static void fit(struct grid *g, const struct measure *m, const size_t *cmin, const size_t *cmax,
                int box, size_t target)
{
    size_t floor_[MAX_COLS], soft[MAX_COLS], total = overhead(box, g->ncols);

    for (size_t i = 0; i < g->ncols; i++) {
        size_t w = m[i].natural;
        floor_[i] = m[i].hard > cmin[i] ? m[i].hard : cmin[i];
        if (cmax[i] && w > cmax[i])
            w = cmax[i];
        if (w < floor_[i])
            w = floor_[i];
        soft[i] = m[i].soft > floor_[i] ? m[i].soft : floor_[i];
        g->w[i] = w;
        total += w;
    }
    if (target == 0)
        return;
    /* shrink the widest column first: to its longest word, then further */
    for (int phase = 0; phase < 2 && total > target; phase++) {
        const size_t *lim = phase == 0 ? soft : floor_;
        while (total > target) {
            size_t best = SIZE_MAX, bw = 0, second = 0;
            for (size_t i = 0; i < g->ncols; i++) {
                if (g->w[i] <= lim[i])
                    continue;
                if (best == SIZE_MAX || g->w[i] > bw) {
                    if (best != SIZE_MAX && bw > second)
                        second = bw;
                    best = i;
                    bw = g->w[i];
                } else if (g->w[i] > second) {
                    second = g->w[i];
                }
            }
            if (best == SIZE_MAX)
                break;
            /* down to the next widest (or the limit, or the target) at once */
            {
                size_t step = bw - (second > lim[best] ? second : lim[best]);
                if (step == 0)
                    step = 1;
                if (step > total - target)
                    step = total - target;
                g->w[best] -= step;
                total -= step;
            }
        }
    }
}

/* ---- text and box renderers ------------------------------------------------- */

struct border {
    const char *h, *hh;                  /* horizontal, header horizontal */
    const char *v;                       /* vertical */
    const char *tl, *tm, *tr;            /* top */
    const char *ml, *mm, *mr;            /* between rows */
    const char *hl, *hm, *hr;            /* below the header */
    const char *bl, *bm, *br;            /* bottom */
};

static const struct border ascii_border = {
    "-", "=", "|", "+", "+", "+", "+", "+", "+", "+", "+", "+", "+", "+", "+",
};
static const struct border unicode_border = {
    "\u2500", "\u2550", "\u2502",
    "\u250C", "\u252C", "\u2510",
    "\u251C", "\u253C", "\u2524",
    "\u255E", "\u256A", "\u2561",
    "\u2514", "\u2534", "\u2518",
};

static void rule(struct out *o, const struct grid *g, const struct border *b, const char *l,
                 const char *h, const char *m, const char *r)
{
    puts_(o, l);
    for (size_t i = 0; i < g->ncols; i++) {
        repeat(o, h, g->w[i] + 2);
        puts_(o, i + 1 < g->ncols ? m : r);
    }
    (void)b;
    put(o, "\n", 1);
}

/* The lines of one cell at width w. */
struct line {
    size_t off, len, w;
    int ell; /* followed by an ellipsis (counted in w) */
};

static int cell_lines(struct tt *tt, const char *s, size_t w, unsigned flags, struct line **lines,
                      size_t *n, size_t *cap)
{
    size_t len = strlen(s), pos = 0;

    *n = 0;
    if (flags & NXMSG_COL_TRUNCATE) {
        if (*cap < 1) {
            struct line *p = realloc(*lines, 4 * sizeof **lines);
            if (!p)
                return NXMSG_ENOMEM;
            *lines = p;
            *cap = 4;
        }
        (*lines)[0].off = 0;
        (*lines)[0].len = nxmsg__tt_truncate(tt, s, len, w, &(*lines)[0].w, &(*lines)[0].ell);
        *n = 1;
        return NXMSG_OK;
    }
    do {
        struct line l;
        l.ell = 0;
        l.len = nxmsg__tt_wrap(tt, s, len, &pos, w, &l.off, &l.w);
        l.len -= l.off;
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 8;
            struct line *p = realloc(*lines, nc * sizeof **lines);
            if (!p)
                return NXMSG_ENOMEM;
            *lines = p;
            *cap = nc;
        }
        (*lines)[(*n)++] = l;
    } while (pos < len);
    return NXMSG_OK;
}

/* The wrapped lines of each cell of the row being drawn (buffers reused
 * from row to row). */
struct row_lines {
    struct line *lines[MAX_COLS];
    size_t n[MAX_COLS], cap[MAX_COLS];
};

/* Wrap (or truncate) the cells of row at their widths; *height gets the
 * row's number of lines. */
static int wrap_row(struct tt *tt, const struct grid *g, const char *const *row, int hdr,
                    struct row_lines *rl, size_t *height)
{
    *height = 1;
    for (size_t c = 0; c < g->ncols; c++) {
        int rc = cell_lines(tt, row[c], g->w[c], hdr ? 0 : g->flags[c], &rl->lines[c], &rl->n[c], &rl->cap[c]);
        if (rc)
            return rc;
        if (rl->n[c] > *height)
            *height = rl->n[c];
    }
    return NXMSG_OK;
}

/* One line l of the cell s (NULL: the cell has no more lines), aligned in
 * column c. */
static void draw_cell(struct out *o, const struct grid *g, size_t c, const char *s, const struct line *l)
{
    size_t lw = l ? l->w : 0, pad = g->w[c] > lw ? g->w[c] - lw : 0, left = 0;

    if (g->align[c] == NXMSG_ALIGN_RIGHT)
        left = pad;
    else if (g->align[c] == NXMSG_ALIGN_CENTER)
        left = pad / 2;
    spaces(o, left);
    if (l) {
        put(o, s + l->off, l->len);
        if (l->ell)
            puts_(o, NXMSG__TT_ELLIPSIS);
    }
    spaces(o, pad - left);
}

/* Line k of the row's cells, with the borders of style b (NULL: text). */
static void draw_line(struct out *o, const struct grid *g, const struct border *b, const char *const *row,
                      const struct row_lines *rl, size_t k)
{
    if (b) {
        puts_(o, b->v);
        put(o, " ", 1);
    }
    for (size_t c = 0; c < g->ncols; c++) {
        draw_cell(o, g, c, row[c], k < rl->n[c] ? &rl->lines[c][k] : NULL);
        if (c + 1 < g->ncols) {
            if (b) {
                put(o, " ", 1);
                puts_(o, b->v);
            }
            put(o, "  ", b ? 1 : 2);
        }
    }
    if (b) {
        put(o, " ", 1);
        puts_(o, b->v);
    }
    put(o, "\n", 1);
}

/* The rule under the header row. */
static void header_rule(struct out *o, const struct grid *g, const struct border *b)
{
    if (b) {
        rule(o, g, b, b->hl, b->hh, b->hm, b->hr);
        return;
    }
    for (size_t c = 0; c < g->ncols; c++) {
        repeat(o, "-", g->w[c]);
        if (c + 1 < g->ncols)
            put(o, "  ", 2);
    }
    put(o, "\n", 1);
}

/* Between two groups of rows: a rule, or in text style (when wanted) a
 * blank line of the table's width. */
static void group_break(struct out *o, const struct grid *g, const struct border *b, int blank_between)
{
    size_t width = overhead(b != NULL, g->ncols);

    if (b) {
        rule(o, g, b, b->ml, b->h, b->mm, b->mr);
    } else if (blank_between) {
        for (size_t i = 0; i < g->ncols; i++)
            width += g->w[i];
        spaces(o, width);
        put(o, "\n", 1);
    }
}

/* Draw g: style text (b NULL) or box. */
static int draw(struct out *o, struct tt *tt, const struct grid *g, const struct border *b,
                int blank_between)
{
    struct row_lines rl;
    int rc = NXMSG_OK;

    memset(&rl, 0, sizeof rl);
    if (b)
        rule(o, g, b, b->tl, b->h, b->tm, b->tr);
    for (size_t r = 0; r < g->nrows && !o->err && rc == NXMSG_OK; r++) {
        const char *const *row = g->cells + r * g->ncols;
        size_t height;
        int hdr = g->header && r == 0;

        if (r > 0 && !(g->header && r == 1) && g->group[r] != g->group[r - 1])
            group_break(o, g, b, blank_between);
        if ((rc = wrap_row(tt, g, row, hdr, &rl, &height)) != NXMSG_OK)
            break;
        for (size_t k = 0; k < height; k++)
            draw_line(o, g, b, row, &rl, k);
        if (hdr)
            header_rule(o, g, b);
    }
    if (b && rc == NXMSG_OK)
        rule(o, g, b, b->bl, b->h, b->bm, b->br);
    for (size_t c = 0; c < g->ncols; c++)
        free(rl.lines[c]);
    return rc;
}

/* The visible columns of t, their measures over header and cells, and
 * their bounds. */
struct cols {
    size_t n, vis[MAX_COLS], min[MAX_COLS], max[MAX_COLS];
    struct measure m[MAX_COLS];
};

static void measure_columns(const nxmsg_table *t, struct tt *tt, struct cols *c)
{
    c->n = 0;
    for (size_t i = 0; i < t->ncols; i++)
        if (!(t->cols[i].flags & NXMSG_COL_HIDDEN))
            c->vis[c->n++] = i;
    memset(c->m, 0, sizeof c->m);
    for (size_t j = 0; j < c->n; j++) {
        const struct column *col = &t->cols[c->vis[j]];
        measure_cell(tt, col->header, &c->m[j]);
        for (size_t r = 0; r < t->nrows; r++)
            measure_cell(tt, t->cells[r * t->ncols + c->vis[j]], &c->m[j]);
        c->min[j] = col->min;
        c->max[j] = col->max;
    }
}

/* The narrowest width of column j that cuts no word (its widest unbreakable
 * run, or less if max_width says so), never below its widest character. */
static size_t uncut_width(const struct cols *c, size_t j)
{
    size_t w = c->m[j].soft, floor_ = c->m[j].hard > c->min[j] ? c->m[j].hard : c->min[j];
    if (c->max[j] && w > c->max[j])
        w = c->max[j];
    return w > floor_ ? w : floor_;
}

/* NXMSG_LAYOUT_AUTO: a table when every column can get its uncut width,
 * else records (one label column, one value column), where a word is cut
 * only when it is wider than the whole value column. */
static int want_records(const struct cols *c, const nxmsg_table_opts *opts, int box)
{
    size_t need = overhead(box, c->n);

    if (opts->layout != NXMSG_LAYOUT_AUTO)
        return opts->layout == NXMSG_LAYOUT_RECORD;
    if (opts->width == 0)
        return 0;
    for (size_t j = 0; j < c->n && need <= opts->width; j++)
        need += uncut_width(c, j);
    return need > opts->width;
}

/* The table layout: a header row, then one row per record. */
static int table_grid(const nxmsg_table *t, const struct cols *c, int box, size_t width,
                      struct grid *g, const char **cells, size_t *group)
{
    g->ncols = c->n;
    g->nrows = t->nrows + 1;
    g->header = 1;
    for (size_t j = 0; j < c->n; j++) {
        cells[j] = t->cols[c->vis[j]].header;
        g->align[j] = t->cols[c->vis[j]].align;
        g->flags[j] = t->cols[c->vis[j]].flags;
    }
    group[0] = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t j = 0; j < c->n; j++)
            cells[(r + 1) * c->n + j] = t->cells[r * t->ncols + c->vis[j]];
        group[r + 1] = r + 1;
    }
    g->cells = cells;
    g->group = group;
    fit(g, c->m, c->min, c->max, box, width);
    return NXMSG_OK;
}

/* The record layout: "label  value" per field, fitted as two columns (the
 * values wrap before the labels do). */
static int record_grid(const nxmsg_table *t, struct tt *tt, const struct cols *c, int box,
                       size_t width, struct grid *g, const char **cells, size_t *group)
{
    struct measure rm[2];
    size_t rmin[2] = { 0, 0 }, rmax[2] = { 0, 0 };

    memset(rm, 0, sizeof rm);
    g->ncols = 2;
    g->nrows = t->nrows * c->n;
    for (size_t j = 0; j < c->n; j++) {
        measure_cell(tt, t->cols[c->vis[j]].header, &rm[0]);
        if (c->m[j].natural > rm[1].natural)
            rm[1].natural = c->m[j].natural;
        if (c->m[j].soft > rm[1].soft)
            rm[1].soft = c->m[j].soft;
        if (c->m[j].hard > rm[1].hard)
            rm[1].hard = c->m[j].hard;
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t j = 0; j < c->n; j++) {
            size_t k = r * c->n + j;
            cells[2 * k] = t->cols[c->vis[j]].header;
            cells[2 * k + 1] = t->cells[r * t->ncols + c->vis[j]];
            group[k] = r;
        }
    g->align[0] = g->align[1] = NXMSG_ALIGN_LEFT;
    g->cells = cells;
    g->group = group;
    fit(g, rm, rmin, rmax, box, width);
    return NXMSG_OK;
}

/* Text style: a blank line between rows only when some row wraps. */
static int needs_blank_lines(struct tt *tt, const struct grid *g)
{
    for (size_t r = 1; r < g->nrows; r++)
        for (size_t j = 0; j < g->ncols; j++) {
            const char *s = g->cells[r * g->ncols + j];
            if (!(g->flags[j] & NXMSG_COL_TRUNCATE) &&
                (strchr(s, '\n') || nxmsg__tt_width(tt, s, strlen(s)) > g->w[j]))
                return 1;
        }
    return 0;
}

static int render_text(const nxmsg_table *t, const nxmsg_table_opts *opts, struct out *o)
{
    int box = opts->style != NXMSG_STYLE_TEXT, record, rc;
    const struct border *b = NULL;
    struct cols c;
    struct grid g;
    const char **cells = NULL;
    size_t *group = NULL, n;
    struct tt *tt;

    if (box)
        b = opts->style == NXMSG_STYLE_UNICODE && !(opts->flags & NXMSG_TABLE_AMBIGUOUS_WIDE)
                ? &unicode_border : &ascii_border;
    tt = nxmsg__tt_open(opts->flags);
    if (!tt)
        return NXMSG_ENOMEM;
    measure_columns(t, tt, &c);
    if (c.n == 0) {
        nxmsg__tt_close(tt);
        return NXMSG_OK;
    }
    record = want_records(&c, opts, box);
    memset(&g, 0, sizeof g);
    n = record ? t->nrows * c.n : t->nrows + 1; /* grid rows */
    cells = malloc((n ? n : 1) * (record ? 2 : c.n) * sizeof *cells);
    group = malloc((n ? n : 1) * sizeof *group);
    if (!cells || !group)
        rc = NXMSG_ENOMEM;
    else if (record)
        rc = record_grid(t, tt, &c, box, opts->width, &g, cells, group);
    else
        rc = table_grid(t, &c, box, opts->width, &g, cells, group);
    if (rc == NXMSG_OK)
        rc = draw(o, tt, &g, b, record || (!box && needs_blank_lines(tt, &g)));
    free(cells);
    free(group);
    nxmsg__tt_close(tt);
    return rc;
}

/* ---- Markdown --------------------------------------------------------------- */

/* Markdown form of a cell: '|' -> "\|", '&' -> "&amp;", '<' -> "&lt;",
 * LF -> "<br>"; malloc'd. */
static char *md_escape(const char *s)
{
    size_t n = 1;
    char *r, *p;

    for (const char *q = s; *q; q++)
        n += *q == '|' ? 2 : *q == '&' ? 5 : *q == '<' ? 4 : *q == '\n' ? 4 : 1;
    r = p = malloc(n);
    if (!r)
        return NULL;
    for (; *s; s++) {
        const char *rep = *s == '|' ? "\\|" : *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '\n' ? "<br>" : NULL;
        if (rep) {
            memcpy(p, rep, strlen(rep));
            p += strlen(rep);
        } else {
            *p++ = *s;
        }
    }
    *p = '\0';
    return r;
}

/* The Markdown table: the visible columns, every cell escaped (row 0 the
 * headers) with its width, and each column's width (at least 3, for the
 * alignment row). */
struct md {
    size_t nv, vis[MAX_COLS], w[MAX_COLS];
    size_t n;                 /* (rows + 1) * nv cells */
    char **esc;
    size_t *ew;
};

/* Escape and measure every cell of t into m. */
static int md_cells(const nxmsg_table *t, struct tt *tt, struct md *m)
{
    for (size_t j = 0; j < m->nv; j++)
        m->w[j] = 3;
    for (size_t r = 0; r <= t->nrows; r++)
        for (size_t j = 0; j < m->nv; j++) {
            size_t k = r * m->nv + j;
            m->esc[k] = md_escape(r == 0 ? t->cols[m->vis[j]].header : t->cells[(r - 1) * t->ncols + m->vis[j]]);
            if (!m->esc[k])
                return NXMSG_ENOMEM;
            m->ew[k] = nxmsg__tt_width(tt, m->esc[k], strlen(m->esc[k]));
            if (m->ew[k] > m->w[j])
                m->w[j] = m->ew[k];
        }
    return NXMSG_OK;
}

/* Row r of the table, each cell padded to its column's width. */
static void md_row(struct out *o, const struct md *m, size_t r)
{
    for (size_t j = 0; j < m->nv; j++) {
        size_t k = r * m->nv + j;
        put(o, j ? " | " : "| ", 2 + (j > 0));
        puts_(o, m->esc[k]);
        spaces(o, m->w[j] - m->ew[k]);
    }
    put(o, " |\n", 3);
}

/* The delimiter row under the headers, with each column's alignment. */
static void md_align_row(struct out *o, const nxmsg_table *t, const struct md *m)
{
    for (size_t j = 0; j < m->nv; j++) {
        int a = t->cols[m->vis[j]].align;
        put(o, j ? " | " : "| ", 2 + (j > 0));
        put(o, a == NXMSG_ALIGN_CENTER ? ":" : "-", 1);
        repeat(o, "-", m->w[j] - 2);
        put(o, a == NXMSG_ALIGN_LEFT ? "-" : ":", 1);
    }
    put(o, " |\n", 3);
}

static int render_markdown(const nxmsg_table *t, const nxmsg_table_opts *opts, struct out *o)
{
    struct md m;
    struct tt *tt;
    int rc;

    m.nv = 0;
    for (size_t i = 0; i < t->ncols; i++)
        if (!(t->cols[i].flags & NXMSG_COL_HIDDEN))
            m.vis[m.nv++] = i;
    if (m.nv == 0)
        return NXMSG_OK;
    m.n = (t->nrows + 1) * m.nv;
    m.esc = calloc(m.n, sizeof *m.esc);
    m.ew = calloc(m.n, sizeof *m.ew);
    tt = nxmsg__tt_open(opts->flags);
    rc = m.esc && m.ew && tt ? md_cells(t, tt, &m) : NXMSG_ENOMEM;
    for (size_t r = 0; rc == NXMSG_OK && r <= t->nrows; r++) {
        md_row(o, &m, r);
        if (r == 0)
            md_align_row(o, t, &m);
    }
    if (m.esc)
        for (size_t k = 0; k < m.n; k++)
            free(m.esc[k]);
    free(m.esc);
    free(m.ew);
    nxmsg__tt_close(tt);
    return rc;
}

/* ---- CSV and JSON ----------------------------------------------------------- */

static void csv_field(struct out *o, const char *s)
{
    if (!strpbrk(s, "\",\r\n")) {
        puts_(o, s);
        return;
    }
    put(o, "\"", 1);
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
        put(o, s, (size_t)(q - s) + 1);
        put(o, "\"", 1);
    }
    puts_(o, s);
    put(o, "\"", 1);
}

static void render_csv(const nxmsg_table *t, const nxmsg_table_opts *opts, struct out *o)
{
    if (opts->flags & NXMSG_TABLE_BOM)
        put(o, "\xEF\xBB\xBF", 3);
    for (size_t r = 0; r <= t->nrows; r++) {
        int first = 1;
        for (size_t i = 0; i < t->ncols; i++) {
            if (t->cols[i].flags & NXMSG_COL_HIDDEN)
                continue;
            if (!first)
                put(o, ",", 1);
            first = 0;
            csv_field(o, r == 0 ? t->cols[i].header : t->cells[(r - 1) * t->ncols + i]);
        }
        put(o, "\r\n", 2);
    }
}

static void json_string(struct out *o, const char *s)
{
    put(o, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            put(o, esc, 2);
        } else if (c == '\n') {
            put(o, "\\n", 2);
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            put(o, esc, 6);
        } else if (c == 0xE2 && (unsigned char)s[1] == 0x80 &&
                   ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9)) {
            /* U+2028/U+2029: valid JSON, but line ends in JavaScript */
            put(o, (unsigned char)s[2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            s += 2;
        } else {
            size_t n = 1;
            while (((unsigned char)s[n] & 0xC0) == 0x80)
                n++;
            put(o, s, n);
            s += n - 1;
        }
    }
    put(o, "\"", 1);
}

/* An unsigned integer in decimal or 0x hex that fits 53 bits; -1 if not. */
static long long json_number(const char *s)
{
    unsigned long long v = 0;
    int base = 10, digits = 0;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    for (; *s; s++, digits++) {
        int d;
        if (*s >= '0' && *s <= '9')
            d = *s - '0';
        else if (base == 16 && ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f'))
            d = (*s | 0x20) - 'a' + 10;
        else
            return -1;
        v = v * (unsigned)base + (unsigned)d;
        if (v > (1ULL << 53))
            return -1;
    }
    return digits ? (long long)v : -1;
}

static void render_json(const nxmsg_table *t, struct out *o)
{
    if (t->nrows == 0) {
        puts_(o, "[]\n");
        return;
    }
    put(o, "[\n", 2);
    for (size_t r = 0; r < t->nrows; r++) {
        put(o, "  {", 3);
        for (size_t i = 0; i < t->ncols; i++) {
            const char *cell = t->cells[r * t->ncols + i];
            long long v;
            if (i)
                put(o, ", ", 2);
            json_string(o, t->cols[i].key);
            put(o, ": ", 2);
            if ((t->cols[i].flags & NXMSG_COL_NUMBER) && (v = json_number(cell)) >= 0) {
                char num[24];
                int k = snprintf(num, sizeof num, "%lld", v);
                put(o, num, (size_t)k);
            } else {
                json_string(o, cell);
            }
        }
        puts_(o, r + 1 < t->nrows ? "},\n" : "}\n");
    }
    put(o, "]\n", 2);
}

/* ---- entry points ----------------------------------------------------------- */

int nxmsg_table_render(const nxmsg_table *t, const nxmsg_table_opts *opts, nxmsg_write_fn write,
                       void *ctx)
{
    static const nxmsg_table_opts defaults = { NXMSG_STYLE_TEXT, NXMSG_LAYOUT_AUTO, 80, 0 };
    struct out *o;
    int rc = NXMSG_OK;

    if (!opts)
        opts = &defaults;
    if (!t || !write || !t->ncols || (unsigned)opts->style > NXMSG_STYLE_JSON ||
        (unsigned)opts->layout > NXMSG_LAYOUT_RECORD)
        return NXMSG_EINVAL;
    o = malloc(sizeof *o);
    if (!o)
        return NXMSG_ENOMEM;
    o->write = write;
    o->ctx = ctx;
    o->err = 0;
    o->n = 0;
    switch (opts->style) {
    case NXMSG_STYLE_TEXT:
    case NXMSG_STYLE_BOX:
    case NXMSG_STYLE_UNICODE:
        rc = render_text(t, opts, o);
        break;
    case NXMSG_STYLE_MARKDOWN:
        rc = render_markdown(t, opts, o);
        break;
    case NXMSG_STYLE_CSV:
        render_csv(t, opts, o);
        break;
    case NXMSG_STYLE_JSON:
        render_json(t, o);
        break;
    }
    flush(o);
    if (rc == NXMSG_OK)
        rc = o->err;
    free(o);
    return rc;
}

struct bufout {
    char *buf;
    size_t size, len;
};

static int buf_write(void *ctx, const char *s, size_t n)
{
    struct bufout *b = ctx;
    if (b->len < b->size) {
        size_t k = b->size - b->len < n ? b->size - b->len : n;
        memcpy(b->buf + b->len, s, k);
    }
    b->len += n;
    return 0;
}

size_t nxmsg_table_render_r(const nxmsg_table *t, const nxmsg_table_opts *opts, char *buf,
                            size_t size)
{
    struct bufout b = { buf, buf ? size : 0, 0 };

    if (nxmsg_table_render(t, opts, buf_write, &b) != NXMSG_OK) {
        if (buf && size)
            buf[0] = '\0';
        return 0;
    }
    if (b.size) {
        if (b.len < b.size)
            buf[b.len] = '\0';
        else
            buf[nxmsg__utf8_cut(buf, b.size, b.size - 1)] = '\0';
    }
    return b.len;
}
