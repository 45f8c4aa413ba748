#!/bin/sh
# schemas.sh -- every JSON file a representative set of commands writes
# (train, polish, certify, census, check reports, report tables, kernel and
# ad --json, finite, ea, plan/batch, family type-a, overparam) validates
# against its schema docs/formats/<kind>.schema.json, the kind read from
# the file's "format" tag; the committed claim files
# too; and mutated files fail validation (the schemas can fail).  TAP.
# Needs python3 with jsonschema (Debian python3-jsonschema): else skipped.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
if ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "1..0 # SKIP python3-jsonschema is not installed"
    exit 0
fi
S="$TSA_SRCDIR/docs/formats"
P="$TSA_SRCDIR/proofs_numeric"
cd "$tmp" || exit 1

# the files (errors go to err.txt; a command that fails shows up as a
# missing file below)
"$TSALIGN" demo --out demo >/dev/null 2>err.txt
"$TSALIGN" train --d 8 --teacher-widths 3 --over 2 --outputs 2 --bias yes --n-train 100 \
    --n-eval 50 --steps 40 --log-every 20 --quiet -o small-run.json >/dev/null 2>>err.txt
mkdir rep
"$TSALIGN" check --out rep "$P/AD-2-arccos0.json" "$P/AD-1-gd-quick.json" \
    "$P/AD-P-relu-phi.json" "$P/AD-3-census-k6-10.json" "$P/LM-T1-bias.json" \
    "$P/SS-T1-antipodal.json" >/dev/null 2>>err.txt
"$TSALIGN" report rep --format json >/dev/null 2>>err.txt
"$TSALIGN" certify --census "$TSA_SRCDIR/data/ssy2021-minima.tsv" --kmin 6 --kmax 7 --limit 2 \
    --table census.md --csv census.csv --json census.json --quiet >/dev/null 2>>err.txt
"$TSALIGN" report census.json --format json -o census-table.json >/dev/null 2>>err.txt
"$TSALIGN" report rep/AD-1-gd-quick.json --format json -o cells.json >/dev/null 2>>err.txt
"$TSALIGN" kernel psi_l --w 1,0.5 --u -0.25,1 --bw 0.1 --bu -0.3 --s 1.5 --json >kernel.json 2>>err.txt
"$TSALIGN" ad all --act leaky --c 0.1 --theta 0.5,pi/2 --json >ad.json 2>>err.txt
"$TSALIGN" ad G --theta 1 --series 3 --json >ad-series.json 2>>err.txt
# the newer kinds: finite points, certificates and landscapes, ea run and
# sweep, a batch plan with its result and table, a type-A orbit certificate
"$TSALIGN" finite ea-point --m 4 --inactive 1/10 -o fin-point.json 2>>err.txt
"$TSALIGN" finite certify fin-point.json -o fin-min.cert >/dev/null 2>>err.txt
"$TSALIGN" finite certify "$TSA_SRCDIR/tests/data/finite/kink-descent.json" -o fin-descent.cert \
    >/dev/null 2>>err.txt
"$TSALIGN" finite landscape fin-point.json >fin-land.json 2>>err.txt
OPENBLAS_NUM_THREADS=1 "$TSALIGN" ea run --m 5 --lambda 1e-3 --lr 0.1 --steps 300 --seed 3 \
    >ea-run.json 2>>err.txt
mkdir ea
OPENBLAS_NUM_THREADS=1 "$TSALIGN" ea sweep --lambdas 1e-2 --widths 2 --lrs 0.2 --seeds 1 \
    --time 40 --no-plots --out ea --name s --quiet 2>>err.txt
"$TSALIGN" plan family --kmin 4 --kmax 4 -o plan.json 2>>err.txt
"$TSALIGN" batch plan.json --out bo 2>>err.txt
mkdir fam
"$TSALIGN" family type-a --k 3:3 --out fam >/dev/null 2>>err.txt
"$TSALIGN" overparam zero --census="$TSA_SRCDIR/data/ssy2021-minima.tsv" --k 7 --row 1 \
    -o overparam.json >/dev/null 2>>err.txt

# check.py: validates each group against the schemas named by the files'
# tags; mutations of good files must fail.  One python3 process.
cat >check.py <<'PY'
import json, sys, glob, os, jsonschema
S, P = sys.argv[1], sys.argv[2]
files = sys.argv[3:]
cache = {}
def kind_of(j):
    k = j.get("format", "")
    k = k[len("tsalign-"):] if k.startswith("tsalign-") else "claim"
    return {"candidate-1": "candidate", "certificate-1": "certificate", "train-run": "run"}.get(k, k)
def schema(k):
    if k not in cache:
        s = json.load(open("%s/%s.schema.json" % (S, k)))
        cls = jsonschema.validators.validator_for(s)
        cls.check_schema(s)
        cache[k] = cls(s)
    return cache[k]
def why(j):
    try:
        e = jsonschema.exceptions.best_match(schema(kind_of(j)).iter_errors(j))
        return None if e is None else e.message[:200]
    except Exception as e:
        return "%s: %s" % (type(e).__name__, str(e)[:200])
def group(n, fs, what):
    bad = []
    for f in fs:
        try:
            w = why(json.load(open(f)))
        except Exception as e:
            w = "%s: %s" % (type(e).__name__, str(e)[:200])
        if w:
            bad.append("%s: %s" % (f, w))
    print(("ok %d - %d %s" if not bad else "not ok %d - %d %s") % (n, len(fs), what))
    for b in bad:
        print("# " + b)
group(1, files, "files written by tsalign validate against docs/formats")
group(2, sorted(glob.glob(P + "/*.json")), "claim files validate against claim.schema.json")
kinds = sorted({kind_of(json.load(open(f))) for f in files})
miss = [k for k in kinds if not os.path.exists("%s/%s.schema.json" % (S, k))]
print(("ok 3 - every kind written has a schema: %s" % " ".join(kinds)) if not miss
      else "not ok 3 - no schema for %s" % " ".join(miss))
def m_extra(j): j["unknown_field"] = 1
def m_radius(j): j["box"]["radius"] = "8.5e-35"
def m_dump(j): j["box"]["center"][0][0] = "0x1p-1"
def m_verdict(j): j["verdict"] = "proved"
def m_version(j): j["format_version"] = "1"
def m_layout(j): j["layout"] = "transposed"
def m_denormal(j): j["rows"][0].update(verdict="global minimum", loss_lo=-4.94e-324)
def m_nanlambda(j): j["rows"][0]["lambda_lower"] = "nan"
def m_tier(j): j["tier"] = "slow"
def m_cell(j): j["rows"][0]["k"] = [1]
def m_hexw(j): j["teacher"]["layers"][0]["W"][0][0] = True
def m_float(j): j["x"][0][0] = 0.1
def m_decloss(j): j["loss"] = "0.16666666666666667"
def m_lhex(j): j["options"]["lambdas_hex"][0] = "0.01"
def m_jobkind(j): j["jobs"][0]["kind"] = "bogus"
def m_outcome(j): j["outcome"] = "proved"
def m_count(j): del j["outcomes"]["missing"]
def m_centre(j): j["centre"][0] = "0x1p-1"
def m_gdec(j): j["g_upper"] = "-0.035"
def m_nocurv(j): j["claims"].pop("negative_curvature", None); j["verdict"] = "saddle"
muts = [("demo/certificate.json", m_extra), ("demo/certificate.json", m_radius),
        ("demo/certificate.json", m_dump), ("demo/certificate.json", m_verdict),
        ("demo/polished.json", m_version), ("demo/polished.json", m_layout),
        ("census.json", m_denormal), ("census.json", m_nanlambda), ("census.json", m_extra),
        ("rep/AD-2-arccos0.json", m_verdict), ("rep/AD-2-arccos0.json", m_extra),
        (P + "/AD-2-arccos0.json", m_tier), ("census-table.json", m_cell),
        ("demo/run.json", m_extra), ("demo/run.json", m_hexw),
        ("fin-point.json", m_float), ("fin-point.json", m_extra), ("fin-min.cert", m_decloss),
        ("fin-descent.cert", m_extra), ("fin-land.json", m_extra), ("ea-run.json", m_extra),
        ("ea/s.json", m_lhex), ("plan.json", m_jobkind), ("bo/results/family-k004.json", m_outcome),
        ("bo/table.json", m_count), ("fam/type-a-k000003.json", m_centre),
        ("fam/type-a-k000003.json", m_nocurv), ("overparam.json", m_gdec)]
still = []
for f, m in muts:
    try:
        j = json.load(open(f))
        m(j)
        if why(j) is None:
            still.append("%s %s" % (f, m.__name__))
    except Exception as e:
        still.append("%s %s: %s" % (f, m.__name__, e))
print(("ok 4 - %d mutated files fail validation" % len(muts)) if not still
      else "not ok 4 - mutated files still validate")
for s in still:
    print("# " + s)
PY
files="demo/run.json demo/candidate.json demo/polished.json demo/certificate.json small-run.json
rep/AD-2-arccos0.json rep/AD-1-gd-quick.json rep/AD-P-relu-phi.json rep/AD-3-census-k6-10.json
rep/LM-T1-bias.json rep/SS-T1-antipodal.json rep/index.json census.json census-table.json
cells.json kernel.json ad.json ad-series.json fin-point.json fin-min.cert fin-descent.cert
fin-land.json ea-run.json ea/s.json plan.json bo/results/family-k004.json bo/table.json
fam/type-a-k000003.json overparam.json"
echo "1..4"
for f in $files; do
    [ -s "$f" ] || { echo "# missing $f:"; sed 's/^/#   /' err.txt; }
done
python3 check.py "$S" "$P" $files
