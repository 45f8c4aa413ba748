#!/bin/sh
# output.sh -- output that cannot be written is an I/O failure: every
# command whose stdout is /dev/full (a full disk) exits 3 with one line
# "tsalign: stdout: write failed..." on stderr, and `tsalign` without a
# command prints the help (exit 0) and writes no file.  TAP.
. "${TSA_SRCDIR:-.}/tests/tap.sh"

# full NAME ARGS...: run tsalign ARGS with stdout on /dev/full
full() {
    name=$1
    shift
    "$TSALIGN" "$@" >/dev/full 2>err.txt
    rc=$?
    if [ "$rc" -eq 3 ] && [ "$(wc -l <err.txt)" -eq 1 ] \
        && grep -q "^tsalign: stdout: write failed" err.txt; then
        ok "$name >/dev/full: exit 3, one line"
    else
        fail "$name >/dev/full: exit $rc"
        sed 's/^/# /' err.txt
    fi
}

echo "1..14"
"$TSALIGN" >out.txt 2>err.txt
rc=$?
if [ "$rc" -eq 0 ] && grep -q "^Usage: tsalign" out.txt && [ ! -s err.txt ] \
    && [ "$(ls)" = "err.txt
out.txt" ]; then
    ok "no command: help, exit 0, no files"
else
    fail "no command: exit $rc, files: $(ls | tr '\n' ' ')"
fi
grep -q "^  3  I/O failure" out.txt && grep -q "^  4  undecided" out.txt \
    && ok "--help documents the exit codes" || fail "--help exit codes"
rm -f out.txt err.txt

full "--help" --help
full "--version" --version
full "kernel" kernel psi_l --w 1,0.5 --u -0.25,1
full "kernel --json" kernel grad --w 1,0 --u 0,1 --json
full "kernel --help" kernel --help
full "ad" ad all --theta 0,pi/3
full "ad --json" ad G --theta pi/2 --series 4 --json
full "train --list-presets" train --list-presets
full "train -o -" train --teacher single --steps 20 -o -
full "train (summary)" train --teacher single --steps 20 -o run.json
full "demo" demo --out demo
# the demo stops at the first failed write: no pipeline behind a dead stdout
[ ! -e demo/certificate.json ] && ok "demo stops before the pipeline" \
    || fail "demo ran the pipeline into a full stdout"
