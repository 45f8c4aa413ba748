#!/bin/sh
# invalid.sh -- every case in tests/data/invalid/<case>/ runs
#   tsalign $(cat args)
# and must exit non-zero with exactly one line on stderr equal to the
# case's "error" file.  When the case has an "exit" file, the exit code
# must equal the number in it (the scheme of `tsalign --help`: 2 bad
# input, 3 I/O, ...); without one it must be non-zero and below 128 (no
# signal).  Other files in the case directory are copied into the working
# directory first (inputs).  Prints TAP.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
dir="$TSA_SRCDIR/tests/data/invalid"
cases=$(ls "$dir")
n=$(echo "$cases" | wc -w)
echo "1..$n"
i=0
for c in $cases; do
    i=$((i + 1))
    args=$(cat "$dir/$c/args")
    expected=$(cat "$dir/$c/error")
    want=
    [ -f "$dir/$c/exit" ] && want=$(cat "$dir/$c/exit")
    # each case runs in a fresh folder holding its input files (anything
    # but args, error, exit)
    work="$tmp/case$i"
    mkdir "$work"
    for f in "$dir/$c"/*; do
        case "$(basename "$f")" in args|error|exit) ;; *) cp "$f" "$work/" ;; esac
    done
    (cd "$work" && eval "\"$TSALIGN\" $args" >"$tmp/out" 2>"$tmp/err" </dev/null)
    rc=$?
    got=$(cat "$tmp/err")
    lines=$(wc -l <"$tmp/err")
    if [ -n "$want" ]; then
        code_ok=$([ "$rc" -eq "$want" ] && echo 1)
    else
        code_ok=$([ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] && echo 1)
    fi
    if [ -n "$code_ok" ] && [ "$lines" -eq 1 ] && [ "$got" = "$expected" ]; then
        echo "ok $i - $c"
    else
        echo "not ok $i - $c (exit $rc${want:+, expected exit $want})"
        echo "# expected: $expected"
        echo "# got:      $got"
    fi
done
