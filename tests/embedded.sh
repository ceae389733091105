#!/bin/sh
# embedded.sh - the embedded-catalog build (configure --enable-embedded-catalogs):
# lookups work with no .mo file at all, and the static core
# lib/libnxmsg-core.a depends on neither ICU nor libintl nor the heap.
# Run by "make check" in that build only.

build="${NXMSG_BUILDDIR:-.}"
seed="${NXMSG_SRCDIR:-.}/tests/data/seed-ja.md"
core="$build/lib/libnxmsg-core.a"
. "${NXMSG_SRCDIR:-.}/tests/testlib.sh"
mkdir "$tmp/empty-locale"

# 1. the lookup tests of the gettext build, with an empty locale directory
if NXMSG_LOCALEDIR="$tmp/empty-locale" "$build/tests/check_catalog" >"$tmp/check.out" 2>&1; then ok
else bad "check_catalog without .mo files:"; cat "$tmp/check.out"; fi
grep -Eq '^100%: Checks: [0-9]+, Failures: 0, Errors: 0' "$tmp/check.out" && ok ||
    bad "check_catalog summary: $(grep 'Checks:' "$tmp/check.out")"

# 2. the CLI prints the seed's Japanese without .mo files
want=$(grep -F '| NX_SECURE_TLS_INVALID_SERVER_CERT ' "$seed" | head -n 1 | cut -d'|' -f4 | sed 's/^ *//; s/ *$//')
got=$(NXMSG_LOCALEDIR="$tmp/empty-locale" "$build/src/nxmsg" --lang=ja 0x10C)
[ -n "$want" ] && [ "$got" = "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: $want" ] && ok ||
    bad "nxmsg --lang=ja 0x10C without .mo: '$got'"

# 3. the core's undefined symbols: no ICU, no libintl, no heap, no files
[ -f "$core" ] || bad "$core missing"
${NM:-nm} "$core" >"$tmp/nm" || bad "nm $core failed"
grep -q ' T nxmsg_describe_r$' "$tmp/nm" && ok || bad "the core does not define nxmsg_describe_r"
grep -q ' [DR] nxmsg__text_tables$' "$tmp/nm" && ok || bad "the core has no text tables"
${NM:-nm} -u "$core" | awk '{ print $NF }' | sort -u >"$tmp/undef"
[ -s "$tmp/undef" ] && ok || bad "no undefined symbols listed (nm -u broken?)"
if grep -E '^(u_|ubrk_|unorm|ucol_|uloc_|ucptrie_)|_7[0-9]$|gettext|textdomain|libintl|^(malloc|calloc|realloc|free|fopen|open|read|mmap|qsort|snprintf|setlocale|getenv|secure_getenv|__tls_get_addr|pthread_[a-z_]*)$' \
        "$tmp/undef" >"$tmp/forbidden"; then
    bad "the core needs: $(tr '\n' ' ' <"$tmp/forbidden")"
else ok; fi

# 4. a program linked with the core loads no ICU or libintl, and allocates nothing
prog="$build/tests/embedded_noheap"
if ldd "$prog" >"$tmp/ldd" 2>&1; then
    if grep -E 'libicu|libintl' "$tmp/ldd"; then bad "embedded_noheap links ICU or libintl"; else ok; fi
    grep -q 'libc\.so' "$tmp/ldd" && ok || bad "ldd output unexpected: $(cat "$tmp/ldd")"
else
    bad "ldd $prog failed: $(cat "$tmp/ldd")"
fi
if NXMSG_LOCALEDIR="$tmp/empty-locale" "$prog" >"$tmp/noheap" 2>&1; then ok
else bad "embedded_noheap:"; cat "$tmp/noheap"; fi
grep -q 'heap allocations during lookups: 0$' "$tmp/noheap" && ok || bad "$(cat "$tmp/noheap")"

finish embedded
