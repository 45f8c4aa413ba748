#!/bin/sh
# zero.sh -- `tsalign overparam` through the CLI (issue 17): a census
# minimum with a zero student descends (certificate written, verify valid),
# forged certificates are invalid (exit 5), the global minimum W = V is
# undecided (exit 4: g = 0, no descent may be proved), the quick census
# table (k <= 12) has no undecided class, hostile options exit 2; `tsalign
# verify` dispatches zero-student certificates (valid 0, forged 5); the
# orbit-reduced type-A rows, the fate table and the path down.  TAP.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
census="$TSA_SRCDIR/data/ssy2021-minima.tsv"
echo "1..12"
"$TSALIGN" overparam zero --census="$census" --k 7 --row 1 -o "$tmp/z7.json" >"$tmp/o1" \
    && grep -q "descent" "$tmp/o1" && grep -q '"tsalign-overparam-certificate"' "$tmp/z7.json" \
    && echo "ok 1 - k = 7 spurious minimum: descent proved, certificate written" \
    || echo "not ok 1 - k = 7 descent"
"$TSALIGN" overparam verify "$tmp/z7.json" >/dev/null \
    && echo "ok 2 - verify re-derives it" || echo "not ok 2 - verify"
# a bound below the true value of g(u)
sed 's/"g_upper": "[^"]*"/"g_upper": "-0x1p-1"/' "$tmp/z7.json" >"$tmp/f1.json"
"$TSALIGN" overparam verify "$tmp/f1.json" >/dev/null 2>&1
rc1=$?
# the direction turned around (first entry's sign flipped)
sed '/"u": \[/{n;s/"0x/"-0x/}' "$tmp/z7.json" >"$tmp/f2.json"
"$TSALIGN" overparam verify "$tmp/f2.json" >/dev/null 2>&1
rc2=$?
[ $rc1 -eq 5 ] && [ $rc2 -eq 5 ] && ! cmp -s "$tmp/f2.json" "$tmp/z7.json" \
    && echo "ok 3 - forged bound and forged direction are invalid (exit 5)" \
    || echo "not ok 3 - forged certificates: exit $rc1, $rc2"
"$TSALIGN" overparam zero --census="$census" --k 7 --row 0 -o "$tmp/g.json" >"$tmp/o4"
rc=$?
[ $rc -eq 4 ] && [ ! -e "$tmp/g.json" ] && grep -q "global minimum" "$tmp/o4" \
    && echo "ok 4 - W = V: no descent proved, nothing written (exit 4)" \
    || echo "not ok 4 - W = V gave exit $rc"
"$TSALIGN" overparam census --census="$census" --kmax 12 >"$tmp/t" 2>&1
grep -q "^# all: descent 13, undecided 0, W undecided 0, global 7" "$tmp/t" \
    && echo "ok 5 - census k <= 12: 13 spurious classes, all descend" \
    || { echo "not ok 5 - census table"; sed 's/^/# /' "$tmp/t"; }
sed 's/"format_version": "1.0"/"format_version": "2.0"/' "$tmp/z7.json" >"$tmp/f3.json"
"$TSALIGN" overparam verify "$tmp/f3.json" 2>"$tmp/e5" >/dev/null
rc=$?
[ $rc -eq 2 ] && grep -q "newer" "$tmp/e5" \
    && echo "ok 6 - a newer format_version is refused (exit 2)" \
    || echo "not ok 6 - newer version exit $rc"
bad=0
for args in "zero --census --k x" "zero --k 7" "zero --census --k 7 --prec 3" \
            "bogus" "verify" "zero --census --k 7 --row 99"; do
    "$TSALIGN" overparam $args >/dev/null 2>&1
    [ $? -eq 2 ] || { bad=1; echo "# '$args' did not exit 2"; }
done
[ $bad -eq 0 ] && echo "ok 7 - hostile options exit 2" || echo "not ok 7 - hostile options"
"$TSALIGN" verify "$tmp/z7.json" >"$tmp/v1" && grep -q "^valid" "$tmp/v1" \
    && { "$TSALIGN" verify "$tmp/f1.json" >/dev/null 2>&1; [ $? -eq 5 ]; } \
    && { "$TSALIGN" verify "$tmp/f2.json" >/dev/null 2>&1; [ $? -eq 5 ]; } \
    && echo "ok 8 - tsalign verify: zero-student certificate valid (0), forged ones invalid (5)" \
    || echo "not ok 8 - tsalign verify dispatch"
mkdir "$tmp/fam"
"$TSALIGN" overparam family --k 6:9 --out "$tmp/fam" >"$tmp/o9" \
    && grep -q "descent proved 4, undecided 0" "$tmp/o9" \
    && [ "$(grep -c ',descent at a zero student,' "$tmp/fam/overparam-type-a.csv")" -eq 4 ] \
    && "$TSALIGN" verify "$tmp/fam/overparam-type-a-k006.json" >/dev/null \
    && echo "ok 9 - type-A k = 6..9: orbit-reduced descent, k = 6 dense certificate valid" \
    || { echo "not ok 9 - type-A family rows"; sed 's/^/# /' "$tmp/o9"; }
mkdir "$tmp/fate"
"$TSALIGN" overparam fate --census="$census" --kmax 11 --out "$tmp/fate" >"$tmp/o10" \
    && grep -q "^# all: descent 9, saddle by split 0, local minimum 0, undecided 0" "$tmp/o10" \
    && grep -q "^11,3,8 3,strict local minimum,descent,not run" "$tmp/fate/overparam-census.csv" \
    && grep -q "^11,4,4,0,0,0,0$" "$tmp/fate/overparam-census-counts.csv" \
    && echo "ok 10 - fate table k <= 11: 9 classes descend, split column 'not run'" \
    || { echo "not ok 10 - fate table"; sed 's/^/# /' "$tmp/o10"; }
"$TSALIGN" overparam path "$tmp/fam/overparam-type-a-k006.json" -o "$tmp/p.csv" >"$tmp/o11" \
    && grep -q "end: global minimum" "$tmp/o11" && grep -q "^6,7,1,0.01," "$tmp/p.csv" \
    && echo "ok 11 - path down from k = 6: GD ends at loss ~ 0" \
    || { echo "not ok 11 - path"; sed 's/^/# /' "$tmp/o11"; }
# tsalign verify on a split certificate (the split engineer's format)
"$TSALIGN" polish --census "$census" --k 7 --index 1 -o "$tmp/c.json" --quiet \
    && "$TSALIGN" certify "$tmp/c.json" -o "$tmp/w.json" >/dev/null \
    && "$TSALIGN" overparam split "$tmp/w.json" --student 0 --t 0x1p-1 -o "$tmp/s.json" >/dev/null \
    && "$TSALIGN" verify "$tmp/s.json" >"$tmp/v12" && grep -q "^valid" "$tmp/v12" \
    && sed 's/"curv_upper": "[^"]*"/"curv_upper": "-0x1p+3"/' "$tmp/s.json" >"$tmp/f12.json" \
    && { "$TSALIGN" verify "$tmp/f12.json" >/dev/null 2>&1; [ $? -eq 5 ]; } \
    && echo "ok 12 - tsalign verify: split certificate valid (0), forged curv_upper invalid (5)" \
    || echo "not ok 12 - tsalign verify on a split certificate"
