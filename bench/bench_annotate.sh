#!/bin/sh
# bench_annotate.sh - throughput of "nxmsg annotate" on a generated device
# log (5% of lines carry a code), against grep -c (the reading-speed limit)
# and a sed script of one substitution per code.  Run by "make bench-annotate"
# with NXMSG_BUILDDIR set; the log is made in the build dir and deleted.
set -e
b="${NXMSG_BUILDDIR:-.}"
nxmsg="$b/src/nxmsg"
log="$b/bench/annotate-bench.log"
slice="$b/bench/annotate-bench.slice"
sedscript="$b/bench/annotate-bench.sed"
size=${BENCH_ANNOTATE_BYTES:-120000000}
runs=${BENCH_RUNS:-5}
trap 'rm -f "$log" "$slice" "$sedscript"' EXIT

"$b/tests/gen_log" -b "$size" -p 5 >"$log"
bytes=$(wc -c <"$log")
head -c 12000000 "$log" >"$slice"
sbytes=$(wc -c <"$slice")

# median wall time in ns of running "$@" $runs times (output to /dev/null)
median() {
    i=0
    while [ $i -lt "$runs" ]; do
        t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
        echo $((t1 - t0)); i=$((i + 1))
    done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
mbs() { awk -v b="$1" -v ns="$2" 'BEGIN { printf "%.0f", b / 1e6 / (ns / 1e9) }'; }

# one substitution per code, as a support engineer's sed script would do
"$nxmsg" --list --lang=en | sed -n 's/^\(0x[0-9A-F]*\) \([A-Z0-9_]*\): \(.*\)$/\1 \2 \3/p' |
    while read -r hex name text; do
        text=$(printf '%s' "$text" | sed 's/[\/&|]/\\&/g')
        [ "$hex" = 0x00 ] || printf 's|\\<%s\\>|& [%s %s: %s]|g\n' "$hex" "$hex" "$name" "$text"
        printf 's|\\<%s\\>|& [%s: %s]|g\n' "$name" "$name" "$text"
    done >"$sedscript"

export LC_ALL=C.UTF-8
t_inline=$(median "$nxmsg" annotate "$log")
t_suffix=$(median "$nxmsg" annotate --mode suffix "$log")
t_json=$(median "$nxmsg" annotate --mode json "$log")
# grep stops at the first match when its output is /dev/null: pipe it
t_grep=$(median sh -c 'LC_ALL=C grep -c -e 0x -e NX_SECURE_ "$1" | cat' grep "$log")
keep=$runs; runs=1
t_sed=$(median sed -f "$sedscript" "$slice")
runs=$keep

m_inline=$(mbs "$bytes" "$t_inline"); m_grep=$(mbs "$bytes" "$t_grep")
m_sed=$(mbs "$sbytes" "$t_sed")
echo "input: $bytes bytes, $(wc -l <"$log") lines, $(wc -l <"$sedscript") sed substitutions; median of $runs runs"
printf '%-36s %8s MB/s\n' "nxmsg annotate (inline)" "$m_inline"
printf '%-36s %8s MB/s\n' "nxmsg annotate --mode suffix" "$(mbs "$bytes" "$t_suffix")"
printf '%-36s %8s MB/s\n' "nxmsg annotate --mode json" "$(mbs "$bytes" "$t_json")"
printf '%-36s %8s MB/s\n' "grep -c -e 0x -e NX_SECURE_" "$m_grep"
printf '%-36s %8s MB/s  (12 MB slice, 1 run)\n' "sed -f (one s/// per code)" "$m_sed"
awk -v a="$m_inline" -v g="$m_grep" -v s="$m_sed" 'BEGIN {
    printf "annotate/grep speed: %.2f (goal >= 0.20, i.e. within 5x of grep)\n", a / g
    printf "annotate/sed speed:  %.0fx\n", a / s
    printf "goal >= 1000 MB/s: %s\n", (a >= 1000) ? "met" : "NOT met" }'
