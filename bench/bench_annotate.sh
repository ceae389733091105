#!/bin/sh
# bench_annotate.sh - throughput of "nxmsg annotate" on a generated device log
# (5% of lines carry a code), side by side with what a user would run on the
# same file: cat > file (the floor: read and write), a one-pattern grep -c,
# nxmsg annotate -j 2 (two threads; its output compared with -j 1's),
# and the annotation done by a mawk script and a perl script that look the
# codes up in a hash (their output is compared with nxmsg's byte for byte).
# nxmsg annotate is also timed to /dev/null: its processing rate without
# the file system, for information (not checked, not compared).
# Every other command writes to a file (or prints a count) that is checked, all
# commands run the same number of times, interleaved, each after a sync;
# medians and ranges.  Each run writes a new file (the one before is removed,
# untimed), as "cmd log > new.log" does.  Overwriting an existing file costs
# more on ext4, which starts writing a truncated file back when it is
# closed: cat and nxmsg annotate are also timed that way, for information.
# Run by "make bench-annotate" with NXMSG_BUILDDIR set.
#   BENCH_ANNOTATE_BYTES  log size (default 120000000)
#   BENCH_RUNS            runs per command (default 5)
#   BENCH_ANNOTATE_SLICE  bytes the mawk and perl scripts get (default
#                         12000000, the start of the same log: they are
#                         30-100x slower); nxmsg is timed on the slice too
#   BENCH_ANNOTATE_OTHER  another nxmsg binary to time as well (e.g. an
#                         older build, for a before/after in one run)
set -e
b="${NXMSG_BUILDDIR:-.}"
nxmsg="$b/src/nxmsg"
w="$b/bench/annotate-bench"
size=${BENCH_ANNOTATE_BYTES:-120000000}
runs=${BENCH_RUNS:-5}
trap 'rm -rf "$w"' EXIT
rm -rf "$w"; mkdir -p "$w"
export LC_ALL=C.UTF-8

"$b/tests/gen_log" -b "$size" -p 5 >"$w/log"
bytes=$(wc -c <"$w/log")
head -n "$(head -c "${BENCH_ANNOTATE_SLICE:-12000000}" "$w/log" | wc -l)" "$w/log" >"$w/slice"
sbytes=$(wc -c <"$w/slice")

# The hash: NAME, value in hex, the annotation nxmsg writes for it.
"$nxmsg" --list --lang=en | sed -n 's/^0x\([0-9A-F]*\) \([A-Z0-9_]*\): .*/\2 \1/p' >"$w/codes"
cut -d' ' -f1 "$w/codes" | "$nxmsg" annotate >"$w/names.ann"
paste -d' ' "$w/codes" "$w/names.ann" | awk '{ n = $1; h = $2; a = substr($0, length(n) + length(h) + 2 + length(n) + 1); printf "%s\t%s\t%s\n", n, h, a }' >"$w/map"

# The rules of doc/annotate.md, as a user would write them in awk ...
cat >"$w/annotate.awk" <<'EOF'
BEGIN {
    while ((getline l < map) > 0) {
        split(l, f, "\t"); ann[f[1]] = f[3]; h = f[2]; sub(/^0+/, "", h); if (h == "") continue
        hexname[h] = f[1]; v = 0
        for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789ABCDEF", substr(h, i, 1)) - 1
        if (v < 65536) decname[v] = f[1]
    }
}
function ident(c) { return c ~ /[A-Za-z0-9_]/ }
function ctx(pre) {
    return tolower(substr(pre, length(pre) > 16 ? length(pre) - 15 : 1)) ~ \
        /(^|[^a-z0-9])(status|error|err|ret|return|returned|rc|result|code)([ \t]+|[ \t]*[=:][ \t]*)$/
}
# lines with neither "0x", "NX_" nor a keyword go straight out
!/0[xX]|[Xx]_|[Ss][Tt][Aa][Tt][Uu][Ss]|[Ee][Rr][Rr]|[Rr][Ee][TtSs]|[Rr][Cc]|[Cc][Oo][Dd][Ee]/ { print; next }
{
    s = $0; out = ""
    while (match(s, /0[xX][0-9A-Fa-f]+|[Nn][Xx]_[A-Za-z0-9_]+|[0-9]+/)) {
        tok = substr(s, RSTART, RLENGTH); pre = out substr(s, 1, RSTART - 1); s = substr(s, RSTART + RLENGTH)
        out = pre tok; name = ""
        if (ident(substr(pre, length(pre), 1)) || ident(substr(s, 1, 1)) || s ~ /^\.[0-9]/) continue
        if (tok ~ /^[Nn][Xx]_/) { if (toupper(tok) in ann) name = toupper(tok) }
        else if (tok ~ /^0[xX]/) {
            if (pre ~ /[0-9]\.$/) continue
            d = substr(tok, 3); h = toupper(d); sub(/^0+/, "", h)
            if (length(d) > 8 || !(h in hexname)) continue
            if ((length(d) == 3 && h ~ /^1/) || (length(d) == 8 && length(h) >= 3) || ctx(pre)) name = hexname[h]
        } else if (tok ~ /^[1-9][0-9]?[0-9]?$/ && (tok + 0) in decname && ctx(pre)) name = decname[tok + 0]
        if (name != "") out = out ann[name]
    }
    print out s
}
EOF
# ... and in perl.
cat >"$w/annotate.pl" <<'EOF'
my (%ann, %hexname, %decname);
open(my $m, '<', $ENV{MAP}) or die; binmode $m;
while (<$m>) {
    chomp; my ($n, $h, $a) = split /\t/; $ann{$n} = $a; (my $k = $h) =~ s/^0+//; next if $k eq '';
    $hexname{$k} = $n; $decname{hex $k} = $n if hex($k) < 65536;
}
sub ctx { my $p = lc substr($_[0], $_[1] > 16 ? $_[1] - 16 : 0, $_[1] > 16 ? 16 : $_[1]);
    return $p =~ /(?:^|[^a-z0-9])(?:status|error|err|ret|return|returned|rc|result|code)(?:[ \t]+|[ \t]*[=:][ \t]*)$/ }
sub look {
    my ($tok, $at) = @_; my $name;
    if ($tok =~ /^nx_/i) { $name = uc $tok; return exists $ann{$name} ? $tok . $ann{$name} : $tok }
    if ($tok =~ /^0x(.*)$/i) {
        my $d = $1; (my $h = uc $d) =~ s/^0+//;
        return $tok if length($d) > 8 || !exists $hexname{$h} || ($at > 1 && substr($_, $at - 2, 2) =~ /^[0-9]\.$/);
        return $tok . $ann{$hexname{$h}}
            if (length($d) == 3 && $h =~ /^1/) || (length($d) == 8 && length($h) >= 3) || ctx($_, $at);
        return $tok;
    }
    return exists $decname{$tok} && ctx($_, $at) ? $tok . $ann{$decname{$tok}} : $tok;
}
while (<>) {
    print, next unless /0x|x_|status|err|re[ts]|rc|code/i;
    s/(?<![A-Za-z0-9_])(0[xX][0-9A-Fa-f]+|[Nn][Xx]_[A-Za-z0-9_]+|[1-9][0-9]{0,2})(?![A-Za-z0-9_]|\.[0-9])/look($1, $-[0])/ge;
    print;
}
EOF

# time_run NAME CMD...: one timed run, wall ns appended to $w/NAME.t.  The
# output of the run before ($w/NAME.out) is removed and the dirty pages of
# the runs before are written back first (not timed), so that no command
# pays for another's output.
time_run() {
    name=$1; shift
    rm -f "$w/$name.out"
    sync
    t0=$(date +%s%N); "$@"; t1=$(date +%s%N)
    echo $((t1 - t0)) >>"$w/$name.t"
}
# Each command writes $w/ITS_NAME.out (a new file each run), or /dev/null;
# cat_over and nx_over overwrite files that exist.
grep_count() { LC_ALL=C grep -c NX_ "$w/log" >"$w/grep_count.out"; }
nx_inline() { "$nxmsg" annotate "$w/log" >"$w/nx_inline.out"; }
nx_json() { "$nxmsg" annotate --mode json "$w/log" >"$w/nx_json.out"; }
nx_null() { "$nxmsg" annotate "$w/log" >/dev/null; }
nx_json_null() { "$nxmsg" annotate --mode json "$w/log" >/dev/null; }
nx_other() { "$BENCH_ANNOTATE_OTHER" annotate "$w/log" >"$w/nx_other.out"; }
nx_inline_j2() { "$nxmsg" annotate -j 2 "$w/log" >"$w/nx_inline_j2.out"; }
nx_json_j2() { "$nxmsg" annotate -j 2 --mode json "$w/log" >"$w/nx_json_j2.out"; }
cat_file() { cat "$w/log" >"$w/cat_file.out"; }
cat_over() { cat "$w/log" >"$w/cat.kept"; }
nx_over() { "$nxmsg" annotate "$w/log" >"$w/nx.kept"; }
mawk_run() { mawk -v map="$w/map" -f "$w/annotate.awk" "$w/slice" >"$w/mawk_run.out"; }
perl_run() { MAP="$w/map" perl "$w/annotate.pl" "$w/slice" >"$w/perl_run.out"; }
nx_slice() { "$nxmsg" annotate "$w/slice" >"$w/nx_slice.out"; }

cp "$w/log" "$w/cat.kept"
cp "$w/log" "$w/nx.kept"
tools="cat_file grep_count nx_inline nx_json nx_inline_j2 nx_json_j2 nx_null nx_json_null nx_slice cat_over nx_over"
[ -n "$BENCH_ANNOTATE_OTHER" ] && tools="$tools nx_other"
command -v mawk >/dev/null && tools="$tools mawk_run"
command -v perl >/dev/null && tools="$tools perl_run"
i=0
while [ $i -lt "$runs" ]; do
    for t in $tools; do time_run "$t" "$t"; done
    i=$((i + 1))
done

# every result consumed: sizes, the count, and the scripts' output against nxmsg's
cmp -s "$w/cat_file.out" "$w/log" || { echo "cat output differs from the log"; exit 1; }
cmp -s "$w/cat.kept" "$w/log" || { echo "cat output (overwriting) differs from the log"; exit 1; }
[ "$(cat "$w/grep_count.out")" -gt 0 ] || { echo "grep found nothing"; exit 1; }
[ "$(wc -c <"$w/nx_inline.out")" -gt "$bytes" ] || { echo "annotate wrote too little"; exit 1; }
cmp -s "$w/nx.kept" "$w/nx_inline.out" || { echo "annotate output (overwriting) differs"; exit 1; }
[ "$(wc -l <"$w/nx_json.out")" -eq "$(wc -l <"$w/log")" ] || { echo "json: wrong line count"; exit 1; }
cmp -s "$w/nx_inline_j2.out" "$w/nx_inline.out" || { echo "annotate -j 2 output differs from -j 1"; exit 1; }
cmp -s "$w/nx_json_j2.out" "$w/nx_json.out" || { echo "annotate -j 2 --mode json output differs from -j 1"; exit 1; }
same() { if cmp -s "$w/$1.out" "$w/nx_slice.out"; then echo "same output as nxmsg"; else echo "OUTPUT DIFFERS from nxmsg"; fi; }

# stats NAME: "median min max" in ns
stats() { sort -n "$w/$1.t" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)], a[1], a[NR] }'; }
line() {
    set -- "$1" "$2" $(stats "$1") "$3" "${4:-$bytes}"
    awk -v label="$2" -v b="$7" -v med="$3" -v lo="$4" -v hi="$5" -v note="$6" 'BEGIN {
        printf "%-34s %7.0f MB/s  (%.0f-%.0f)  %7.1f ms  %s\n", label, b / med * 1e3, b / hi * 1e3, b / lo * 1e3, med / 1e6, note }'
}
med() { stats "$1" | cut -d' ' -f1; }

echo "input: $bytes bytes, $(wc -l <"$w/log") lines, $(grep -c . "$w/map") codes; $runs runs each, interleaved; MB/s median (range)"
line cat_file "cat log > file"
line grep_count "grep -c NX_ (one pattern)" "count $(cat "$w/grep_count.out")"
line nx_inline "nxmsg annotate > file"
line nx_json "nxmsg annotate --mode json > file"
line nx_inline_j2 "nxmsg annotate -j 2 > file" "same output as -j 1"
line nx_json_j2 "nxmsg annotate -j 2 --mode json" "same output as -j 1"
line nx_null "nxmsg annotate > /dev/null" "no file system: the processing rate"
line nx_json_null "nxmsg annotate --mode json > /dev/null"
line cat_over "cat log > existing file" "overwritten: ext4 writes back at close"
line nx_over "nxmsg annotate > existing file" "overwritten"
[ -n "$BENCH_ANNOTATE_OTHER" ] && line nx_other "other nxmsg annotate > file"
echo "on the first $sbytes bytes:"
line nx_slice "nxmsg annotate > file" "" "$sbytes"
command -v mawk >/dev/null && line mawk_run "mawk, codes in a hash > file" "$(same mawk_run)" "$sbytes"
command -v perl >/dev/null && line perl_run "perl, codes in a hash > file" "$(same perl_run)" "$sbytes"
# the comparisons for the summary of "make bench": MB/s, median (min-max)
. "$(dirname "$0")/report.sh"
rate() { stats "$1" | awk -v b="$2" '{ printf "%.1f %.1f %.1f", b / $1 * 1e3, b / $3 * 1e3, b / $2 * 1e3 }'; }
bench_report "annotate: $bytes-byte log to a file" MB/s higher "nxmsg annotate" $(rate nx_inline "$bytes") \
    "cat log > file" $(rate cat_file "$bytes")
bench_report "annotate: $bytes-byte log" MB/s higher "nxmsg annotate > file" $(rate nx_inline "$bytes") \
    "grep -c NX_" $(rate grep_count "$bytes")
bench_report "annotate: $bytes-byte log to a file, 2 cores" MB/s higher "nxmsg annotate -j 2" \
    $(rate nx_inline_j2 "$bytes") "nxmsg annotate -j 1" $(rate nx_inline "$bytes")
for t in mawk perl; do
    if [ -f "$w/${t}_run.t" ]; then
        bench_report "annotate: $sbytes-byte slice to a file" MB/s higher "nxmsg annotate" \
            $(rate nx_slice "$sbytes") "$t, codes in a hash" $(rate "${t}_run" "$sbytes")
    fi
done
awk -v b="$bytes" -v a="$(med nx_inline)" -v j="$(med nx_json)" -v c="$(med cat_file)" -v g="$(med grep_count)" \
    -v a2="$(med nx_inline_j2)" -v j2="$(med nx_json_j2)" -v co="$(med cat_over)" -v ao="$(med nx_over)" \
    -v m="$( [ -f "$w/mawk_run.t" ] && med mawk_run || echo 0)" -v p="$( [ -f "$w/perl_run.t" ] && med perl_run || echo 0)" \
    -v o="$( [ -n "$BENCH_ANNOTATE_OTHER" ] && med nx_other || echo 0)" -v s="$(med nx_slice)" 'BEGIN {
    printf "annotate time / cat time:  %.2f (goal <= 2);  overwriting a file: %.2f\n", a / c, ao / co
    printf "annotate time / grep time: %.2f\n", a / g
    printf "annotate -j 2 time / cat time:  %.2f;  -j 2 speed-up: inline %.2fx, json %.2fx (2 cores)\n", a2 / c, a / a2, j / j2
    if (m) printf "mawk time / annotate time (slice): %.1f\n", m / s
    if (p) printf "perl time / annotate time (slice): %.1f\n", p / s
    if (o) printf "annotate speed / other nxmsg speed: %.2f\n", o / a
    printf "inline >= 1500 MB/s: %s;  json >= 500 MB/s: %s\n", (b / a * 1e3 >= 1500) ? "met" : "NOT met",
        (b / j * 1e3 >= 500) ? "met" : "NOT met"
    printf "with -j 2: inline >= 1500 MB/s: %s;  json >= 500 MB/s: %s\n", (b / a2 * 1e3 >= 1500) ? "met" : "NOT met",
        (b / j2 * 1e3 >= 500) ? "met" : "NOT met" }'
