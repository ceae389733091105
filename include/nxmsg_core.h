/*
 * nxmsg_core.h - the lookup core of nxmsg: NetX Duo status codes, their
 * names and their descriptions, from constant tables.
 *
 * The core is freestanding C11: no threads, no thread-local storage, no
 * stdio, no locale or environment, no heap; of libc it uses memcpy, memcmp,
 * memset and strlen.  All its data is generated at build time and const (it
 * stays in flash on a device); it has no writable state at all, so every
 * function is reentrant and may be called from any thread or interrupt
 * handler.  A device build compiles lib/core/ (or the embedded/ directory)
 * and includes this header only.  The host library (nxmsg.h) includes this
 * header and adds .mo catalogs, the environment's language, text layout and
 * tables; in a core build its functions are not declared, so a call to one
 * fails at compile time.
 *
 * Configuration (define for every file of the core and its users):
 *   NXMSG_CORE_NAMES_ONLY    names and values only: no description text at
 *                            all, and no language functions.
 *   NXMSG_CORE_ENGLISH_ONLY  names and English descriptions, no other
 *                            language.
 *   (neither)                names, English and every language of po/LINGUAS.
 *   NXMSG_CORE_PACKED        with any of the above: names and texts are
 *                            kept compressed (about 40% of their size; see
 *                            doc/embedded.md for the figures) and expanded
 *                            into the caller's buffer by the *_r functions.
 *                            The functions that return a pointer to a name
 *                            or a text (nxmsg_entry_name, nxmsg_name,
 *                            nxmsg_lang_text, nxmsg_entry_text,
 *                            nxmsg_entry_msgid) are not declared, so a call
 *                            to one fails at compile time.
 *
 * Conventions
 *  - Codes are the UINT values NetX Duo functions return, in four ranges
 *    (domains): NetX Secure TLS 0x101-0x17F, NetX Secure X.509 0x181-0x1FF,
 *    NetX TCP/IP ("core") 0x01-0xFF and NetX Crypto 0x20001-0x2FFFF.
 *    Success, 0x00, is shared by NX_SECURE_TLS_SUCCESS,
 *    NX_SECURE_X509_SUCCESS, NX_SUCCESS and NX_CRYPTO_SUCCESS; every other
 *    value belongs to one code.
 *  - Returned strings are valid, NFC, NUL-terminated UTF-8 in constant
 *    storage (they stay valid for the life of the program).
 *  - Functions named *_r write into a caller's buffer like snprintf: they
 *    return the length the full result needs (bytes, without the NUL), write
 *    at most size bytes including a terminating NUL (nothing if size is 0;
 *    buf may then be NULL), and never cut a UTF-8 sequence or split a base
 *    character from the combining marks, variation selectors or joiners that
 *    follow it.
 */
#ifndef NXMSG_CORE_H
#define NXMSG_CORE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#define NXMSG_API __attribute__((visibility("default")))
#else
#define NXMSG_API
#endif

#define NXMSG_VERSION_MAJOR 0
#define NXMSG_VERSION_MINOR 1
#define NXMSG_VERSION_PATCH 0
#define NXMSG_VERSION_STRING "0.1.0"

/* The library's version string, e.g. "0.1.0" (may differ from the header's
 * NXMSG_VERSION_STRING when a program runs with a newer shared library). */
NXMSG_API const char *nxmsg_version(void);

/* Return values of functions that can fail. */
enum {
    NXMSG_OK = 0,
    NXMSG_ENOENT = -1,    /* no such code or name */
    NXMSG_EAMBIGUOUS = -2, /* a short name matches more than one code */
    NXMSG_EINVAL = -3,     /* malformed argument (NULL, empty, too long) */
    NXMSG_ENOMEM = -4,     /* out of memory (tables, annotators) */
    NXMSG_EWRITE = -5      /* an output callback reported an error */
};

/* What nxmsg_entry_value(NULL) returns: no code has this value. */
#define NXMSG_NO_CODE 0xFFFFFFFFu

/* The range a value belongs to. */
typedef enum nxmsg_domain {
    NXMSG_DOMAIN_NONE = 0,   /* outside every range below */
    NXMSG_DOMAIN_TLS = 1,    /* NetX Secure TLS (and DTLS): 0x101-0x17F */
    NXMSG_DOMAIN_X509 = 2,   /* NetX Secure X.509: 0x181-0x1FF */
    NXMSG_DOMAIN_CORE = 3,   /* NetX TCP/IP (nx_api.h): 0x01-0xFF */
    NXMSG_DOMAIN_CRYPTO = 4, /* NetX Crypto: 0x20001-0x2FFFF */
    NXMSG_DOMAIN_NETX = NXMSG_DOMAIN_CORE /* the former name of CORE */
} nxmsg_domain;

/* A known code: one row of the code table.  Opaque; use the accessors. */
typedef struct nxmsg_entry nxmsg_entry;

/* ------------------------------------------------------------------------ */
/* Codes and their names                                                     */
/* ------------------------------------------------------------------------ */

/* Number of known codes (210: 85 TLS, 43 X.509, 65 core and 17 crypto, each
 * domain with its own 0x00). */
NXMSG_API size_t nxmsg_count(void);

/* The index-th known code, ordered TLS, X.509, core, crypto, each by value;
 * NULL when index >= nxmsg_count().  Iterate with
 *     for (size_t i = 0; (e = nxmsg_entry_at(i)) != NULL; i++) ... */
NXMSG_API const nxmsg_entry *nxmsg_entry_at(size_t index);

/* The entry for a value, or NULL if the value is not a known code.  0x00
 * gives NX_SECURE_TLS_SUCCESS, the first of the four success entries;
 * nxmsg_find_in() and nxmsg_find_all() give the others. */
NXMSG_API const nxmsg_entry *nxmsg_find(unsigned int code);

/* The entry for (domain, value), or NULL: nxmsg_find_in(NXMSG_DOMAIN_X509, 0)
 * is NX_SECURE_X509_SUCCESS.  NXMSG_DOMAIN_NONE has no entries. */
NXMSG_API const nxmsg_entry *nxmsg_find_in(nxmsg_domain domain, unsigned int code);

/* Every entry with the value `code`: stores up to max of them in out[]
 * (ordered as nxmsg_entry_at()) and returns how many there are: 4 for 0x00
 * (NX_SECURE_TLS_SUCCESS, NX_SECURE_X509_SUCCESS, NX_SUCCESS,
 * NX_CRYPTO_SUCCESS), 1 for another known code, 0 for an unknown one.  out
 * may be NULL when max is 0. */
NXMSG_API size_t nxmsg_find_all(unsigned int code, const nxmsg_entry **out, size_t max);

/* Look a code up by its symbolic name.  Case-insensitive, '-' counts as '_',
 * surrounding blanks are ignored, and the common prefixes (NX_, NX_SECURE_,
 * NX_SECURE_TLS_, NX_SECURE_X509_, NX_SECURE_DTLS_, NX_SECURE_PKCS1_,
 * NX_CRYPTO_) may be left out: "NX_SECURE_TLS_INVALID_SERVER_CERT",
 * "invalid_server_cert" and "tls_invalid-server-cert" all find 0x10C;
 * "not_connected" finds NX_NOT_CONNECTED (0x38) and "authentication_failed"
 * NX_CRYPTO_AUTHENTICATION_FAILED (0x20003).  NetX Duo spells one crypto
 * name NX_CRYTPO_MISSING_ECC_CURVE: it is found under that spelling, as
 * NX_CRYPTO_MISSING_ECC_CURVE and as "missing_ecc_curve".  On success
 * returns NXMSG_OK and stores the entry in *out.  A short name shared by
 * several codes (e.g. "success", "invalid_certificate", "ptr_error") returns
 * NXMSG_EAMBIGUOUS and stores the first match in the order of
 * nxmsg_entry_at(); nxmsg_find_names() lists them all.  Returns
 * NXMSG_ENOENT or NXMSG_EINVAL (NULL, empty, longer than 80 characters, or a
 * character other than letters, digits, '_' and '-') otherwise, leaving
 * *out NULL.  out may be NULL. */
NXMSG_API int nxmsg_find_name(const char *name, const nxmsg_entry **out);

/* All entries that `name` matches under the rules of nxmsg_find_name(): stores
 * up to max of them in out[] (ordered as nxmsg_entry_at()) and returns how
 * many match (0 if none or malformed). */
NXMSG_API size_t nxmsg_find_names(const char *name, const nxmsg_entry **out, size_t max);

/* The value of an entry; NXMSG_NO_CODE for NULL. */
NXMSG_API unsigned int nxmsg_entry_value(const nxmsg_entry *e);
/* The domain of an entry; NXMSG_DOMAIN_NONE for NULL. */
NXMSG_API nxmsg_domain nxmsg_entry_domain(const nxmsg_entry *e);
#ifndef NXMSG_CORE_PACKED
/* The symbolic name, e.g. "NX_SECURE_TLS_INVALID_SERVER_CERT"; NULL for NULL. */
NXMSG_API const char *nxmsg_entry_name(const nxmsg_entry *e);

/* The symbolic name of a value, or NULL if unknown ("NX_SECURE_TLS_SUCCESS"
 * for 0x00, as nxmsg_find()). */
NXMSG_API const char *nxmsg_name(unsigned int code);
#endif

/* The symbolic name of an entry into buf (see Conventions for *_r); ""
 * for NULL.  Names are ASCII, at most 80 bytes. */
NXMSG_API size_t nxmsg_entry_name_r(const nxmsg_entry *e, char *buf, size_t size);

/* The symbolic name of a value into buf, as nxmsg_entry_name_r(
 * nxmsg_find(code), ...): "" (and 0) if the value is not a known code. */
NXMSG_API size_t nxmsg_name_r(unsigned int code, char *buf, size_t size);

/* Convert a name as nxmsg_find_name() does; stores the value in *code.
 * Returns NXMSG_OK, NXMSG_EAMBIGUOUS (only when all matches share one value,
 * as "success" does, is that value stored and NXMSG_OK returned), NXMSG_ENOENT
 * or NXMSG_EINVAL. */
NXMSG_API int nxmsg_code_from_name(const char *name, unsigned int *code);

/* Parse a code as a user writes it: hex ("0x10C", "0X010c"), decimal ("268")
 * or a name (the rules of nxmsg_find_name()); surrounding blanks are ignored.
 * Returns NXMSG_OK and stores the value in *code (a number is stored whether
 * or not it is a known code: ask nxmsg_find()); NXMSG_EAMBIGUOUS for a short
 * name of codes with different values; NXMSG_ENOENT for a well-formed name of
 * no code; NXMSG_EINVAL for anything else: NULL, empty, a sign, junk after
 * the digits, "0x" alone, a value above 0xFFFFFFFF.  *code is written only on
 * NXMSG_OK.  code may be NULL. */
NXMSG_API int nxmsg_parse_code(const char *s, unsigned int *code);

/* The range a value belongs to (0x00 counts as NXMSG_DOMAIN_TLS). */
NXMSG_API nxmsg_domain nxmsg_domain_of(unsigned int code);

/* "TLS", "X.509", "NetX TCP/IP", "NetX Crypto" or "unknown". */
NXMSG_API const char *nxmsg_domain_name(nxmsg_domain domain);

/* The keyword of a domain as options, tables and JSON spell it: "tls",
 * "x509", "core" or "crypto"; NULL for NXMSG_DOMAIN_NONE and other values. */
NXMSG_API const char *nxmsg_domain_key(nxmsg_domain domain);

/* The domain a keyword of nxmsg_domain_key() names (exact, lower case), or
 * NXMSG_DOMAIN_NONE for anything else, NULL included. */
NXMSG_API nxmsg_domain nxmsg_domain_from_key(const char *key);

/* Copy a NUL-terminated UTF-8 string like the *_r functions do: returns
 * strlen(src) (src NULL counts as "") and writes the longest prefix that
 * fits and does not end inside a character.  src must not overlap buf. */
NXMSG_API size_t nxmsg_copy_r(const char *src, char *buf, size_t size);

#ifndef NXMSG_CORE_NAMES_ONLY
/* ------------------------------------------------------------------------ */
/* Languages and descriptions                                                */
/* ------------------------------------------------------------------------ */

/* A resolved language.  Resolve once with nxmsg_lang_open(), then every
 * lookup through it is an array index.  Handles are never freed and stay
 * valid for the life of the program. */
typedef struct nxmsg_lang nxmsg_lang;

/* The language for a name: "ja", "en", a locale name such as "ja_JP.UTF-8"
 * or "ja-JP" (the full tag is tried first, then its language).  In the core,
 * the languages compiled in; anything else, NULL included, is English.  The
 * host library (nxmsg.h) adds installed .mo catalogs and takes NULL as the
 * process environment.  Never NULL. */
NXMSG_API const nxmsg_lang *nxmsg_lang_open(const char *lang);

/* The tag of a resolved language ("en", "ja", "ja_JP"). */
NXMSG_API const char *nxmsg_lang_tag(const nxmsg_lang *l);

#ifndef NXMSG_CORE_PACKED
/* The description of a known entry in language l; NULL if e is NULL. */
NXMSG_API const char *nxmsg_lang_text(const nxmsg_lang *l, const nxmsg_entry *e);
#endif

/* The description of a known entry in language l into buf (see Conventions
 * for *_r); "" if e is NULL. */
NXMSG_API size_t nxmsg_lang_text_r(const nxmsg_lang *l, const nxmsg_entry *e, char *buf,
                                   size_t size);

/* The description of any code in language l into buf (see Conventions for
 * *_r).  For an unknown code it is a localized text naming the hex value
 * (0x and at least two upper-case digits) and the range it falls in. */
NXMSG_API size_t nxmsg_lang_describe_r(const nxmsg_lang *l, unsigned int code, char *buf,
                                       size_t size);

#ifndef NXMSG_CORE_PACKED
/* The description of an entry in a language, as nxmsg_lang_text(
 * nxmsg_lang_open(lang), e).  e NULL gives the text of unknown code
 * 0xFFFFFFFF in the host library, "" in the core. */
NXMSG_API const char *nxmsg_entry_text(const nxmsg_entry *e, const char *lang);
#endif

/* The same as nxmsg_lang_describe_r(nxmsg_lang_open(lang), ...). */
NXMSG_API size_t nxmsg_describe_r(unsigned int code, const char *lang, char *buf, size_t size);

#ifndef NXMSG_CORE_PACKED
/* The stable message ID: msgctxt and msgid of the catalogs, i.e. the name and
 * the built-in English text.  Either pointer may be NULL. */
NXMSG_API void nxmsg_entry_msgid(const nxmsg_entry *e, const char **msgctxt, const char **msgid);
#endif

/* Whether lang resolves to a language other than the built-in English: a
 * compiled-in language (core) or an installed catalog (host library).  "en"
 * and "C" report 0 unless an English catalog is installed. */
NXMSG_API int nxmsg_have_catalog(const char *lang);

/* The tag ("ja") of the index-th compiled-in language, in po/LINGUAS order,
 * or NULL when index is past the last one (always NULL in a host library
 * built without embedded catalogs).  English is built in and not listed. */
NXMSG_API const char *nxmsg_embedded_language(size_t index);

/* Flag: East Asian Ambiguous characters are 2 columns wide (default 1). */
#define NXMSG_TEXT_AMBIGUOUS_WIDE 0x1u

/* Display width in terminal columns of the text of e in lang, as the
 * host library's nxmsg_width(text, NXMSG_STRLEN, flags) measures it, so
 * that a UI can lay out the texts without ICU.  Only
 * NXMSG_TEXT_AMBIGUOUS_WIDE in flags counts; other bits are ignored.  The
 * core measures with its ICU-free layout (nxmsg_layout.h, data computed at
 * build time); the host library with nxmsg_width().  e NULL gives 0. */
NXMSG_API size_t nxmsg_entry_width(const nxmsg_entry *e, const char *lang, unsigned flags);
#endif /* !NXMSG_CORE_NAMES_ONLY */

#ifdef __cplusplus
}
#endif

#endif /* NXMSG_CORE_H */
