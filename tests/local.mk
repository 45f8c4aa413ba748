# CLI tests (shell, TAP)
TESTS += tests/cli/invalid.sh tests/cli/demo.sh tests/cli/sym.sh
EXTRA_DIST += tests/cli/invalid.sh tests/cli/demo.sh tests/cli/sym.sh
