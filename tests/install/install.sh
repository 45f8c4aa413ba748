#!/bin/sh
# install.sh -- `make install` as a user meets it (issue 15).  TAP.
# Installs the build tree into a temporary DESTDIR, then: every public
# header compiles on its own and all together in reverse order, without
# config.h; tsalign.h includes every module header; a small C program
# (hello.c) builds with `pkg-config --cflags --libs tsalign` against the
# shared library and with `--static` against libtsalign.a, and runs; the
# installed tsalign runs from an unrelated folder and checks an installed
# claim (by path and by id) that reads the installed census; the man pages
# exist and render; `make uninstall` removes every file again.
: "${TSALIGN:?TSALIGN not set (run under make check)}"
build=$(cd "$(dirname "$TSALIGN")/.." && pwd)
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
n=0 fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; [ -z "${2-}" ] || printf '%s\n' "$2" | sed 's/^/# /' | head -20; }
check() { desc=$1; shift; if out=$("$@" 2>&1); then ok "$desc"; else nok "$desc" "$out"; fi; }

echo "1..14"
# which kinds of library this build makes (configure --disable-shared/-static)
feat=$("$build/libtool" --features 2>/dev/null)
case $feat in *"enable shared"*) shared=yes ;; *) shared=no ;; esac
case $feat in *"enable static"*) static=yes ;; *) static=no ;; esac
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
command -v "$PKG_CONFIG" >/dev/null 2>&1 || { echo "# SKIP pkg-config not found"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tsa-install.XXXXXX") || exit 1
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
dest=$tmp/dest

# 1. make install into DESTDIR (a nested make: no jobserver of the caller)
if out=$(cd "$build" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
        ${MAKE:-make} install DESTDIR="$dest" 2>&1); then
    ok "make install DESTDIR=..."
else
    nok "make install DESTDIR=..." "$(printf '%s\n' "$out" | tail -20)"
    exit 1
fi
pc=$(find "$dest" -name tsalign.pc -path '*/pkgconfig/*' | head -n 1)
prefix=$(sed -n 's/^prefix=//p' "$pc")
inst=$dest$prefix
export PKG_CONFIG_PATH="$(dirname "$pc")"
pcx() { "$PKG_CONFIG" --define-variable=prefix="$inst" "$@" tsalign; }
libdir=$(pcx --variable=libdir)
incdir=$(pcx --variable=includedir)/tsalign
datadir=$(pcx --variable=pkgdatadir)
bin=$inst/bin/tsalign

# 2. what was installed
missing=
libs=
[ $static = no ] || libs="$libdir/libtsalign.a"
[ $shared = no ] || libs="$libs $libdir/libtsalign.so"
for f in $libs "$incdir/tsalign.h" \
        "$incdir/tsa_config.h" "$incdir/tsa_arb.h" "$incdir/tsa_claims.h" "$bin" \
        "$datadir/data/ssy2021-minima.tsv" "$datadir/docs/certify.md" \
        "$datadir/proofs_numeric/AD-3-census-k6-10.json"; do
    [ -e "$f" ] || missing="$missing ${f#"$dest"}"
done
for h in "$TSA_SRCDIR"/src/*/tsa_*.h; do
    case $h in */tsa_sched.h) continue ;; esac   # the program's (install.mk)
    [ -e "$incdir/$(basename "$h")" ] || missing="$missing $(basename "$h")"
done
if [ -z "$missing" ]; then ok "library, headers, tsalign.pc, data, claims, docs installed"
else nok "installed files missing" "$missing (public headers are src/*/tsa_*.h: rename a private one *_impl.h)"; fi

# 3. no installed header reads config.h or a private header
bad=$(grep -l '#[ ]*include[ ]*["<]\(config\.h\|[a-z_]*_impl\.h\|cli[a-z_]*\.h\)' "$incdir"/*.h)
if [ -z "$bad" ]; then ok "no public header includes config.h or a private header"
else nok "public headers include config.h or private headers" "$bad"; fi

# 4. the umbrella includes every module header
miss=
for h in "$incdir"/tsa_*.h; do
    b=$(basename "$h")
    case $b in tsa_config.h) continue ;; esac
    grep -q "^#include \"$b\"" "$incdir/tsalign.h" || miss="$miss $b"
done
if [ -z "$miss" ]; then ok "tsalign.h includes every module header"
else nok "tsalign.h does not include:$miss" "add one #include line per header to src/tsalign.h"; fi

# 5. every header alone, and all of them in reverse order, -Werror
cflags=$(pcx --cflags)
errs=
for h in "$incdir"/*.h; do
    b=$(basename "$h")
    printf '#include <tsalign/%s>\nint main(void) { return 0; }\n' "$b" > "$tmp/one.c"
    e=$($CC -std=c11 -Wall -Wextra -Werror -fsyntax-only $cflags "$tmp/one.c" 2>&1) \
        || errs="$errs
$b: $(printf '%s\n' "$e" | head -3)"
done
ls "$incdir"/*.h | sort -r | sed 's|.*/\(.*\)|#include <tsalign/\1>|' > "$tmp/all.c"
echo 'int main(void) { return 0; }' >> "$tmp/all.c"
e=$($CC -std=c11 -Wall -Wextra -Werror -fsyntax-only $cflags "$tmp/all.c" 2>&1) \
    || errs="$errs
all, reverse order: $(printf '%s\n' "$e" | head -3)"
if [ -z "$errs" ]; then ok "each header compiles alone and all in reverse order (C11, -Werror)"
else nok "headers do not compile standalone" "$errs"; fi

# 6-7. hello.c against the shared library
if [ $shared = no ]; then
    skip "hello.c links with pkg-config --cflags --libs tsalign" "configured --disable-shared"
    skip "hello runs on the installed libtsalign.so" "configured --disable-shared"
else
    if e=$($CC -o "$tmp/hello" "$TSA_SRCDIR/tests/install/hello.c" $(pcx --cflags --libs) 2>&1)
    then ok "hello.c links with pkg-config --cflags --libs tsalign"
    else nok "hello.c links with pkg-config --cflags --libs tsalign" "$e"; fi
    if out=$(LD_LIBRARY_PATH="$libdir" "$tmp/hello" 2>&1) \
            && LD_LIBRARY_PATH="$libdir" ldd "$tmp/hello" | grep -q "$libdir/libtsalign.so"
    then ok "hello runs on the installed libtsalign.so: $out"
    else nok "hello runs on the installed libtsalign.so" "$out"; fi
fi

# 8. hello.c against libtsalign.a: --static lists every private library
if [ $static = no ]; then
    skip "hello links with pkg-config --static and libtsalign.a and runs" "configured --disable-static"
else
    slibs=$(pcx --static --libs | sed "s|-ltsalign|$libdir/libtsalign.a|")
    if e=$($CC -o "$tmp/hello-static" "$TSA_SRCDIR/tests/install/hello.c" $cflags $slibs 2>&1) \
            && out=$("$tmp/hello-static" 2>&1) && ! ldd "$tmp/hello-static" | grep -q libtsalign
    then ok "hello links with pkg-config --static and libtsalign.a and runs"
    else nok "hello links with pkg-config --static and libtsalign.a and runs" "$e $out"; fi
fi

# 9-11. the installed program, from an unrelated folder
mkdir -p "$tmp/elsewhere" && cd "$tmp/elsewhere" || exit 1
unset TSALIGN_DATADIR
check "installed tsalign --version" "$bin" --version
if out=$("$bin" --datadir 2>&1) && [ "$(cd "$out" && pwd -P)" = "$(cd "$datadir" && pwd -P)" ]
then ok "installed tsalign finds its data: $out"
else nok "installed tsalign --datadir" "$out (want $datadir)"; fi
claim=$datadir/proofs_numeric/AD-3-census-k6-10.json
if out=$("$bin" check "$claim" -o r1 2>&1) && [ -f r1/AD-3-census-k6-10.json ] \
        && out2=$("$bin" check AD-3-census-k6-10 --output r2 2>&1) \
        && [ -f r2/AD-3-census-k6-10.json ] && [ ! -e reports ]
then ok "installed tsalign checks an installed claim (path and id; census read)"
else nok "installed tsalign checks an installed claim" "$out ${out2-}"; fi

# 12. man pages: one per command, rendered
mandir=$inst/share/man/man1   # $(mandir)/man1 of the default layout
cmds=$("$bin" --help | awk '/^Commands:/{on=1;next} on&&/^[^ ]/{on=0} on&&/^  [a-z]/{print $1}')
miss=
for c in $cmds; do [ -f "$mandir/tsalign-$c.1" ] || miss="$miss $c"; done
if [ -n "$miss" ] || [ ! -f "$mandir/tsalign.1" ]; then
    nok "man pages missing:$miss"
elif command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
    if out=$(MANWIDTH=80 man -l "$mandir/tsalign-check.1" 2>&1 | grep -c 'EXAMPLES\|SYNOPSIS') \
            && [ "$out" -ge 2 ]
    then ok "man pages for tsalign and every command render"
    else nok "man -l tsalign-check.1 renders" "$out"; fi
else
    ok "man pages for tsalign and every command exist # SKIP man/groff not installed"
fi

# 13-14. make uninstall leaves nothing behind
cd "$build" || exit 1
if out=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL ${MAKE:-make} uninstall DESTDIR="$dest" 2>&1)
then ok "make uninstall"
else nok "make uninstall" "$(printf '%s\n' "$out" | tail -20)"; fi
left=$(find "$dest" -type f)
if [ -z "$left" ]; then ok "uninstall leaves no file"
else nok "uninstall leaves files" "$left"; fi
exit 0
