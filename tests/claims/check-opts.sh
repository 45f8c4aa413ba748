#!/bin/sh
# check-opts.sh -- `tsalign check --set / --describe / --recheck`, claim
# kinds in the reports and the index, progress on stderr (TAP).
. "${TSA_SRCDIR:-.}/tests/tap.sh"
P="$TSA_SRCDIR/proofs_numeric"
echo "1..17"

# 1-2: --describe lists every parameter of the checker with its default
"$TSALIGN" check --describe ad_properties >d.txt 2>err
rc=$?
rows=$(grep '^| [a-z_0-9]* | ' d.txt | grep -vc '^| parameter ')
check "--describe ad_properties: exit $rc, $rows parameter rows (5)" \
    '[ $rc -eq 0 ] && [ "$rows" -eq 5 ] && grep -q "^| delta_log2 | 20 | delta = 2^-e |" d.txt'
"$TSALIGN" check --describe nosuch >/dev/null 2>err
rc=$?
check "--describe nosuch: exit $rc (2), one line" '[ $rc -eq 2 ] && [ "$(wc -l <err)" -eq 1 ]'

# 3-4: --set overrides a parameter; the report records it; a differing
# expectation is reported but the overridden run exits 0
"$TSALIGN" check --out out --set act=arccos0 --set max_depth=30 "$P/AD-2-relu.json" >o.txt 2>err
rc=$?
check "--set act=arccos0 on AD-2-relu: exit $rc (0), verdict counterexample, mismatch on stderr" \
    '[ $rc -eq 0 ] && grep -q "^AD-2-relu-set  *counterexample" o.txt && grep -q "overridden run: not a failure" err'
check "report AD-2-relu-set.json records the overrides and the kind" \
    'grep -q "\"overridden\": true" out/AD-2-relu-set.json && grep -q "\"act\": \"arccos0\"" out/AD-2-relu-set.json && grep -q "\"kind\": \"assumption\"" out/AD-2-relu-set.json && grep -q "Overridden" out/AD-2-relu-set.md && [ ! -e out/AD-2-relu.json ]'

# 5: unknown parameter in --set: exit 2 naming it
"$TSALIGN" check --out out --set delta=3 "$P/AD-2-relu.json" >/dev/null 2>err
rc=$?
check "--set delta=3: exit $rc (2), names params.delta" '[ $rc -eq 2 ] && grep -q "params.delta: unknown parameter" err'

# 6-7: --recheck re-derives the witness at another precision
"$TSALIGN" check --recheck out/AD-2-relu-set.json >r.txt 2>err
rc=$?
check "--recheck AD-2 witness: exit $rc (0), confirmed at 256 bits" \
    '[ $rc -eq 0 ] && grep -q "witness confirmed" r.txt && grep -q "256 bits" r.txt'
# a forged witness at theta = 1 (G'"'"' < 0 there): rejected, exit 5
# (the first "exact" of the report is the witness's theta)
sed '0,/"exact": "[^"]*"/s//"exact": "1 0 0 0"/' out/AD-2-relu-set.json >forged.json
"$TSALIGN" check --recheck forged.json --prec 64 >r.txt 2>err
rc=$?
check "--recheck forged witness theta = 1: exit $rc (5), rejected" \
    '[ $rc -eq 5 ] && grep -q "REJECTED" r.txt'

# 8: a checker whose witnesses cannot be re-derived: exit 4
sed 's/"checker": "ad_properties"/"checker": "lm_thm3"/' out/AD-2-relu-set.json >other.json
"$TSALIGN" check --recheck other.json >/dev/null 2>err
rc=$?
check "--recheck for lm_thm3: exit $rc (4), recheck not supported" \
    '[ $rc -eq 4 ] && grep -q "recheck not supported" err'

# 9: SS Thm 1 antipodal: the exact instance is decided again
"$TSALIGN" check --out out "$P/SS-T1-antipodal.json" >/dev/null 2>&1
"$TSALIGN" check --recheck out/SS-T1-antipodal.json >r.txt 2>err
rc=$?
check "--recheck SS-T1-antipodal: exit $rc (0)" '[ $rc -eq 0 ] && grep -q "witness confirmed" r.txt'

# 10: progress: one stderr line per claim with i of N, stdout only results
"$TSALIGN" check --out out2 "$P/AD-2-relu.json" "$P/LM-T3-discrete.json" >o.txt 2>err
rc=$?
check "two claims: exit $rc, stdout 2 lines, stderr [1/2] and [2/2] with time left" \
    '[ $rc -eq 0 ] && [ "$(wc -l <o.txt)" -eq 2 ] && grep -q "^check \[1/2\]" err && grep -q "^check \[2/2\].*about [0-9]* s left" err && [ "$(wc -l <err)" -eq 2 ]'

# 11-12: the index counts verdicts by kind and says in words what each
# verdict means; only a theorem counterexample says the paper fails
"$TSALIGN" check --out out2 "$P/SS-T1-antipodal.json" >/dev/null 2>&1
"$TSALIGN" report out2 >/dev/null
check "index: verdict counts by kind (assumption 1 consistent, variant 1 counterexample, theorem 1 counterexample)" \
    'grep -q "^| assumption | 1 | 0 | 0 | 0 |" out2/index.md && grep -q "^| variant | 0 | 1 | 0 | 0 |" out2/index.md && grep -q "^| theorem | 0 | 1 | 0 | 0 |" out2/index.md'
check "index: LM-T3-discrete 'our variant fails, as designed'; SS-T1-antipodal 'the paper's statement fails here' (once)" \
    'grep "^| LM-T3-discrete " out2/index.md | grep -q "our variant fails, as designed" && grep "^| SS-T1-antipodal " out2/index.md | grep -q "the paper.s statement fails here" && [ "$(grep -c "the paper.s statement fails here" out2/index.md)" -eq 1 ] && grep -q "^Findings against a paper .*: 1: SS-T1-antipodal\.$" out2/index.md'

# 14: the AD-2-arccos0 witness is a clear violation, not pi/2 rounded
# (G'(theta) = -cos(theta) / (2 pi sin^2 theta) for arccos0: the old witness
# was the midpoint of [delta, pi - delta], with G' = 7.9e-40)
"$TSALIGN" check --out out3 "$P/AD-2-arccos0.json" >/dev/null 2>&1
"$TSALIGN" check --recheck out3/AD-2-arccos0.json >r.txt 2>err
rc=$?
th=$(sed -n 's/.*refuted at theta = \([0-9.]*\) .*/\1/p' out3/AD-2-arccos0.md | head -1)
check "AD-2-arccos0 witness theta = $th: recheck exit $rc (0), theta >= pi/2 + 0.5, closed form G' > 0.5" \
    '[ $rc -eq 0 ] && awk -v t="$th" "BEGIN { pi = atan2(0, -1); g = -cos(t) / (2 * pi * sin(t)^2); exit !(t >= pi / 2 + 0.5 && g > 0.5) }"'

# 14: every parameter name a checker reads from "params" has a row in a
# table of src/claims/params.c (what --describe prints and the registry
# accepts)
missing=""
for k in $(grep -ho 'params, "[A-Za-z_0-9]*"' "$TSA_SRCDIR"/src/claims/*.c | sed 's/.*"\(.*\)"/\1/' | sort -u); do
    grep -q "{\"$k\", " "$TSA_SRCDIR/src/claims/params.c" || missing="$missing $k"
done
check "every parameter read by a checker is described in params.c (missing:${missing:- none})" '[ -z "$missing" ]'

# 15-17: engine witnesses (ad_prove) and the order-0 network (ad1_n2) are
# re-derived by second formulas (F, F', F''; atan2 and the closed form)
"$TSALIGN" check --out out4 "$P/AD-P-arccos0-G-decr.json" "$P/AD-1-n2-arccos0.json" >/dev/null 2>&1
"$TSALIGN" check --recheck out4/AD-P-arccos0-G-decr.json >r.txt 2>err
rc=$?
check "--recheck AD-P-arccos0-G-decr (engine witness): exit $rc (0), g <= 0 again" \
    '[ $rc -eq 0 ] && grep -q "witness confirmed" r.txt && grep -q "not the engine" r.txt'
sed '/"theta": {/,/"exact"/ s/"exact": "[^"]*"/"exact": "1 0 0 0"/' out4/AD-P-arccos0-G-decr.json >forged2.json
"$TSALIGN" check --recheck forged2.json >r.txt 2>err
rc=$?
check "--recheck forged engine witness theta = 1 (G' < 0 there): exit $rc (5)" \
    '[ $rc -eq 5 ] && grep -q "REJECTED" r.txt'
"$TSALIGN" check --recheck out4/AD-1-n2-arccos0.json >r.txt 2>err
rc=$?
check "--recheck AD-1-n2-arccos0 (order-0 network): exit $rc (0), J contains 1/4" \
    '[ $rc -eq 0 ] && grep -q "1/4 contained" r.txt && grep -q "proved > 0" r.txt'
