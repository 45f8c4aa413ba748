#!/bin/sh
# consistent.sh -- one CLI (issue 15 item 5).  TAP.
# Every command `tsalign --help` lists has a --help with examples (exit 0);
# `tsalign --help` documents every exit code of src/cli/cli.h; the output
# option is -o/--output everywhere, --out an accepted older spelling; a
# bare `tsalign` prints the help and writes nothing.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
echo "1..6"

cmds=$("$TSALIGN" --help | awk '/^Commands:/{on=1;next} on&&/^[^ ]/{on=0} on&&/^  [a-z]/{print $1}')
bad=
for c in $cmds; do
    h=$("$TSALIGN" "$c" --help 2>&1) || { bad="$bad $c(exit $?)"; continue; }
    printf '%s\n' "$h" | grep -q '^Usage: ' || bad="$bad $c(no Usage:)"
    printf '%s\n' "$h" | grep -q '^Examples\{0,1\}\(:\|$\)' || bad="$bad $c(no Example/Examples)"
done
if [ -z "$bad" ] && [ -n "$cmds" ]; then ok "every command's --help has Usage and examples: $(echo $cmds)"
else fail "commands whose --help lacks Usage or examples:$bad"; fi

# every TSA_EXIT_* value of cli.h is listed in tsalign --help
codes=$(sed -n 's/^ *TSA_EXIT_[A-Z]* = \([0-9]*\).*/\1/p' "$TSA_SRCDIR/src/cli/cli.h")
h=$("$TSALIGN" --help)
miss=
for c in $codes; do printf '%s\n' "$h" | grep -q "^  $c  " || miss="$miss $c"; done
if [ -n "$codes" ] && [ -z "$miss" ]; then ok "tsalign --help documents exit codes $(echo $codes)"
else fail "exit codes missing from tsalign --help:$miss"; fi

# -o, --output and --out name the same folder (check)
claim=$TSA_SRCDIR/proofs_numeric/AD-2-relu.json
r=0
"$TSALIGN" check "$claim" -o a >/dev/null 2>&1 || r=1
"$TSALIGN" check "$claim" --output b >/dev/null 2>&1 || r=1
"$TSALIGN" check "$claim" --out c >/dev/null 2>&1 || r=1
if [ $r = 0 ] && [ -f a/AD-2-relu.json ] && [ -f b/AD-2-relu.json ] && [ -f c/AD-2-relu.json ] \
        && [ ! -e reports ]
then ok "check: -o, --output and --out (older spelling) are the same option"
else fail "check: -o/--output/--out"; fi

# errors name --output; demo accepts -o/--output (bad value: refused early)
: > file
e1=$("$TSALIGN" check "$claim" -o file 2>&1); r1=$?
e2=$("$TSALIGN" demo --output "$(printf '%0950d' 0)" 2>&1); r2=$?
if [ $r1 = 3 ] && printf '%s\n' "$e1" | grep -q -- '--output: file: not a directory' \
        && [ $r2 = 2 ] && printf '%s\n' "$e2" | grep -q -- '--output: path longer'
then ok "check -o FILE and demo --output TOO-LONG: one line naming --output"
else fail "errors name --output" "$r1 $e1 / $r2 $e2"; fi

# option lists: every --help that shows an output option shows -o/--output
bad=
for c in $cmds; do
    h=$("$TSALIGN" "$c" --help 2>/dev/null)
    if printf '%s\n' "$h" | grep -q -- '--out[ =]' \
            && ! printf '%s\n' "$h" | grep -q -- '--output'; then bad="$bad $c"; fi
done
if [ -z "$bad" ]; then ok "no --help offers --out without -o/--output"
else fail "--out without --output in:$bad"; fi

# a bare tsalign: the help, exit 0, nothing written
out=$("$TSALIGN" 2>&1); r=$?
left=$(ls -A | grep -v '^[abc]$\|^file$')
if [ $r = 0 ] && printf '%s\n' "$out" | grep -q '^Usage: tsalign' && [ -z "$left" ]
then ok "tsalign without arguments prints the help and writes nothing"
else fail "bare tsalign" "$r $left"; fi
