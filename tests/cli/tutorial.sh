#!/bin/sh
# tutorial.sh -- docs/tutorial.md cannot rot: every fenced `sh` block is
# run, in order, in a temporary folder that holds links to contrib/, data/
# and tests/ of the source tree, with this build's tsalign first on PATH;
# each block must exit 0.  Blocks fenced `sh torch` run only where
# Debian's python3-torch is importable (else a TAP SKIP says so).  TAP.
. "${TSA_SRCDIR:-.}/tests/tap.sh"
doc="$TSA_SRCDIR/docs/tutorial.md"
mkdir "$tmp/bin" "$tmp/run" "$tmp/blocks"
ln -s "$(cd "$(dirname "$TSALIGN")" && pwd)/$(basename "$TSALIGN")" "$tmp/bin/tsalign"
for d in contrib data tests; do ln -s "$(cd "$TSA_SRCDIR" && pwd)/$d" "$tmp/run/$d"; done
# the Python that has torch (Debian's, not a virtualenv's) as python3
TP=
[ -n "$TSA_NO_TORCH" ] || for p in /usr/bin/python3 python3; do
    if "$p" -c 'import torch, numpy' >/dev/null 2>&1; then TP=$(command -v "$p"); break; fi
done
[ -n "$TP" ] && ln -s "$TP" "$tmp/bin/python3"
# split the blocks: blocks/NN.sh or blocks/NN.torch
awk -v dir="$tmp/blocks" '
    /^```sh( torch)?[ \t]*$/ && !inb { inb = 1; k++; kind = ($2 == "torch") ? "torch" : "sh";
        f = sprintf("%s/%02d.%s", dir, k, kind); printf "" > f; next }
    /^```/ && inb { inb = 0; close(f); next }
    inb { print >> f }' "$doc"
count=$(ls "$tmp/blocks" | wc -l)
echo "1..$((count + 1))"
[ "$count" -ge 5 ] && echo "ok 1 - $count blocks in docs/tutorial.md" || echo "not ok 1 - only $count blocks found"
n=1
for b in "$tmp/blocks"/*; do
    n=$((n + 1))
    first=$(grep -v '^[[:space:]]*$' "$b" | head -1 | cut -c1-60)
    case "$b" in
    *.torch)
        if [ -z "$TP" ]; then
            echo "ok $n # SKIP python3-torch is not installed: the PyTorch block ($first) did not run; the next block takes the committed .npz"
            continue
        fi ;;
    esac
    if (cd "$tmp/run" && PATH="$tmp/bin:$PATH" sh -e "$b") >"$tmp/out" 2>&1; then
        echo "ok $n - $first"
    else
        echo "not ok $n - $first"
        sed 's/^/# /' "$tmp/out" | tail -20
    fi
done
