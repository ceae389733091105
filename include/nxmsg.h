/*
 * nxmsg.h - NetX status codes as localized, well-formatted messages.
 *
 * The whole public API of libnxmsg: the lookup core (nxmsg_core.h, included
 * here) and the host layers above it.  Every identifier starts with nxmsg_
 * or NXMSG_.  Link with `pkg-config --libs nxmsg`.
 *
 * Conventions (besides those of nxmsg_core.h)
 *  - A language is a per-call argument: "ja", "en", a locale name such as
 *    "ja_JP.UTF-8" or "ja-JP", or NULL for the process environment (gettext's
 *    rules: the LC_MESSAGES locale set by setlocale(); LANGUAGE, a colon list,
 *    takes precedence unless that locale is "C" or "POSIX").  An unknown or
 *    malformed language, or one whose catalog is missing or corrupt, gives
 *    the built-in English text.
 *  - The environment is read on the first lookup with a NULL language in
 *    each thread and again when the LC_MESSAGES locale's name has changed
 *    (setlocale()), after nxmsg_lang_reset() and after
 *    nxmsg_set_localedir(); a LANGUAGE changed with setenv() alone is seen
 *    after one of these.
 *  - Lookups allocate nothing and are thread-safe.  Each language's catalog is
 *    read once, on first use; after that a lookup is an array index.
 *    Returned strings stay valid for the life of the process, unless said
 *    otherwise.
 */
#ifndef NXMSG_H
#define NXMSG_H

#include <stddef.h>

#include "nxmsg_core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Output callback of the table renderer and the log annotator: write
 * data[0..len), which holds whole UTF-8 characters; return 0, or nonzero to
 * stop (the table renderer then returns NXMSG_EWRITE; the annotator returns
 * NXMSG_EWRITE from the feeding call and every later one). */
typedef int (*nxmsg_write_fn)(void *ctx, const char *data, size_t len);

/* A stretch of output: len bytes at data. */
typedef struct nxmsg_span {
    const char *data;
    size_t len;
} nxmsg_span;

/* Output callback taking the output as spans (nxmsg_annotator_new_spans()):
 * write spans[0..n), n >= 1, in order (the concatenation holds whole UTF-8
 * characters; one span need not).  Return 0, or nonzero to stop, as for
 * nxmsg_write_fn. */
typedef int (*nxmsg_write_spans_fn)(void *ctx, const nxmsg_span *spans, size_t n);

/* ------------------------------------------------------------------------ */
/* Descriptions and catalogs                                                 */
/* ------------------------------------------------------------------------ */

/* The description of a code in a language; never NULL.  For an unknown code
 * it is a localized text naming the hex value and the range it falls in,
 * formatted into a buffer owned by the calling thread that the next
 * nxmsg_describe() or nxmsg_lang_describe() call in that thread overwrites. */
NXMSG_API const char *nxmsg_describe(unsigned int code, const char *lang);

/* The same through a language resolved once with nxmsg_lang_open() (NULL
 * there: the environment at that moment; the handle does not follow later
 * changes).  Known codes cost an array index. */
NXMSG_API const char *nxmsg_lang_describe(const nxmsg_lang *l, unsigned int code);

/* Codes below this value are in the array of nxmsg_lang_by_code(): the
 * core, TLS and X.509 codes. */
#define NXMSG_LANG_DIRECT_CODES 0x200u

/* The descriptions of language l indexed by code value, for the codes below
 * NXMSG_LANG_DIRECT_CODES: the text of a known code, NULL for any other
 * (nxmsg_lang_describe() formats its text).  Never NULL; valid, and never
 * changing, as long as l is.  The fastest lookup: resolve the language
 * once, then index the array in the caller's own loop, without a call:
 *     const char *const *t = nxmsg_lang_by_code(l);
 *     s = code < NXMSG_LANG_DIRECT_CODES && t[code] ? t[code]
 *                                                   : nxmsg_lang_describe(l, code); */
NXMSG_API const char *const *nxmsg_lang_by_code(const nxmsg_lang *l);

/* Make lookups with a NULL language read the environment again (LANGUAGE
 * changed with setenv(), say).  Handles from nxmsg_lang_open() stay valid. */
NXMSG_API void nxmsg_lang_reset(void);

/* Directory holding <lang>/LC_MESSAGES/nxmsg.mo.  Default: the environment
 * variable NXMSG_LOCALEDIR if set (ignored in set-user-ID and set-group-ID
 * programs and when longer than 4000 bytes), else the catalogs of the
 * installation the library was loaded from (found beside the library, so a
 * moved installation keeps working), else the localedir chosen at build
 * time.  Setting it (NULL restores the default) makes languages load again
 * from the new place on their next use; strings and language handles
 * returned earlier stay valid (a catalog loaded again with the same contents
 * is shared, so memory stays bounded).  Returns NXMSG_OK, or NXMSG_EINVAL if
 * dir is longer than 4000 bytes. */
NXMSG_API int nxmsg_set_localedir(const char *dir);

/* ------------------------------------------------------------------------ */
/* Text: UTF-8, NFC, display width, truncation, wrapping (lib/text.c)        */
/* ------------------------------------------------------------------------ */

/* Text functions take a string as (s, len): len bytes of UTF-8 that may hold
 * anything, including invalid sequences and NUL bytes, or len ==
 * NXMSG_STRLEN for a NUL-terminated string.  s may be NULL when len is 0 (or
 * NXMSG_STRLEN: NULL is then the empty string).  They never allocate per
 * character, are thread-safe, and never fail: bad input is rendered visibly.
 * Functions with (buf, size) follow the *_r convention above: they return the
 * length of the whole result, write a NUL-terminated prefix that ends on a
 * grapheme-cluster boundary, and write nothing when size is 0 (buf may then
 * be NULL).  buf must not overlap s.
 *
 * Display rules (what the terminal shows; see doc/text.md):
 *  - An invalid UTF-8 sequence (each maximal ill-formed subpart, as ICU and
 *    the Unicode standard's "best practice" count them: overlong forms,
 *    surrogates such as ED A0 80, values above U+10FFFF, stray or missing
 *    continuation bytes) shows as U+FFFD, or with NXMSG_TEXT_SAFE_HEX as
 *    "\xHH" (uppercase hex) for each of its bytes.
 *  - C0 controls (including NUL and ESC), DEL and C1 controls never pass
 *    through raw: each shows as U+FFFD, or with NXMSG_TEXT_SAFE_HEX as
 *    "\xHH" for each of its UTF-8 bytes (ESC is "\x1B", U+0085 "\xC2\x85").
 *  - TAB shows as spaces up to the next multiple of 8 columns.
 *  - CR, LF, CR LF, U+2028 and U+2029 are line breaks.  nxmsg_sanitize keeps
 *    them as one "\n" each (TAB columns restart after it).  nxmsg_width,
 *    nxmsg_truncate and nxmsg_pad work on one line: there a line break
 *    shows as one space and TAB stops count from the start of s.  Split
 *    multi-line text with nxmsg_wrap_next first.
 *  - Width, per extended grapheme cluster (doc/text.md): a cluster
 *    whose first code point has Emoji_Presentation, or has the Emoji
 *    property and is followed in the cluster by U+FE0F, U+20E3, an emoji
 *    modifier or U+200D plus an Extended_Pictographic code point, is 2
 *    columns (flags, ZWJ families, keycaps, "❤️").  A cluster that starts
 *    with a mark (Grapheme_Cluster_Break Extend, ZWJ or SpacingMark; at the
 *    start of the text or after a control) is summed.
 *    With NXMSG_TEXT_EMOJI_NARROW there is no emoji-cluster rule: every
 *    cluster is the sum below, and code points after a U+200D in the
 *    cluster add nothing ("❤️" 1, keycap "1️⃣" 1, a lone regional indicator
 *    1, a flag 2, "👍🏻" 4, a ZWJ family 2: what tmux and wcwidth-based
 *    terminals draw).
 *    Otherwise the sum of its code points: 0 for general categories Mn, Me,
 *    Cf (so U+200B is 0), Default_Ignorable_Code_Point and Hangul jamo V and
 *    T, except where every terminal draws a glyph: U+00AD SOFT HYPHEN
 *    (ambiguous), the Hangul fillers U+115F and U+3164 (2) and U+FFA0 (1),
 *    and the Prepended_Concatenation_Mark characters U+0600..U+0605, U+06DD,
 *    U+070F, U+0890, U+0891, U+08E2, U+110BD, U+110CD (1);
 *    else 2 for East_Asian_Width W and F (including
 *    unassigned code points in the CJK ranges, which Unicode defaults to W);
 *    1 or 2 for East_Asian_Width A (ambiguous: "…", "※", "①", box drawing,
 *    Greek, Cyrillic, private use, U+FFFD) depending on
 *    NXMSG_TEXT_AMBIGUOUS_WIDE; else 1.  Never guessed from the locale.
 */

/* Flags for the text functions (bitwise OR; NXMSG_TEXT_AMBIGUOUS_WIDE, East
 * Asian Ambiguous = 2 columns, is defined in nxmsg_core.h). */
#define NXMSG_TEXT_SAFE_HEX 0x2u       /* show bad bytes and controls as \xHH */
#define NXMSG_TEXT_EMOJI_NARROW 0x4u   /* measure emoji sequences as terminals
                                          that ignore UTS #51 draw them (see
                                          the display rules) */

/* len value meaning "s is NUL-terminated". */
#define NXMSG_STRLEN ((size_t)-1)

/* U+2026 HORIZONTAL ELLIPSIS, for nxmsg_truncate (1 column, 2 with
 * NXMSG_TEXT_AMBIGUOUS_WIDE). */
#define NXMSG_ELLIPSIS "\xE2\x80\xA6"

/* Alignment for nxmsg_pad. */
enum { NXMSG_ALIGN_LEFT = 0, NXMSG_ALIGN_RIGHT = 1, NXMSG_ALIGN_CENTER = 2 };

/* Boundary kinds for nxmsg_break_next. */
enum {
    NXMSG_BREAK_GRAPHEME = 0, /* extended grapheme clusters (UAX #29) */
    NXMSG_BREAK_LINE = 1      /* line-break opportunities (UAX #14, ICU
                                 locale "ja@lb=strict", as nxmsg_wrap_next) */
};

/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, surrogates or values
 * above U+10FFFF; NUL bytes and controls are well-formed), else 0. */
NXMSG_API int nxmsg_utf8_valid(const char *s, size_t len);

/* Make s safe to print (see the display rules above): invalid sequences and
 * controls become U+FFFD (or "\xHH" with NXMSG_TEXT_SAFE_HEX), TAB becomes
 * spaces to the next multiple of 8 columns counted from the line start (with
 * the widths of nxmsg_width and flags), and every line break becomes "\n".
 * With NXMSG_TEXT_SAFE_HEX a joiner, U+FE0F, U+20E3 or emoji modifier right
 * after an escape, or with no character to attach to, is escaped too (a
 * terminal would join it to the escape's last digit).  Nothing else changes (no normalization).  Returns the output length in
 * bytes; the output is valid UTF-8 without controls other than "\n". */
NXMSG_API size_t nxmsg_sanitize(const char *s, size_t len, unsigned flags, char *buf, size_t size);

/* Unicode Normalization Form C of s (never NFKC: "（" and "ｱ" stay).  Input
 * that is already NFC (the common case) is copied after a quick check.
 * Invalid sequences become U+FFFD first (as in nxmsg_sanitize); controls,
 * NULs and line breaks are kept as they are (use nxmsg_sanitize to display
 * the result).  Returns the output length in bytes. */
NXMSG_API size_t nxmsg_nfc(const char *s, size_t len, char *buf, size_t size);

/* Display width of s in terminal columns, as one line (display rules above):
 * what nxmsg_sanitize would print with the same flags, with line breaks
 * counted as one column and TAB stops counted from the start of s. */
NXMSG_API size_t nxmsg_width(const char *s, size_t len, unsigned flags);

/* s as one line (see the rules above), cut on a grapheme-cluster boundary to
 * at most cols columns.  If s is wider than cols, as many whole clusters as
 * fit in cols minus the width of ellipsis are kept and ellipsis is appended
 * (ellipsis may be NULL or "" for none; NXMSG_ELLIPSIS is "…"; it is
 * displayed by the same rules, its TAB stops counted from its own start);
 * an ellipsis wider than cols is left out.  A cluster that does not fit
 * whole is dropped, so the result may be narrower than cols (by one column
 * when a 2-column character does not fit; nxmsg_pad fills with spaces).  The result is at most cols
 * columns wide, except that cols 0 gives "" and never an ellipsis.  Returns
 * the output length in bytes. */
NXMSG_API size_t nxmsg_truncate(const char *s, size_t len, size_t cols, const char *ellipsis,
                                unsigned flags, char *buf, size_t size);

/* s as one line, made exactly cols columns wide with U+0020 spaces: on the
 * right for NXMSG_ALIGN_LEFT, on the left for NXMSG_ALIGN_RIGHT, split for
 * NXMSG_ALIGN_CENTER (the odd space goes right).  Text wider than cols is
 * cut as nxmsg_truncate with no ellipsis, and a wide character that does not
 * fit leaves a space.  Any other align counts as NXMSG_ALIGN_LEFT.  Returns
 * the output length in bytes. */
NXMSG_API size_t nxmsg_pad(const char *s, size_t len, size_t cols, int align, unsigned flags,
                           char *buf, size_t size);

/* Wrap s into lines of at most cols columns (cols 0 counts as 1), one line a
 * call, without allocating.  Set *pos = 0 before the first call; each call
 * that returns 1 stores the line as the byte range s[*line_start ..
 * *line_start + *line_len) and advances *pos; 0 means there are no more
 * lines (an empty s has none).  A line is measured as nxmsg_width measures it
 * (render it with nxmsg_pad or nxmsg_truncate and the same flags).
 *  - Lines break at line-break opportunities of ICU's "ja@lb=strict" rules
 *    (kinsoku: no line starts with 。、）」ー etc.), and never before a
 *    character of line-break class CL, CP, EX, IS, NS or CJ, or U+FF5E
 *    FULLWIDTH TILDE (JLREQ), where another opportunity exists.  CR, LF, CR LF, U+2028 and U+2029 end a line
 *    ("a\n" is one line "a"; "a\n\nb" is "a", "", "b").
 *  - Spaces, TABs and U+3000 IDEOGRAPHIC SPACE at the end of a line hang:
 *    they are not part of it.
 *  - A run without opportunities wider than cols (an identifier such as
 *    NX_SECURE_TLS_KEY_MATERIAL_SIZE) is cut after its last '_', '-', '/' or
 *    '.' that fits when that keeps at least half of the line
 *    ("NX_SECURE_TLS_KEY_" / "MATERIAL_SIZE"), else on grapheme-cluster
 *    boundaries, one cluster earlier if that keeps a kinsoku character off
 *    the start of the next line.
 *  - A line always holds at least one cluster, so a single cluster wider
 *    than cols (a 2-column character when cols is 1, a TAB) makes a line
 *    wider than cols; nxmsg_pad to cols shows it as spaces.
 * The lines together with the hanging spaces and line breaks between them
 * are exactly s.  s must not change between calls. */
NXMSG_API int nxmsg_wrap_next(const char *s, size_t len, size_t cols, unsigned flags, size_t *pos,
                              size_t *line_start, size_t *line_len);

/* The first boundary of the given kind (NXMSG_BREAK_*) after byte offset pos,
 * or len when there is none (also when pos >= len; an unknown kind counts as
 * NXMSG_BREAK_GRAPHEME).  Boundaries of invalid sequences are those of
 * their U+FFFD replacements.  len must not be NXMSG_STRLEN here. */
NXMSG_API size_t nxmsg_break_next(const char *s, size_t len, size_t pos, int kind);

/* ------------------------------------------------------------------------ */
/* Tables (lib/table.c)                                                      */
/* ------------------------------------------------------------------------ */

/* A table of UTF-8 cells laid out for a terminal (aligned text, ASCII or
 * Unicode box) or written as GitHub Markdown, CSV or JSON.  Build it with
 * nxmsg_table_new() (or nxmsg_table_new_codes() for the code table), add the
 * columns, then the rows, then render it as often as needed.  A table is not
 * locked: do not change it while another thread renders it (rendering alone
 * from several threads is fine).
 *
 * Cells and headers are copied and sanitized when added: invalid UTF-8 and
 * control characters (ESC included) become U+FFFD, a tab becomes a space,
 * CR LF and CR become LF, and trailing line feeds are dropped.  A line feed
 * inside a cell is a hard line break.  Nothing from the data can reach a
 * terminal as a control sequence or as a broken UTF-8 sequence.
 *
 * Text and box styles fit the table to a target width: each column starts at
 * its natural width (its widest line, within its min/max), then the widest
 * shrinkable column loses one column at a time, first down to its longest
 * unbreakable word, then down to its widest character.  Cells wrap at line
 * break opportunities (Japanese line breaking rules; a word wider than its
 * column breaks between characters) or, in NXMSG_COL_TRUNCATE columns, are
 * cut with an ellipsis.  Every line of a text or box rendering ends at the
 * same display column; lines are padded with U+0020.  When the width is
 * smaller than the narrowest possible layout, the table comes out as narrow
 * as it can, wider than asked. */
typedef struct nxmsg_table nxmsg_table;


/* Column flags. */
#define NXMSG_COL_TRUNCATE 0x1u /* cut overlong cells to one line ending in an
                                   ellipsis instead of wrapping them */
#define NXMSG_COL_HIDDEN 0x2u   /* only in JSON output */
#define NXMSG_COL_NUMBER 0x4u   /* JSON: a cell holding an unsigned integer
                                   (decimal or 0x hex) is written as a number */

typedef enum nxmsg_table_style {
    NXMSG_STYLE_TEXT = 0,  /* aligned columns separated by two spaces */
    NXMSG_STYLE_BOX,       /* ASCII borders: + - = | */
    NXMSG_STYLE_UNICODE,   /* box drawing characters; ASCII borders instead
                              when NXMSG_TABLE_AMBIGUOUS_WIDE is set */
    NXMSG_STYLE_MARKDOWN,  /* GitHub table: '|' escaped as "\|", '&' and '<'
                              as "&amp;" and "&lt;", line feeds as "<br>";
                              cells padded to the column width, never wrapped */
    NXMSG_STYLE_CSV,       /* RFC 4180: header line, CR LF line ends, fields
                              quoted when they hold '"', ',', CR or LF */
    NXMSG_STYLE_JSON       /* one array of objects, one per row, keyed by the
                              column keys, in column order (hidden columns
                              included) */
} nxmsg_table_style;

typedef enum nxmsg_table_layout {
    NXMSG_LAYOUT_AUTO = 0, /* a table if every column can get at least
                              min(natural width, 10) columns, else records */
    NXMSG_LAYOUT_TABLE,    /* one row per record */
    NXMSG_LAYOUT_RECORD    /* vertical: one "header  cell" line group per
                              column, records separated by a blank line (text)
                              or a border (box); no header row */
} nxmsg_table_layout;

/* Render flags. */
#define NXMSG_TABLE_AMBIGUOUS_WIDE 0x1u /* East Asian ambiguous characters are
                                           2 columns wide (default: 1) */
#define NXMSG_TABLE_BOM 0x2u            /* CSV: start with a UTF-8 BOM */
#define NXMSG_TABLE_EMOJI_NARROW 0x4u   /* measure as NXMSG_TEXT_EMOJI_NARROW */

typedef struct nxmsg_table_opts {
    nxmsg_table_style style;
    nxmsg_table_layout layout;  /* text and box styles only */
    size_t width;               /* target width in columns; 0 = no limit;
                                   text and box styles only */
    unsigned flags;             /* NXMSG_TABLE_* */
} nxmsg_table_opts;

/* A new empty table, or NULL when out of memory.  Free with
 * nxmsg_table_free(). */
NXMSG_API nxmsg_table *nxmsg_table_new(void);

/* Free a table and everything it holds; NULL is allowed. */
NXMSG_API void nxmsg_table_free(nxmsg_table *t);

/* Append a column.  header: shown above the column (sanitized; NULL = "").
 * key: the JSON member name (NULL = the header).  align: NXMSG_ALIGN_LEFT,
 * _RIGHT or _CENTER (see nxmsg_pad) in text and box styles and in the
 * Markdown delimiter row.
 * min_width, max_width: bounds of the column's width in text and box styles
 * (0 = none; min_width at most NXMSG_TABLE_MAX_MIN_WIDTH); the column never
 * gets narrower than its widest character.
 * flags: NXMSG_COL_*.  Returns the column's index (0, 1, ...), or
 * NXMSG_EINVAL (t NULL, rows already added, max_width < min_width,
 * min_width too large, bad align or flags, more than 64 columns) or
 * NXMSG_ENOMEM. */
#define NXMSG_TABLE_MAX_MIN_WIDTH 65535u
NXMSG_API int nxmsg_table_add_column(nxmsg_table *t, const char *header, const char *key,
                                     int align, size_t min_width, size_t max_width,
                                     unsigned flags);

/* Append a row of n cells (n <= the number of columns; missing and NULL
 * cells are empty).  Cells are NUL-terminated, copied and sanitized.
 * Returns NXMSG_OK, NXMSG_EINVAL (t NULL, no columns, n too large, cells NULL
 * with n > 0) or NXMSG_ENOMEM. */
NXMSG_API int nxmsg_table_add_row(nxmsg_table *t, const char *const *cells, size_t n);

/* Number of rows added so far (0 for NULL). */
NXMSG_API size_t nxmsg_table_rows(const nxmsg_table *t);

/* The header of column col (sanitized, as rendered), or NULL when there is
 * no such column. */
NXMSG_API const char *nxmsg_table_header(const nxmsg_table *t, size_t col);

/* Replace the header of column col (e.g. with a translation; the JSON key
 * stays).  Returns NXMSG_OK, NXMSG_EINVAL (no such column) or NXMSG_ENOMEM. */
NXMSG_API int nxmsg_table_set_header(nxmsg_table *t, size_t col, const char *header);

/* Render the table through write(ctx, s, n).  opts NULL = text style, auto
 * layout, width 80, no flags.  Returns NXMSG_OK, NXMSG_EINVAL (t or write
 * NULL, no columns, unknown style or layout), NXMSG_ENOMEM or NXMSG_EWRITE.
 * Output written before an error stays written. */
NXMSG_API int nxmsg_table_render(const nxmsg_table *t, const nxmsg_table_opts *opts,
                                 nxmsg_write_fn write, void *ctx);

/* Render into buf like snprintf (see Conventions for *_r): returns the
 * length of the whole rendering; the prefix written never ends inside a
 * UTF-8 sequence.  On an error of nxmsg_table_render() returns 0 and writes
 * an empty string (size > 0). */
NXMSG_API size_t nxmsg_table_render_r(const nxmsg_table *t, const nxmsg_table_opts *opts,
                                      char *buf, size_t size);

/* A table of codes with columns "domain" (hidden: "tls" or "x509"), "Name",
 * "Value" (0x%02X; a number in JSON), and one description column per
 * language: headed "Description" when nlangs is 1, else "English" or
 * "Japanese" for a language en or ja ("en_US" too), or the language name; keyed by the language name ("text" for
 * NULL, the environment).  langs: 1 to 4 languages as nxmsg_entry_text()
 * takes them (copied).  Returns NULL for bad arguments or out of memory. */
NXMSG_API nxmsg_table *nxmsg_table_new_codes(const char *const *langs, size_t nlangs);

/* Append the row of a code to a table made by nxmsg_table_new_codes().
 * Returns NXMSG_OK, NXMSG_EINVAL (e NULL or another kind of table) or
 * NXMSG_ENOMEM. */
NXMSG_API int nxmsg_table_add_code(nxmsg_table *t, const nxmsg_entry *e);

/* ------------------------------------------------------------------------ */
/* Log lines (lib/annotate_*.c)                                              */
/* ------------------------------------------------------------------------ */

/* A log fragment: one code, its name and its description in one or more
 * languages, on one line, with a locale-independent prefix:
 *
 *     fragment = HEX [ " " NAME ] ":" " " TEXT *( " / " TEXT )
 *     HEX      = "0x" 2*8( "0"-"9" / "A"-"F" )     ; upper case, at least 2 digits
 *     NAME     = the symbolic name, e.g. NX_SECURE_TLS_INVALID_SERVER_CERT
 *
 * e.g. "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: The received server
 * certificate was not parsed correctly. / <Japanese>".  HEX and NAME are
 * never translated; NAME is left out (and ":" follows HEX) for an unknown
 * code, whose TEXT is the localized unknown-code text of nxmsg_describe().
 * There is one TEXT per requested language, in the order given, even when
 * two are equal (a missing catalog gives English).  TEXTs contain no control
 * characters and no newline.
 *
 * langs: an array of nlangs language names (see Conventions; an element may
 * be NULL for the environment).  langs NULL or nlangs 0 means English then
 * Japanese, {"en", "ja"}.
 * Writes like the *_r functions (see Conventions) and returns the full
 * length. */
NXMSG_API size_t nxmsg_format_log_r(unsigned int code, const char *const *langs, size_t nlangs,
                                    char *buf, size_t size);

/* The same for an entry (this tells NX_SECURE_X509_SUCCESS from the TLS
 * one, which share 0x00).  e NULL is formatted as unknown code 0xFFFFFFFF. */
NXMSG_API size_t nxmsg_format_entry_r(const nxmsg_entry *e, const char *const *langs, size_t nlangs,
                                      char *buf, size_t size);

/* A code recognized in text: bytes [offset, offset + length) of the text
 * (the hex number, the decimal number or the name itself) stand for entry. */
typedef struct nxmsg_match {
    size_t offset;
    size_t length;
    const nxmsg_entry *entry;
} nxmsg_match;

/* Find the codes in text[0..len) (any bytes, NULs included; the text is not
 * NUL-terminated).  Recognition rules (doc/annotate.md has the table):
 *  - A token is a maximal run of [A-Za-z0-9_].  Only known codes are ever
 *    recognized, never the value 0 as a number, and never inside an
 *    annotation as nxmsg_annotator writes it (" ⟦0x10C NAME: ...⟧").
 *  - Name: a token that is the full symbolic name of a code of any family,
 *    in any case ("NX_NOT_CONNECTED", "nx_secure_tls_invalid_server_cert").
 *  - A status context is a keyword and a separator right before the number:
 *      keyword   = status | error | err | ret | return | returned | rc |
 *                  result | code              (any case; the character
 *                  before it may be "_" or non-alphanumeric, not a letter
 *                  or digit: "nx_status: 0x38" matches, "xstatus=268" not)
 *      separator = [ \t]* ( "=" | ":" ) [ \t]*  |  [ \t]+
 *  - Hex ("0x" or "0X" and 1 to 8 hex digits, a whole token, neither
 *    followed by "." and a digit nor preceded by a digit and "."): anywhere
 *    with 3 digits for a TLS or X.509 code ("0x10C") or with 8 digits for a
 *    TLS, X.509 or crypto code ("0x0000010C", "0x00020003"); any width in a
 *    status context ("status=0x38", "rc=0x20003", "status=0x010C").
 *  - Decimal (no leading 0, not followed by "." and a digit), only in a
 *    status context: 1 or 2 digits for a NetX core code ("ret 56"), 3 for
 *    a TLS or X.509 code ("status=268").  Crypto codes are not decimal.
 *    So "reg 0x38", "len=56", "id 0x20003", 0x010C, abc0x10C and 0x10C.5
 *    are not codes.
 * Matches do not overlap and are found left to right.  Stores up to max of
 * them in out[] (out may be NULL when max is 0) and returns how many there
 * are in all. */
NXMSG_API size_t nxmsg_find_codes(const char *text, size_t len, nxmsg_match *out, size_t max);

/* Streaming annotation.
 *
 * An annotator copies a byte stream through and adds the meaning of the codes
 * found in it (nxmsg_find_codes() rules, applied to each line).  Input is fed
 * in chunks of any size; output goes to a write callback.  Every annotation
 * has the form
 *
 *     annotation = " " U+27E6 fragment U+27E7          (" ⟦...⟧")
 *
 * where fragment is a log fragment (see nxmsg_format_log_r(); any U+27E6 or
 * U+27E7 in a translation is written as "[" or "]"), so an annotation is
 * valid UTF-8 without newline.  Annotations are recognized only in exactly
 * this form, for a known code, with texts in the annotator's languages,
 * English or Japanese: removing them (the STRIP mode) gives back the input
 * byte for byte, whatever U+27E6 / U+27E7 the input holds, and an annotation
 * already in the input is kept as it is (codes inside it are not annotated;
 * a code it follows, or in SUFFIX mode a code of its line, gets no second
 * one).  A line is a run of bytes ending with "\n" (its terminator is
 * "\r\n" or "\n"), or the bytes after the last "\n" of a stream.
 *
 * Memory is bounded by the line buffer (options.line_buffer).  A line longer
 * than the buffer is handled in segments of at most that size, each cut where
 * no code can straddle the cut (after an ASCII byte other than [A-Za-z0-9_],
 * blank, "=", ":", "." and "\r", or after a blank followed by none of a
 * digit, blank, "=" and ":", looking back at most 128 bytes; if there is none,
 * after a whole UTF-8 character, and a code there may be missed).  Segments depend only on the input,
 * never on how it was chunked. */
typedef enum nxmsg_annotate_mode {
    /* each code is followed by its annotation: "status=0x10C ⟦0x10C NX_...: ...⟧" */
    NXMSG_ANNOTATE_INLINE = 0,
    /* each line with codes gets their annotations (each distinct entry once,
     * in order of first appearance) at its end, before "\r\n" or "\n" */
    NXMSG_ANNOTATE_SUFFIX = 1,
    /* one JSON object per line (JSON Lines), see doc/annotate.md:
     * {"line":N,"offset":O,"text":"...","eol":"\r\n","codes":[{"offset":12,
     *  "length":5,"match":"0x10C","value":268,"hex":"0x10C","name":"NX_...",
     *  "domain":"tls","en":"...","ja":"..."}]}
     * "text" is the line without its terminator; valid UTF-8 is kept, other
     * bytes b become "\udcXX" (XX = b in hex; Python's "surrogateescape"),
     * so text + eol of all objects is the input byte for byte.  A line longer
     * than the buffer becomes one object per segment (same "line", its byte
     * "offset" in the line, "eol" "" but for the last).  Code offsets count
     * bytes from the start of the line.  The language keys are the language
     * names given ("text" for NULL). */
    NXMSG_ANNOTATE_JSON = 2,
    /* no output: only count the codes (nxmsg_annotator_count()) */
    NXMSG_ANNOTATE_COUNT = 3,
    /* remove annotations: each " ⟦...⟧" exactly as annotate writes it (see
     * above) is dropped; everything else is copied */
    NXMSG_ANNOTATE_STRIP = 4
} nxmsg_annotate_mode;

#define NXMSG_ANNOTATE_MAX_LANGS 8

typedef struct nxmsg_annotate_options {
    nxmsg_annotate_mode mode;
    /* languages of the descriptions, as for nxmsg_format_log_r(); NULL or
     * 0: {"en", "ja"}.  At most NXMSG_ANNOTATE_MAX_LANGS; the strings must
     * stay valid while the annotator lives. */
    const char *const *langs;
    size_t nlangs;
    /* nonzero: leave out lines without codes.  In INLINE and SUFFIX modes a
     * line longer than the line buffer is always written (the annotator does
     * not hold it); in JSON mode each segment object is kept or left out on
     * its own.  Codes are counted either way. */
    int only_matching;
    /* line buffer size in bytes: 0 = 1 MiB; values below 256 count as 256 */
    size_t line_buffer;
} nxmsg_annotate_options;


typedef struct nxmsg_annotator nxmsg_annotator;

/* A new annotator, or NULL if opt is invalid (unknown mode, more than
 * NXMSG_ANNOTATE_MAX_LANGS languages, write NULL) or memory runs out.  opt
 * NULL means all defaults (INLINE, English and Japanese).  All memory is
 * allocated here; feeding allocates nothing. */
NXMSG_API nxmsg_annotator *nxmsg_annotator_new(const nxmsg_annotate_options *opt,
                                               nxmsg_write_fn write, void *ctx);

/* The same annotator, its output given as spans: each stretch of at least
 * 512 bytes of a fed chunk that goes out unchanged (the text between
 * annotations, whole lines in SUFFIX and STRIP modes) is pointed at, not
 * copied, and the rest is copied as nxmsg_annotator_new()'s annotator would
 * write it.  For writev() and the like: the input reaches the output with
 * no copy by the annotator.  A span points into the data of the
 * nxmsg_annotator_feed() call running, or into the annotator's memory, and
 * is valid until the callback returns; feed and finish make their last call
 * of write before they return.  The output, span after span, is byte for
 * byte that of nxmsg_annotator_new(). */
NXMSG_API nxmsg_annotator *nxmsg_annotator_new_spans(const nxmsg_annotate_options *opt,
                                                     nxmsg_write_spans_fn write, void *ctx);

/* Feed the next len bytes of the stream (any bytes).  Output for complete
 * lines is written before the call returns; an incomplete last line is held
 * (up to the line buffer).  Returns 0, NXMSG_EWRITE once a write failed
 * (whatever the callback returned), or NXMSG_EINVAL for a NULL annotator or NULL data with len > 0. */
NXMSG_API int nxmsg_annotator_feed(nxmsg_annotator *a, const void *data, size_t len);

/* End the stream: write the held last line (which has no terminator).  The
 * annotator can then take a new stream (line numbers start again at 1;
 * counts go on).  Returns as nxmsg_annotator_feed(). */
NXMSG_API int nxmsg_annotator_finish(nxmsg_annotator *a);

/* Number the lines of the current stream from line + 1 on, as if line
 * lines had come before (a stream split at line boundaries and annotated
 * in pieces numbers its JSON records as the whole would).  Call it before
 * feeding the piece, with no incomplete line held.  Returns 0, or
 * NXMSG_EINVAL for a NULL annotator or while a line is held. */
NXMSG_API int nxmsg_annotator_set_line(nxmsg_annotator *a, unsigned long long line);

/* How many times e was found in all streams so far (0 for NULL). */
NXMSG_API unsigned long long nxmsg_annotator_count(const nxmsg_annotator *a, const nxmsg_entry *e);

/* Free an annotator (NULL is fine).  Does not finish the stream. */
NXMSG_API void nxmsg_annotator_free(nxmsg_annotator *a);

/* ------------------------------------------------------------------------ */
/* Search (lib/search.c)                                                     */
/* ------------------------------------------------------------------------ */

/* The codes whose symbolic name or description (in each of langs; NULL or
 * nlangs 0: English and Japanese) contains every one of the words (1 to 8
 * of them).  Matching ignores case and width and kana variants: both sides
 * are folded with Unicode NFKC_Casefold, hiragana count as katakana, and
 * '_' and '-' as spaces, so "ｻｰﾊﾞｰ", "さーばー" and "サーバー" match the
 * same texts, and "invalid server" matches NX_SECURE_TLS_INVALID_SERVER_CERT.
 * Stores up to max entries in out[] (ordered as nxmsg_entry_at()) and
 * returns how many match (0 for no words or a word that folds to nothing). */
NXMSG_API size_t nxmsg_search(const char *const *words, size_t nwords, const char *const *langs,
                              size_t nlangs, const nxmsg_entry **out, size_t max);

/* ------------------------------------------------------------------------ */
/* Output character sets (lib/charset.c, ICU converters)                     */
/* ------------------------------------------------------------------------ */

/* The library works in UTF-8; a program whose locale uses another character
 * set (EUC-JP, Shift_JIS, CP932, ...) converts what it writes with these.
 * Every character the target character set lacks becomes
 * NXMSG_CHARSET_SUBSTITUTE; invalid UTF-8 counts as U+FFFD (also
 * substituted where the charset lacks it).  A converter is not locked: use
 * it from one thread at a time. */
#define NXMSG_CHARSET_SUBSTITUTE "?"

typedef struct nxmsg_charset nxmsg_charset;

/* A converter from UTF-8 to the character set called name (any name ICU
 * knows: "EUC-JP", "eucJP", "Shift_JIS", "SJIS", "CP932", "UTF-8"), or to
 * that of the locale (nl_langinfo(CODESET), after setlocale()) when name is
 * NULL.  NULL when the name is unknown or memory runs out. */
NXMSG_API nxmsg_charset *nxmsg_charset_open(const char *name);

/* Free a converter (NULL is fine). */
NXMSG_API void nxmsg_charset_close(nxmsg_charset *cs);

/* ICU's canonical name of the character set ("UTF-8", "ibm-33722_P12A_P12A-2009_U2"
 * for EUC-JP); "UTF-8" for NULL. */
NXMSG_API const char *nxmsg_charset_name(const nxmsg_charset *cs);

/* 1 when the character set is UTF-8 (or cs is NULL): text passes as it is. */
NXMSG_API int nxmsg_charset_is_utf8(const nxmsg_charset *cs);

/* Convert s[0..len) (UTF-8, whole characters) and pass the result to
 * write(ctx, ...) in pieces.  Returns 0, the nonzero value of a failed
 * write, or NXMSG_EINVAL. */
NXMSG_API int nxmsg_charset_write(nxmsg_charset *cs, const char *s, size_t len,
                                  nxmsg_write_fn write, void *ctx);

/* s[0..len) (len may be NXMSG_STRLEN) as the character set shows it, back
 * in UTF-8: each character it lacks replaced by NXMSG_CHARSET_SUBSTITUTE.
 * Display widths measured on the result are those of what
 * nxmsg_charset_write() writes.  Writes like the *_r functions. */
NXMSG_API size_t nxmsg_charset_fold_r(nxmsg_charset *cs, const char *s, size_t len, char *buf,
                                      size_t size);

/* "ICU 72.1, Unicode 15.0": the versions of the ICU library in use, into
 * buf like the *_r functions. */
NXMSG_API size_t nxmsg_icu_version_r(char *buf, size_t size);

/* Embedded catalogs: built with ./configure --enable-embedded-catalogs, the
 * library serves the languages of po/LINGUAS from the core's compiled-in
 * tables before any .mo file is looked at (a ja/ catalog in the locale
 * directory is ignored; nxmsg_embedded_language() lists them); other
 * languages, and more specific tags such as "ja_JP" when a ja_JP catalog is
 * installed, are still read from .mo files. */

#ifdef __cplusplus
}
#endif

#endif /* NXMSG_H */
