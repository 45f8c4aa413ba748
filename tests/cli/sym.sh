#!/bin/sh
# sym.sh -- a census class with its block symmetry through the CLI:
# polish --census (Newton in the orbit coordinates, the symmetry recorded in
# the candidate), certify (isotypic lambda_min), verify; then the same
# candidate without its symmetry must reach the same verdict by the dense
# method, and a certificate whose lambda_min is raised must not verify.  TAP.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
census="$TSA_SRCDIR/data/ssy2021-minima.tsv"
echo "1..6"
# k = 12, blocks 6,6 (census lambda_min 0.00214631)
"$TSALIGN" polish --census "$census" --k 12 --index 4 -o "$tmp/c.json" --quiet \
    && grep -q '"blocks"' "$tmp/c.json" \
    && echo "ok 1 - polish records the symmetry" || echo "not ok 1 - polish"
"$TSALIGN" certify "$tmp/c.json" -o "$tmp/cert.json" >"$tmp/out" 2>&1
grep -q "^verdict: strict local minimum" "$tmp/out" && grep -q '"isotypic"' "$tmp/cert.json" \
    && echo "ok 2 - certified by the isotypic bound" \
    || { echo "not ok 2 - certify"; sed 's/^/# /' "$tmp/out"; }
"$TSALIGN" verify "$tmp/cert.json" | grep -q "^valid" \
    && echo "ok 3 - verify" || echo "not ok 3 - verify"
# the dense method on the same point (--no-symmetry)
"$TSALIGN" certify "$tmp/c.json" --no-symmetry -o "$tmp/cert2.json" >"$tmp/out2" 2>&1
l1=$(sed -n 's/^lambda_min >= \([0-9.e+-]*\).*/\1/p' "$tmp/out")
l2=$(sed -n 's/^lambda_min >= \([0-9.e+-]*\).*/\1/p' "$tmp/out2")
if grep -q "^verdict: strict local minimum" "$tmp/out2" && ! grep -q '"isotypic"' "$tmp/cert2.json" \
    && awk -v a="$l1" -v b="$l2" 'BEGIN { exit !(a > 0 && b > 0 && a / b < 1.1 && b / a < 1.1) }'; then
    echo "ok 4 - dense method agrees (lambda_min >= $l1 isotypic, $l2 dense)"
else
    echo "not ok 4 - dense method: $l1 vs $l2"; sed 's/^/# /' "$tmp/out2"
fi
# raise the claimed centre value to 0.01 (the true lambda_min is 0.0021)
sed 's/"centre_value": "[^"]*"/"centre_value": "0x1.47ae147ae147bp-7"/' "$tmp/cert.json" >"$tmp/bad.json"
if "$TSALIGN" verify "$tmp/bad.json" >"$tmp/v" 2>&1; then
    echo "not ok 5 - raised centre_value accepted"
else
    echo "ok 5 - raised centre_value rejected ($(head -c 70 "$tmp/v"))"
fi
# a declared symmetry the point does not have is not used
"$TSALIGN" certify "$tmp/c.json" --blocks 5,7 -o "$tmp/cert3.json" >"$tmp/out3" 2>&1
grep -q "^verdict: strict local minimum" "$tmp/out3" && ! grep -q '"isotypic"' "$tmp/cert3.json" \
    && echo "ok 6 - wrong --blocks: dense method" || echo "not ok 6 - wrong --blocks"
