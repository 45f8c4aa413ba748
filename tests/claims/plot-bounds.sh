#!/bin/sh
# plot-bounds.sh -- the SS alignment plot draws the line y = eps of Def. 3
# (the bound that decides "aligned"), with the claim's eps (TAP).  gnuplot
# is replaced by a stub on PATH that keeps the script it is fed.
: "${TSALIGN:=./src/tsalign}"
: "${TSA_SRCDIR:=.}"
P="$TSA_SRCDIR/proofs_numeric"
case $TSALIGN in /*) ;; *) TSALIGN="$(pwd)/$TSALIGN" ;; esac
case $P in /*) ;; *) P="$(pwd)/$P" ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
echo "1..2"
cd "$tmp" || exit 1
mkdir bin out
printf '#!/bin/sh\ncat > "%s/script.gp"\n' "$tmp" > bin/gnuplot
chmod +x bin/gnuplot
PATH="$tmp/bin:$PATH" "$TSALIGN" check -o out --set eps=0.125 "$P/SS-T3-trained.json" \
    >o.txt 2>err
rc=$?
check "SS-T3-trained with eps = 0.125: exit $rc (0: overridden run), plot script written" \
    '[ $rc -eq 0 ] && [ -s script.gp ] && [ -s out/SS-T3-trained-set-align.dat ]'
check "the alignment plot has the eps line at 0.125" \
    'grep -q "0\.125 w l .*eps = 0\.125" script.gp'
