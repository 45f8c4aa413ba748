# File formats, schemas and tables (issue 15): TAP shell tests
TESTS += tests/cli/schemas.sh
EXTRA_DIST += tests/cli/schemas.sh docs/formats
