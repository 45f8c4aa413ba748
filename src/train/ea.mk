# early alignment, measured (issue 13 item 3; docs/early-alignment.md)
libtsalign_la_SOURCES += src/train/tsa_ea.h src/train/ea_data.c \
	src/train/ea_net.c src/train/ea_run.c src/train/ea_sweep.c \
	src/train/ea_out.c src/claims/ea1.c
check_PROGRAMS += tests/train/t-ea
TESTS += tests/train/t-ea tests/train/ea-cli.sh
EXTRA_DIST += tests/train/ea-cli.sh

# The full tier of the measurements (not part of make check): the sweep of
# docs/early-alignment.md s. M3 into reports/ (about 2 minutes on one core).
ea-full: src/tsalign
	@mkdir -p reports
	./src/tsalign ea sweep --out reports --name ea-sweep-full
.PHONY: ea-full
