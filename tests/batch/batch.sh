#!/bin/sh
# batch.sh -- tsalign plan / batch (TAP): hostile plans refused with one
# line and exit 2; a small plan serially; a rerun skips every job; the same
# plan under mpirun -n 2 gives byte-identical merged tables; a kill (one
# rank, then everything) and a resume leave every result exactly once and
# equal to the clean run's.  Claims (make proofs): tsalign plan claims, a
# batch of check jobs whose reports --reports gathers in one folder equal
# to tsalign check -o's, plots included (never in ./reports), with index.md.
T=${TSALIGN:-src/tsalign}
SRC=${TSA_SRCDIR:-.}
W=$(mktemp -d "${TMPDIR:-/tmp}/tsa-batch.XXXXXX") || exit 99
trap 'rm -rf "$W"' EXIT
MPIRUN=${TSA_MPIRUN:-}
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
echo "1..29"

cd "$W" || exit 99
# --- hostile plans -------------------------------------------------------
bad() { # name json expected-substring
    printf '%s\n' "$2" > bad.json
    "$T" batch bad.json --out bo > out.txt 2> err.txt; rc=$?
    if [ $rc -eq 2 ] && [ "$(wc -l < err.txt)" -eq 1 ] && grep -q -- "$3" err.txt && [ ! -d bo/results ] ; then ok "refused: $1"
    else nok "refused: $1 (rc $rc)"; sed 's/^/# /' err.txt; fi
}
H='"format": "tsalign-plan", "format_version": "1.0"'
bad "newer major" '{"format": "tsalign-plan", "format_version": "2.0", "jobs": []}' "format_version 2.0 is newer than this tsalign reads (1.x); upgrade tsalign"
bad "unsafe id" "{$H, \"jobs\": [{\"id\": \"../x\", \"kind\": \"certify\", \"family\": 4}]}" "jobs\[0\].id"
bad "duplicate id" "{$H, \"jobs\": [{\"id\": \"a\", \"kind\": \"certify\", \"family\": 4}, {\"id\": \"a\", \"kind\": \"certify\", \"family\": 5}]}" "appears twice"
bad "unknown field" "{$H, \"jobs\": [{\"id\": \"a\", \"kind\": \"certify\", \"family\": 4, \"shell\": \"rm -rf /\"}]}" "unknown field"
bad "k out of range" "{$H, \"jobs\": [{\"id\": \"a\", \"kind\": \"certify\", \"census\": \"x.tsv\", \"k\": 100000, \"index\": 0}]}" "jobs\[0\].k"
bad "train work limit" "{$H, \"jobs\": [{\"id\": \"a\", \"kind\": \"train\", \"preset\": \"ss2\", \"seed\": 1, \"set\": {\"steps\": \"1000000000\", \"n_train\": \"10000000\"}}]}" "jobs\[0\]"
bad "seed override" "{$H, \"jobs\": [{\"id\": \"a\", \"kind\": \"train\", \"preset\": \"single\", \"seed\": 1, \"set\": {\"seed\": \"2\"}}]}" "fixed field"

# --- a small plan: census classes, type-A family, polish, train, check ----
"$T" plan census --census "$SRC/data/ssy2021-minima.tsv" --kmin 6 --kmax 12 --limit 2 -o c.json &&
"$T" plan family --kmin 4 --kmax 6 -o f.json &&
"$T" plan sweep --preset single --seeds 2 --grid steps=300,600 -o s.json || exit 99
python3 - "$SRC" <<'PY' || exit 99
import json, sys
c = json.load(open('c.json'))
for f in ('f.json', 's.json'):
    c['jobs'] += json.load(open(f))['jobs']
c['jobs'].append({'id': 'polish-fam5', 'kind': 'polish', 'family': 5})
c['jobs'].append({'id': 'check-ad2-relu', 'kind': 'check', 'claim': sys.argv[1] + '/proofs_numeric/AD-2-relu.json'})
c['name'] = 'small'
json.dump(c, open('small.json', 'w'), indent=1)
PY
N=$(python3 -c "import json; print(len(json.load(open('small.json'))['jobs']))")
"$T" batch small.json --out serial 2> serial.err; rc=$?
check "serial run: exit 0, $N results" "[ $rc -eq 0 ] && [ \$(ls serial/results | grep -c '\.json\$') -eq $N ] && [ \$(tail -n +2 serial/table.tsv | wc -l) -eq $N ]"
check "progress on stderr" "grep -q 'jobs done' serial.err"
cp serial/table.tsv t1.tsv
"$T" batch small.json --out serial 2> rerun.err; rc=$?
check "rerun skips every job, same table" "[ $rc -eq 0 ] && grep -q '$N already done, 0 to run' rerun.err && cmp -s t1.tsv serial/table.tsv"
# a corrupt result is redone, not trusted
echo '{"format": "tsalign-batch-result"' > serial/results/family-k005.json
"$T" batch small.json --out serial 2> redo.err
check "truncated result redone" "grep -q '1 to run' redo.err && cmp -s t1.tsv serial/table.tsv"

# the census jobs as certify --census writes them (make census): the same
# CSV apart from the times
"$T" batch c.json --out cj --census-json cj.json -q &&
"$T" certify --census "$SRC/data/ssy2021-minima.tsv" --kmin 6 --kmax 12 --limit 2 --csv ref.csv --quiet > /dev/null &&
"$T" report cj.json --format csv -o got.csv > /dev/null 2>&1
check "census classes (--census-json) equal to certify --census apart from times" "python3 - <<'PY'
import csv, sys
def rows(f):
    r = list(csv.DictReader(open(f)))
    for x in r:
        x.pop('seconds')
    return r
a, b = rows('ref.csv'), rows('got.csv')
sys.exit(0 if len(a) == 13 and a == b else 1)
PY"

# --- MPI: byte-identical merged tables --------------------------------------
if [ -n "$MPIRUN" ]; then
    MR="$MPIRUN --oversubscribe --allow-run-as-root"
    $MR -n 2 "$T" batch small.json --out mpi2 2> mpi.err; rc=$?
    check "mpirun -n 2: exit 0, tables byte-identical to the serial run" "[ $rc -eq 0 ] && cmp -s serial/table.tsv mpi2/table.tsv && cmp -s serial/table.json mpi2/table.json"
else
    skip "mpirun -n 2 byte-identical tables" "tsalign built without MPI (configure --with-mpi)"
fi

# --- kill and resume ----------------------------------------------------
"$T" plan sweep --preset single --seeds 12 --grid steps=150000 -o k.json || exit 99
"$T" batch k.json --out clean -q; rc=$?
check "clean run of the kill plan" "[ $rc -eq 0 ]"
wait_result() { i=0; while [ $(ls "$1"/results 2>/dev/null | grep -c '\.json$') -lt "$2" ] && [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done; }
if [ -n "$MPIRUN" ] && ! command -v pgrep >/dev/null 2>&1; then
    nok "SIGKILL one rank: pgrep not found (Debian: procps)"
elif [ -n "$MPIRUN" ]; then
    $MR -n 2 "$T" batch k.json --out killed -q 2>/dev/null & mp=$!
    wait_result killed 1
    rank=$(pgrep -P $mp -f "batch k.json" | tail -1)
    [ -n "$rank" ] && kill -9 $rank
    wait $mp 2>/dev/null
    got1=$(ls killed/results | grep -c '\.json$')
    $MR -n 2 "$T" batch k.json --out killed -q 2>/dev/null & mp=$!
    wait_result killed $((got1 + 2))
    for p in $(pgrep -P $mp -f "batch k.json"); do kill -9 $p; done; kill -9 $mp 2>/dev/null
    wait $mp 2>/dev/null
    $MR -n 2 "$T" batch k.json --out killed 2> resume.err; rc=$?
    check "SIGKILL one rank ($got1 results kept), then all, resume: exit 0" "[ $rc -eq 0 ] && [ $got1 -ge 1 ] && [ $got1 -lt 12 ]"
else
    "$T" batch k.json --out killed -q & sp=$!
    wait_result killed 2; kill -9 $sp; wait $sp 2>/dev/null
    got1=$(ls killed/results | grep -c '\.json$')
    "$T" batch k.json --out killed 2> resume.err; rc=$?
    check "SIGKILL the serial run ($got1 results kept), resume: exit 0" "[ $rc -eq 0 ] && [ $got1 -lt 12 ]"
fi
check "resume ran only the missing jobs" "grep -q 'already done' resume.err && ! grep -q ' 0 already done' resume.err"
check "every result exactly once, tables equal to the clean run's" "[ \$(ls killed/results | grep -c '\.json\$') -eq 12 ] && [ \$(ls killed/results | wc -l) -ge 12 ] && cmp -s clean/table.tsv killed/table.tsv && cmp -s clean/table.json killed/table.json"
for f in clean/files/*.run.json; do cmp -s "$f" "killed/files/${f#clean/files/}" || { echo "# differs: $f"; touch differ; }; done
check "run files equal to the clean run's" "[ ! -e differ ]"

# --- claims: plan claims, batch --reports (make proofs) -------------------
mkdir -p claims reports envdir
for c in AD-2-relu AD-1-n2-relu SS-T1-aligned AD-1-gd-full; do
    cp "$SRC/proofs_numeric/$c.json" claims/ || exit 99
done
mkdir prev && echo '{"seconds": 4.2}' > prev/SS-T1-aligned.json
"$T" plan claims --dir claims --times prev -o cq.json 2> plan.err; rc=$?
"$T" plan claims --dir claims --tier full -o cf.json 2>> plan.err || rc=$?
check "plan claims: quick tier 3 check jobs, full 4, ids check-NAME, absolute claim paths, the longest (previous report's seconds) first" "[ $rc -eq 0 ] && python3 - <<'PY'
import json, sys
q, f = json.load(open('cq.json')), json.load(open('cf.json'))
ids = [j['id'] for j in q['jobs']]
ok = (q['format'] == 'tsalign-plan' and len(ids) == 3 and len(f['jobs']) == 4
      and ids[0] == 'check-SS-T1-aligned' and q['jobs'][0]['size'] == 4200
      and sorted(ids[1:]) == ids[1:] and 'check-AD-1-gd-full' not in ids
      and all(j['kind'] == 'check' and j['claim'].startswith('/') for j in q['jobs'])
      and f['jobs'][0]['id'] == 'check-AD-1-gd-full')
sys.exit(0 if ok else 1)
PY"
mkdir badc && cp claims/AD-2-relu.json 'badc/a b.json'
"$T" plan claims --dir badc -o badc.json > /dev/null 2> err.txt; rc=$?
check "plan claims: a claim file name that is no safe id refused (exit 2, one line, no plan)" "[ $rc -eq 2 ] && [ \$(wc -l < err.txt) -eq 1 ] && [ ! -e badc.json ]"
rm -f claims/AD-1-gd-full.json
TSA_REPORT_DIR="$W/envdir" "$T" batch cq.json --out cb --reports rep 2> cb.err; rc=$?
check "batch --reports: exit 0, 3 claims ok in the merged table" "[ $rc -eq 0 ] && [ \$(grep -c '	check	ok	consistent	' cb/table.tsv) -eq 3 ] && grep -q 'reports of 3 check jobs' cb.err"
"$T" check -o ref claims/*.json > /dev/null 2>&1
# reports equal apart from times ("seconds", "0.18 s" in texts)
norm() { grep -v '"seconds":' "$1" | sed -E 's/[0-9][0-9.e+-]* s\b/T s/g'; }
same=yes
for f in ref/*; do
    b=${f#ref/}
    case $b in
    *.png|*.svg) [ -s "rep/$b" ] || { echo "# missing rep/$b"; same=no; } ;;
    *.json|*.md) [ "$(norm "$f")" = "$(norm "rep/$b")" ] || { echo "# differs: $b"; same=no; } ;;
    *) cmp -s "$f" "rep/$b" || { echo "# differs: $b"; same=no; } ;;
    esac
done
check "collected folder: the files of tsalign check -o (reports equal apart from times, data files identical) and index.md" "[ $same = yes ] && [ \"\$(ls ref)\" = \"\$(ls rep | grep -v '^index.md\$')\" ] && [ -s rep/index.md ]"
# regression: the plots went to ./reports (TSA_REPORT_DIR unset in a job)
check "plots of the check job in OUT/files/<id>/ and the collected folder, none in ./reports or \$TSA_REPORT_DIR" "[ -s cb/files/check-AD-2-relu/AD-2-relu-enclosure.dat ] && [ -s rep/AD-2-relu-enclosure.dat ] && [ -z \"\$(ls -A reports)\" ] && [ -z \"\$(ls -A envdir)\" ]"
check "index.md lists the 3 claims" "grep -q 'AD-2-relu' rep/index.md && grep -q 'AD-1-n2-relu' rep/index.md && grep -q 'SS-T1-aligned' rep/index.md"
if [ -n "$MPIRUN" ]; then
    $MR -n 2 "$T" batch cq.json --out cb2 --reports rep2 2> cb2.err; rc=$?
    check "claims under mpirun -n 2: tables byte-identical to the serial run, the same collected files" "[ $rc -eq 0 ] && cmp -s cb/table.tsv cb2/table.tsv && cmp -s cb/table.json cb2/table.json && [ \"\$(ls rep)\" = \"\$(ls rep2)\" ] && cmp -s rep/AD-2-relu-enclosure.dat rep2/AD-2-relu-enclosure.dat"
else
    skip "claims under mpirun -n 2" "tsalign built without MPI (configure --with-mpi)"
fi
# a refuted claim: outcome refuted, exit 5, its report collected anyway
sed 's/"expect": *"consistent"/"expect": "counterexample"/' claims/SS-T1-aligned.json > claims/SS-T1-aligned.json.new && mv claims/SS-T1-aligned.json.new claims/SS-T1-aligned.json
"$T" plan claims --dir claims -o cr.json && "$T" batch cr.json --out cr --reports repr -q; rc=$?
check "a claim off its expect: exit 5, outcome refuted, its report still collected" "[ $rc -eq 5 ] && grep -q '^check-SS-T1-aligned	check	refuted	consistent' cr/table.tsv && [ -s repr/SS-T1-aligned.json ]"
# hostile job folder: a symbolic link is not followed, a temporary not copied
ln -s /etc/passwd cb/files/check-SS-T1-aligned/evil.md
"$T" batch cq.json --out cb --reports rep3 -q 2> err.txt; rc=$?
check "a symbolic link in a job folder: refused (exit 3), not copied" "[ $rc -eq 3 ] && [ ! -e rep3/evil.md ] && grep -q 'evil.md' err.txt"
rm cb/files/check-SS-T1-aligned/evil.md
echo partial > cb/files/check-AD-2-relu/AD-2-relu.md.tmp.abc123
"$T" batch cq.json --out cb --reports rep4 -q; rc=$?
check "a leftover temporary is not copied" "[ $rc -eq 0 ] && [ ! -e rep4/AD-2-relu.md.tmp.abc123 ] && [ -s rep4/AD-2-relu.md ]"
"$T" batch cq.json --out cb --reports '' > /dev/null 2> err.txt; rc=$?
check "an empty --reports folder name refused (exit 2, one line)" "[ $rc -eq 2 ] && [ \$(wc -l < err.txt) -eq 1 ]"
