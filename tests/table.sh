#!/bin/sh
# table.sh - "nxmsg table": golden outputs, the seed's tables reproduced in
# Markdown, options and exit statuses, and alignment measured by a real
# terminal (tmux).  Run by "make check" (NXMSG_BUILDDIR, NXMSG_SRCDIR and
# NXMSG_LOCALEDIR set).
#
# "table.sh --generate DIR" writes the golden files into DIR instead of
# comparing ("make golden-table" regenerates tests/golden/).

nxmsg="${NXMSG_BUILDDIR:-.}/src/nxmsg"
srcdir="${NXMSG_SRCDIR:-.}"
golden="$srcdir/tests/golden"
seed="$srcdir/tests/data/seed-ja.md"
generate=
if [ "$1" = --generate ]; then generate=$2; fi

. "$srcdir/tests/testlib.sh"
sock="nxmsg-table-$$"
at_exit='tmux -L "$sock" kill-server >/dev/null 2>&1'
unset COLUMNS


# ---- golden outputs ----------------------------------------------------------
# name: arguments.  A subset of codes (long Japanese and English texts,
# identifiers inside descriptions, both 0x00 entries, a newer X.509 code) in
# every style at widths 40, 80, 120 and 200, both languages; the full tables
# at one width each.
SUBSET="0 0x105 0x10A 0x11A 0x14A 0x1A1"
cases() {
    for style in text box unicode; do
        for w in 40 80 120 200; do
            echo "$style-$w: --lang both --format $style --width $w $SUBSET"
        done
    done
    echo "record-text-60: --lang both --layout record --width 60 $SUBSET"
    echo "markdown: --lang both --format markdown $SUBSET"
    echo "csv: --lang both --format csv $SUBSET"
    echo "json: --format json $SUBSET"
    echo "full-text-120: --lang both --width 120"
    # its Japanese headers come from gettext: not in a --disable-nls build
    [ "${NXMSG_NLS:-yes}" = no ] || echo "full-box-80: --lang ja --format box --width 80"
}

cases >"$tmp/cases"
while IFS= read -r c; do
    name=${c%%:*} args=${c#*: }
    if [ -n "$generate" ]; then
        # shellcheck disable=SC2086
        "$nxmsg" table $args >"$generate/$name.txt" || { echo "cannot generate $name"; exit 1; }
        continue
    fi
    # shellcheck disable=SC2086
    "$nxmsg" table $args >"$tmp/out" 2>"$tmp/err"; st=$?
    if [ "$st" -ne 0 ]; then bad "golden $name: exit $st"; cat "$tmp/err"; continue; fi
    if [ ! -f "$golden/$name.txt" ]; then bad "golden $name: no $golden/$name.txt"; continue; fi
    if cmp -s "$tmp/out" "$golden/$name.txt"; then ok; else
        bad "golden $name differs (nxmsg table $args)"
        diff -u "$golden/$name.txt" "$tmp/out" | head -20
    fi
done <"$tmp/cases"
if [ -n "$generate" ]; then
    cases | sed 's/^\([^:]*\): \(.*\)/\1.txt: nxmsg table \2/' >"$generate/CASES"
    echo "wrote $(wc -l <"$tmp/cases") golden files to $generate"
    exit 0
fi

# ---- no word cut that fits (checked apart from the goldens' bytes) ------------
# Every English word of the subset (split at spaces, and after '-' and '/'
# where UAX #14 allows a break) that is narrower than the value column of
# the record layout (width - 10) appears whole in the text and box goldens:
# a table is chosen only when every column holds its widest word.
"$nxmsg" table --lang en --format csv $SUBSET | tail -n +2 | sed 's/^[^,]*,[^,]*,//; s/^"//; s/"\r*$//; s/\r$//' |
    tr ' ' '\n' | sed 's|\([-/]\)|\1\n|g' | grep -v '^$' | sort -u >"$tmp/words"
for f in "$golden"/text-*.txt "$golden"/box-*.txt; do
    w=${f##*-}; w=${w%.txt}
    missing=$(awk -v max=$((w - 10)) 'length($0) <= max' "$tmp/words" | while IFS= read -r word; do
        grep -qF -- "$word" "$f" || printf '%s ' "$word"; done)
    [ -z "$missing" ] && ok || bad "$(basename "$f"): words cut although they fit: $missing"
done

# ---- the seed's tables, row for row --------------------------------------------
# "Reproduce" means: the rows of our Markdown table, as trimmed cells "name,
# value, description" in order, are exactly the seed table's rows followed
# by (TLS) or merged with (X.509) the codes the seed predates, which are
# exactly 0x153-0x154 (TLS) and 0x1A1-0x1AA (X.509).  Header and delimiter
# rows may differ.

# rows of the Markdown table read from stdin: name<TAB>value<TAB>text
md_rows() {
    awk 'BEGIN { FS = "|" }
         /^\|/ { n++; if (n <= 2) next
                 line = $0; gsub(/\\\|/, "\001", line)
                 k = split(line, f, "|")
                 out = ""
                 for (i = 2; i < k; i++) {
                     c = f[i]; gsub(/^ +| +$/, "", c); gsub("\001", "|", c)
                     out = out (i > 2 ? "\t" : "") c
                 }
                 print out }'
}
# table number N (1: TLS, first copy; 2: TLS, second copy; 3: X.509) of the seed
seed_table() {
    awk -v want="$1" '/^\| エラー名/ { t++ } t == want && /^\|/ { print; next } t == want && !/^\|/ { exit }' "$seed" | md_rows
}
seed_table 1 >"$tmp/seed1"
seed_table 2 >"$tmp/seed2"
seed_table 3 >"$tmp/seed3"
[ "$(wc -l <"$tmp/seed1")" -eq 83 ] && ok || bad "seed table 1: $(wc -l <"$tmp/seed1") rows, want 83"
cmp -s "$tmp/seed1" "$tmp/seed2" && ok || bad "the seed's two copies of table 1 differ"
[ "$(wc -l <"$tmp/seed3")" -eq 33 ] && ok || bad "seed table 2: $(wc -l <"$tmp/seed3") rows, want 33"

check_seed() { # domain seedfile newer-values-regex
    "$nxmsg" table --domain "$1" --lang ja --format markdown >"$tmp/md" 2>"$tmp/err"; st=$?
    [ "$st" -eq 0 ] && ok || bad "table --domain $1 --format markdown: exit $st"
    md_rows <"$tmp/md" >"$tmp/ours"
    awk -F'\t' -v re="$3" '$2 !~ re' "$tmp/ours" >"$tmp/ours-old"
    awk -F'\t' -v re="$3" '$2 ~ re { print $2 }' "$tmp/ours" | tr '\n' ' ' >"$tmp/newer"
    if cmp -s "$tmp/ours-old" "$2"; then ok; else
        bad "--domain $1: our rows (without the newer codes) differ from the seed's"
        diff "$2" "$tmp/ours-old" | head -10
    fi
    printf '%s' "$4" | cmp -s - "$tmp/newer" && ok || bad "--domain $1: newer codes are '$(cat "$tmp/newer")', want '$4'"
}
check_seed tls "$tmp/seed1" '^0x15[34]$' "0x153 0x154 "
check_seed x509 "$tmp/seed3" '^0x1A[1-9A]$' "0x1A1 0x1A2 0x1A3 0x1A4 0x1A5 0x1A6 0x1A7 0x1A8 0x1A9 0x1AA "

# ---- options and exit statuses --------------------------------------------------
# expect STATUS ARGS... (testlib.sh) runs nxmsg table
tested="nxmsg table"
run_tested() { "$nxmsg" table "$@"; }
empty()  { [ ! -s "$tmp/out" ] && ok || bad "stdout not empty"; }
widths() { # every line of stdout is N bytes (ASCII output)
    w=$(awk '{ print length($0) }' "$tmp/out" | sort -u | tr '\n' ' ')
    [ "$w" = "$1 " ] && ok || bad "line widths '$w', want '$1'"
}

for bad_args in "--format html" "--width abc" "--width -1" "--width 100001" "--width ''" \
                "--ambiguous medium" "--layout grid" "--bom" "--domain dns" "--lang xx" "--bogus" \
                "0xZZ" "12abc" "'a b'"; do
    eval "expect 2 $bad_args"
    [ -s "$tmp/err" ] && ok || bad "no message for: $bad_args"
done
expect 2 0x10C 0xZZ
empty
expect 1 --lang en 0x10C 0x160
has "NX_SECURE_TLS_INVALID_SERVER_CERT"
errhas "'0x160': no such code"
expect 1 --domain x509 --lang en 0x10C
expect 1 no_such_name
expect 0 --help
has "Usage: nxmsg table"
expect 0 --lang en success
has NX_SECURE_TLS_SUCCESS
has NX_SECURE_X509_SUCCESS
expect 0 --domain x509 --lang en 0
has NX_SECURE_X509_SUCCESS
grep -q NX_SECURE_TLS_SUCCESS "$tmp/out" && bad "--domain x509 0 shows TLS" || ok

# widths: --width, COLUMNS (stdout is not a terminal), else 80; 0 = no limit
expect 0 --lang en --format box --width 50 0x105 0x10C
widths 50
COLUMNS=64 expect 0 --lang en --format box 0x105
widths 64
COLUMNS=junk expect 0 --lang en --format box 0x105
widths 80
expect 0 --lang en --width 0 --domain tls
[ "$(wc -l <"$tmp/out")" -eq 87 ] && ok || bad "--width 0 wrapped: $(wc -l <"$tmp/out") lines"
# record layout: automatic when narrow, or asked for
expect 0 --lang both --width 30 0x10C
has "Value     0x10C"
expect 0 --lang en --layout record --width 200 0x10C
has "Value        0x10C"
# the Unicode box falls back to ASCII when ambiguous characters are wide
expect 0 --lang ja --format unicode --ambiguous wide 0x10C
head -c 1 "$tmp/out" | grep -q '+' && ok || bad "--ambiguous wide kept box drawing"
expect 0 --lang ja --format unicode 0x10C
has "┌"
# CSV: CR LF, optional BOM; JSON: both languages whatever --lang says
expect 0 --format csv --bom --lang en 0x10C
[ "$(head -c 3 "$tmp/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok || bad "--bom: no BOM"
[ "$(tr -cd '\r' <"$tmp/out" | wc -c)" -eq 2 ] && ok || bad "csv: want CR LF line ends"
expect 0 --format json --lang en 0x10C
has '"value": 268, "en": "The received server certificate was not parsed correctly.", "ja": "受信サーバー証明書'
if [ -w /dev/full ]; then
    "$nxmsg" table >/dev/full 2>"$tmp/err"; st=$?
    [ "$st" -eq 2 ] && ok || bad "write error gave $st"
fi
# every style and width gives valid UTF-8
for f in text box unicode markdown csv json; do
    for w in 1 7 33; do
        "$nxmsg" table --lang both --format $f --width $w >"$tmp/out" || bad "$f $w failed"
        iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1 && ok || bad "$f at $w: invalid UTF-8"
    done
done

# ---- alignment in a real terminal ----------------------------------------------
# tmux draws the output in a 120x50 pane; the probe asks the terminal for the
# cursor column after every border character.  Every line must report the
# same columns, and end at the table's width.
notmux=
if ! command -v tmux >/dev/null 2>&1; then
    notmux=1
else
    # probe FILE: the terminal's columns for FILE's lines in $tmp/res; 0 on success
    probe() {
        rm -f "$tmp/res" "$tmp/res.done"
        tmux -L "$sock" -u -f /dev/null new-session -d -x 120 -y 50 \
            "bash '$srcdir/tests/tmux-probe.sh' '$1' '$tmp/res'" || { bad "cannot start tmux"; return 1; }
        i=0
        while [ ! -f "$tmp/res.done" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
        tmux -L "$sock" kill-server >/dev/null 2>&1
        [ -f "$tmp/res.done" ] || { bad "tmux probe of $1 timed out"; return 1; }
        [ "$(wc -l <"$1")" -eq "$(wc -l <"$tmp/res")" ] || { bad "tmux: not every line of $1 probed"; return 1; }
    }
    # control: a misaligned table must be caught (a wide character, 2 columns)
    printf '| ab | c |\n| 漢 | c |\n| 漢a | c |\n' >"$tmp/control"
    if probe "$tmp/control"; then
        [ "$(sort -u "$tmp/res" | wc -l)" -eq 2 ] && ok || { bad "tmux control: misalignment not seen"; cat "$tmp/res"; }
        grep -qx '2 8 12 end=12' "$tmp/res" && ok || { bad "tmux control: unexpected columns"; cat "$tmp/res"; }
    fi
    while IFS= read -r c; do
        want=${c%%:*} args=${c#*: }
        # shellcheck disable=SC2086
        "$nxmsg" table $args >"$tmp/in" || { bad "nxmsg table $args failed"; continue; }
        probe "$tmp/in" || continue
        if [ "$(sort -u "$tmp/res" | wc -l)" -eq 1 ]; then ok; else
            bad "tmux ($args): separators at different columns"
            sort "$tmp/res" | uniq -c | sort -rn | head -5
        fi
        grep -qv "end=$want\$" "$tmp/res" && bad "tmux ($args): a line does not end at column $want" || ok
    done <<EOF
101: --lang both --format box --width 100 --ambiguous narrow $SUBSET 0x122 0x124
101: --lang both --format unicode --width 100 $SUBSET 0x122 0x124
111: --lang ja --format text --width 110 $SUBSET 0x122 0x124
41: --lang both --format box --width 40 $SUBSET
EOF
fi

finish table || exit 1
# without a terminal to measure alignment the test is incomplete: skip
if [ -n "$notmux" ]; then echo "SKIP: tmux is not installed (terminal alignment not measured)"; exit 77; fi
exit 0
