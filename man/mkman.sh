#!/bin/sh
# mkman.sh -- man pages from the program's own help text (install.mk).
#
#   sh mkman.sh TSALIGN OUTDIR VERSION PKGDATADIR
#
# writes OUTDIR/tsalign.1 from `TSALIGN --help` and OUTDIR/tsalign-CMD.1
# from `TSALIGN CMD --help` for every command that `tsalign --help` lists,
# so the pages say exactly what the program says.  The text is kept as
# printed (no-fill); a line such as "Options:" or "Exit status:" becomes a
# section heading, the "Usage:" lines the SYNOPSIS.  POSIX sh and awk only.
set -eu
bin=$1 out=$2 version=$3 datadir=$4
LC_ALL=C
export LC_ALL

# the commands: two-space-indented words of the "Commands:" block
commands=$("$bin" --help | awk '
  /^Commands:/ { on = 1; next }
  on && /^[^ ]/ { on = 0 }
  on && /^  [a-z][a-z0-9-]* / { print $1 }')
[ -n "$commands" ] || { echo "mkman.sh: no commands in $bin --help" >&2; exit 1; }

# one-line description of a command, from the "Commands:" block
describe() {
  "$bin" --help | awk -v c="$1" '
    /^Commands:/ { on = 1; next }
    on && /^[^ ]/ { on = 0 }
    on && $1 == c { sub(/^  [^ ]+ +/, ""); print; exit }'
}

# roff page from help text on stdin: $1 page name, $2 one-line summary
page() {
  name=$1 summary=$2
  upper=$(printf '%s' "$name" | tr 'a-z' 'A-Z')
  awk -v name="$name" -v upper="$upper" -v summary="$summary" \
      -v version="$version" -v datadir="$datadir" -v cmds="$commands" '
  function esc(s) {
    gsub(/\\/, "\\e", s)
    if (s ~ /^[.\047]/) s = "\\&" s
    return s
  }
  function heading(s) {
    sub(/:$/, "", s)
    if (s ~ /^Examples?$/) s = "EXAMPLES"
    if (nf) { print ".fi"; nf = 0 }
    print ".SH " toupper(s)
  }
  BEGIN {
    printf ".TH %s 1 \"\" \"tsalign %s\" \"User Commands\"\n", upper, version
    print ".SH NAME"
    printf "%s \\- %s\n", name, esc(summary)
    insyn = 0; nf = 0
  }
  /^Usage: / { print ".SH SYNOPSIS"; print ".nf"; sub(/^Usage: /, ""); print esc($0); insyn = 1; next }
  insyn && /^       / { sub(/^ +/, ""); print esc($0); next }
  insyn { print ".fi"; print ".SH DESCRIPTION"; insyn = 0 }
  # a heading: a short line on its own, e.g. "Options", "Exit status:"
  /^[A-Z][A-Za-z0-9 ()\/,-]*:$/ && length($0) <= 40 { heading($0); next }
  /^(Options|Examples?)$/ { heading($0); next }
  # "Example: CMD" on one line: an EXAMPLES heading and the command
  /^Examples?: / { heading("Examples"); sub(/^Examples?: +/, "  "); }
  {
    if (!nf) { print ".nf"; nf = 1 }
    if ($0 == "") print ".sp"; else print esc($0)
  }
  END {
    if (nf) print ".fi"
    print ".SH FILES"
    print ".nf"
    printf "%s/proofs_numeric/  claim files (tsalign check ID finds ID.json here)\n", datadir
    printf "%s/data/            the census of local minima\n", datadir
    printf "%s/docs/            the documentation\n", datadir
    print ".fi"
    print "The environment variable TSALIGN_DATADIR names another folder with this layout."
    print ".SH SEE ALSO"
    n = split(cmds, c, "\n"); line = ""
    if (name != "tsalign") line = ".BR tsalign (1)"
    for (i = 1; i <= n; i++) {
      if ("tsalign-" c[i] == name) continue
      line = line (line == "" ? "" : ",\n") ".BR tsalign-" c[i] " (1)"
    }
    print line
  }'
}

"$bin" --help | page tsalign \
  "rigorous numeric certificates for teacher-student ReLU networks" \
  > "$out/tsalign.1.tmp"
mv -f "$out/tsalign.1.tmp" "$out/tsalign.1"
for c in $commands; do
  help=$("$bin" "$c" --help) || {
    echo "mkman.sh: $bin $c --help failed" >&2; exit 1; }
  printf '%s\n' "$help" | page "tsalign-$c" "$(describe "$c")" \
    > "$out/tsalign-$c.1.tmp"
  mv -f "$out/tsalign-$c.1.tmp" "$out/tsalign-$c.1"
done
