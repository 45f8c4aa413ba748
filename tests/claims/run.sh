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
# (process start, plots) measured in this run
estimate_left() {
    k=0 known=0 unknown=0 done_known=0
    for g in $claims; do
        k=$((k + 1))
        prev=$(sed -n 's/^  "seconds": \([0-9.]*\).*/\1/p' "$out/$(basename "$g" .json).json" 2>/dev/null)
        if [ $k -lt "$1" ]; then
            done_known=$(awk -v a="$done_known" -v b="${prev:-0}" 'BEGIN { print a + b }')
        elif [ -n "$prev" ]; then
            known=$(awk -v a="$known" -v b="$prev" 'BEGIN { print a + b }')
        else
            unknown=$((unknown + 1))
        fi
    done
    if [ "$1" -le 1 ] && [ "$unknown" -gt 0 ]; then
        echo "time left unknown"
    else
        echo "about $(awk -v a="$known" -v u="$unknown" -v e="$2" -v d="$1" \
            -v dk="$done_known" -v n="$3" 'BEGIN {
                per = d > 1 ? e / (d - 1) : 0; ov = d > 1 ? (e - dk) / (d - 1) : 0
                if (ov < 0) ov = 0
                printf "%.0f", a + (n - d + 1 - u) * ov + u * per }') s left"
    fi
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
