#!/bin/sh
# make-bases.sh -- regenerate the real base points of the adversarial run
# (tests/adversarial/bases/*.json) with the tsalign pipeline, polished at
# 320 bits.  Not run by `make check`: the bases are committed, and adv
# re-certifies each one at 320 bits at start-up (its kind must match
# bases.txt and its own verify must accept it).
#   TSALIGN=build/src/tsalign sh tests/adversarial/make-bases.sh SRCDIR
set -e
T=${TSALIGN:?set TSALIGN to the tsalign program}
S=${1:-.}
B=$S/tests/adversarial/bases
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
P=320
# the symmetric family of the k = 7 census class: K = 4, 5 saddles, 6..8 minima
for K in 4 5 6 7 8; do
  "$T" polish --family $K --prec $P --quiet -o "$B/fam$K.json"
done
# census classes with a spurious minimum (index 1: blocks 1,k-1)
for k in 7 8 9; do
  "$T" polish --census "$S/data/ssy2021-minima.tsv" --k $k --index 1 \
    --prec $P --quiet -o "$B/census$k.json"
done
# trained points: the demo's k = 7 spurious minimum (population GD, seed 3)
# and under-parameterised students (n < m) of the orthonormal teacher
train() { # name d m n seed
  "$T" train --teacher orthonormal --d $2 --teacher-widths $3 \
    --student-widths $4 --seed $5 --quiet -o "$TMP/run.json" \
    --candidate "$TMP/$1.json"
  "$T" polish "$TMP/$1.json" --prec $P --quiet -o "$B/$1.json"
}
train demo7 7 7 7 3
train train-3-3-2 3 3 2 1
train train-4-4-2 4 4 2 1
train train-5-5-3 5 5 3 1
train train-6-6-4 6 6 4 1
train train-6-4-3 6 4 3 2
