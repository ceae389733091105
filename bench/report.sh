# report.sh - sourced by the shell benchmarks: bench_report, the shell twin of
# bench_report() in bench/bench.h.
#
# bench_report WHAT UNIT BETTER NXMSG MEDIAN MIN MAX ALTERNATIVE MEDIAN MIN MAX
# prints the "@bench" line for the summary of "make bench" (format in
# bench/summary.sh) and appends it to $NXMSG_BENCH_LOG when that is set.
bench_report() {
    _line=$(printf '@bench\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$@")
    echo "$_line"
    [ -z "${NXMSG_BENCH_LOG:-}" ] || echo "$_line" >>"$NXMSG_BENCH_LOG"
}
