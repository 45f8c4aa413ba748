#!/bin/sh
# hostile-claims.sh -- `tsalign check` on claim files a hostile sender could
# write (TAP).  Claim ids full of shell metacharacters run nothing and write
# nothing; ids that climb out of --out are refused; a legitimate claim still
# gets its plot (when gnuplot is installed) without a shell; a report pair is
# written whole or not at all; exit codes 0 / 2 / 3 / 4 / 5 as documented.
. "${TSA_SRCDIR:-.}/tests/tap.sh"

# a cheap claim (AD-2 for ReLU at a shallow depth) with the given id,
# extra top-level fields, max_depth (12) and delta_log2 (4)
claim() {
    printf '{"id": %s, "paper": "AD", "statement": "s", "checker": "ad_properties", "kind": "assumption", %s"params": {"act": "relu", "delta_log2": %s, "max_depth": %s}}\n' \
        "$1" "$2" "${4:-4}" "${3:-12}"
}

echo "1..17"
mkdir "$tmp/work" "$tmp/work/out"
cd "$tmp/work" || exit 1

# 1-3: shell metacharacters in the id: refused (exit 2, one line), no file
# created anywhere, nothing written to --out
i=0
for id in 'x$(touch PWNED1)' 'x`touch PWNED2`;touch PWNED3' "x'; system(\\\"touch PWNED4\\\"); '"; do
    i=$((i + 1))
    claim "\"$id\"" '"expect": "consistent", ' >"c$i.json"
    "$TSALIGN" check --out out "c$i.json" >/dev/null 2>err
    rc=$?
    pwned=$(find "$tmp" -name 'PWNED*' | wc -l)
    written=$(ls out | wc -l)
    check "shell metacharacters in id $i: exit $rc (2), $(wc -l <err) stderr line, $pwned files created, $written in --out" \
        '[ $rc -eq 2 ] && [ "$(wc -l <err)" -eq 1 ] && [ "$pwned" -eq 0 ] && [ "$written" -eq 0 ]'
done

# 4: path traversal: refused naming the field, nothing outside --out
mkdir -p deep/er/out
claim '"../../ESCAPED"' '' >trav.json
(cd deep/er && "$TSALIGN" check --out out ../../trav.json >/dev/null 2>../../err)
rc=$?
esc=$(find "$tmp" -name 'ESCAPED*' | wc -l)
check "id ../../ESCAPED: exit $rc (2), $esc files outside --out, error names the id" \
    '[ $rc -eq 2 ] && [ "$esc" -eq 0 ] && grep -q ": id: " err && [ "$(wc -l <err)" -eq 1 ]'

# 5: a long id (a buffer overflow before): refused, exit 2
long=$(printf 'A%.0s' $(seq 1 5000))
claim "\"$long\"" '' >long.json
"$TSALIGN" check --out out long.json >/dev/null 2>err
rc=$?
check "5000-character id: exit $rc (2), one line" '[ $rc -eq 2 ] && [ "$(wc -l <err)" -eq 1 ]'

# 6: a legitimate claim draws its plot (gnuplot run without a shell), data
# and plot whole, no temporaries left
claim '"plot-ok"' '"expect": "consistent", ' >ok.json
"$TSALIGN" check --out out ok.json >/dev/null 2>err
rc=$?
if command -v gnuplot >/dev/null 2>&1; then
    check "legitimate claim: exit $rc (0), report pair, enclosure .dat and .png, no temporaries" \
        '[ $rc -eq 0 ] && [ -s out/plot-ok.json ] && [ -s out/plot-ok.md ] && [ -s out/plot-ok-enclosure.dat ] && [ -s out/plot-ok-enclosure.png ] && [ -z "$(ls out | grep tmp)" ] && grep -q "plot-ok-enclosure.png" out/plot-ok.md'
else
    n=$((n + 1)); echo "ok $n - # SKIP gnuplot is not installed (exit $rc)"
fi

# 7: gnuplot not on PATH: the claim still runs, no plot, no error
claim '"no-gnuplot"' '"expect": "consistent", ' >nog.json
PATH=/nonexistent "$TSALIGN" check --out out nog.json >/dev/null 2>err
rc=$?
check "gnuplot not on PATH: exit $rc (0), no plot, empty stderr" \
    '[ $rc -eq 0 ] && [ -s out/no-gnuplot.json ] && [ ! -e out/no-gnuplot-enclosure.png ] && [ ! -s err ]'

# 8: the report pair is whole or absent: <id>.md exists as a directory, so
# its rename fails; no <id>.json may remain without it (exit 3)
mkdir -p out2/half.md
claim '"half"' '' >half.json
"$TSALIGN" check --out out2 half.json >/dev/null 2>err
rc=$?
check "report pair with .md blocked: exit $rc (3), no half.json left, no temporaries" \
    '[ $rc -eq 3 ] && [ ! -e out2/half.json ] && [ -z "$(ls out2 | grep tmp)" ] && [ "$(wc -l <err)" -eq 1 ]'

# 9: --out is a file: I/O failure, exit 3
: >afile
"$TSALIGN" check --out afile ok.json >/dev/null 2>err
rc=$?
check "--out is a file: exit $rc (3)" '[ $rc -eq 3 ] && [ "$(wc -l <err)" -eq 1 ]'

# 10-11: a decided verdict that differs from expect exits 5; an undecided
# verdict where another is expected exits 4
claim '"refuted"' '"expect": "counterexample", ' >ref.json
"$TSALIGN" check --out out ref.json >/dev/null 2>err
rc=$?
check "verdict consistent, expect counterexample: exit $rc (5)" '[ $rc -eq 5 ]'
claim '"undec"' '"expect": "consistent", ' 2 60 >und.json
"$TSALIGN" check --out out und.json >out.txt 2>err
rc=$?
check "undecided where consistent is expected: exit $rc (4)" '[ $rc -eq 4 ] && grep -q undecided out.txt'
"$TSALIGN" check --out out und.json ref.json >/dev/null 2>err
rc=$?
check "undecided and refuted claims together: exit $rc (5)" '[ $rc -eq 5 ]'

# 13-15: wrong JSON types and out-of-range fields are refused before any
# work, one line naming the field, exit 2
claim '"t1"' '"expect": 5, ' >t1.json
"$TSALIGN" check --out out t1.json >/dev/null 2>err
rc=$?
check "expect of the wrong type: exit $rc (2), names expect" \
    '[ $rc -eq 2 ] && grep -q ": expect: " err && [ ! -e out/t1.json ]'
claim '"t2"' '"prec": 100000, ' >t2.json
"$TSALIGN" check --out out t2.json >/dev/null 2>err
rc=$?
check "prec 100000: exit $rc (2), names prec" '[ $rc -eq 2 ] && grep -q ": prec: " err && [ ! -e out/t2.json ]'
claim '"t3"' '"extra": 1, ' >t3.json
"$TSALIGN" check --out out t3.json >/dev/null 2>err
rc=$?
check "unknown field: exit $rc (2)" '[ $rc -eq 2 ] && grep -q "extra: unknown field" err'

# 16: a kill during check leaves no partial data file: the .dat appears
# only by rename once whole (a temporary may remain)
cat >slow.json <<'EOF2'
{"id": "slow", "paper": "SS", "statement": "s", "checker": "ss_empirical", "kind": "empirical",
 "params": {"train": {"preset": "ss2", "d": 20, "outputs": 10, "teacher_widths": "5",
  "n_train": 0, "n_eval": 1000, "steps": 300000, "seed": 1},
  "measure": "lshape", "overs": [2], "polarity_x100": [100], "seeds": 8}}
EOF2
mkdir out3
"$TSALIGN" check --out out3 slow.json >/dev/null 2>&1 &
pid=$!
sleep 1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check "killed during check: no slow-lshape.dat, no report" \
    '[ ! -e out3/slow-lshape.dat ] && [ ! -e out3/slow.json ] && [ ! -e out3/slow.md ]'

# 17: --help documents the exit codes
"$TSALIGN" check --help >help.txt
check "check --help documents exit codes 2 3 4 5" \
    'grep -q "^  2  bad input" help.txt && grep -q "^  3  I/O" help.txt && grep -q "^  4  " help.txt && grep -q "^  5  " help.txt'
[ "$n" -eq 17 ] || echo "# planned 17 tests, ran $n"
exit 0
