#!/bin/sh
# demo.sh -- the README's default job end to end: kernels, AD functions and
# the k = 7 pipeline (train -> polish -> certify -> verify).  TAP.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
echo "1..5"
"$TSALIGN" demo --out "$tmp/demo" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && echo "ok 1 - demo exits 0" || { echo "not ok 1 - demo exit $rc"; sed 's/^/# /' "$tmp/err"; }
grep -q "^verdict: strict local minimum" "$tmp/out" && grep -q "> 0 (spurious)" "$tmp/out" \
    && echo "ok 2 - certified spurious strict local minimum" || echo "not ok 2 - certificate summary"
grep -q "^valid " "$tmp/out" && echo "ok 3 - certificate verifies" || echo "not ok 3 - verify"
# a hand-edited certificate must not verify: move the box centre
f="$tmp/demo/certificate.json"
if [ -f "$f" ]; then
    sed 's/0x1\.\([0-9a-f]\)/0x1.f\1/' "$f" >"$tmp/bad.json"
    if "$TSALIGN" verify "$tmp/bad.json" >"$tmp/v" 2>&1; then
        echo "not ok 4 - tampered certificate accepted"; sed 's/^/# /' "$tmp/v"
    else
        echo "ok 4 - tampered certificate rejected ($(head -c 60 "$tmp/v" | tr '\n' ' '))"
    fi
else
    echo "not ok 4 - no certificate written"
fi
if [ -f "$f" ]; then
    "$TSALIGN" verify "$f" >/dev/full 2>"$tmp/e"
    rc=$?
    if [ $rc -eq 3 ] && [ "$(wc -l <"$tmp/e")" -eq 1 ]; then
        echo "ok 5 - verify >/dev/full exits 3"
    else
        echo "not ok 5 - verify >/dev/full exit $rc"; sed 's/^/# /' "$tmp/e"
    fi
else
    echo "not ok 5 - no certificate written"
fi
