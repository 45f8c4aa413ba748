#!/bin/sh
# batch-speedup.sh -- speed-up of a census slice under `mpirun -n 2` over
# `mpirun -n 1` (tsalign batch; target >= 1.8 on 2 idle cores), with the
# wall-clock and summed job CPU times.  Usage:
#   bench/batch-speedup.sh [TSALIGN] [KMIN] [KMAX] [LIMIT]
# (default: src/tsalign, classes k = 70 .. 100, at most 6 per k).
T=${1:-src/tsalign}
KMIN=${2:-70}
KMAX=${3:-100}
LIMIT=${4:-6}
SRC=${TSA_SRCDIR:-$(dirname "$0")/..}
MPIRUN=${MPIRUN:-mpirun}
command -v "$MPIRUN" >/dev/null 2>&1 || { echo "batch-speedup: no mpirun: skipped"; exit 0; }
W=$(mktemp -d "${TMPDIR:-/tmp}/tsa-bench.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
MR="$MPIRUN --oversubscribe"
[ "$(id -u)" -eq 0 ] && MR="$MR --allow-run-as-root"
"$T" plan census --census "$SRC/data/ssy2021-minima.tsv" --kmin "$KMIN" --kmax "$KMAX" --limit "$LIMIT" -o "$W/plan.json" || exit 1
now() { date +%s.%N; }
run() { # ranks -> wall seconds
    rm -rf "$W/out$1"
    t0=$(now); OPENBLAS_NUM_THREADS=1 $MR -n "$1" "$T" batch "$W/plan.json" --out "$W/out$1" -q >/dev/null 2>&1
    t1=$(now); echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}'
}
w1=$(run 1); w2=$(run 2)
c1=$(awk 'NR > 1 { s += $2 } END { printf "%.2f", s }' "$W/out1/times.tsv")
c2=$(awk 'NR > 1 { s += $2 } END { printf "%.2f", s }' "$W/out2/times.tsv")
n=$(($(wc -l < "$W/out1/table.tsv") - 1))
cmp -s "$W/out1/table.tsv" "$W/out2/table.tsv" && same=yes || same=NO
echo "census k = $KMIN .. $KMAX (at most $LIMIT per k): $n jobs"
echo "1 rank : wall $w1 s, job CPU $c1 s"
echo "2 ranks: wall $w2 s, job CPU $c2 s"
echo "$w1 $w2" | awk '{ printf "speed-up 2 ranks / 1 rank: %.2fx (target >= 1.8 on 2 idle cores)\n", $1 / $2 }'
echo "merged tables byte-identical: $same"
