#!/bin/sh
# formats.sh -- the tag scheme (docs/formats/README.md): every reader
# refuses a newer format major with one line and exit 2, reads the legacy
# tags of the first release; census CSV without denormal or NaN artefacts
# for exact global minima; `tsalign report --format md|csv|json`; plots
# as PNG and SVG.  TAP.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
P="$TSA_SRCDIR/proofs_numeric"
echo "1..14"

"$TSALIGN" demo --out demo >/dev/null 2>&1
mkdir rep
"$TSALIGN" check --out rep "$P/AD-2-arccos0.json" "$P/AD-1-gd-quick.json" \
    "$P/AD-3-census-k6-10.json" "$P/LM-T1-bias.json" >/dev/null 2>&1

# newer NAME CMD...: CMD (reading a file of format_version 2.0) exits 2
# with exactly one line naming the version
newer() {
    name=$1; shift
    "$@" >out.txt 2>err.txt
    rc=$?
    if [ $rc -eq 2 ] && [ "$(wc -l <err.txt)" -eq 1 ] \
        && grep -q "format_version 2.0 is newer than this tsalign reads (1.x); upgrade tsalign" err.txt; then
        ok "$name: a newer major is refused (exit 2, one line)"
    else
        fail "$name: newer major: exit $rc"; sed 's/^/# /' err.txt | head -3
    fi
}
bump() { sed 's/"format_version": "1\.0"/"format_version": "2.0"/' "$1" >"$2"; }
bump demo/candidate.json cand2.json
bump demo/certificate.json cert2.json
bump demo/run.json run2.json
newer "polish (candidate)" "$TSALIGN" polish cand2.json -o p.json
newer "certify (candidate)" "$TSALIGN" certify cand2.json
newer "verify (certificate)" "$TSALIGN" verify cert2.json
newer "train --resume (run)" "$TSALIGN" train --resume run2.json --steps 1 -o r.json
sed 's/^{/{"format": "tsalign-claim", "format_version": "2.0",/' "$P/LM-T1-bias.json" >claim2.json
newer "check (claim file)" "$TSALIGN" check --out rep2 claim2.json
bump rep/AD-2-arccos0.json rep2.json
newer "check --recheck (report)" "$TSALIGN" check --recheck rep2.json
mkdir idx && cp rep/LM-T1-bias.json idx/ && bump rep/AD-2-arccos0.json idx/AD-2-arccos0.json
newer "report DIR (index)" "$TSALIGN" report idx --format csv

# legacy tags of the first release are still read
sed 's/"format": "tsalign-certificate",/"format": "tsalign-certificate-1",/; /"format_version"/d' \
    demo/certificate.json >cert1.json
sed 's/"format": "tsalign-candidate",/"format": "tsalign-candidate-1",/; /"format_version"/d' \
    demo/polished.json >cand1.json
sed 's/"format": "tsalign-run",/"format": "tsalign-train-run",/; s/"format_version": "1.0"/"format_version": 1/' \
    demo/run.json >run1.json
if "$TSALIGN" verify cert1.json >v.txt 2>&1 && grep -q '^valid' v.txt \
    && "$TSALIGN" certify cand1.json -o c.json >/dev/null 2>&1 \
    && "$TSALIGN" train --resume run1.json --steps 20010 --quiet -o r1.json >/dev/null 2>&1 \
    && grep -q '"format": "tsalign-run"' r1.json; then
    ok "legacy tsalign-certificate-1, tsalign-candidate-1, tsalign-train-run are read"
else
    fail "legacy tags"; sed 's/^/# /' v.txt
fi

# census: exact global minima print 0 and an empty lambda, never -4.9e-324 or nan
"$TSALIGN" certify --census "$TSA_SRCDIR/data/ssy2021-minima.tsv" --kmin 6 --kmax 7 --limit 3 \
    --table c.md --csv c.csv --json c.json --quiet >/dev/null 2>&1
if grep -q ',global minimum,0,0,,' c.csv && ! grep -qi 'nan\|e-32[0-9]' c.csv \
    && [ "$(head -1 c.csv)" = "k,blocks,runs,verdict,loss_lo,loss_hi,lambda_lower,lambda_census,radius,seconds,reason" ]; then
    ok "census CSV: exact global minima as loss 0,0 and an empty lambda_lower ($(grep -c 'global minimum' c.csv) rows)"
else
    fail "census CSV artefacts"; sed 's/^/# /' c.csv | head -5
fi

# report --format: the same rows three ways
"$TSALIGN" report c.json --format csv -o r.csv >/dev/null 2>&1
"$TSALIGN" report c.json --format json -o r.json >/dev/null 2>&1
"$TSALIGN" report c.json -o r.md >/dev/null 2>&1
if cmp -s r.csv c.csv && grep -q '^## Counts per k' r.md && grep -q '| global minimum |' r.md \
    && grep -q '"format": "tsalign-table"' r.json \
    && [ "$(grep -c '"verdict": ' r.json)" -eq "$(($(wc -l <c.csv) - 1))" ]; then
    ok "report CENSUS.json --format csv equals certify --csv; md and json agree"
else
    fail "report census formats"
fi
"$TSALIGN" report rep --format csv >/dev/null 2>&1
"$TSALIGN" report rep --format json >/dev/null 2>&1
"$TSALIGN" report rep >/dev/null 2>&1
if [ -f rep/index.md ] && [ "$(wc -l <rep/index.csv)" -eq 5 ] \
    && grep -q '^AD-2-arccos0,assumption,' rep/index.csv && grep -q '"claim": "LM-T1-bias"' rep/index.json; then
    ok "report DIR --format md|csv|json writes index.md, index.csv, index.json"
else
    fail "report DIR formats"; sed 's/^/# /' rep/index.csv 2>/dev/null | head -3
fi
if "$TSALIGN" report rep/AD-1-gd-quick.json --format csv >cells.csv 2>/dev/null \
    && head -1 cells.csv | grep -q '^family,n,d,' && [ "$(wc -l <cells.csv)" -ge 2 ]; then
    ok "report REPORT.json --format csv: the AD-1-gd cells table ($(($(wc -l <cells.csv) - 1)) rows)"
else
    fail "report of a claim report's data"; head -2 cells.csv | sed 's/^/# /'
fi
"$TSALIGN" report c.json --format xml >/dev/null 2>err.txt
rc=$?
"$TSALIGN" report demo/certificate.json >/dev/null 2>>err.txt
rc2=$?
[ $rc -eq 2 ] && [ $rc2 -eq 2 ] && ok "report: an unknown --format or a non-table file exits 2" \
    || fail "report refusals: exit $rc, $rc2"

# plots: PNG and SVG, whole (no temporaries), the SVG parses as XML
if command -v gnuplot >/dev/null 2>&1; then
    if [ -s rep/AD-2-arccos0-enclosure.png ] && [ -s rep/AD-2-arccos0-enclosure.svg ] \
        && [ -s rep/AD-3-census-k6-10-minima.svg ] && ! ls rep | grep -q '\.tmp\.' \
        && python3 -c 'import sys, xml.etree.ElementTree as E
for f in sys.argv[1:]:
    assert E.parse(f).getroot().tag.endswith("svg")' rep/*.svg 2>/dev/null; then
        ok "plots written as PNG and SVG; the SVGs parse as XML"
    else
        fail "plots PNG + SVG"; ls rep | sed 's/^/# /'
    fi
else
    ok "# SKIP gnuplot is not installed"
fi
