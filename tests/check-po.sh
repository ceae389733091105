#!/bin/sh
# check-po.sh - tools/nxmsg-check-po catches each defect of the broken
# catalogs in tests/data/po-broken/ with the right file:line message, passes
# the real catalogs, and reports messages missing from the template.
# Run by "make check" (NXMSG_BUILDDIR and NXMSG_SRCDIR set).

src="${NXMSG_SRCDIR:-.}"
tool="${NXMSG_BUILDDIR:-.}/tools/nxmsg-check-po"
dir="$src/tests/data/po-broken"
rules="--punct=$src/po/punct-ja.txt --glossary=$src/po/glossary-ja.tsv"
. "$src/tests/testlib.sh"

# expect STATUS ARGS... (testlib.sh) runs the tool; it reports on stderr
tested=nxmsg-check-po
run_tested() { "$tool" "$@"; }
# errors N: the last run reported exactly N errors ("file:line: " lines without "warning:")
errors() {
    n=$(grep -c '^[^:]*:[0-9][0-9]*: ' "$tmp/err")
    w=$(grep -c '^[^:]*:[0-9][0-9]*: warning: ' "$tmp/err")
    if [ $((n - w)) -eq "$1" ]; then ok; else bad "want $1 errors, got $((n - w))"; cat "$tmp/err"; fi
}

# broken FILE LINE MESSAGE: FILE has one defect, reported at LINE
broken() {
    # shellcheck disable=SC2086
    expect 1 $rules "$dir/$1"
    errhas "$dir/$1:$2: $3"
    errors 1
}

[ -x "$tool" ] || { echo "FAIL: $tool not built"; exit 1; }

# the base of the broken files is itself clean
# shellcheck disable=SC2086
expect 0 $rules "$dir/ok.po"
errors 0

broken fuzzy.po 14 "fuzzy translation"
broken untranslated.po 16 "untranslated message"
broken nfd.po 16 "combining character that may compose with the one before"
broken bad-utf8.po 16 "invalid UTF-8 (byte 0xE3 at byte 48 of the line)"
broken missing-identifier.po 16 "identifier 'ChangeCipherSpec' of the English text is missing"
broken over-width.po 16 "display width 58 exceeds the budget max-width: 40"
broken format-missing.po 17 "a template must contain exactly one %s and no other %"
broken format-type.po 17 "a template must contain exactly one %s and no other % (byte 33 of the translation)"
broken c-format-position.po 17 "format directives differ: English has none, translation has malformed"
broken duplicate.po 27 "duplicate message NX_SECURE_TLS_BAD_CIPHERSPEC (first at line 15)"
broken whitespace.po 16 "trailing whitespace differs from the English text"
broken ascii-punct.po 16 "ASCII ',' in a ja translation"
broken final-period.po 16 "ASCII '.' at the end in a ja translation"
broken syntax.po 16 "syntax error: unterminated string"
broken escape.po 16 "syntax error: invalid escape sequence"
broken nul.po 16 "NUL character in a message"

# a glossary deviation is a warning: exit 0
# shellcheck disable=SC2086
expect 0 $rules "$dir/glossary.po"
errhas "$dir/glossary.po:15: warning: glossary: 'certificate' is translated as '証明書'"
errors 0
# without the punctuation rules an ASCII comma is fine
expect 0 "$dir/ascii-punct.po"

# the real catalogs pass, also against the template
for lang in $(sed -e 's/#.*//' "$src/po/LINGUAS"); do
    set --
    [ -f "$src/po/punct-$lang.txt" ] && set -- "$@" "--punct=$src/po/punct-$lang.txt"
    [ -f "$src/po/glossary-$lang.tsv" ] && set -- "$@" "--glossary=$src/po/glossary-$lang.tsv"
    [ -f "$src/tests/data/seed-$lang.md" ] && set -- "$@" "--verbatim=$src/tests/data/seed-$lang.md"
    sed -e 's/#.*//' "$src/po/in-progress" | grep -qw "$lang" && set -- "$@" --in-progress
    expect 0 "$@" "--pot=$src/po/nxmsg.pot" "$src/po/$lang.po"
    errors 0
    if msgfmt -c -o /dev/null "$src/po/$lang.po" 2>"$tmp/err"; then ok; else bad "msgfmt -c $lang.po"; cat "$tmp/err"; fi
done

# a catalog that lost a message and has one the template lacks
awk 'BEGIN { RS = ""; ORS = "\n\n" }
     /msgctxt "NX_SECURE_TLS_INVALID_SERVER_CERT"/ { next }
     { print }
     END { print "msgctxt \"NX_SECURE_TLS_NO_SUCH_CODE\"\nmsgid \"Gone.\"\nmsgstr \"なし。\"" }' \
    "$src/po/ja.po" >"$tmp/stale.po"
expect 1 "--pot=$src/po/nxmsg.pot" "$tmp/stale.po"
errhas "$tmp/stale.po:1: message NX_SECURE_TLS_INVALID_SERVER_CERT of $src/po/nxmsg.pot is missing"
errhas "message NX_SECURE_TLS_NO_SUCH_CODE is not in $src/po/nxmsg.pot"
errors 2

# a language in progress: fuzzy and untranslated messages are warnings
expect 0 --in-progress "$dir/fuzzy.po"
errhas "$dir/fuzzy.po:14: warning: fuzzy translation"
errors 0
expect 0 --in-progress "$dir/untranslated.po"
errhas "$dir/untranslated.po:16: warning: untranslated message"
errors 0
# ... but every other problem is still an error
expect 1 --in-progress "$dir/nfd.po"
errors 1

# texts kept verbatim: ja.po's 116 published texts, each with its comment
seed="$src/tests/data/seed-ja.md"
n=$(grep -c '^# Kept verbatim: ' "$src/po/ja.po")
[ "$n" -eq 116 ] && ok || bad "ja.po has $n 'Kept verbatim' comments, want 116"
# "fixing" one (0x144: 拡張子 -> 拡張機能) is an error at its msgstr line
sed -e '/msgctxt "NX_SECURE_TLS_MISSING_EXTENSION"/,/^$/s/拡張子/拡張機能/' "$src/po/ja.po" >"$tmp/fixed.po"
line=$(awk '/msgctxt "NX_SECURE_TLS_MISSING_EXTENSION"/ { m = 1 } m && /^msgstr/ { print NR; exit }' "$tmp/fixed.po")
cmp -s "$src/po/ja.po" "$tmp/fixed.po" && bad "could not change the 0x144 text"
expect 1 "--verbatim=$seed" "$tmp/fixed.po"
errhas "$tmp/fixed.po:$line: kept verbatim: the text of NX_SECURE_TLS_MISSING_EXTENSION reproduces the published documentation"
errors 1
# the comment is required too
awk 'BEGIN { RS = ""; ORS = "\n\n" } /msgctxt "NX_SECURE_TLS_BAD_CIPHERSPEC"/ { sub(/# Kept verbatim:[^\n]*\n/, "") } { print }' \
    "$src/po/ja.po" >"$tmp/nonote.po"
expect 1 "--verbatim=$seed" "$tmp/nonote.po"
errhas "NX_SECURE_TLS_BAD_CIPHERSPEC is kept verbatim ($seed): add the translator comment"
errors 1
# a fuzzy verbatim text says what to do
awk 'BEGIN { RS = ""; ORS = "\n\n" } /msgctxt "NX_SECURE_TLS_BAD_CIPHERSPEC"/ { sub(/\nmsgctxt/, "\n#, fuzzy\nmsgctxt") } { print }' \
    "$src/po/ja.po" >"$tmp/fuzzyseed.po"
expect 1 "--verbatim=$seed" "$tmp/fuzzyseed.po"
errhas "fuzzy translation of a text kept verbatim: keep the published text, remove the fuzzy flag"
errors 1

# statistics: the fixtures count as what they are
expect 0 --stats "$dir/ok.po" "$dir/fuzzy.po" "$dir/untranslated.po" "$src/po/ja.po"
if grep -Eq '^ja +2 +0 +0 +0 +100\.0%$' "$tmp/out" && grep -Eq '^ja +0 +1 +0 +0 +0\.0%$' "$tmp/out" &&
   grep -Eq '^ja +0 +0 +1 +0 +0\.0%$' "$tmp/out" && grep -Eq '^ja +[1-9][0-9]* +0 +0 +0 +100\.0%$' "$tmp/out"
then ok; else bad "wrong statistics"; cat "$tmp/out"; fi

# usage errors and unreadable files exit 2
expect 2
expect 2 --no-such-option "$dir/ok.po"
expect 2 "$dir/no-such-file.po"
expect 2 --glossary="$dir/ok.po" "$dir/ok.po"

finish check-po
