#!/bin/sh
# cli.sh - the nxmsg command: output, languages, exit statuses.
# Run by "make check" (NXMSG_BUILDDIR, NXMSG_SRCDIR and NXMSG_LOCALEDIR set).

nxmsg="${NXMSG_BUILDDIR:-.}/src/nxmsg"
seed="${NXMSG_SRCDIR:-.}/tests/data/seed-ja.md"
. "${NXMSG_SRCDIR:-.}/tests/testlib.sh"
envs=

# expect STATUS ARGS... (testlib.sh) runs nxmsg in the environment $envs
tested=nxmsg
run_tested() { env $envs "$nxmsg" "$@"; }
lines()  { n=$(wc -l <"$tmp/out"); if [ "$n" -eq "$1" ]; then ok; else bad "want $1 lines, got $n"; fi; }

seed_ja=$(grep -F '| NX_SECURE_TLS_INVALID_SERVER_CERT ' "$seed" | head -n 1 | cut -d'|' -f4 | sed 's/^ *//; s/ *$//')
[ -n "$seed_ja" ] || bad "cannot read the seed"

expect 0 --lang=ja 0x10C
has "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: $seed_ja"
lines 1
expect 0 --lang=en 0x10C
has "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: The received server certificate was not parsed correctly."
cp "$tmp/out" "$tmp/en"
for form in 268 0x10c 0X010C NX_SECURE_TLS_INVALID_SERVER_CERT invalid_server_cert Invalid-Server-Cert; do
    expect 0 --lang en "$form"
    if cmp -s "$tmp/out" "$tmp/en"; then ok; else bad "'$form' differs from 0x10C"; fi
done
expect 0 --lang=both 0x10C
has "The received server certificate was not parsed correctly. / $seed_ja"
expect 0 -l ja 0x10C 0x1A0
lines 2

# the uninstalled program finds the build tree's catalogs beside itself
(unset NXMSG_LOCALEDIR; "$nxmsg" --lang=ja 0x10C) >"$tmp/out" 2>"$tmp/err"
has "$seed_ja"

# language from the environment (gettext's rules), English fallback
envs="LANGUAGE=ja"; expect 0 0x10C
has "$seed_ja"
envs="LANGUAGE=fr"; expect 0 0x10C
has "parsed correctly"
envs="LC_ALL=C LANGUAGE=ja"; expect 0 0x10C
has "parsed correctly"
envs="LANGUAGE=ja NXMSG_LOCALEDIR=/nonexistent"; expect 0 --lang=auto 0x10C
# configure --enable-embedded-catalogs compiles Japanese in: no .mo needed
if grep -q '^#define NXMSG_EMBEDDED_CATALOGS 1' "${NXMSG_BUILDDIR:-.}/config.h"; then
    has "$seed_ja"
else
    has "parsed correctly"
fi
envs=

# 0x00 belongs to TLS, X.509, NetX TCP/IP and NetX Crypto
expect 0 --lang=en 0
lines 4
has "0x00 NX_SECURE_TLS_SUCCESS:"
has "0x00 NX_SECURE_X509_SUCCESS:"
has "0x00 NX_SUCCESS:"
has "0x00 NX_CRYPTO_SUCCESS:"
expect 0 success
lines 4
expect 0 invalid_certificate
lines 2
has "0x112 NX_SECURE_TLS_INVALID_CERTIFICATE"
has "0x1A2 NX_SECURE_X509_INVALID_CERTIFICATE"

# unknown codes: exit 1, still say what is known
expect 1 --lang=en 0x160
has "0x160: Unknown NetX Secure TLS return code 0x160 (TLS values range from 0x101 to 0x17F)."
expect 1 --lang=ja 0x1FF
has "0x1FF: 不明な NetX Secure X.509"
expect 1 --lang=en 0x10C 0x160
lines 2
expect 1 NX_SECURE_TLS_NO_SUCH_THING
errhas "no such code name"
expect 1 0x20020
has "0x20020: Unknown NetX Crypto return code 0x20020"
expect 1 --lang=en 0x5A
has "0x5A: Unknown NetX TCP/IP return code 0x5A (NetX TCP/IP values are below 0x100)."
expect 1 --lang=en 0x100
has "0x100: Unknown return code 0x100 (outside the NetX Duo ranges"

# NetX TCP/IP and NetX Crypto codes, by value and by name with or without
# the prefix (the names and values come from tests/data/*.tsv)
expect 0 --lang=en 0x38
has "0x38 NX_NOT_CONNECTED: The TCP connection is not established"
lines 1
cp "$tmp/out" "$tmp/en"
for form in 56 NX_NOT_CONNECTED not_connected Not-Connected; do
    expect 0 --lang en "$form"
    if cmp -s "$tmp/out" "$tmp/en"; then ok; else bad "'$form' differs from 0x38"; fi
done
expect 0 --lang=ja 0x38
has "0x38 NX_NOT_CONNECTED: TCP 接続が確立されていません"
expect 0 --lang=en 0x20003
has "0x20003 NX_CRYPTO_AUTHENTICATION_FAILED: Authentication failed"
cp "$tmp/out" "$tmp/en"
for form in 131075 0x00020003 NX_CRYPTO_AUTHENTICATION_FAILED authentication_failed crypto_authentication_failed; do
    expect 0 --lang en "$form"
    if cmp -s "$tmp/out" "$tmp/en"; then ok; else bad "'$form' differs from 0x20003"; fi
done
# NetX Duo's own spelling of this name, and the corrected one
for form in NX_CRYTPO_MISSING_ECC_CURVE NX_CRYPTO_MISSING_ECC_CURVE missing_ecc_curve; do
    expect 0 --lang en "$form"
    has "0x2000F NX_CRYTPO_MISSING_ECC_CURVE:"
done
# a short name of a core and a crypto code prints both
expect 0 ptr_error
lines 2
has "0x07 NX_PTR_ERROR"
has "0x20007 NX_CRYPTO_PTR_ERROR"
# every name and value of the NetX Duo 6.4.2 lists
data="${NXMSG_SRCDIR:-.}/tests/data"
for f in "$data"/netxduo-6.4.2-core-codes.tsv "$data"/netxduo-6.4.2-crypto-codes.tsv "$data"/netxduo-6.4.2-secure-codes.tsv; do
    tail -n +2 "$f" | while IFS="$(printf '\t')" read -r name value _; do
        out=$("$nxmsg" --lang=en "$name") || echo "$name: exit $?"
        case $out in *" $name: "*) ;; *) echo "$name: not printed";; esac
        [ "$value" = 0x0 ] || [ "$value" = 0x00 ] || "$nxmsg" --lang=en "$value" | grep -qF "$value $name:" || echo "$value: not $name"
    done
done >"$tmp/missing"
if [ -s "$tmp/missing" ]; then bad "codes of the lists not found"; head "$tmp/missing"; else ok; fi

# usage errors: exit 2 with a message
expect 2
errhas "no CODE given"
expect 2 --bogus 0x10C
expect 2 --lang=xx 0x10C
errhas "no catalog for language 'xx' found in"
if grep -q '^#define NXMSG_EMBEDDED_CATALOGS 1' "${NXMSG_BUILDDIR:-.}/config.h"; then :; else
    # a missing catalog is named, with the directory searched; never English twice
    envs="NXMSG_LOCALEDIR=$tmp/none"
    expect 2 --lang=ja 0x10C
    errhas "no Japanese catalog found in $tmp/none"
    if grep -q unsupported "$tmp/err"; then bad "self-contradicting message"; else ok; fi
    expect 2 --lang=both 0x10C
    errhas "no Japanese catalog found in $tmp/none"
    lines 0
    envs=
fi
expect 2 --lang 0x10C
expect 2 0xZZ
errhas "not a valid code"
expect 2 12abc
expect 2 99999999999
expect 2 0x
expect 2 ''
expect 2 'a b'
expect 2 "$(printf 'x\033[31m')"
expect 2 "$(printf '\377\376')"
expect 2 --list 0x10C
expect 2 --list --domain=dns
errhas "unknown --domain 'dns' (use tls, x509, core or crypto)"

# listing
expect 0 --list
lines 210
expect 0 --list --domain=core --lang=en
lines 65
has "0x38 NX_NOT_CONNECTED:"
expect 0 --list --domain=crypto --lang=ja
lines 17
has "0x20003 NX_CRYPTO_AUTHENTICATION_FAILED: 認証に失敗しました"
expect 0 --list --domain=x509 --lang=ja
lines 43
has "0x1A0 NX_SECURE_X509_KEY_USAGE_ERROR:"
expect 0 --list --domain=tls --lang=both
lines 85
if iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1; then ok; else bad "--list output is not UTF-8"; fi
# every seed row appears in the Japanese listing
"$nxmsg" --list --lang=ja >"$tmp/list"
grep '^| NX_' "$seed" | sort -u | while IFS='|' read -r _ name value text _; do
    name=$(echo "$name" | sed 's/ *$//; s/^ *//'); text=$(echo "$text" | sed 's/^ *//; s/ *$//')
    grep -qF " $name: $text" "$tmp/list" || echo "missing: $name"
done >"$tmp/missing"
if [ -s "$tmp/missing" ]; then bad "seed rows missing from --list"; head "$tmp/missing"; else ok; fi

expect 0 --help
has "Usage: nxmsg"
for word in table annotate help NXMSG_LOCALEDIR LANGUAGE COLUMNS; do has "$word"; done
expect 0 help
has "Usage: nxmsg"
expect 0 help table
has "Usage: nxmsg table"
expect 0 help annotate
has "Usage: nxmsg annotate"
expect 2 help bogus
errhas "no such command"
expect 0 --version
has "nxmsg 0.1.0"
has "MIT"
has "$NXMSG_LOCALEDIR"

# argument handling
expect 0 --lang=en ' 0x10C '
has "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT:"
expect 2 -- -268
errhas "'-268' is not a valid code"
expect 2 +268
expect 1 invalid_sever_cert
errhas "did you mean NX_SECURE_TLS_INVALID_SERVER_CERT?"
expect 1 x509_certificate_expird
errhas "did you mean NX_SECURE_X509_CERTIFICATE_EXPIRED?"
expect 1 completely_unrelated_words
if grep -q "did you mean" "$tmp/err"; then bad "suggestion for an unrelated name"; else ok; fi
# --domain filters lookups
expect 1 --domain=tls 0x193
errhas "no such code in TLS"
lines 0
expect 0 --domain=x509 --lang=en 0x193
lines 1
expect 0 --domain=x509 success
lines 1
has "NX_SECURE_X509_SUCCESS"
# codes from standard input: with no CODE, or with -
printf '0x10C\n 0x1A0\t268\n' >"$tmp/in"
"$nxmsg" --lang=en <"$tmp/in" >"$tmp/out" 2>"$tmp/err"; st=$?
if [ "$st" -eq 0 ]; then ok; else bad "stdin lookup exited $st"; fi
lines 3
has "0x1A0 NX_SECURE_X509_KEY_USAGE_ERROR:"
echo 0x10C | "$nxmsg" --lang=en 0x101 - >"$tmp/out" 2>&1
lines 2
"$nxmsg" </dev/null >"$tmp/out" 2>"$tmp/err"; st=$?
if [ "$st" -eq 2 ]; then ok; else bad "empty stdin exited $st"; fi
errhas "no CODE given"
echo 0xZZ | "$nxmsg" >"$tmp/out" 2>"$tmp/err"; st=$?
if [ "$st" -eq 2 ]; then ok; else bad "bad code on stdin exited $st"; fi
# global options before a command apply to it
expect 0 --lang=en table --format=csv 0x10C
has "NX_SECURE_TLS_INVALID_SERVER_CERT,0x10C,The received server certificate was not parsed correctly."
expect 0 -l en -d x509 table --format=csv
lines 44
expect 1 table bogus
errhas "no such code name"
lines 0
expect 1 table 0x160
lines 0
# JSON lookups: the fields and domain spelling of "table --format=json"
expect 0 --format=json 0x10C 0x1A0
"$nxmsg" table --format=json 0x10C 0x1A0 >"$tmp/table.json"
if cmp -s "$tmp/out" "$tmp/table.json"; then ok; else bad "lookup JSON differs from table JSON"; fi
has '"domain": "tls", "name": "NX_SECURE_TLS_INVALID_SERVER_CERT", "value": 268, "en": "The received server certificate was not parsed correctly."'
has '"domain": "x509"'
if command -v python3 >/dev/null 2>&1; then
    if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [x["value"] for x in d] == [268, 416]' "$tmp/out"; then ok; else bad "lookup JSON does not parse"; fi
fi
# annotate's JSON spells the domain the same way
printf 'x 0x10C y 0x1A0\n' | "$nxmsg" annotate --mode=json >"$tmp/ann.json"
if grep -q '"name":"NX_SECURE_TLS_INVALID_SERVER_CERT","domain":"tls"' "$tmp/ann.json" &&
   grep -q '"domain":"x509"' "$tmp/ann.json"; then ok; else bad "annotate JSON domain spelling"; cat "$tmp/ann.json"; fi
echo invalid_server_cert | "$nxmsg" -f json >"$tmp/out"
has '"value": 268'
expect 2 --format=xml 0x10C

# write errors are reported
if [ -w /dev/full ]; then
    "$nxmsg" --list >/dev/full 2>"$tmp/err"; st=$?
    if [ "$st" -eq 2 ]; then ok; else bad "write error gave $st"; fi
fi

# --search: names and descriptions in English and Japanese, case, width and
# kana variants folded
expect 0 --lang=ja --search サーバー
cp "$tmp/out" "$tmp/search"
grep '^| NX_' "$seed" | awk -F'|' '$4 ~ /サーバー/ { gsub(/ /, "", $2); print $2 }' | sort -u >"$tmp/want"
[ -s "$tmp/want" ] || bad "no seed row mentions サーバー"
while read -r name; do grep -q " $name: " "$tmp/search" || echo "$name"; done <"$tmp/want" >"$tmp/missing"
if [ -s "$tmp/missing" ]; then bad "--search misses seed rows"; head -3 "$tmp/missing"; else ok; fi
for variant in ｻｰﾊﾞｰ さーばー; do
    expect 0 --lang=ja --search "$variant"
    if cmp -s "$tmp/out" "$tmp/search"; then ok; else bad "--search $variant differs from サーバー"; fi
done
expect 0 --lang=en -s invalid server cert
has "0x10C NX_SECURE_TLS_INVALID_SERVER_CERT:"
expect 0 -s ExPiReD
has "NX_SECURE_X509_CERTIFICATE_EXPIRED"
expect 0 -s --domain=x509 サーバー
if grep -q NX_SECURE_TLS "$tmp/out"; then bad "--search ignores --domain"; else ok; fi
expect 1 -s no-such-word-anywhere
lines 0
expect 2 -s

# The command's own messages and headers come from gettext: in a build
# configured with --disable-nls they stay English, so these checks need NLS.
if [ "${NXMSG_NLS:-yes}" != no ]; then
# the documentation's table 1, header row included, from our catalogs
# (padding aside; the documentation predates the last two TLS codes)
norm() { sed -e 's/  */ /g' -e 's/--*/-/g'; }
sed -n '/^| エラー名/,/^$/p' "$seed" | grep '^|' | head -n 85 | norm >"$tmp/table1"
n=$(wc -l <"$tmp/table1")
"$nxmsg" table --lang=ja --format=markdown --domain=tls | norm | head -n "$n" >"$tmp/out"
if [ "$n" -eq 85 ] && cmp -s "$tmp/table1" "$tmp/out"; then ok; else bad "table 1 differs"; diff "$tmp/table1" "$tmp/out" | head; fi
expect 0 --lang=ja table --format=markdown 0x10C
has "| エラー名"
# --lang selects the language of headers and messages; English otherwise
expect 0 --lang=en table --format=markdown 0x10C
has "| Name "
expect 0 --lang=both table --format=csv 0x10C
has "Name,Value,English,Japanese"
envs="LANGUAGE=ja"; expect 0 --lang=both table --format=csv 0x10C
has "エラー名,値,英語,日本語"
expect 2 --bogus
errhas "詳しくは 'nxmsg --help' を実行してください。"
envs=
expect 1 --lang=ja invalid_sever_cert
errhas "'invalid_sever_cert': そのようなコード名はありません。NX_SECURE_TLS_INVALID_SERVER_CERT のことですか？"
# an explicit --lang in the C locale: messages too (and UTF-8 output)
envs="LC_ALL=C"; expect 0 --lang=ja --help
has "使用法: nxmsg"
envs=
expect 0 --lang=ja help table
has "使用法: nxmsg table"
fi

# diagnostics never echo control bytes from the command line (ESC would
# reach the terminal): they are shown as \xHH
expect 2 "$(printf 'bad\033[31mname')"
if grep -q "$(printf '\033')" "$tmp/err"; then bad "a diagnostic echoed ESC"; else ok; fi
errhas 'bad\x1B[31mname'

finish cli
