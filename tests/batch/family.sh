#!/bin/sh
# family.sh -- type-A family jobs of tsalign batch (TAP) against the
# family command's own path: each job continues the point in k from the
# k = 7 census values (as `tsalign family type-a` does) and certifies it
# with the census path (dense Krawczyk in the symmetric coordinates);
# `tsalign family` certifies in the five orbit coordinates.  The two loss
# enclosures must overlap and the verdicts agree, for k = 3..5 (saddles,
# continued downwards), 6 and 18..21.  Before the continuation, every job
# from k = 19 on started at the k = 7 values and ended undecided.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
echo "1..4"
"$TSALIGN" plan family --kmin 3 --kmax 6 -o low.json &&
    "$TSALIGN" plan family --kmin 18 --kmax 21 -o high.json || exit 1
rc=0
for p in low high; do
    "$TSALIGN" batch $p.json --out $p -q || rc=$?
done
check "batch of k = 3..6 and 18..21: exit 0" '[ $rc -eq 0 ]'
"$TSALIGN" family type-a --k 3:6 >fam-low.md 2>/dev/null &&
    "$TSALIGN" family type-a --k 18:21 >fam-high.md 2>/dev/null || exit 1
# rows "| k | verdict | [mid +/- rad] | ..." and "id kind outcome verdict
# detail" with "loss [lo, hi]"
cat fam-low.md fam-high.md | awk -F'|' 'NF > 5 && $2 + 0 > 0 {
        gsub(/^ +| +$/, "", $3)
        printf "%d\t%s\t%s\n", $2, $3, $4 }' >fam.tsv
cat low/table.tsv high/table.tsv | awk -F'\t' '$1 ~ /^family-k/ {
        k = substr($1, 9) + 0; lo = $5; sub(/.*loss \[/, "", lo); sub(/\].*/, "", lo)
        printf "%d\t%s\t%s\t%s\n", k, $3, $4, lo }' >batch.tsv
check "8 family rows from each path" '[ $(wc -l <fam.tsv) -eq 8 ] && [ $(wc -l <batch.tsv) -eq 8 ]'
bad=$(awk -F'\t' 'NR == FNR { v[$1] = $2; next }
        $2 != "ok" || $3 != v[$1] { print "k = " $1 ": " $2 " " $3 " vs " v[$1] }' fam.tsv batch.tsv)
check "every job decided, with the family command's verdict" '[ -z "$bad" ]'
[ -z "$bad" ] || echo "$bad" | sed 's/^/# /'
# loss: [m +/- r] of tsalign family must meet [lo, hi] of the batch row
bad=$(awk -F'\t' 'NR == FNR { s = $3; gsub(/[][]/, "", s); split(s, a, / \+\/- /)
            m[$1] = a[1] + 0; r[$1] = a[2] + 0; next }
        { split($4, b, /, /); lo = b[1] + 0; hi = b[2] + 0
          if (!(hi >= lo) || m[$1] + r[$1] < lo || m[$1] - r[$1] > hi)
              printf "k = %d: [%s] vs %.17g +/- %.3g\n", $1, $4, m[$1], r[$1] }' fam.tsv batch.tsv)
check "loss enclosures of both paths overlap (k = 3..6, 18..21)" '[ -z "$bad" ]'
[ -z "$bad" ] || echo "$bad" | sed 's/^/# /'
