#!/bin/sh
# terminal-widths.sh - the widths in tests/data/terminal-widths.txt are what a
# real terminal draws: each sample is printed after "x" in a tmux pane and
# the cursor column is read back (tests/tmux-probe.sh).  tests/check_text.c
# checks nxmsg_width against the same file.  Skips (77) without tmux.
srcdir="${NXMSG_SRCDIR:-.}"
data="$srcdir/tests/data/terminal-widths.txt"
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
sock="nxmsg-widths-$$"
trap 'tmux -L "$sock" kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT

# the UTF-8 bytes of code point $1 (hex) as printf octal escapes
utf8() {
    c=$((0x$1))
    if [ "$c" -lt 128 ]; then printf '\\%03o' "$c"
    elif [ "$c" -lt 2048 ]; then printf '\\%03o\\%03o' $((192 + c / 64)) $((128 + c % 64))
    elif [ "$c" -lt 65536 ]; then
        printf '\\%03o\\%03o\\%03o' $((224 + c / 4096)) $((128 + c / 64 % 64)) $((128 + c % 64))
    else
        printf '\\%03o\\%03o\\%03o\\%03o' $((240 + c / 262144)) $((128 + c / 4096 % 64)) \
            $((128 + c / 64 % 64)) $((128 + c % 64))
    fi
}

# one line per sample: "x" and the code points
grep -v '^#' "$data" | while IFS=';' read -r cps uts term what; do
    esc=
    for c in $cps; do esc="$esc$(utf8 "$c")"; done
    # shellcheck disable=SC2059
    printf "x$esc\\n"
done >"$tmp/in"
grep -v '^#' "$data" | cut -d';' -f3 >"$tmp/want"

LC_ALL=C.UTF-8 tmux -L "$sock" -u -f /dev/null new-session -d -x 120 -y 50 \
    "bash '$srcdir/tests/tmux-probe.sh' '$tmp/in' '$tmp/res'" || { echo "FAIL: cannot start tmux"; exit 1; }
i=0
while [ ! -f "$tmp/res.done" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ -f "$tmp/res.done" ] || { echo "FAIL: tmux probe timed out"; exit 1; }

fail=0 n=0
exec 3<"$tmp/want" 4<"$tmp/res"
grep -v '^#' "$data" | while IFS=';' read -r cps uts term what; do
    read -r want <&3
    read -r res <&4
    got=$((${res#end=} - 2))
    n=$((n + 1))
    if [ "$got" -ne "$want" ]; then
        echo "FAIL: $cps ($what): tmux draws $got columns, the data says $want"
        echo x >>"$tmp/failed"
    fi
done
if [ -f "$tmp/failed" ]; then exit 1; fi
echo "terminal-widths: $(wc -l <"$tmp/want") samples drawn as the data says"
