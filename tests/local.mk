# CLI tests (shell, TAP)
TESTS += tests/cli/invalid.sh tests/cli/demo.sh
EXTRA_DIST += tests/cli/invalid.sh tests/cli/demo.sh
