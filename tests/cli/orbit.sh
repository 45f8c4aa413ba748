#!/bin/sh
# orbit.sh -- issue 14 through the CLI: polish recognises W = V and no
# longer ends silently above its tolerance, polish --family converges for
# K = 3 and K = 19 (both failed on 283d1db's parent: exit 1, exit 0 at
# |grad| ~ 0.02), `tsalign family type-a` certifies and verify re-derives
# its orbit certificates (forged ones are invalid), hostile options; above
# k = 40 verify's second path is the block-symmetric certifier (before:
# none).  TAP.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
census="$TSA_SRCDIR/data/ssy2021-minima.tsv"
echo "1..12"
"$TSALIGN" polish --census "$census" --k 6 -o "$tmp/c6.json" --quiet \
    && grep -q '"W"' "$tmp/c6.json" \
    && echo "ok 1 - polish --census --k 6 (W = V) is the global minimum" \
    || echo "not ok 1 - polish W = V"
"$TSALIGN" polish --census "$census" --k 7 --index 1 --tol 0 -o "$tmp/c0.json" --quiet 2>"$tmp/e0"
rc=$?
if [ $rc -eq 4 ] && [ ! -e "$tmp/c0.json" ] && grep -q "not converged" "$tmp/e0"; then
    echo "ok 2 - polish above its tolerance exits 4 and writes nothing"
else
    echo "not ok 2 - polish above tolerance: exit $rc"
fi
"$TSALIGN" polish --family 3 -o "$tmp/f3.json" --quiet && echo "ok 3 - polish --family 3" \
    || echo "not ok 3 - polish --family 3"
"$TSALIGN" polish --family 19 -o "$tmp/f19.json" --quiet \
    && "$TSALIGN" certify "$tmp/f19.json" | grep -q "^verdict: strict local minimum" \
    && echo "ok 4 - polish --family 19 converges and certifies" \
    || echo "not ok 4 - polish --family 19"
mkdir "$tmp/fam"
"$TSALIGN" family type-a --k 3:9 --out "$tmp/fam" >"$tmp/tab" \
    && grep -q "^| 5 | saddle" "$tmp/tab" && grep -q "^| 6 | strict local minimum" "$tmp/tab" \
    && [ -s "$tmp/fam/type-a.csv" ] \
    && echo "ok 5 - family type-a 3:9: saddles up to 5, minima from 6" \
    || { echo "not ok 5 - family"; sed 's/^/# /' "$tmp/tab"; }
ok=1
for k in 3 4 5 6 7 8 9; do
    "$TSALIGN" verify "$tmp/fam/type-a-k00000$k.json" | grep -q "^valid.*same verdict" || ok=0
done
[ $ok = 1 ] && echo "ok 6 - every orbit certificate verifies (dense second path)" \
    || echo "not ok 6 - verify of orbit certificates"
f="$tmp/fam/type-a-k000008.json"
v=$(sed -n 's/.*"value": "\(0x[^"]*\)".*/\1/p' "$f" | head -n 1)
sed "s/\"value\": \"$v\"/\"value\": \"0x1p-2\"/" "$f" >"$tmp/bad1.json"
"$TSALIGN" verify "$tmp/bad1.json" >/dev/null 2>&1
[ $? -eq 5 ] && echo "ok 7 - raised lambda_min is invalid" || echo "not ok 7 - raised lambda"
sed 's/"radius": "[^"]*"/"radius": "0x1p-200"/' "$f" >"$tmp/bad2.json"
"$TSALIGN" verify "$tmp/bad2.json" >/dev/null 2>&1
[ $? -eq 5 ] && echo "ok 8 - shrunk box is invalid" || echo "not ok 8 - shrunk box"
sed 's/"k": 8/"k": 9/' "$f" >"$tmp/bad3.json"
"$TSALIGN" verify "$tmp/bad3.json" >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok 9 - k not the sum of the blocks is malformed" || echo "not ok 9 - k"
bad=0
for a in "--k 2:5" "--k 5:200000" "--k 9:5" "--k 5 --prec 5000" "--k 5 --out $tmp/nope"; do
    # shellcheck disable=SC2086
    "$TSALIGN" family type-a $a >/dev/null 2>&1
    [ $? -eq 2 ] || bad=1
done
[ $bad = 0 ] && echo "ok 10 - hostile ranges, precisions and folders exit 2" \
    || echo "not ok 10 - hostile options"
mkdir "$tmp/f48"
"$TSALIGN" family type-a --k 48 --out "$tmp/f48" >/dev/null \
    && "$TSALIGN" verify "$tmp/f48/type-a-k000048.json" >"$tmp/v48" \
    && grep -q "^valid.*paths run: orbit .*block-symmetric certifier (same verdict)" "$tmp/v48" \
    && echo "ok 11 - k = 48: verify runs the orbit path and the block-symmetric certifier" \
    || { echo "not ok 11 - k = 48 second path"; sed 's/^/# /' "$tmp/v48"; }
# regression: at more than 128 bits the k-loss ball's mantissa lives on the
# heap, and row() used to clear it twice (double free, abort at --prec 512)
"$TSALIGN" family type-a --k 6:7 --prec 512 --quiet >/dev/null 2>"$tmp/e512"
rc=$?
[ $rc -eq 0 ] && echo "ok 12 - family type-a --prec 512: exit 0 (row table at a high precision)" \
    || { echo "not ok 12 - family type-a --prec 512: exit $rc"; sed 's/^/# /' "$tmp/e512"; }
