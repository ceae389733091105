#!/bin/sh
# rsyslog-filter.sh - nxmsg-rsyslog on its own, speaking mmexternal's
# protocol: one answer line per input line, JSON escaping written out by hand
# here, {} for everything it must leave alone (no code, over-long lines,
# JSON it cannot read exactly), fulljson input as rsyslog 8.2302 writes it,
# and bad options.  The expected annotation is written from lib/codes.def
# in the form doc/annotate.md gives; every answer is also parsed as JSON
# (with python3) and its annotations checked against lib/codes.def.

build="${NXMSG_BUILDDIR:-.}"
filter="$build/src/nxmsg-rsyslog"
. "${NXMSG_SRCDIR:-.}/tests/testlib.sh"
EN=$(sed -n 's/^NXMSG_CODE(TLS, 0x10C, NX_SECURE_TLS_INVALID_SERVER_CERT, "\(.*\)")$/\1/p' \
    "${NXMSG_SRCDIR:-.}/lib/codes.def")
[ -n "$EN" ] || { echo "FAIL: 0x10C not found in lib/codes.def"; exit 1; }
ANN=" $(printf '\342\237\246')0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: $EN$(printf '\342\237\247')"

# check NAME INPUT EXPECTED [OPTION...]: INPUT (printf format) through the
# filter must give exactly EXPECTED (printf format; @A@ stands for the
# annotation of 0x10C, " ⟦0x10C NX_SECURE_TLS_INVALID_SERVER_CERT: ...⟧")
check() {
    name=$1 input=$2 want=$3; shift 3
    printf "$input" | "$filter" --lang=en "$@" >"$tmp/got" 2>&1
    printf "$want" | LC_ALL=C awk -v a="$ANN" '{ while ((i = index($0, "@A@")) > 0) $0 = substr($0, 1, i - 1) a substr($0, i + 3); print }' >"$tmp/want"
    if cmp -s "$tmp/got" "$tmp/want"; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL: $name"; echo "  want: $(cat "$tmp/want")"; echo "  got:  $(cat "$tmp/got")"
    fi
    jsoncheck rsyslog "$tmp/got"
}

# interface.input "msg" (the default): the line is the message
check "no code" ' temp=21 ok\n' '{}\n'
check "a code" ' tls status=0x10C end\n' '{"msg":" tls status=0x10C@A@ end"}\n'
check "one answer per line" 'a\n0x10C\n\nb\n' '{}\n{"msg":"0x10C@A@"}\n{}\n{}\n'
check "JSON escapes" ' "q" \\ \001 /\t0x10C\n' '{"msg":" \\"q\\" \\\\ \\u0001 /\\u00090x10C@A@"}\n'
check "invalid UTF-8 kept" '\377\376 \355\240\200 0x10C \303(\n' '{"msg":"\377\376 \355\240\200 0x10C@A@ \303("}\n'
check "suffix mode" 'a 0x10C b\n' '{"msg":"a 0x10C b@A@"}\n' --mode=suffix
check "no final newline" 'a 0x10C' ''
check "over-long line passes" 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0x10C\nb 0x10C\n' \
    '{}\n{"msg":"b 0x10C@A@"}\n' --max-line=40

# interface.input "fulljson": a line as rsyslog 8.2302 writes it (json-c: "\/")
j='{ "msg": " tls \\/ status=0x10C \\"x\\" \\u00e9\\ud83d\\ude00\\ttab", "rawmsg": "<14>tag: {\\"msg\\": 1}", "hostname": "h", "$!": { "a": [ 1, "}" ] } }\n'
check "fulljson" "$j" '{"msg":" tls / status=0x10C@A@ \\"x\\" \303\251\360\237\230\200\\u0009tab"}\n' --input=fulljson
check "fulljson, msg last" '{ "$!": { "k": "msg" }, "n": null, "msg": "0x10C" }\n' '{"msg":"0x10C@A@"}\n' --input=fulljson
check "fulljson, multi-line" '{"msg":"a 0x10C\\nb"}\n' '{"msg":"a 0x10C@A@\\u000ab"}\n' --input=fulljson
check "fulljson, no code" '{"msg":"a"}\n' '{}\n' --input=fulljson
check "fulljson, no msg" '{"rawmsg":"0x10C"}\n' '{}\n' --input=fulljson
check "fulljson, lone surrogate" '{"msg":"\\ud800 0x10C"}\n' '{}\n' --input=fulljson
check "fulljson, NUL" '{"msg":"\\u0000 0x10C"}\n' '{}\n' --input=fulljson
check "fulljson, bad escape" '{"msg":"\\x 0x10C"}\n' '{}\n' --input=fulljson
check "fulljson, cut" '{"msg":"0x10C\n' '{}\n' --input=fulljson
check "fulljson, not JSON" '0x10C\n' '{}\n' --input=fulljson

# bad options: one line (rsyslog reads it as the answer), exit 2
for opt in --input=raw --mode=json --lang=fr --max-line=0 --max-line=x --bogus; do
    "$filter" "$opt" </dev/null >"$tmp/out" 2>&1
    if [ $? -eq 2 ] && [ "$(wc -l <"$tmp/out")" -eq 1 ]; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL: $opt: want exit 2 and one line"; cat "$tmp/out"; fi
done

finish rsyslog-filter
