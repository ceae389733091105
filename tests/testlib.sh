# testlib.sh - sourced by the translator-workflow shell tests: a scratch
# directory removed at exit ($tmp), pass/fail counters, and the closing line.
# The sourcing script sets src and build before it.

tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# finish NAME: print the counts; the exit status is that of the test
finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
