#!/bin/sh
# adv.sh -- a fixed sample of the adversarial candidates for `make check`
# (500 cases, bases with at most 49 parameters, seed 1; TAP from
# tests/adversarial/adv), then the judge's self-test: with a deliberately
# wrong reference in one check (adv --mutate) a smaller sample must report
# more false certificates than without, so every check can fail.  The full
# run is `make adversarial` (docs/adversarial.md).
adv="$(pwd)/tests/adversarial/adv"   # in the build folder, before tap.sh's cd
. "${TSA_SRCDIR:-.}/tests/tap.sh"
: "${ADV_SAMPLE:=500}"
bases="$TSA_SRCDIR/tests/adversarial/bases"
"$adv" --tap --count "$ADV_SAMPLE" --seed 1 --max-params 49 --bases "$bases" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
nfirst=$(sed -n 's/^1\.\.//p' "$tmp/out")
if [ -z "$nfirst" ]; then
    echo "1..1"; echo "not ok 1 - adv did not run (exit $rc)"
    sed 's/^/# /' "$tmp/err"; exit 0
fi
echo "1..$((nfirst + 4))"
grep -v '^1\.\.' "$tmp/out"
grep -E '^(FALSE|suspect)' "$tmp/err" | head -20 | sed 's/^/# /'
false_of() { sed -n 's/.* false \([0-9]*\)$/\1/p' "$1" | tail -1; }
"$adv" --tap --count 120 --seed 2 --max-params 25 --bases "$bases" \
    >"$tmp/base" 2>/dev/null
b=$(false_of "$tmp/base")
i=$nfirst
for m in kind xstar loss grad; do
    i=$((i + 1))
    "$adv" --tap --count 120 --seed 2 --max-params 25 --bases "$bases" \
        --mutate "$m" >"$tmp/m" 2>/dev/null
    f=$(false_of "$tmp/m")
    if [ -n "$f" ] && [ -n "$b" ] && [ "$f" -gt "$b" ]; then
        echo "ok $i - judge self-test '$m': $f false against $b"
    else
        echo "not ok $i - judge self-test '$m' not detected ($f against $b)"
    fi
done
