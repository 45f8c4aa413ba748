#!/bin/sh
# finite.sh -- `tsalign finite`: a kink minimum, a kink with a descent, a box
# crossing a kink (refused by the smooth method), a smooth box (Krawczyk),
# the early-alignment spurious point, tampered certificates, hostile input
# (one line, exit 2).  TAP.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
data="$TSA_SRCDIR/tests/data/finite"
echo "1..16"
i=0
t() { i=$((i + 1)); if eval "$2"; then echo "ok $i - $1"; else echo "not ok $i - $1"; fi; }
cert() { "$TSALIGN" finite certify "$data/$1.json" -o "$tmp/$1.cert" 2>"$tmp/$1.err"; }
t "kink minimum: local minimum, radius 1/2, loss 1/6" \
  'cert kink-min && grep -q "^verdict: local minimum" "$tmp/kink-min.err" && grep -q "\"radius\": \"1/2\"" "$tmp/kink-min.cert" && grep -q "\"loss\": \"1/6\"" "$tmp/kink-min.cert"'
t "kink descent: not a local minimum, loss decreases exactly" \
  'cert kink-descent && grep -q "^verdict: not a local minimum" "$tmp/kink-descent.err" && grep -q "\"order\": 1" "$tmp/kink-descent.cert"'
t "verify both" '"$TSALIGN" finite verify "$tmp/kink-min.cert" >/dev/null && "$TSALIGN" finite verify "$tmp/kink-descent.cert" >/dev/null'
t "box crossing sample 0's boundary: undecided (exit 4), not certified" \
  'cert kink-box; [ $? -eq 4 ] && grep -q "crossing" "$tmp/kink-box.cert" && ! grep -q "contained" "$tmp/kink-box.cert"'
t "smooth box: Krawczyk local minimum, verified" \
  'cert smooth-box && grep -q "\"contained\": true" "$tmp/smooth-box.cert" && "$TSALIGN" finite verify "$tmp/smooth-box.cert" >/dev/null'
# the spurious stationary point of the early-alignment example
"$TSALIGN" finite ea-point --m 4 --inactive 1/10 -o "$tmp/ea.json"
"$TSALIGN" finite ea-point --m 4 --inactive 0 -o "$tmp/ea0.json"
t "spurious point, inactive neurons 1/10: local minimum, loss 256/2925" \
  '"$TSALIGN" finite certify "$tmp/ea.json" -o "$tmp/ea.cert" 2>/dev/null && grep -q "\"verdict\": \"local minimum\"" "$tmp/ea.cert" && grep -q "\"loss\": \"256/2925\"" "$tmp/ea.cert" && "$TSALIGN" finite verify "$tmp/ea.cert" >/dev/null'
t "spurious point, zero neurons: not a local minimum, verified" \
  '"$TSALIGN" finite certify "$tmp/ea0.json" -o "$tmp/ea0.cert" 2>/dev/null && grep -q "\"verdict\": \"not a local minimum\"" "$tmp/ea0.cert" && "$TSALIGN" finite verify "$tmp/ea0.cert" >/dev/null'
# tampering: a lower loss, a wrong-side multiplier, a step that does not descend
sed 's|"loss": "1/6"|"loss": "1/7"|' "$tmp/kink-min.cert" >"$tmp/bad1.cert"
t "tampered loss rejected (exit 5)" '"$TSALIGN" finite verify "$tmp/bad1.cert" >/dev/null; [ $? -eq 5 ]'
sed 's|"y": \[\n*|&|; s|"-1",|"1",|' "$tmp/kink-min.cert" >"$tmp/bad2.cert"
t "local-minimum certificate of the descent data rejected (exit 5)" \
  '"$TSALIGN" finite verify "$tmp/bad2.cert" >/dev/null; [ $? -eq 5 ]'
sed 's|"step": "[^"]*"|"step": "1000"|' "$tmp/kink-descent.cert" >"$tmp/bad3.cert"
t "descent step outside the region rejected (exit 5)" '"$TSALIGN" finite verify "$tmp/bad3.cert" >/dev/null; [ $? -eq 5 ]'
t "tsalign verify re-checks the EA-2 spurious point's certificate (exit 0)" \
  '"$TSALIGN" verify "$tmp/ea.cert" >/dev/null'
t "tsalign verify rejects the tampered one (exit 5)" '"$TSALIGN" verify "$tmp/bad1.cert" >/dev/null; [ $? -eq 5 ]'
# hostile input: one line on stderr, exit 2
hostile() {
    printf '%s' "$2" >"$tmp/h.json"
    "$TSALIGN" finite certify "$tmp/h.json" >/dev/null 2>"$tmp/h.err"
    rc=$?
    [ $rc -eq 2 ] && [ "$(wc -l <"$tmp/h.err")" -eq 1 ] || { echo "# $1: exit $rc"; sed 's/^/# /' "$tmp/h.err"; return 1; }
}
P='"format": "tsalign-finite-point", "format_version": "1.0"'
t "malformed numbers refused" \
  'hostile frac "{$P, \"x\": [[\"1/0\"]], \"y\": [\"1\"], \"a\": [\"1\"], \"w\": [[\"1\",\"0\"]]}" &&
   hostile exp "{$P, \"x\": [[\"1e99999\"]], \"y\": [\"1\"], \"a\": [\"1\"], \"w\": [[\"1\",\"0\"]]}" &&
   hostile hex "{$P, \"x\": [[\"0x1.zp3\"]], \"y\": [\"1\"], \"a\": [\"1\"], \"w\": [[\"1\",\"0\"]]}" &&
   hostile nan "{$P, \"x\": [[\"nan\"]], \"y\": [\"1\"], \"a\": [\"1\"], \"w\": [[\"1\",\"0\"]]}" &&
   hostile float "{$P, \"x\": [[0.1]], \"y\": [\"1\"], \"a\": [\"1\"], \"w\": [[\"1\",\"0\"]]}"'
big=$(awk 'BEGIN { printf "["; for (i = 0; i < 5000; i++) printf "%s[\"1\"]", (i ? "," : ""); printf "]" }')
t "sizes bounded" \
  'hostile n "{$P, \"x\": $big, \"y\": [\"1\"], \"a\": [\"1\"], \"w\": [[\"1\",\"0\"]]}" &&
   hostile shape "{$P, \"x\": [[\"1\"]], \"y\": [\"1\", \"2\"], \"a\": [\"1\"], \"w\": [[\"1\",\"0\"]]}" &&
   hostile wlen "{$P, \"x\": [[\"1\"]], \"y\": [\"1\"], \"a\": [\"1\"], \"w\": [[\"1\"]]}"'
t "format tag and newer version refused" \
  'hostile tag "{\"format\": \"tsalign-candidate\", \"format_version\": \"1.0\"}" &&
   hostile ver "{\"format\": \"tsalign-finite-point\", \"format_version\": \"2.0\"}" && grep -q "newer than this tsalign reads" "$tmp/h.err" &&
   hostile unknown "{$P, \"evil\": 1, \"x\": [[\"1\"]], \"y\": [\"1\"], \"a\": [\"1\"], \"w\": [[\"1\",\"0\"]]}"'
t "usage errors exit 2" \
  '"$TSALIGN" finite certify 2>/dev/null; [ $? -eq 2 ] && "$TSALIGN" finite bogus 2>/dev/null; [ $? -eq 2 ]'
