#!/bin/sh
# run.sh -- check every claim of the tier in proofs_numeric/ and write the
# reports (TAP: one test per claim; ok when it ran and matched "expect").
#   TSA_TIER=quick (default: the quick tier) or full (every claim)
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
i=0
start=$(date +%s)
for f in $claims; do
    i=$((i + 1))
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
