# File formats, schemas and tables (issue 15): TAP shell tests
TESTS += tests/cli/schemas.sh tests/cli/formats.sh
EXTRA_DIST += tests/cli/schemas.sh tests/cli/formats.sh docs/formats
# the Python recipe for Arb dumps and hex floats, against values from C
check_PROGRAMS += tests/base/recipe-values
TESTS += tests/cli/recipe.sh
EXTRA_DIST += tests/cli/recipe.sh
