#!/bin/sh
# run.sh -- check every claim of the tier in proofs_numeric/ and write the
# reports (TAP: one test per claim; ok when it ran and matched "expect").
#   TSA_TIER=quick (default: the quick tier) or full (every claim)
# Progress goes to stderr, one line per claim: i of N, elapsed time and an
# estimate of the time left: for each claim left, its time in the previous
# report in reports/ when there is one, else the mean time of the claims
# finished in this run.
: "${TSALIGN:=./src/tsalign}"
: "${TSA_SRCDIR:=.}"
: "${TSA_TIER:=quick}"
out=reports
mkdir -p "$out"
claims=""
for f in "$TSA_SRCDIR"/proofs_numeric/*.json; do
    [ -e "$f" ] || continue
    if [ "$TSA_TIER" = full ] || grep -q '"tier": *"quick"' "$f"; then
        claims="$claims $f"
    fi
done
n=$(echo $claims | wc -w)
echo "1..$((n + 1))"
# seconds left: the previous report's checker time of each claim left
# (else the mean wall time per claim so far) plus the per-claim overhead
# (process start, plots) measured in this run.  The previous times are read
# once, before the run (one line per claim, empty when unknown), so the
# estimate costs one awk per claim.
prev_times=$(mktemp)
trap 'rm -f "$prev_times"' EXIT
for g in $claims; do
    t=$(sed -n 's/^  "seconds": \([0-9.]*\).*/\1/p' "$out/$(basename "$g" .json).json" 2>/dev/null)
    echo "${t:-?}"
done >"$prev_times"
estimate_left() {
    awk -v d="$1" -v e="$2" -v n="$3" '
        { k++; if ($1 == "?") { if (k >= d) u++ } else if (k < d) dk += $1; else a += $1 }
        END {
            if (d <= 1 && u > 0) { print "time left unknown"; exit }
            per = d > 1 ? e / (d - 1) : 0; ov = d > 1 ? (e - dk) / (d - 1) : 0
            if (ov < 0) ov = 0
            printf "about %.0f s left\n", a + (n - d + 1 - u) * ov + u * per
        }' "$prev_times"
}
i=0
start=$(date +%s)
for f in $claims; do
    i=$((i + 1))
    now=$(date +%s)
    el=$((now - start))
    left=$(estimate_left "$i" "$el" "$n")
    echo "check [$i/$n] $(basename "$f") (elapsed $el s, $left)" >&2
    line=$("$TSALIGN" check --out "$out" "$f" 2>&1)
    rc=$?
    if [ $rc -eq 0 ]; then
        echo "ok $i - $line"
    else
        echo "not ok $i - $(basename "$f"): exit $rc"
        echo "$line" | sed 's/^/# /'
    fi
done
if "$TSALIGN" report "$out" >/dev/null; then
    echo "ok $((n + 1)) - $out/index.md written ($TSA_TIER tier, $(( $(date +%s) - start )) s)"
else
    echo "not ok $((n + 1)) - $out/index.md"
fi
