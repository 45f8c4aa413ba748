#!/bin/sh
# ea-cli.sh -- `tsalign ea` end to end (TAP): a quick sweep writes the CSV
# and JSON tables (and reports progress); the same seeds give identical
# bytes; hostile input (sizes, NaN, unknown options, unsafe names, data
# files) is refused with exit 2 before any work and leaves no file.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
echo "1..12"

q="--lambdas 1e-2,1e-4 --widths 2,10 --lrs 0.2,0.1 --seeds 2 --time 40 --no-plots"
mkdir a b
"$TSALIGN" ea sweep $q --out a --name s 2>err.txt
check "sweep exits 0 and writes CSV and JSON" '[ -s a/s.csv ] && [ -s a/s.json ]'
check "CSV: a header and one row per run (2x2x2x2)" '[ "$(wc -l <a/s.csv)" -eq 17 ]'
check "JSON: format tsalign-ea-sweep 1.0" \
  'grep -q "\"format\": \"tsalign-ea-sweep\"" a/s.json && grep -q "\"format_version\": \"1.0\"" a/s.json'
check "progress: i of N on stderr" 'grep -q "ea sweep \[1/16\]" err.txt'
"$TSALIGN" ea sweep $q --out b --name s --quiet 2>err2.txt
check "same seeds, identical bytes; --quiet is quiet" 'cmp -s a/s.csv b/s.csv && cmp -s a/s.json b/s.json && [ ! -s err2.txt ]'

"$TSALIGN" ea run --m 5 --lambda 1e-3 --lr 0.1 --steps 300 --seed 3 >r.json
check "ea run prints its numbers" 'grep -q "\"t_escape\"" r.json && grep -q "tsalign-ea-run" r.json'

rc() { "$@" >/dev/null 2>e.txt; echo $?; }
check "width 0 / huge refused (2)" \
  '[ $(rc "$TSALIGN" ea sweep --widths 0 --out b --name x) -eq 2 ] && [ $(rc "$TSALIGN" ea run --m 100001) -eq 2 ]'
check "NaN lambda, zero lr refused (2)" \
  '[ $(rc "$TSALIGN" ea sweep --lambdas nan --out b --name x) -eq 2 ] && [ $(rc "$TSALIGN" ea run --lr 0) -eq 2 ]'
check "work limit checked before work (2, fast)" \
  '[ $(rc "$TSALIGN" ea sweep --widths 100000 --seeds 10000 --time 1e6 --out b --name x) -eq 2 ] && grep -q "runs exceed\|work" e.txt'
check "unsafe name refused, no file" \
  '[ $(rc "$TSALIGN" ea sweep $q --out b --name ../evil) -eq 2 ] && [ ! -e evil.csv ] && [ ! -e b/x.csv ]'
printf '1 2\n1 2 3\n' >bad.txt
check "malformed data file refused (2), naming the line" \
  '[ $(rc "$TSALIGN" ea run --data bad.txt) -eq 2 ] && grep -q "bad.txt:2" e.txt'
check "unknown option / sweep option on run refused (2)" \
  '[ $(rc "$TSALIGN" ea sweep --bogus 1) -eq 2 ] && [ $(rc "$TSALIGN" ea run --seeds 3) -eq 2 ]'
