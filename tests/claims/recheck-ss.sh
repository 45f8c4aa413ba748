#!/bin/sh
# recheck-ss.sh -- the counterexamples of SS Cor. 1 (ss_cor1) and Thm 3, 4
# and 5 (ss_thm3, ss_thm5) carry a witness (exact networks, data, scalars
# and the decisive value) that `tsalign check --recheck` re-derives by its
# own code (src/claims/recheck_ss.c): a genuine witness is confirmed (exit
# 0, at two precisions), a forged one (one number edited with sed) is
# rejected (exit 5), a malformed one is refused (exit 2).  TAP.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
P="$TSA_SRCDIR/proofs_numeric"
echo "1..16"

"$TSALIGN" check --out out "$P/SS-C1-antipodal.json" "$P/SS-C1-antipodal-line.json" \
    "$P/SS-T3-small-N.json" "$P/SS-T5-small-N.json" >/dev/null 2>&1
"$TSALIGN" check --out out --set aug=aware "$P/SS-T3-small-N.json" >/dev/null 2>&1

# recheck REPORT [ARGS]: rc and the first line of stdout in r.txt
recheck() {
    f=$1
    shift
    "$TSALIGN" check --recheck "$f" "$@" >r.txt 2>err.txt
    rc=$?
}

# line LABEL FILE: the first line after the report's "witness" matching LABEL
line() {
    w=$(grep -n '"witness": {' "$2" | cut -d: -f1)
    grep -n "$1" "$2" | cut -d: -f1 | awk -v w="${w:-999999}" '$1 > w { print; exit }'
}

# forge OUT REPORT LABEL OFF EDIT: OUT = REPORT with the sed command EDIT
# applied at line ln = (the witness's first line matching LABEL) + OFF,
# then recheck OUT (LABEL not found: ln empty, OUT an unedited copy)
forge() {
    ln=$(line "$3" "$2")
    if [ -n "$ln" ]; then
        ln=$((ln + $4))
        sed "${ln}$5" "$2" >"$1"
    else
        cp "$2" "$1"
    fi
    recheck "$1"
}

# 1-5: genuine witnesses are confirmed
for id in SS-C1-antipodal SS-C1-antipodal-line SS-T3-small-N SS-T3-small-N-set SS-T5-small-N; do
    recheck "out/$id.json"
    check "--recheck $id: exit $rc (0), witness confirmed" \
        '[ $rc -eq 0 ] && grep -q "witness confirmed" r.txt && grep -q "re-derived from the witness alone" r.txt'
done

# 6-7: at another precision (Arb at 64 bits for the roots)
for id in SS-T3-small-N SS-T5-small-N; do
    recheck "out/$id.json" --prec 64
    check "--recheck $id --prec 64: exit $rc (0), at 64 bits" \
        '[ $rc -eq 0 ] && grep -q "Arb at 64 bits" r.txt'
done

# 8-9: Thm 3 / Thm 5 forged: the first student weight 1/2 (0x1p-1) made 0
# aligns student 0 with the teacher (bias gap 0.0125 < eps)
for id in SS-T3-small-N SS-T5-small-N; do
    forge forged.json "out/$id.json" '"0x1p-1"' 0 's/"0x1p-1"/"0x0p+0"/'
    check "--recheck $id with student weight 0.5 -> 0 (line $ln): exit $rc (5), conclusion holds" \
        '[ -n "$ln" ] && [ $rc -eq 5 ] && grep -q "REJECTED" r.txt && grep -q "eps-aligned with teacher 0 .*: true" r.txt'
done

# 10: Cor. 1 forged: the teacher's fan-out 1 -> 2 breaks f = f*
forge forged.json out/SS-C1-antipodal.json '"V": \[' 2 's/"1"/"2"/'
check "--recheck SS-C1-antipodal with teacher fan-out 2 (line $ln): exit $rc (5), Assumption 2 false" \
    '[ $rc -eq 5 ] && grep -q "REJECTED" r.txt && grep -q "Assumption 2 f = f\* on R^d ([^)]*): false" r.txt'

# 11: Cor. 1 forged: the stated value g(x) = 3/4 changed to 1/2
forge forged.json out/SS-C1-antipodal.json '"g": \[' 1 's|"3/4"|"1/2"|'
check "--recheck SS-C1-antipodal with g(x) stated 1/2: exit $rc (5), value DIFFERENT" \
    '[ $rc -eq 5 ] && grep -q "DIFFERENT from the witness" r.txt'

# 12-14: malformed witnesses: exit 2, one line naming the field
forge bad.json out/SS-T3-small-N.json '"eps": ' 0 's/"0x[^"]*"/"0x1.zz"/'
check "--recheck SS-T3-small-N with eps \"0x1.zz\": exit $rc (2), names witness.eps" \
    '[ $rc -eq 2 ] && [ "$(wc -l <err.txt)" -eq 1 ] && grep -q "witness.eps" err.txt'
forge bad.json out/SS-C1-antipodal.json '"x": \[' 0 's/"x"/"y"/'
check "--recheck SS-C1-antipodal without witness.x: exit $rc (2), names witness.x" \
    '[ $rc -eq 2 ] && grep -q "witness.x" err.txt'
forge bad.json out/SS-T5-small-N.json '"base": ' 0 's/: [0-9]*/: -4/'
check "--recheck SS-T5-small-N with base -4: exit $rc (2), names witness.base" \
    '[ $rc -eq 2 ] && grep -q "witness.base" err.txt'

# 15: a witness row cut short (the student's first row loses an entry)
forge bad.json out/SS-T3-small-N.json '"student": {' 4 d
check "--recheck SS-T3-small-N with a short student row: exit $rc (2)" \
    '[ $rc -eq 2 ] && grep -q "witness.student" err.txt'

# 16: the Thm 5 witness's Q is recounted from the data's sign patterns
forge forged.json out/SS-T5-small-N.json '"base": ' 0 's/: [0-9]*/: 5/'
check "--recheck SS-T5-small-N with Q stated 5 (counted 4): exit $rc (5)" \
    '[ $rc -eq 5 ] && grep -q "Q recounted from the sign patterns over D = 4 (witness 5): false" r.txt'
