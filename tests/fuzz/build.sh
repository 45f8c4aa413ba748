#!/bin/sh
# build.sh DIR -- configure an out-of-tree build of tsalign in DIR with
# AFL++'s compiler (afl-clang-fast, else afl-cc), ASan and UBSan
# instrumentation, and build the fuzz harnesses (make fuzz).
# Environment: AFL_CC (compiler, default afl-clang-fast), FUZZ_SAN=0 for a
# build without ASan/UBSan (faster, finds only hard crashes and hangs).
# The harnesses land in DIR/tests/fuzz/fuzz-*; docs/fuzzing.md says how
# to run them.
set -eu
if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD-DIR" >&2
    exit 2
fi
src=$(cd "$(dirname "$0")/../.." && pwd)
dir=$1
cc=${AFL_CC:-}
if [ -z "$cc" ]; then
    if command -v afl-clang-fast >/dev/null; then cc=afl-clang-fast
    elif command -v afl-cc >/dev/null; then cc=afl-cc
    else echo "$0: afl-clang-fast / afl-cc not found (Debian: afl++)" >&2; exit 2
    fi
fi
if [ "${FUZZ_SAN:-1}" = 1 ]; then
    AFL_USE_ASAN=1
    AFL_USE_UBSAN=1
    export AFL_USE_ASAN AFL_USE_UBSAN
fi
AFL_QUIET=1
export AFL_QUIET
mkdir -p "$dir"
cd "$dir"
if [ ! -f Makefile ]; then
    "$src/configure" -q CC="$cc" CFLAGS="-g -O2"
fi
make -j"${JOBS:-2}" fuzz
ls tests/fuzz/fuzz-* | grep -v "\.o$"
