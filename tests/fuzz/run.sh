#!/bin/sh
# run.sh BUILD-DIR OUT-DIR SECONDS [HARNESS...] -- run the AFL++ harnesses
# built by build.sh in BUILD-DIR, all at once, each for SECONDS, under
# nice -n 19, with the seed corpora of tests/fuzz/corpus/<harness>/.
# Results: OUT-DIR/<harness>/default/{fuzzer_stats,crashes,hangs,queue}.
# Default harnesses: number cand cert claim run census arbdump.
set -u
if [ $# -lt 3 ]; then
    echo "usage: $0 BUILD-DIR OUT-DIR SECONDS [HARNESS...]" >&2
    exit 2
fi
src=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
out=$2
secs=$3
shift 3
[ $# -gt 0 ] || set -- number cand cert claim run census arbdump
mkdir -p "$out"
out=$(cd "$out" && pwd)
# ASan under AFL: abort on error, no symbolizer, no leak check in
# persistent mode; allocations over 1 GB and an RSS over 2 GB are crashes
# (a reader must bound sizes before allocating).
ASAN_OPTIONS=abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=0:malloc_limit_mb=1024:hard_rss_limit_mb=2048
UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=0:symbolize=0
AFL_SKIP_CPUFREQ=1
AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
AFL_NO_AFFINITY=1
AFL_NO_UI=1
# each instance gets its own AFL_TMPDIR (the harnesses' temporary files
# go there too): under /dev/shm when it exists
tmpbase=${FUZZ_TMP:-/dev/shm}
[ -d "$tmpbase" ] || tmpbase=${TMPDIR:-/tmp}
OPENBLAS_NUM_THREADS=1
export ASAN_OPTIONS UBSAN_OPTIONS AFL_SKIP_CPUFREQ AFL_NO_UI \
    AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES AFL_NO_AFFINITY \
    OPENBLAS_NUM_THREADS
pids=
for h in "$@"; do
    t=$tmpbase/tsa-fuzz-$h-$$
    case $h in number|census|arbdump) dict= ;; *) dict="-x $src/json.dict" ;; esac
    mkdir -p "$t"
    AFL_TMPDIR=$t TMPDIR=$t nice -n 19 timeout $((secs + 120)) afl-fuzz -V "$secs" -m none -t 2000 \
        -i "$src/corpus/$h" -o "$out/$h" $dict -- "$build/tests/fuzz/fuzz-$h" \
        >"$out/$h.log" 2>&1 &
    pids="$pids $!"
done
wait $pids
rm -rf "$tmpbase"/tsa-fuzz-*-$$
for h in "$@"; do
    s=$out/$h/default/fuzzer_stats
    if [ -f "$s" ]; then
        printf '%-8s ' "$h"
        awk -F' *: *' '$1 ~ /^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|run_time)$/ \
            { printf "%s=%s ", $1, $2 } END { print "" }' "$s"
    else
        echo "$h: no fuzzer_stats (see $out/$h.log)"
    fi
done
