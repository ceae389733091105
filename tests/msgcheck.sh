#!/bin/sh
# msgcheck.sh - the catalog text rules, one table of fixtures run through
# both of their users: tools/nxmsg-check-po must report a rejected text as an
# error at the msgstr's file:line with the reason, and accept the others;
# the library's .mo loader (through src/nxmsg) must show a rejected text's
# English and an accepted text as written.  Expected verdicts are written by
# hand from the rules in TRANSLATING.md and the Unicode data (UAX #15
# quick-check properties, UAX #9 bidi controls).  Run by "make check".

src="${NXMSG_SRCDIR:-.}"
build="${NXMSG_BUILDDIR:-.}"
tool="$build/tools/nxmsg-check-po"
nxmsg="$build/src/nxmsg"
. "$src/tests/testlib.sh"
n=0

command -v msgfmt >/dev/null 2>&1 || { echo "SKIP: msgfmt not found"; exit 77; }
[ -x "$tool" ] && [ -x "$nxmsg" ] || { echo "FAIL: $tool or $nxmsg not built"; exit 1; }

en_10c="The received server certificate was not parsed correctly."
en_tls="Unknown NetX Secure TLS return code 0x17E (TLS values range from 0x101 to 0x17F)."

# fixture NAME KIND TEXT VERDICT
#   KIND: code (0x10C's description) or tpl (the unknown TLS code template,
#   shown for 0x17E).  TEXT goes into the msgstr as written: PO escapes
#   (\n, \t, octal \NNN) are decoded by both msgfmt and check-po.  VERDICT:
#   "ok", or (part of) the reason check-po must give at the msgstr's line.
fixture() {
    name=$1 kind=$2 text=$3 verdict=$4
    n=$((n + 1))
    lang=$(awk -v n=$n 'BEGIN { printf "q%c%c", 97 + int((n - 1) / 26), 97 + (n - 1) % 26 }')
    po="$tmp/$name.po"
    if [ "$kind" = tpl ]; then
        ctxt=NXMSG_UNKNOWN_TLS code=0x17E en=$en_tls flag='#, c-format'
        msgid="Unknown NetX Secure TLS return code %s (TLS values range from 0x101 to 0x17F)."
    else
        ctxt=NX_SECURE_TLS_INVALID_SERVER_CERT code=0x10C en=$en_10c flag='#. fixture'
        msgid=$en_10c
    fi
    # the fixture's msgstr is line 9; a second, valid message keeps the
    # catalog in use when the fixture's text is rejected
    cat >"$po" <<EOF
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: $lang\n"

$flag
msgctxt "$ctxt"
msgid "$msgid"
msgstr "$text"

msgctxt "NX_SECURE_TLS_UNSUPPORTED_PUBLIC_CIPHER"
msgid "The certificate provided by the server specified an unsupported public key operation."
msgstr "サーバー証明書の公開キー操作はサポートされていません。"
EOF
    # check-po
    "$tool" "$po" >/dev/null 2>"$tmp/err"; st=$?
    if [ "$verdict" = ok ]; then
        [ $st -eq 0 ] && ok ||
            { bad "$name: check-po rejects it (exit $st)"; cat "$tmp/err"; }
    else
        [ $st -eq 1 ] && grep -F -- "$po:9: " "$tmp/err" | grep -qF -- "$verdict" && ok ||
            { bad "$name: check-po exit $st, want '$po:9: ...$verdict...'"; cat "$tmp/err"; }
    fi
    # the library
    mkdir -p "$tmp/loc/$lang/LC_MESSAGES"
    msgfmt -o "$tmp/loc/$lang/LC_MESSAGES/nxmsg.mo" "$po" 2>"$tmp/err" ||
        { bad "$name: msgfmt failed"; cat "$tmp/err"; return; }
    got=$(NXMSG_LOCALEDIR="$tmp/loc" "$nxmsg" --lang="$lang" $code 2>&1)
    if [ "$verdict" = ok ]; then
        # shellcheck disable=SC2059
        want=$(printf "$text" $code)
    else
        want=$en
    fi
    [ "$got" = "$code${got#"$code"}" ] && [ "${got#*: }" = "$want" ] && ok ||
        bad "$name: nxmsg --lang=$lang $code printed '$got', want '...: $want'"
}

# accepted
fixture plain       code "受信したサーバー証明書を解析できませんでした。" ok
fixture composed    code "が" ok                                 # U+304C, NFC
fixture fullwidth   code "（ＡＢ）ｱ" ok                           # NFC keeps compatibility forms
fixture lrm         code 'a\342\200\216b' ok                     # U+200E is no embedding control
fixture mark-yes    code 'q\314\205' ok                          # U+0305: ccc 230, NFC_QC Yes
fixture marks-order code 'q\314\226\314\205' ok                  # ccc 220 then 230: canonical order
fixture max-length  code "$(printf '%01024d' 0)" ok              # 1024 bytes
fixture tpl-ok      tpl  "不明な NetX Secure TLS コード %s （TLS: 0x101 - 0x17F）。" ok
# control characters
fixture newline     code 'a\nb' "control character"
fixture tab         code 'a\tb' "control character"
fixture esc         code 'a\033[31mb' "control character"
fixture del         code 'a\177b' "control character"
fixture c1-nel      code 'a\302\205b' "control character"       # U+0085
# invalid UTF-8
fixture bad-byte    code 'a\377b' "invalid UTF-8 (byte 2 of the translation)"
fixture overlong    code 'a\300\257' "invalid UTF-8"
fixture surrogate   code 'a\355\240\200' "invalid UTF-8"
fixture truncated   code 'a\343\201' "invalid UTF-8"
fixture above-max   code 'a\364\220\200\200' "invalid UTF-8"   # U+110000
# bidi controls, separators, BOM
fixture lre         code 'a\342\200\252b' "bidi control character" # U+202A
fixture rlo         code 'a\342\200\256b' "bidi control character" # U+202E
fixture lri         code 'a\342\201\246b' "bidi control character" # U+2066
fixture pdi         code 'a\342\201\251b' "bidi control character" # U+2069
fixture line-sep    code 'a\342\200\250b' "line or paragraph separator" # U+2028
fixture para-sep    code 'a\342\200\251b' "line or paragraph separator" # U+2029
fixture bom         code '\357\273\277a' "U+FEFF"
# normalization
fixture nfd-kana    code 'か\343\202\231' "combining character that may compose" # か + U+3099
fixture nfd-latin   code 'e\314\201' "combining character that may compose"   # e + U+0301
fixture nfc-no      code '\340\245\230' "not in Unicode NFC"    # U+0958: NFC_QC No
fixture cjk-compat  code '\357\244\200' "not in Unicode NFC"    # U+F900 -> U+8C48
fixture marks-swap  code 'q\314\205\314\226' "not in Unicode NFC" # ccc 230 before 220
# after characters of other stretches between the rules' ranges (kanji,
# kana, punctuation, Greek, half-width), which the checker remembers
fixture mixed-ok    code "、漢字かなカナｱΩé q\314\226\314\205" ok
fixture kana-nfd    code '漢字かな\343\202\231' "combining character that may compose" # U+3099
fixture kanji-compat code 'カタカナ漢字\357\244\200' "not in Unicode NFC" # U+F900
fixture five-then-no code '、かカｱΩ\340\245\230' "not in Unicode NFC" # U+0958
fixture mark-after-cjk code 'かq\314\205\314\226' "not in Unicode NFC" # ccc 230 before 220
fixture too-long    code "$(printf '%01025d' 0)" "text longer than 1024 bytes"
# templates: exactly one %s, no other %
fixture tpl-none    tpl  "不明な NetX Secure TLS コード （TLS: 0x101 - 0x17F）。" "exactly one %s"
fixture tpl-two     tpl  "不明な NetX Secure TLS コード %s %s （TLS: 0x101 - 0x17F）。" "exactly one %s"
fixture tpl-d       tpl  "不明な NetX Secure TLS コード %d （TLS: 0x101 - 0x17F）。" "exactly one %s"
fixture tpl-pos     tpl  "不明な NetX Secure TLS コード %1\$s （TLS: 0x101 - 0x17F）。" "exactly one %s"
fixture tpl-pct     tpl  "100%% 不明な NetX Secure TLS コード %s （TLS: 0x101 - 0x17F）。" "exactly one %s"
fixture tpl-end     tpl  "不明な NetX Secure TLS コード %s （TLS: 0x101 - 0x17F）%" "exactly one %s"

echo "msgcheck: $n fixtures"
finish msgcheck
