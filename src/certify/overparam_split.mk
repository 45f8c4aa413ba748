# issue 17: split students (docs/overparam.md "Split students"); included
# last from Makefile.am (it adds to the tsalign program's sources)
libtsalign_la_SOURCES += src/certify/tsa_overparam_split.h \
	src/certify/overparam_split.c \
	src/certify/overparam_split_jet.c src/certify/overparam_split_run.c \
	src/certify/overparam_split_cert.c
src_tsalign_SOURCES += src/cli/cli_overparam_split.c \
	src/cli/cli_overparam_splitc.c
check_PROGRAMS += tests/certify/t-overparam-split
TESTS += tests/certify/t-overparam-split
TESTS += tests/certify/overparam-split.sh
EXTRA_DIST += tests/certify/overparam-split.sh tests/certify/split-mpmath.py
# the split census beyond make check's k range (docs/overparam.md)
overparam-split-full: src/tsalign
	src/tsalign overparam split-census --k 6:20 \
	    --census=$(abs_top_srcdir)/data/ssy2021-minima.tsv
.PHONY: overparam-split-full
