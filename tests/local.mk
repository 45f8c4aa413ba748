# CLI tests (shell, TAP)
TESTS += tests/cli/invalid.sh
EXTRA_DIST += tests/cli/invalid.sh
