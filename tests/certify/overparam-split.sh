#!/bin/sh
# overparam-split.sh -- `tsalign overparam split` through the CLI (issue 17,
# docs/overparam.md "Split students"): a census minimum (k = 7, class 1)
# split at student 0, t = 1/2 is a proved strict saddle (certificate, verify
# valid, checked against mpmath differences of the loss when mpmath is
# there), --all proves all 21 splits, forged certificates are invalid
# (exit 5), the split of W = V has no negative direction (exit 4, nothing
# written), hostile options exit 2, the certificate follows its schema
# (docs/formats/overparam-split-certificate.schema.json).  TAP.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
census="$TSA_SRCDIR/data/ssy2021-minima.tsv"
echo "1..9"
"$TSALIGN" polish --census "$census" --k 7 --index 1 -o "$tmp/c.json" --quiet \
    && "$TSALIGN" certify "$tmp/c.json" -o "$tmp/w.json" >/dev/null \
    && "$TSALIGN" overparam split "$tmp/w.json" --student 0 --t 0x1p-1 -o "$tmp/s.json" >"$tmp/o1" \
    && grep -q "strict saddle" "$tmp/o1" \
    && grep -q '"tsalign-overparam-split-certificate"' "$tmp/s.json" \
    && echo "ok 1 - k = 7 class 1, student 0, t = 1/2: strict saddle, certificate written" \
    || echo "not ok 1 - k = 7 split"
"$TSALIGN" overparam verify "$tmp/s.json" >"$tmp/o2" && grep -q ": valid: " "$tmp/o2" \
    && echo "ok 2 - verify re-derives it (Krawczyk, jet path, Hessian path)" \
    || echo "not ok 2 - verify"
if python3 -c "import mpmath" 2>/dev/null; then
    python3 "$TSA_SRCDIR/tests/certify/split-mpmath.py" "$tmp/s.json" >"$tmp/o3" \
        && echo "ok 3 - mpmath: the limit at parallel pairs and v^T H v by differences of the loss" \
        || { echo "not ok 3 - mpmath"; sed 's/^/# /' "$tmp/o3"; }
else
    echo "ok 3 # SKIP python3 module mpmath missing"
fi
sed 's/"curv_upper": "[^"]*"/"curv_upper": "-0x1p-1"/' "$tmp/s.json" >"$tmp/f1.json"
"$TSALIGN" overparam verify "$tmp/f1.json" >/dev/null 2>&1
rc1=$?
sed 's/"student": 0/"student": 3/' "$tmp/s.json" >"$tmp/f2.json"
"$TSALIGN" overparam verify "$tmp/f2.json" >/dev/null 2>&1
rc2=$?
sed 's/"radius": "[^"]*"/"radius": "0x1p-3"/' "$tmp/s.json" >"$tmp/f3.json"
"$TSALIGN" overparam verify "$tmp/f3.json" >/dev/null 2>&1
rc3=$?
[ $rc1 -eq 5 ] && [ $rc2 -eq 5 ] && [ $rc3 -eq 5 ] \
    && echo "ok 4 - forged bound, student and box are invalid (exit 5)" \
    || echo "not ok 4 - forged certificates: exit $rc1, $rc2, $rc3"
"$TSALIGN" overparam split "$tmp/w.json" --all >"$tmp/o5" \
    && grep -q "strict saddles proved: 21 of 21 splits" "$tmp/o5" \
    && echo "ok 5 - --all: 21 of 21 splits proved" || echo "not ok 5 - --all"
"$TSALIGN" polish --census "$census" --k 7 --index 0 -o "$tmp/g.json" --quiet
"$TSALIGN" certify "$tmp/g.json" -o "$tmp/wg.json" >/dev/null
"$TSALIGN" overparam split "$tmp/wg.json" --student 2 --t 0.25 -o "$tmp/sg.json" >"$tmp/o6"
rc=$?
[ $rc -eq 4 ] && [ ! -e "$tmp/sg.json" ] && grep -q "no negative direction" "$tmp/o6" \
    && echo "ok 6 - W = V: no negative direction, nothing written (exit 4)" \
    || echo "not ok 6 - W = V gave exit $rc"
sed -e 's/"radius": "[^"]*"/"radius": "0x1p-3"/' \
    -e 's/"radius_decimal": "[^"]*"/"radius_decimal": "0.125"/' "$tmp/w.json" >"$tmp/f4.json"
"$TSALIGN" overparam split "$tmp/f4.json" --student 0 --t 0.5 >/dev/null 2>&1
rc=$?
[ $rc -eq 5 ] && echo "ok 7 - an invalid input certificate is refused (exit 5)" \
    || echo "not ok 7 - invalid input certificate: exit $rc"
bad=0
for args in "--student 0 --t 0.1" "--student 0 --t 1" "--student 7 --t 0.5" \
    "--student 0" "--all --student 0 --t 0.5" "--student -1 --t 0.5" "--t nan --student 0"; do
    # shellcheck disable=SC2086
    "$TSALIGN" overparam split "$tmp/w.json" $args >/dev/null 2>&1
    [ $? -eq 2 ] || { bad=1; echo "# $args: not exit 2"; }
done
[ $bad -eq 0 ] && echo "ok 8 - hostile options exit 2" || echo "not ok 8 - hostile options"
if python3 -c "import jsonschema" 2>/dev/null; then
    python3 - "$TSA_SRCDIR/docs/formats/overparam-split-certificate.schema.json" \
        "$tmp/s.json" "$tmp/f1.json" >"$tmp/o9" 2>&1 <<'PY' \
        && echo "ok 9 - the certificate follows its schema" \
        || { echo "not ok 9 - schema"; sed 's/^/# /' "$tmp/o9"; }
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
for f in sys.argv[2:]:
    jsonschema.validate(json.load(open(f)), schema)
bad = json.load(open(sys.argv[2]))
bad["t"] = 0.5
try:
    jsonschema.validate(bad, schema)
    sys.exit("a decimal t passed the schema")
except jsonschema.ValidationError:
    pass
PY
else
    echo "ok 9 # SKIP python3 module jsonschema missing"
fi
