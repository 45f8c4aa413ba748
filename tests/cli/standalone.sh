#!/bin/sh
# standalone.sh -- the repository stands alone: no file of the package
# cites a document it does not contain (the design notes, style guide,
# toolchain notes or seed texts the project was started from).  TAP.
: "${TSA_SRCDIR:=.}"
echo "1..1"
pat='DESIGN\.md|STYLE\.md|TOOLCHAIN\.md|\.\./shared|seeds/[a-z-]*\.txt'
hits=$(cd "$TSA_SRCDIR" && grep -rnE "$pat" README.md src tests docs data \
    proofs_numeric bench configure.ac Makefile.am 2>/dev/null \
    | grep -v '^tests/cli/standalone\.sh:')
if [ -z "$hits" ]; then
    echo "ok 1 - no citation of a document outside the package"
else
    echo "not ok 1 - citations of documents outside the package:"
    echo "$hits" | sed 's/^/# /'
fi
