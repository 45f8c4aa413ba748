# tap.sh -- the preamble of the TAP shell tests, sourced after the test's
# own comment:  . "${TSA_SRCDIR:-.}/tests/tap.sh"
# Sets TSALIGN (default ./src/tsalign) and TSA_SRCDIR (default .), both
# made absolute, one BLAS thread, a private temporary folder $tmp as the
# working directory (removed on exit), and the counters: ok DESC,
# fail DESC [DETAIL] (DETAIL printed as "# " lines), check DESC 'SHELL
# CONDITION'.
: "${TSALIGN:=./src/tsalign}"
case $TSALIGN in /*) ;; */*) TSALIGN="$(pwd)/$TSALIGN" ;; esac
TSA_SRCDIR=$(cd "${TSA_SRCDIR:-.}" && pwd) || exit 1
export OPENBLAS_NUM_THREADS=1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tsa-test.XXXXXX") || exit 1
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
    n=$((n + 1))
    echo "not ok $n - $1"
    [ -z "${2-}" ] || printf '%s\n' "$2" | sed 's/^/# /'
}
check() { if eval "$2"; then ok "$1"; else fail "$1"; fi; }
