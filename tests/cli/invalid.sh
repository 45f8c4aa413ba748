#!/bin/sh
# invalid.sh -- every case in tests/data/invalid/<case>/ runs
#   tsalign $(cat args)
# and must exit non-zero with exactly one line on stderr equal to the
# case's "error" file.  Other files in the case directory are copied into
# the working directory first (inputs).  Prints TAP.
: "${TSALIGN:=./src/tsalign}"
: "${TSA_SRCDIR:=.}"
dir="$TSA_SRCDIR/tests/data/invalid"
cases=$(ls "$dir")
n=$(echo "$cases" | wc -w)
echo "1..$n"
i=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for c in $cases; do
    i=$((i + 1))
    args=$(cat "$dir/$c/args")
    expected=$(cat "$dir/$c/error")
    # input files of the case (anything but args and error) go beside it
    for f in "$dir/$c"/*; do
        case "$(basename "$f")" in args|error) ;; *) cp "$f" "$tmp/" ;; esac
    done
    (cd "$tmp" && eval "\"$TSALIGN\" $args" >"$tmp/out" 2>"$tmp/err" </dev/null)
    rc=$?
    got=$(cat "$tmp/err")
    lines=$(wc -l <"$tmp/err")
    if [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] && [ "$lines" -eq 1 ] && [ "$got" = "$expected" ]; then
        echo "ok $i - $c"
    else
        echo "not ok $i - $c (exit $rc)"
        echo "# expected: $expected"
        echo "# got:      $got"
    fi
done
