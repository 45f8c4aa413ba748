#!/bin/sh
# plot-bounds.sh -- the SS alignment plot draws the line y = eps of Def. 3
# (the bound that decides "aligned"), with the claim's eps; the SS-E plots
# draw the series and the threshold that decide their verdicts (TAP).  gnuplot
# is replaced by a stub on PATH that keeps the script it is fed.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
P="$TSA_SRCDIR/proofs_numeric"
echo "1..7"
mkdir bin out
printf '#!/bin/sh\ncat >> "%s/script.gp"\n' "$tmp" > bin/gnuplot
chmod +x bin/gnuplot
PATH="$tmp/bin:$PATH" "$TSALIGN" check -o out --set eps=0.125 "$P/SS-T3-trained.json" \
    >o.txt 2>err
rc=$?
check "SS-T3-trained with eps = 0.125: exit $rc (0: overridden run), plot script written" \
    '[ $rc -eq 0 ] && [ -s script.gp ] && [ -s out/SS-T3-trained-set-align.dat ]'
check "the alignment plot has the eps line at 0.125" \
    'grep -q "0\.125 w l .*eps = 0\.125" script.gp'

# SS-E (ss_empirical, short runs: the plots, not the verdicts, are checked)
: > script.gp
for c in SS-E-lshape SS-E-strong-first SS-E-over; do
    PATH="$tmp/bin:$PATH" "$TSALIGN" check -o out --set seeds=1 \
        --set train.steps=600 --set rho_lo=0.75 "$P/$c.json" >>o.txt 2>>err
done
check "SS-E-lshape: vertical line at the claim's rho_lo = 0.75 and rho_hi" \
    'grep -q "set arrow 1 from 0\.75, graph 0" script.gp && grep -q "rho_hi = 0\.95" script.gp'
check "SS-E-lshape: the run's bound frac x median |v| (column 4) is drawn" \
    'grep -q "lshape\.dat. u 1:2:3 .*u (\$1 < 0\.75 ? \$1 : 1/0):4 .*0\.5 x median" script.gp &&
     awk "!/^#/ { if (NF != 4) bad = 1 } END { exit bad }" out/SS-E-lshape-set-lshape.dat'
s_=$(sed -n 's/.*"first_step_strong": \([0-9.]*\).*/\1/p' out/SS-E-strong-first-set.json)
w_=$(sed -n 's/.*"first_step_weak": \([0-9.]*\).*/\1/p' out/SS-E-strong-first-set.json)
check "SS-E-strong-first: first-step plot with both half means (report: $s_, $w_)" \
    'grep -q "first\.dat. u 1:2 w lp.*strong-half mean.*weak-half mean" script.gp &&
     [ -n "$s_" ] && [ -n "$w_" ] &&
     awk -v a="$s_" -v b="$w_" "/first\.dat/ { for (i = 1; i <= NF; i++) if (\$(i+1) == \"w\" && \$(i+2) == \"l\") v[++k] = \$i }
         END { exit !(k == 2 && v[1] - a < 1e-3 && a - v[1] < 1e-3 && v[2] - b < 1e-3 && b - v[2] < 1e-3) }" script.gp'
check "SS-E-over: success vs over-realization, one series and one bound line per polarity" \
    '[ "$(grep "over\.dat. u 1:2 w lp" script.gp | grep -o "level at 1x (bound for 5x)" | wc -l)" -eq 3 ] &&
     [ "$(grep -c . out/SS-E-over-set-over.dat)" -eq 4 ]'
check "SS-E-over: the bound lines are the success rates at the smallest over" \
    'c2=$(awk "NR == 2 { print \$2 }" out/SS-E-over-set-over.dat);
     c3=$(awk "NR == 2 { print \$3 }" out/SS-E-over-set-over.dat);
     grep -q "u 1:2 w lp pt 7 lc 1 t .p=0\.00., $c2 w l dt 2" script.gp &&
     grep -q "u 1:3 w lp pt 7 lc 2 t .p=1\.00., $c3 w l dt 2" script.gp'
