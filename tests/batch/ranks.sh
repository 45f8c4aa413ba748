#!/bin/sh
# ranks.sh -- the MPI hand-out at rank counts with both roles of rank 0
# (TAP): alone (1 rank) rank 0 runs every job; with 3 and 4 it hands out
# and runs the smallest jobs,
# answering between any two of them; with 9 (above TSA_SCHED_RUN_RANKS =
# 8) it only hands out.  Census classes k = 6..16 (56 jobs of 2-10 ms, so
# many chunks): every job's result exactly once, tables byte-identical to
# the serial run's.  Skipped without MPI.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
echo "1..5"
MPIRUN=${TSA_MPIRUN:-}
if [ -z "$MPIRUN" ]; then
    for i in 1 2 3 4 5; do echo "ok $i - mpirun # SKIP tsalign built without MPI"; done
    exit 0
fi
"$TSALIGN" plan census --census "$TSA_SRCDIR/data/ssy2021-minima.tsv" \
    --kmin 6 --kmax 16 -o plan.json || exit 1
"$TSALIGN" batch plan.json --out serial -q
rc=$?
njobs=$(($(wc -l <serial/table.tsv) - 1))
check "serial run: exit 0, $njobs jobs" '[ $rc -eq 0 ] && [ "$njobs" -ge 30 ]'
for np in 1 3 4 9; do
    # as root Open MPI needs --allow-run-as-root; 9 ranks on 2 cores need
    # --oversubscribe
    $MPIRUN --oversubscribe --allow-run-as-root -n $np "$TSALIGN" batch \
        plan.json --out mpi$np -q >mpi$np.log 2>&1
    rc=$?
    nres=$(ls mpi$np/results | grep -c '\.json$')
    if [ $rc -eq 0 ] && [ "$nres" -eq "$njobs" ] &&
        cmp -s serial/table.tsv mpi$np/table.tsv &&
        cmp -s serial/table.json mpi$np/table.json; then
        ok "mpirun -n $np: every result once ($nres), tables byte-identical"
    else
        fail "mpirun -n $np: exit $rc, $nres results of $njobs" "$(tail -5 mpi$np.log)"
    fi
done
