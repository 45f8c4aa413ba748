#!/bin/sh
# recheck-lm.sh -- `tsalign check --recheck` of the LM Thm 4/5 and
# Lemma 2-4 counterexample witnesses: genuine reports are confirmed (exit 0), a
# forged one is rejected (exit 5), a malformed one is refused (exit 2)
# (TAP; docs/claims-lm.md s. 5a, 6b).
. "${TSA_SRCDIR:-.}/tests/tap.sh"
P="$TSA_SRCDIR/proofs_numeric"
echo "1..14"
# short runs (--set steps): the violations are at t = 3, 4 and 1
for c in LM-T4-single-printed:10 LM-T4-bias-pair-printed:10 LM-T5-antipodal:5; do
    s=${c#*:}
    c=${c%:*}
    "$TSALIGN" check --out out --set steps=$s "$P/$c.json" >/dev/null 2>&1
    mv "out/$c-set.json" "out/$c.json" 2>/dev/null
    "$TSALIGN" check --recheck "out/$c.json" >o.txt 2>err
    rc=$?
    check "$c: witness confirmed (exit $rc, 0)" \
        '[ $rc -eq 0 ] && grep -q "witness confirmed" o.txt'
done
if ! python3 -c 'import json' 2>/dev/null; then
    for t in "forged Thm 4 witness" "forged Thm 5 witness"; do
        n=$((n + 1)); echo "ok $n - $t # SKIP python3 not found"
    done
else
# forged: the student row of the Thm 4 witness replaced by the teacher row
# (sin theta = 0 at the violating step)
python3 - out/LM-T4-single-printed.json forged.json <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["witness"]["w_t"] = j["witness"]["W_star"][0]
json.dump(j, open(sys.argv[2], "w"))
PY
"$TSALIGN" check --recheck forged.json >o.txt 2>err
rc=$?
check "forged Thm 4 witness: exit $rc (5), rejected" \
    '[ $rc -eq 5 ] && grep -q "REJECTED" o.txt'
# forged: the observed V_u value of the Thm 5 witness lowered below the bound
python3 - out/LM-T5-antipodal.json forged5.json <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["witness"]["x_t"] = j["witness"]["V_star"][0]
json.dump(j, open(sys.argv[2], "w"))
PY
"$TSALIGN" check --recheck forged5.json >o.txt 2>err
rc=$?
check "forged Thm 5 witness: exit $rc (5), rejected" \
    '[ $rc -eq 5 ] && grep -q "REJECTED" o.txt'
fi
# malformed: a hex float that is not one
sed 's/"0x1p+0"/"0xzz"/' out/LM-T5-antipodal.json >bad.json
"$TSALIGN" check --recheck bad.json >o.txt 2>err
rc=$?
check "malformed witness: exit $rc (2), one line naming the field" \
    '[ $rc -eq 2 ] && [ "$(wc -l <err)" -eq 1 ] && grep -q "witness.W_star" err'
# Lemma 3 / 4 (lm_lemma23, lm_lemma4): the witness is rechecked at twice
# the report's precision by the closed forms in the angle of the raw rows
for c in LM-L4-antipodal LM-L3-dv LM-L3-vnorm LM-T2-wide; do
    "$TSALIGN" check --out out "$P/$c.json" >/dev/null 2>&1
    "$TSALIGN" check --recheck "out/$c.json" >o.txt 2>err
    rc=$?
    check "$c: witness confirmed (exit $rc, 0)" \
        '[ $rc -eq 0 ] && grep -q "witness confirmed" o.txt'
done
if ! python3 -c 'import json' 2>/dev/null; then
    for t in "forged Lemma 4 witness" "forged Lemma 3 witness" \
             "forged Thm 2 witness"; do
        n=$((n + 1)); echo "ok $n - $t # SKIP python3 not found"
    done
else
# forged: the angle moved to 1/16, where Lemma 4 holds with C0 = 1e6
python3 - out/LM-L4-antipodal.json forged4.json <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["witness"]["theta"] = "0x1p-4"
json.dump(j, open(sys.argv[2], "w"))
PY
"$TSALIGN" check --recheck forged4.json >o.txt 2>err
rc=$?
check "forged Lemma 4 witness: exit $rc (5), rejected" \
    '[ $rc -eq 5 ] && grep -q "REJECTED" o.txt'
# forged: v_j' replaced by v*_j' (then eq. (30) holds)
python3 - out/LM-L3-dv.json forged3.json <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["witness"]["v_j2"] = j["witness"]["v_star_j2"]
json.dump(j, open(sys.argv[2], "w"))
PY
"$TSALIGN" check --recheck forged3.json >o.txt 2>err
rc=$?
check "forged Lemma 3 witness: exit $rc (5), rejected" \
    '[ $rc -eq 5 ] && grep -q "REJECTED" o.txt'
# forged: student node 1 replaced by teacher node 1 (another relative error)
python3 - out/LM-T2-wide.json forged2.json <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["witness"]["W"][0] = j["witness"]["W_star"][0]
json.dump(j, open(sys.argv[2], "w"))
PY
"$TSALIGN" check --recheck forged2.json >o.txt 2>err
rc=$?
check "forged Thm 2 witness: exit $rc (5), rejected" \
    '[ $rc -eq 5 ] && grep -q "REJECTED" o.txt'
fi
sed 's/"0x1p+0"/"0xzz"/' out/LM-L3-dv.json >bad3.json
"$TSALIGN" check --recheck bad3.json >o.txt 2>err
rc=$?
check "malformed Lemma 3 witness: exit $rc (2), one line naming the field" \
    '[ $rc -eq 2 ] && [ "$(wc -l <err)" -eq 1 ] && grep -q "witness.w_star_j" err'
