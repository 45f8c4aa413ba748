#!/bin/sh
# cli.sh -- `tsalign train` end to end (TAP): no partial output file on
# bad input or divergence; two runs with the same seed give identical
# bytes; --resume continues to the same bytes as an uninterrupted run;
# presets are listed; a run file serves as a teacher file.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
echo "1..9"

small="--d 12 --teacher-widths 4 --over 3 --outputs 3 --n-train 300 --n-eval 200 --steps 400 --log-every 50"

"$TSALIGN" train --lr nan -o bad.json 2>/dev/null
check "no output file after a bad config" '[ ! -e bad.json ] && [ -z "$(ls)" ]'
"$TSALIGN" train --teacher single --opt sgd --lr 1e6 --steps 50 -o div.json 2>/dev/null
check "no output file after divergence" '[ ! -e div.json ] && [ -z "$(ls)" ]'

"$TSALIGN" train $small --seed 7 --quiet -o a.json >out.txt 2>err.txt
"$TSALIGN" train $small --seed 7 --quiet -o b.json
"$TSALIGN" train $small --seed 8 --quiet -o c.json
check "same seed, identical bytes" 'cmp -s a.json b.json'
check "other seed, other bytes" '! cmp -s a.json c.json'
check "--quiet prints nothing" '[ ! -s out.txt ] && [ ! -s err.txt ]'

"$TSALIGN" train $small --seed 7 --steps 200 --quiet -o r.json
"$TSALIGN" train --resume r.json --steps 400 --quiet
check "resume gives the uninterrupted run's bytes" 'cmp -s a.json r.json'

"$TSALIGN" train --list-presets >p.txt
check "--list-presets lists every preset" \
  'for p in ss2 deep lm orthonormal single; do grep -q "^$p: " p.txt || exit 1; done'

"$TSALIGN" train --teacher a.json --n-train 100 --n-eval 50 --steps 20 --quiet -o t.json
check "a run file is a teacher file" 'grep -q "\"teacher_file\": \"a.json\"" t.json'

"$TSALIGN" train $small --steps 10 -o - >s.json 2>/dev/null
check "-o - writes the run file to stdout" \
  'grep -q "\"format\": \"tsalign-run\"" s.json'
