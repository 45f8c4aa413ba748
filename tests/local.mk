# CLI tests (shell, TAP)
TESTS += tests/cli/invalid.sh tests/cli/demo.sh tests/cli/sym.sh tests/cli/output.sh tests/cli/standalone.sh
EXTRA_DIST += tests/cli/invalid.sh tests/cli/demo.sh tests/cli/sym.sh tests/cli/output.sh tests/cli/standalone.sh
# hostile claim files: no shell, contained paths, whole outputs, exit codes
TESTS += tests/cli/hostile-claims.sh
EXTRA_DIST += tests/cli/hostile-claims.sh
EXTRA_DIST += tests/tap.sh
