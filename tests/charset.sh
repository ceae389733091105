#!/bin/sh
# charset.sh - output in the locale's character set (EUC-JP, Shift_JIS),
# checked byte for byte with iconv against the UTF-8 output.  The locales are
# generated here with localedef; without localedef, the ja_JP source or
# iconv the test is skipped (77).
nxmsg="${NXMSG_BUILDDIR:-.}/src/nxmsg"
. "${NXMSG_SRCDIR:-.}/tests/testlib.sh"


command -v localedef >/dev/null 2>&1 && command -v iconv >/dev/null 2>&1 || { echo "SKIP: no localedef or iconv"; exit 77; }
mkdir "$tmp/loc"
localedef -c -i ja_JP -f EUC-JP "$tmp/loc/ja_JP.EUC-JP" >/dev/null 2>&1
localedef -c -i ja_JP -f SHIFT_JIS "$tmp/loc/ja_JP.SJIS" >/dev/null 2>&1
[ -d "$tmp/loc/ja_JP.EUC-JP" ] && [ -d "$tmp/loc/ja_JP.SJIS" ] || { echo "SKIP: localedef failed"; exit 77; }
LOCPATH="$tmp/loc"; export LOCPATH
[ "$(LC_ALL=ja_JP.EUC-JP locale charmap 2>/dev/null)" = EUC-JP ] || { echo "SKIP: generated locale unusable"; exit 77; }

# run LOCALE ARGS... : output of nxmsg in LOCALE into $tmp/out, status in $st
run() { loc=$1; shift; LC_ALL=$loc "$nxmsg" "$@" >"$tmp/out" 2>"$tmp/err"; st=$?; }
# utf8 ARGS...: the reference output in C.UTF-8 into $tmp/ref
utf8() { LC_ALL=C.UTF-8 LANGUAGE=ja "$nxmsg" "$@" >"$tmp/ref" 2>/dev/null; }  # ja_JP locales: Japanese messages

for case in "EUC-JP ja_JP.EUC-JP" "SHIFT_JIS ja_JP.SJIS"; do
    set -- $case; cs=$1 loc=$2
    # a lookup, a bilingual listing, a table whose alignment depends on the
    # width of each character, and the help: iconv gives back the UTF-8 output
    for args in "--lang=ja 0x10C" "--lang=both --list" \
                "table --lang=both --width=100" "table --lang=ja --format=box --width=70 --domain=x509" \
                "--lang=ja --help" "table --lang=ja --format=csv"; do
        # shellcheck disable=SC2086
        run "$loc" $args
        [ "$st" -eq 0 ] && ok || bad "$cs: nxmsg $args exited $st"
        if iconv -f "$cs" -t UTF-8 "$tmp/out" >"$tmp/conv" 2>/dev/null; then ok; else bad "$cs: nxmsg $args is not $cs"; fi
        # shellcheck disable=SC2086
        utf8 $args
        same "$tmp/ref" "$tmp/conv" "$cs: nxmsg $args differs from the UTF-8 output"
    done
    # error messages too
    # (the command's own messages are English in a --disable-nls build)
    if [ "${NXMSG_NLS:-yes}" != no ]; then
        LC_ALL=$loc LANGUAGE=ja "$nxmsg" --lang=ja invalid_sever_cert 2>"$tmp/err" >/dev/null
        iconv -f "$cs" -t UTF-8 "$tmp/err" >"$tmp/conv" 2>/dev/null && grep -q 'のことですか' "$tmp/conv" && ok || bad "$cs: diagnostic not converted"
    fi
done

# --encoding overrides the locale
LC_ALL=C.UTF-8 "$nxmsg" --encoding=EUC-JP --lang=ja 0x10C >"$tmp/out"
LC_ALL=ja_JP.EUC-JP "$nxmsg" --lang=ja 0x10C >"$tmp/ref"
same "$tmp/ref" "$tmp/out" "--encoding=EUC-JP differs from the EUC-JP locale"
LC_ALL=ja_JP.EUC-JP "$nxmsg" --encoding=UTF-8 --lang=ja 0x10C >"$tmp/out"
utf8 --lang=ja 0x10C
same "$tmp/ref" "$tmp/out" "--encoding=UTF-8 in an EUC-JP locale"
run C.UTF-8 --encoding=no-such-charset 0x10C
[ "$st" -eq 2 ] && grep -q "unknown character set 'no-such-charset'" "$tmp/err" && ok || bad "unknown --encoding: $st"

# characters the charset lacks become "?", and the layout is computed on
# what is written: every line of an ASCII table has the same length
run C.UTF-8 --encoding=ASCII --lang=both table --width=90 0x10C 0x193
[ "$st" -eq 0 ] && ok || bad "ASCII table exited $st"
if LC_ALL=C grep -q '[^ -~]' "$tmp/out"; then bad "ASCII output has other bytes"; else ok; fi
grep -q '????' "$tmp/out" && ok || bad "no substitutes in the ASCII table"
[ "$(awk '{ print length($0) }' "$tmp/out" | sort -u | wc -l)" -eq 1 ] && ok || bad "ASCII table lines differ in length"

# the C locale (ASCII) writes UTF-8: an explicit --lang=ja in a script works
run C --lang=ja 0x10C
utf8 --lang=ja 0x10C
same "$tmp/ref" "$tmp/out" "C locale output is not the UTF-8 output"

# JSON stays UTF-8 whatever the locale
run ja_JP.EUC-JP --format=json 0x10C
utf8 --format=json 0x10C
same "$tmp/ref" "$tmp/out" "JSON is converted"

# annotate: the input bytes are never changed, only the annotations are
# converted (their brackets as [ and ])
printf 'status=0x10C \244\242 \xE2\x9F\xA6 x\n' >"$tmp/log"     # EUC-JP "あ" and a stray bracket
run ja_JP.EUC-JP annotate --lang=ja "$tmp/log"
printf 'status=0x10C [0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: ' >"$tmp/want"
LC_ALL=C.UTF-8 "$nxmsg" --lang=ja 0x10C | sed 's/^[^:]*: //' | tr -d '\n' | iconv -f UTF-8 -t EUC-JP >>"$tmp/want"
printf '] \244\242 \xE2\x9F\xA6 x\n' >>"$tmp/want"
same "$tmp/want" "$tmp/out" "annotate in EUC-JP"
run ja_JP.EUC-JP annotate --strip "$tmp/log"
same "$tmp/log" "$tmp/out" "annotate --strip changed the input"

finish charset
