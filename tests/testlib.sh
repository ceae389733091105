# testlib.sh - sourced by the shell tests: a scratch directory removed at
# exit ($tmp; a test that needs more cleaning sets at_exit to a command run
# first), pass/fail counters, the shared checks and the closing line.
# Sourced as . "${NXMSG_SRCDIR:-.}/tests/testlib.sh"; it uses nothing of the
# script but what the functions below name.

tmp=$(mktemp -d) || exit 99
trap 'eval "${at_exit:-}"; chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*"; }

# expect STATUS ARGS...: run the command under test, the script's function
# "run_tested ARGS...", with its stdout in $tmp/out and its stderr in
# $tmp/err; passes if it exits with STATUS.  $tested names it in failures.
expect() {
    want=$1; shift
    run_tested "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "${tested:-command} $* exited $got, want $want"; cat "$tmp/err"; fi
}

# has TEXT, errhas TEXT: stdout (stderr) of the last run contains TEXT
# (a fixed string)
has()    { if grep -qF -- "$1" "$tmp/out"; then ok; else bad "stdout lacks '$1'"; head -c 4000 "$tmp/out"; fi; }
errhas() { if grep -qF -- "$1" "$tmp/err"; then ok; else bad "stderr lacks '$1'"; cat "$tmp/err"; fi; }

# same FILE1 FILE2 [WHAT]: the files are equal byte for byte
same() { if cmp -s "$1" "$2"; then ok; else bad "${3:-$1 and $2 differ}"; diff "$1" "$2" | head -n 6; fi; }

# jsoncheck KIND FILE: parse FILE's JSON lines with python3 and check their
# codes against lib/codes.def and the seed (tests/jsoncheck.py: KIND is
# annotate or rsyslog); without python3, a note once and no check
jsoncheck() {
    if command -v python3 >/dev/null 2>&1; then
        if python3 "${NXMSG_SRCDIR:-.}/tests/jsoncheck.py" "${NXMSG_SRCDIR:-.}" "$1" "$2"; then ok; else
            bad "JSON of $1 in $2"; fi
    elif [ -z "${jsoncheck_noted:-}" ]; then
        echo "note: no python3: JSON output not parsed"; jsoncheck_noted=1
    fi
}

# finish NAME: print the counts; the exit status is that of the test
finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
