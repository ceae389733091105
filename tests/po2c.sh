#!/bin/sh
# po2c.sh - po/po2c.awk keeps the English text exactly where lib/l10n.c's .mo
# reader would: fuzzy, untranslated, stale, plural, control characters,
# invalid UTF-8, too long, bad templates.  Run by "make check".

srcdir="${NXMSG_SRCDIR:-.}"
awk_prog="$srcdir/po/po2c.awk"
codes="$srcdir/lib/codes.def"
. "$srcdir/tests/testlib.sh"

# text NAME: the C string the last generated file gives message NAME in its
# (only) language's blob; fallback NAME: whether that language keeps English
text() {
    sed -n "/^static const char nxmsg__blob_/,/^    ;/s/^    \/\* $1 \*\/ \"\(.*\)\" \"\\\\0\"\$/\1/p" "$tmp/out.c"
}
fallback() {
    sed -n "/^static const uint16_t nxmsg__off_/,/^};/p" "$tmp/out.c" | grep -q "^    \[NXMSG_IDX_$1\] = NXMSG__FALLBACK,\$"
}
english() { grep -E "^NXMSG_[A-Z]+\((.*, )?$1, \"" "$codes" | sed 's/^[^"]*"\(.*\)")$/\1/'; }
text_is() { # NAME WANT
    got=$(text "$1")
    if [ "$got" = "$2" ] && ! fallback "$1"; then ok; else bad "$1: got '$got', want '$2'"; fi
}
text_is_en() { # NAME: no text of its own, English at run time
    if fallback "$1" && [ -z "$(text "$1")" ] && [ -n "$(english "$1")" ]; then ok
    else bad "$1: not left to English (got '$(text "$1")')"; fi
}
gen() { LC_ALL=C ${AWK:-awk} -f "$awk_prog" "$codes" "$@" >"$tmp/out.c" 2>"$tmp/err"; }

[ -n "$(english NX_SECURE_TLS_BAD_CIPHERSPEC)" ] || bad "cannot read codes.def"
en_cert=$(english NX_SECURE_TLS_INVALID_SERVER_CERT)
en_hs=$(english NX_SECURE_TLS_HANDSHAKE_FAILURE)
en_state=$(english NX_SECURE_TLS_INVALID_STATE)
en_tcp=$(english NX_SECURE_TLS_TCP_SEND_FAILED)
en_mac=$(english NX_SECURE_TLS_HASH_MAC_VERIFY_FAILURE)
en_len=$(english NX_SECURE_TLS_INCORRECT_MESSAGE_LENGTH)
en_tls=$(english NXMSG_UNKNOWN_TLS)
en_x509=$(english NXMSG_UNKNOWN_X509)
en_core=$(english NXMSG_UNKNOWN_CORE)
en_any=$(english NXMSG_UNKNOWN_CODE)

# 1. a .po file through the Makefile's normalization
cat >"$tmp/xx.po" <<PO
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgctxt "NX_SECURE_TLS_INVALID_SERVER_CERT"
msgid "$en_cert"
msgstr ""
"証明書が"
"不正です ??= ok"

#, fuzzy
msgctxt "NX_SECURE_TLS_HANDSHAKE_FAILURE"
msgid "$en_hs"
msgstr "あいまい"

msgctxt "NX_SECURE_TLS_BAD_CIPHERSPEC"
msgid "A received ChangeCipherSpec message was wrong (old English)."
msgstr "古い訳"

msgctxt "NX_SECURE_TLS_INVALID_STATE"
msgid "$en_state"
msgstr ""

msgctxt "NX_SECURE_TLS_TCP_SEND_FAILED"
msgid "$en_tcp"
msgstr "タブ\t入り"

msgctxt "NX_SECURE_TLS_HASH_MAC_VERIFY_FAILURE"
msgid "$en_mac"
msgstr "引用 \"符\" と \\\\ 記号"

msgctxt "NO_SUCH_CODE"
msgid "Nothing."
msgstr "無し"

msgctxt "NXMSG_UNKNOWN_TLS"
msgid "$en_tls"
msgstr "不明 %d"

msgctxt "NXMSG_UNKNOWN_X509"
msgid "$en_x509"
msgstr "不明 %s と %s"

msgctxt "NXMSG_UNKNOWN_CORE"
msgid "$en_core"
msgstr "%s は NetX"

msgctxt "NXMSG_UNKNOWN_CODE"
msgid "$en_any"
msgstr "100%% 不明 %s"

#~ msgctxt "NX_SECURE_TLS_INCORRECT_MESSAGE_LENGTH"
#~ msgid "$en_len"
#~ msgstr "廃止"
PO
msgattrib --no-fuzzy --translated --no-obsolete --no-wrap --no-location -o "$tmp/xx.norm" "$tmp/xx.po" ||
    bad "msgattrib failed"
if gen lang=xx "$tmp/xx.norm"; then ok; else bad "po2c.awk failed: $(cat "$tmp/err")"; fi
text_is NX_SECURE_TLS_INVALID_SERVER_CERT '証明書が不正です ?\?= ok'
text_is_en NX_SECURE_TLS_HANDSHAKE_FAILURE       # fuzzy
text_is_en NX_SECURE_TLS_BAD_CIPHERSPEC          # stale msgid
text_is_en NX_SECURE_TLS_INVALID_STATE           # untranslated
text_is_en NX_SECURE_TLS_TCP_SEND_FAILED         # a control character
text_is NX_SECURE_TLS_HASH_MAC_VERIFY_FAILURE '引用 \"符\" と \\ 記号'
text_is_en NX_SECURE_TLS_INCORRECT_MESSAGE_LENGTH # obsolete
text_is_en NXMSG_UNKNOWN_TLS                     # %d
text_is_en NXMSG_UNKNOWN_X509                    # two %s
text_is NXMSG_UNKNOWN_CORE '%s は NetX'
text_is_en NXMSG_UNKNOWN_CODE                    # %%
grep -q 'NO_SUCH_CODE' "$tmp/out.c" && bad "unknown msgctxt emitted" || ok
grep -q '{ "xx", nxmsg__blob_xx, nxmsg__off_xx },' "$tmp/out.c" && ok || bad "language xx not listed"
grep -q 'xx: 3 of ' "$tmp/out.c" && ok || bad "translated count wrong: $(grep 'xx:' "$tmp/out.c")"

# 2. byte-level cases msgattrib would not let through, given directly
long=$(printf '%0400d' 0 | sed 's/0/あ/g')   # 1200 bytes
ff=$(printf '\377') c1=$(printf '\302\205') sur=$(printf '\355\240\200') esc=$(printf '\033')
emoji=$(printf '\360\237\230\200')
printf '%s\n' \
  'msgctxt "NX_SECURE_TLS_INVALID_SERVER_CERT"' "msgid \"$en_cert\"" "msgstr \"ok $ff bad\"" '' \
  'msgctxt "NX_SECURE_TLS_HANDSHAKE_FAILURE"' "msgid \"$en_hs\"" "msgstr \"c1 $c1 bad\"" '' \
  'msgctxt "NX_SECURE_TLS_INVALID_STATE"' "msgid \"$en_state\"" "msgstr \"surrogate $sur\"" '' \
  'msgctxt "NX_SECURE_TLS_TCP_SEND_FAILED"' "msgid \"$en_tcp\"" "msgstr \"esc $esc[31m\"" '' \
  'msgctxt "NX_SECURE_TLS_BAD_CIPHERSPEC"' "msgid \"$(english NX_SECURE_TLS_BAD_CIPHERSPEC)\"" \
      "msgstr \"$long\"" '' \
  'msgctxt "NX_SECURE_TLS_HASH_MAC_VERIFY_FAILURE"' "msgid \"$en_mac\"" "msgstr \"emoji $emoji ok\"" '' \
  'msgctxt "NX_SECURE_TLS_SESSION_UNINITIALIZED"' 'msgid "x"' 'msgid_plural "y"' 'msgstr[0] "z"' \
  >"$tmp/yy.norm"
if gen lang=yy "$tmp/yy.norm"; then ok; else bad "po2c.awk failed: $(cat "$tmp/err")"; fi
text_is_en NX_SECURE_TLS_INVALID_SERVER_CERT     # invalid byte
text_is_en NX_SECURE_TLS_HANDSHAKE_FAILURE       # C1 control
text_is_en NX_SECURE_TLS_INVALID_STATE           # surrogate
text_is_en NX_SECURE_TLS_TCP_SEND_FAILED         # raw ESC
text_is_en NX_SECURE_TLS_BAD_CIPHERSPEC          # over 1024 bytes
text_is_en NX_SECURE_TLS_SESSION_UNINITIALIZED   # plural
text_is NX_SECURE_TLS_HASH_MAC_VERIFY_FAILURE "emoji $emoji ok"

# 3. two languages in one run; bad tags and duplicates are errors
if gen lang=xx "$tmp/xx.norm" lang=yy "$tmp/yy.norm"; then ok; else bad "two languages failed"; fi
[ "$(grep -c '^    { "[a-z][a-z]", nxmsg__blob_[a-z][a-z], nxmsg__off_[a-z][a-z] },$' "$tmp/out.c")" -eq 3 ] && ok ||
    bad "want English and two languages listed"
for tag in 'x' 'ja/../x' 'JA' 'ja_JP.UTF-8'; do
    if gen lang="$tag" "$tmp/xx.norm"; then bad "tag '$tag' accepted"; else ok; fi
    grep -q 'language tag' "$tmp/err" && ok || bad "no clear error for tag '$tag'"
done
if gen lang=xx "$tmp/xx.norm" lang=xx "$tmp/xx.norm"; then bad "duplicate language accepted"; else ok; fi

finish po2c
