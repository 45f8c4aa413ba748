#!/bin/sh
# recipe.sh -- the Python recipe of docs/formats/README.md (the code block
# after "<!-- recipe -->", run as written) reads Arb dumps and hex floats
# exactly: against values computed in C (tests/base/recipe-values), and
# against the ball records `tsalign kernel --json` prints.  TAP.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
vals="$(dirname "$TSALIGN")/../tests/base/recipe-values"
if ! command -v python3 >/dev/null 2>&1; then
    echo "1..0 # SKIP python3 is not installed"
    exit 0
fi
echo "1..3"
"$vals" >"$tmp/vals.txt" || echo "# recipe-values failed"
"$TSALIGN" kernel psi_l --w 1,0.5 --u -0.25,1 --s 1.5 --json >"$tmp/k.json"
sed -n '/<!-- recipe -->/,/^```$/p' "$TSA_SRCDIR/docs/formats/README.md" \
    | sed '1,2d;$d' >"$tmp/recipe.py"
cat >"$tmp/t.py" <<'PY'
import sys, json
exec(open(sys.argv[1]).read())   # defines arb(s) -> (mid, rad) and uses float.fromhex
from fractions import Fraction
lines = [l.rstrip("\n").split("\t") for l in open(sys.argv[2])]
n_arb = n_hex = 0
bad = []
for f in lines:
    if f[0] == "arb":
        mid, rad = arb(f[1])
        want_mid = Fraction(int(f[2])) * Fraction(2) ** int(f[3])
        want_rad = Fraction(int(f[4])) * Fraction(2) ** int(f[5])
        if (mid, rad) != (want_mid, want_rad) or type(mid) is not Fraction:
            bad.append(f[1])
        n_arb += 1
    elif f[0] == "hex":
        if float.fromhex(f[1]) != float(f[2]) or float.fromhex(f[1]).hex() != float(f[2]).hex():
            bad.append(f[1])
        n_hex += 1
print(("ok 1 - %d Arb dumps and %d hex floats computed in C read exactly" % (n_arb, n_hex))
      if not bad and n_arb >= 6 and n_hex >= 8 else "not ok 1 - recipe: %s" % bad)
# the recipe on tsalign's own output: the exact ball encloses the decimal
# midpoint to its digits, and the decimal radius bounds the exact one
k = json.load(open(sys.argv[3]))
ok = len(k["value"]) == 1
for b in k["value"]:
    mid, rad = arb(b["exact"])
    m = Fraction(b["mid"])
    ok = ok and rad <= Fraction(b["rad"]) and abs(m - mid) <= rad + Fraction(1, 10 ** 30)
print("ok 2 - kernel --json ball records read exactly" if ok else "not ok 2 - kernel ball")
src = open(sys.argv[1]).read().strip().splitlines()
print("ok 3 - the recipe is %d lines" % len(src) if len(src) <= 3 else
      "not ok 3 - the recipe has %d lines" % len(src))
PY
python3 "$tmp/t.py" "$tmp/recipe.py" "$tmp/vals.txt" "$tmp/k.json" 2>"$tmp/err" \
    || { echo "not ok 1 - recipe test crashed"; sed 's/^/# /' "$tmp/err"; }
