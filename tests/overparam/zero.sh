#!/bin/sh
# zero.sh -- `tsalign overparam` through the CLI (issue 17): a census
# minimum with a zero student descends (certificate written, verify valid),
# forged certificates are invalid (exit 5), the global minimum W = V is
# undecided (exit 4: g = 0, no descent may be proved), the quick census
# table (k <= 12) has no undecided class, hostile options exit 2.  TAP.
: "${TSALIGN:=./src/tsalign}"
: "${TSA_SRCDIR:=.}"
census="$TSA_SRCDIR/data/ssy2021-minima.tsv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..7"
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
